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
