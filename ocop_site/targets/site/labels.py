"""Interface text of the site in both languages (content text lives in the records and stories)."""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "language_name": {"vi": "Tiếng Việt", "en": "English"},
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
    "search_offline": {"vi": "Chưa tải được chỉ mục tìm kiếm; hãy thử lại khi có mạng.",
                       "en": "The search index could not be loaded; try again when you are online."},
    "search_noscript": {"vi": "Tìm kiếm cần JavaScript. Bạn có thể xem",
                        "en": "Search needs JavaScript. You can browse the"},
    "sample_notice": {
        "vi": "Dữ liệu mẫu để trình diễn: số quyết định, điện thoại và thông tin chủ thể có đánh dấu là minh họa.",
        "en": "Sample data for demonstration: decision numbers, phone numbers and producer details marked "
        "illustrative are not real.",
    },
}


def label(key: str, language: str, **values: object) -> str:
    return LABELS[key][language].format(**values)


def vn_date(day, language: str) -> str:
    return day.strftime("%d/%m/%Y")


def vn_money(amount: int, language: str) -> str:
    text = f"{amount:,}"
    return text.replace(",", ".") if language == "vi" else text
