"""Interface text of the site in both languages (content text lives in the records and stories)."""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "language_name": {"vi": "Tiếng Việt", "en": "English"},
    "language_code": {"vi": "VI", "en": "EN"},
    "home": {"vi": "Trang chủ", "en": "Home"},
    "catalogue": {"vi": "Danh mục sản phẩm", "en": "Product catalogue"},
    "about": {"vi": "Về chương trình OCOP", "en": "About the OCOP programme"},
    "home_description": {
        "vi": "Câu chuyện của từng sản phẩm OCOP Quảng Ngãi: nguồn gốc, quy trình sản xuất, dấu ấn văn hóa.",
        "en": "The story of each OCOP product of Quảng Ngãi: origin, production process, cultural imprint.",
    },
    "featured": {"vi": "Sản phẩm tiêu biểu", "en": "Featured products"},
    "browse": {"vi": "Khám phá theo", "en": "Browse by"},
    "by_group": {"vi": "Nhóm sản phẩm", "en": "Product group"},
    "by_locality": {"vi": "Địa phương", "en": "Locality"},
    "by_stars": {"vi": "Hạng sao", "en": "Star rating"},
    "stars": {"vi": "{n} sao OCOP", "en": "{n}-star OCOP"},
    "product_count": {"vi": "{n} sản phẩm", "en": "{n} products"},
    "product_count_one": {"vi": "1 sản phẩm", "en": "1 product"},
    "group": {"vi": "Nhóm", "en": "Group"},
    "locality": {"vi": "Địa phương", "en": "Locality"},
    "formerly": {"vi": "trước đây thuộc {name}", "en": "formerly {name}"},
    "producer": {"vi": "Chủ thể sản xuất", "en": "Producer"},
    "phone": {"vi": "Điện thoại", "en": "Phone"},
    "address": {"vi": "Địa chỉ", "en": "Address"},
    "certificate": {"vi": "Chứng nhận OCOP", "en": "OCOP certificate"},
    "decision": {"vi": "Quyết định số {number}, công nhận ngày {date}", "en": "Decision {number}, recognized {date}"},
    "cert_valid": {"vi": "Còn hiệu lực đến {date}", "en": "Valid until {date}"},
    "cert_expiring": {"vi": "Sắp hết hiệu lực: {date}", "en": "Expires soon: {date}"},
    "cert_expired": {"vi": "Đã hết hiệu lực từ {date}", "en": "Expired on {date}"},
    "illustrative": {"vi": "thông tin minh họa", "en": "illustrative data"},
    "details": {"vi": "Thông tin sản phẩm", "en": "Product details"},
    "season": {"vi": "Mùa vụ", "en": "Season"},
    "ingredients": {"vi": "Thành phần", "en": "Ingredients"},
    "shelf_life": {"vi": "Hạn sử dụng", "en": "Shelf life"},
    "price_range": {"vi": "Giá tham khảo", "en": "Indicative price"},
    "price": {"vi": "{min} – {max} đ / {per}", "en": "{min} – {max} VND / {per}"},
    "where_to_buy": {"vi": "Nơi mua", "en": "Where to buy"},
    "gallery": {"vi": "Hình ảnh", "en": "Photos"},
    "photo_credit": {"vi": "Ảnh", "en": "Photo"},
    "related": {"vi": "Sản phẩm liên quan", "en": "Related products"},
    "other_name": {"vi": "Tên tiếng Anh", "en": "Vietnamese name"},
    "all_groups": {"vi": "Tất cả nhóm sản phẩm", "en": "All product groups"},
    "all_localities": {"vi": "Tất cả địa phương", "en": "All localities"},
    "all_stars": {"vi": "Tất cả hạng sao", "en": "All star ratings"},
    "map_link": {"vi": "Xem trên bản đồ", "en": "View on a map"},
    "map": {"vi": "Bản đồ", "en": "Map"},
    "map_title": {"vi": "Bản đồ nơi sản xuất và điểm bán sản phẩm OCOP",
                  "en": "Map of OCOP producers and showrooms"},
    "map_open": {"vi": "Mở bản đồ", "en": "Open the map"},
    "map_note": {"vi": "Bản đồ nền tải từ {host} khi bạn bấm mở; danh sách bên dưới dùng được không cần bản đồ.",
                 "en": "The map background loads from {host} when you open it; the list below works without it."},
    "map_places": {"vi": "Các địa điểm trên bản đồ", "en": "Places on the map"},
    "map_intro": {"vi": "Nơi sản xuất của {products} và {showrooms} điểm giới thiệu, bán sản phẩm OCOP.",
                  "en": "Where {products} are made, and {showrooms} OCOP showrooms."},
    "map_by_locality": {"vi": "Theo địa phương", "en": "By locality"},
    "showrooms": {"vi": "Điểm giới thiệu và bán sản phẩm OCOP", "en": "OCOP showrooms"},
    "approximate": {"vi": "vị trí gần đúng", "en": "approximate position"},
    "origin": {"vi": "Nơi sản xuất", "en": "Where it comes from"},
    "origin_text": {"vi": "{name} được làm tại {commune}, tỉnh Quảng Ngãi.",
                    "en": "{name} is made in {commune}, Quảng Ngãi province."},
    # tourism products (group "tourism") are visited, not made or packed
    "origin_tourism": {"vi": "Địa điểm", "en": "Where it is"},
    "origin_text_tourism": {"vi": "{name} ở {commune}, tỉnh Quảng Ngãi.",
                            "en": "{name} is in {commune}, Quảng Ngãi province."},
    "where_to_buy_tourism": {"vi": "Đặt chuyến tham quan", "en": "How to book a visit"},
    "producer_tourism": {"vi": "Đơn vị tổ chức", "en": "Run by"},
    "rating": {"vi": "Hạng sao OCOP", "en": "OCOP star rating"},
    "rating_5": {"vi": "OCOP 5 sao: sản phẩm cấp quốc gia", "en": "5-star OCOP: a national-level product"},
    "rating_4": {"vi": "OCOP 4 sao: sản phẩm cấp tỉnh, có thể nâng lên 5 sao",
                 "en": "4-star OCOP: a provincial-level product that may rise to 5 stars"},
    "rating_3": {"vi": "OCOP 3 sao: sản phẩm cấp tỉnh đạt chuẩn",
                 "en": "3-star OCOP: a provincial-level product that meets the standard"},
    "hours": {"vi": "Giờ mở cửa", "en": "Opening hours"},
    "shop_map": {"vi": "Bản đồ", "en": "Map"},
    "shop_map_label": {"vi": "Xem {name} trên bản đồ (OpenStreetMap)", "en": "See {name} on a map (OpenStreetMap)"},
    "all_on_map": {"vi": "Xem tất cả trên bản đồ sản phẩm", "en": "See all on the product map"},
    "share": {"vi": "Chia sẻ", "en": "Share"},
    "share_zalo": {"vi": "Chia sẻ qua Zalo", "en": "Share on Zalo"},
    "share_facebook": {"vi": "Chia sẻ lên Facebook", "en": "Share on Facebook"},
    "share_other": {"vi": "Chia sẻ…", "en": "Share…"},
    "share_copy": {"vi": "Chép liên kết", "en": "Copy link"},
    "share_copied": {"vi": "Đã chép liên kết", "en": "Link copied"},
    "withdrawn_title": {"vi": "Sản phẩm không còn trong Chương trình OCOP",
                        "en": "Product no longer in the OCOP programme"},
    "downloads": {"vi": "Tải về", "en": "Downloads"},
    "downloads_intro": {
        "vi": "Mã QR cho bao bì và tờ nhãn in sẵn cho nhà in: mỗi mã dẫn đến câu chuyện của sản phẩm.",
        "en": "QR codes for packaging and ready-to-print label sheets: each code leads to the product's story.",
    },
    "label_sheets": {"vi": "Tờ nhãn A4 cho nhà in", "en": "A4 label sheets for print shops"},
    "qr_codes": {"vi": "Mã QR từng sản phẩm", "en": "QR code of each product"},
    "qr_code": {"vi": "Mã", "en": "Code"},
    "product": {"vi": "Sản phẩm", "en": "Product"},
    "files": {"vi": "Tệp", "en": "Files"},
    "for_producers": {"vi": "Dành cho chủ thể", "en": "For producers"},
    "for_producers_intro": {
        "vi": "Mã QR {code} in trên bao bì dẫn khách đến câu chuyện này. Tải tệp để in:",
        "en": "The QR code {code} printed on the packaging leads visitors to this story. Files to print:",
    },
    "for_producers_intro_tourism": {
        "vi": "Mã QR {code} trên biển giới thiệu và tờ rơi dẫn khách đến câu chuyện này. Tải tệp để in:",
        "en": "The QR code {code} on signs and leaflets leads visitors to this story. Files to print:",
    },
    "qr_file_svg": {"vi": "Mã QR dạng vector (SVG)", "en": "QR code as vector artwork (SVG)"},
    "qr_file_png": {"vi": "Mã QR dạng ảnh 600 dpi (PNG)", "en": "QR code as a 600 dpi image (PNG)"},
    "qr_file_pdf": {"vi": "Nhãn in kèm tên sản phẩm (PDF)", "en": "Print label with the product name (PDF)"},
    "language_name_vi": {"vi": "tiếng Việt", "en": "Vietnamese"},
    "language_name_en": {"vi": "tiếng Anh", "en": "English"},
    "printables": {"vi": "Tài liệu in", "en": "Printables"},
    "printables_intro": {
        "vi": "Tờ rơi và tập gấp sẵn sàng gửi nhà in (tràn lề 3 mm, nhúng phông chữ):",
        "en": "Flyers and brochures ready for a print shop (3 mm bleed, fonts embedded):",
    },
    "printable_flyer-a5": {"vi": "Tờ rơi A5 bằng {in_language} (PDF)", "en": "A5 flyer in {in_language} (PDF)"},
    "printable_brochure-a4": {"vi": "Tập gấp ba A4 bằng {in_language} (PDF)",
                              "en": "A4 tri-fold brochure in {in_language} (PDF)"},
    "printable_short_flyer-a5": {"vi": "Tờ rơi A5", "en": "A5 flyer"},
    "printable_short_brochure-a4": {"vi": "Tập gấp A4", "en": "A4 brochure"},
    "catalogue_booklet": {"vi": "Cuốn catalogue sản phẩm OCOP (A5, PDF)",
                          "en": "OCOP product catalogue booklet (A5, PDF)"},
    "search": {"vi": "Tìm kiếm", "en": "Search"},
    "search_intro": {"vi": "Tìm sản phẩm OCOP theo tên, địa phương hoặc câu chuyện; gõ có dấu hay không dấu đều được.",
                     "en": "Find OCOP products by name, place or story."},
    "search_label": {"vi": "Tên sản phẩm, địa phương, nguyên liệu…", "en": "Product name, place, ingredient…"},
    "search_placeholder": {"vi": "ví dụ: toi ly son", "en": "e.g. garlic"},
    "search_none": {"vi": "Không tìm thấy sản phẩm nào.", "en": "No product found."},
    "search_count": {"vi": "{n} sản phẩm", "en": "{n} products"},
    "search_count_one": {"vi": "1 sản phẩm", "en": "1 product"},
    "search_offline": {"vi": "Chưa tải được chỉ mục tìm kiếm; hãy thử lại khi có mạng.",
                       "en": "The search index could not be loaded; try again when you are online."},
    "search_noscript": {"vi": "Tìm kiếm cần JavaScript. Bạn có thể xem",
                        "en": "Search needs JavaScript. You can browse the"},
    "sample_notice": {
        "vi": "Dữ liệu mẫu để trình diễn: số quyết định, điện thoại và thông tin chủ thể có đánh dấu là minh họa.",
        "en": "Sample data for demonstration: decision numbers, phone numbers and producer details marked "
        "illustrative are not real.",
    },
    # trips (trips/pages.py)
    "trips": {"vi": "Famtrip và presstrip", "en": "Famtrips and presstrips"},
    "trips_intro": {
        "vi": "Lịch trình qua nơi sản xuất sản phẩm OCOP cho đoàn doanh nghiệp lữ hành (famtrip) và phóng viên "
        "(presstrip), kèm sổ tay in cho hướng dẫn viên.",
        "en": "Itineraries through the places where OCOP products are made, for travel agencies (famtrips) and "
        "journalists (presstrips), with a printable guide for the trip leader.",
    },
    "trips_none": {"vi": "Chưa có lịch trình nào.", "en": "No itinerary yet."},
    "trip_famtrip": {"vi": "Famtrip cho doanh nghiệp lữ hành", "en": "Famtrip for travel agencies"},
    "trip_presstrip": {"vi": "Presstrip cho phóng viên", "en": "Presstrip for journalists"},
    "trip_days": {"vi": "{n} ngày", "en": "{n} days"},
    "trip_one_day": {"vi": "1 ngày", "en": "1 day"},
    "trip_stops": {"vi": "{n} điểm dừng", "en": "{n} stops"},
    "trip_stops_one": {"vi": "1 điểm dừng", "en": "1 stop"},
    "trip_day": {"vi": "Ngày {n}: {title}", "en": "Day {n}: {title}"},
    "trip_route": {"vi": "Lộ trình ngày {n}", "en": "Route of day {n}"},
    "trip_travel": {"vi": "{n} phút đến điểm tiếp theo", "en": "{n} min to the next stop"},
    "trip_day_end": {"vi": "Kết thúc ngày", "en": "End of the day"},
    "trip_activity": {"vi": "Hoạt động", "en": "What to do"},
    "trip_contact": {"vi": "Người đón đoàn", "en": "Contact"},
    "trip_notes": {"vi": "Lưu ý", "en": "Notes"},
    "trip_next": {"vi": "Di chuyển", "en": "Travel"},
    "trip_story": {"vi": "Đọc câu chuyện sản phẩm {name}", "en": "Read the story of {name}"},
    "trip_products_here": {"vi": "Sản phẩm giới thiệu tại đây", "en": "Products presented here"},
    "trip_producer_site": {"vi": "Nơi sản xuất", "en": "Production site"},
    "trip_showroom": {"vi": "Điểm giới thiệu và bán sản phẩm OCOP", "en": "OCOP showroom"},
    "trip_place": {"vi": "Địa điểm", "en": "Place"},
    "trip_guide": {"vi": "Sổ tay hướng dẫn viên A5 bằng {in_language} (PDF)",
                   "en": "A5 guide booklet in {in_language} (PDF)"},
    "press_kit": {"vi": "Bộ tài liệu báo chí", "en": "Press kit"},
}


