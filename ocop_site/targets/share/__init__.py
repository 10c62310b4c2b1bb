"""Share cards: the 1200×630 picture a product's link shows on Zalo, Facebook and X (`cards`),
drawn with Be Vietnam Pro made whole for Pillow (`fonts`)."""
