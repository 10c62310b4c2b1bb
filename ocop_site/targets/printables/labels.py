"""Words printed around the content, in both languages (the content itself comes from records and stories)."""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "stars": {"vi": "{n} sao OCOP", "en": "{n}-star OCOP"},
    # instead of the stars when the certificate has ended (docs/printables.md: what is printed then)
    "expired": {"vi": "Giấy chứng nhận OCOP hết hạn ngày {date}", "en": "OCOP certificate expired on {date}"},
    "province": {"vi": "tỉnh Quảng Ngãi", "en": "Quảng Ngãi province"},
    "formerly": {"vi": "trước đây thuộc {name}", "en": "formerly {name}"},
    # the call to action beside every QR code, as on the packaging label
    "scan": {"vi": "Quét mã để đọc câu chuyện", "en": "Scan to read the story"},
    "story": {"vi": "Câu chuyện sản phẩm", "en": "The story"},
    "read_on": {"vi": "Đọc trọn câu chuyện: quét mã QR ở mặt trước hoặc vào",
                "en": "The whole story: scan the QR code on the front or visit"},
    "read_whole": {"vi": "Đọc trọn câu chuyện, xem thêm ảnh và nơi mua trên trang của sản phẩm.",
                   "en": "Read the whole story, see more photos and where to buy on the product's page."},
    "where_made": {"vi": "Nơi làm ra sản phẩm", "en": "Where it is made"},
    "read_on_booklet": {"vi": "Đọc trọn câu chuyện: quét mã QR", "en": "The whole story: scan the QR code"},
    "producer": {"vi": "Chủ thể sản xuất", "en": "Producer"},
    "phone": {"vi": "Điện thoại", "en": "Phone"},
    "where_to_buy": {"vi": "Nơi mua", "en": "Where to buy"},
    "locality": {"vi": "Địa phương", "en": "Locality"},
    "group": {"vi": "Nhóm sản phẩm", "en": "Product group"},
    "certificate": {"vi": "Chứng nhận OCOP: Quyết định số {number}", "en": "OCOP certificate: decision {number}"},
    "illustrative": {"vi": "thông tin minh họa", "en": "illustrative data"},
    "photo": {"vi": "Ảnh", "en": "Photos"},
    "at_a_glance": {"vi": "Thông tin sản phẩm", "en": "At a glance"},
    "season": {"vi": "Mùa vụ", "en": "Season"},
    "ingredients": {"vi": "Thành phần", "en": "Ingredients"},
    "shelf_life": {"vi": "Hạn sử dụng", "en": "Shelf life"},
    "price_range": {"vi": "Giá tham khảo", "en": "Indicative price"},
    "price": {"vi": "{min} – {max} đ / {per}", "en": "{min} – {max} VND / {per}"},
    "programme": {"vi": "OCOP Quảng Ngãi · Mỗi xã một sản phẩm", "en": "OCOP Quảng Ngãi · One Commune One Product"},
    "booklet_title": {"vi": "Sản phẩm OCOP Quảng Ngãi", "en": "OCOP products of Quảng Ngãi"},
    "booklet_title_top": {"vi": "Sản phẩm OCOP", "en": "OCOP products of"},  # the cover sets the title on two lines
    "booklet_subtitle": {"vi": "Danh mục sản phẩm và câu chuyện", "en": "Catalogue of products and their stories"},
    "product_count": {"vi": "{n} sản phẩm", "en": "{n} products"},
    "contents": {"vi": "Mục lục theo nhóm sản phẩm", "en": "Contents by product group"},
    "index": {"vi": "Tra cứu theo địa phương", "en": "Index by locality"},
    "welcome": {"vi": "Chào mừng đến Quảng Ngãi", "en": "Welcome to Quảng Ngãi"},
    "welcome_text": {
        "vi": "Từ đảo tỏi Lý Sơn đến núi sâm Ngọc Linh, mỗi sản phẩm trong cuốn sách này kể một câu chuyện về "
              "đất, về nghề và về những người làm ra nó. Mỗi trang có một mã QR: quét mã để đọc trọn câu "
              "chuyện, bằng tiếng Việt hoặc tiếng Anh, và tìm nơi mua.",
        "en": "From the garlic island of Lý Sơn to the ginseng mountains of Ngọc Linh, every product in this "
              "book tells a story of a land, a craft and the people who make it. Each page has a QR code: scan "
              "it to read the whole story, in Vietnamese or English, and to find where to buy."},
    "what_is_ocop": {"vi": "OCOP là gì?", "en": "What is OCOP?"},
    "ocop_text": {
        "vi": "OCOP (Mỗi xã một sản phẩm) là chương trình quốc gia đánh giá và xếp hạng những sản phẩm đặc trưng "
              "của từng địa phương. Sản phẩm được chấm từ 3 đến 5 sao; giấy chứng nhận có hiệu lực 36 tháng.",
        "en": "OCOP (One Commune One Product) is Viet Nam's national programme that assesses and ranks each "
              "locality's signature products. Products are rated 3 to 5 stars; a certificate is valid for "
              "36 months."},
    "stars_3": {"vi": "Đạt tiêu chuẩn, có thể nâng cấp", "en": "Meets the standard, can be upgraded"},
    "stars_4": {"vi": "Đạt tiêu chuẩn, có thể nâng lên 5 sao", "en": "Meets the standard, can become 5-star"},
    "stars_5": {"vi": "Hạng quốc gia, có thể xuất khẩu", "en": "National rank, ready for export"},
    "six_groups": {"vi": "Sáu nhóm sản phẩm", "en": "Six product groups"},
    "map_title": {"vi": "Sản phẩm đến từ đâu", "en": "Where the products come from"},
    "map_legend_product": {"vi": "Nơi làm ra sản phẩm — số trang", "en": "Where a product is made — its page"},
    "map_legend_showroom": {"vi": "Điểm giới thiệu và bán sản phẩm OCOP", "en": "OCOP showroom"},
    "map_province": {"vi": "Tỉnh Quảng Ngãi (từ 2025, gồm cả Kon Tum cũ)",
                     "en": "Quảng Ngãi province (since 2025, with the former Kon Tum)"},
    "map_credit": {"vi": "Bản đồ: GSHHG (LGPL), Natural Earth. Vị trí gần đúng.",
                   "en": "Map data: GSHHG (LGPL), Natural Earth. Positions approximate."},
    "label_title": {"vi": "Cách đọc nhãn OCOP", "en": "How to read an OCOP label"},
    "label_stars": {"vi": "Số sao OCOP: 3 đến 5, do hội đồng tỉnh (3–4 sao) hoặc trung ương (5 sao) chấm.",
                    "en": "OCOP stars: 3 to 5, awarded by the province (3–4 stars) or nationally (5 stars)."},
    "label_group": {"vi": "Nhóm sản phẩm: một trong sáu nhóm OCOP.",
                    "en": "Product group: one of the six OCOP groups."},
    "label_certificate": {
        "vi": "Quyết định công nhận: số và ngày; chứng nhận có hiệu lực 36 tháng.",
        "en": "Certificate: the decision's number and date; it is valid for 36 months."},
    "label_qr": {"vi": "Mã QR: mở câu chuyện của chính sản phẩm này, bằng tiếng Việt hoặc tiếng Anh.",
                 "en": "QR code: opens this product's own story, in Vietnamese or English."},
    "label_producer": {"vi": "Chủ thể sản xuất và địa phương: ai làm ra sản phẩm, ở xã nào.",
                       "en": "Producer and locality: who makes the product, and in which commune."},
    "label_example": {"vi": "Ví dụ", "en": "Example"},
    "visit_title": {"vi": "Mua ở đâu, hỏi ai", "en": "Where to buy, whom to ask"},
    "visit_text": {
        "vi": "Sản phẩm OCOP được bày bán tại các điểm giới thiệu sản phẩm OCOP của tỉnh, tại cơ sở sản xuất "
              "và ở các hội chợ. Mỗi trang sản phẩm ghi nơi mua và số điện thoại của chủ thể.",
        "en": "OCOP products are sold at the province's OCOP showrooms, at the producers' own workshops and at "
              "fairs. Each product page gives where to buy it and the producer's phone number."},
    "showrooms": {"vi": "Điểm giới thiệu và bán sản phẩm OCOP", "en": "OCOP showrooms"},
    "department": {"vi": "Sở Văn hóa, Thể thao và Du lịch tỉnh Quảng Ngãi",
                   "en": "Quảng Ngãi Department of Culture, Sports and Tourism"},
    "department_text": {"vi": "Thông tin du lịch, lịch trình famtrip và câu chuyện sản phẩm:",
                        "en": "Travel information, famtrip itineraries and the product stories:"},
    "notes": {"vi": "Ghi chú", "en": "Notes"},
    "back_cover": {"vi": "Mỗi sản phẩm OCOP có một câu chuyện. Quét mã QR trên bao bì, hoặc đọc tại",
                   "en": "Every OCOP product has a story. Scan the QR code on its package, or read it at"},
}


def label(key: str, language: str, **values: object) -> str:
    return LABELS[key][language].format(**values)


def labels_for(language: str) -> dict[str, str]:
    """Every label in one language, for templates (those with {placeholders} are filled in by the pieces)."""
    return {key: texts[language] for key, texts in LABELS.items()}