# Vietnamese place types, glossed in English on first use: "Đặc khu Lý Sơn (Lý Sơn special zone)"
PLACE_TYPES = {"Đặc khu": "special zone", "Thành phố": "city", "Thị xã": "town", "Thị trấn": "township",
               "Phường": "ward", "Huyện": "district", "Xã": "commune"}


def label(key: str, language: str, **values: object) -> str:
    """The label in `language`; with n=1, its singular form `<key>_one` where there is one."""
    if values.get("n") == 1 and f"{key}_one" in LABELS:
        key = f"{key}_one"
    return LABELS[key][language].format(**values)


def place_in_english(name: str) -> str | None:
    """'Huyện Bình Sơn' → 'Bình Sơn district'; None for a name without a known place type."""
    for kind, english in PLACE_TYPES.items():
        if name.startswith(kind + " ") and name[len(kind) + 1:].strip():
            return f"{name[len(kind) + 1:]} {english}"
    return None


def place_gloss(name: str, language: str) -> str:
    """'Đặc khu Lý Sơn' → 'Đặc khu Lý Sơn (Lý Sơn special zone)' in English; unchanged in Vietnamese."""
    english = place_in_english(name) if language == "en" else None
    return f"{name} ({english})" if english else name


def intl_phone(phone: str) -> str:
    """A Vietnamese number in +84 form, so that it dials from a foreign SIM: '0255 3822 111' → '+84 255 3822 111'."""
    phone = phone.strip()
    return "+84 " + phone[1:].lstrip() if phone.startswith("0") else phone


def tel_href(phone: str) -> str:
    return "tel:" + "".join(c for c in intl_phone(phone) if c.isdigit() or c == "+")


def vn_date(day, language: str) -> str:
    return day.strftime("%d/%m/%Y")


def vn_money(amount: int, language: str) -> str:
    text = f"{amount:,}"
    return text.replace(",", ".") if language == "vi" else text
