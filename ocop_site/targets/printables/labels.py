"""Words printed around the content, in both languages (the content itself comes from records and stories)."""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "stars": {"vi": "{n} sao OCOP", "en": "{n}-star OCOP"},
    "province": {"vi": "tỉnh Quảng Ngãi", "en": "Quảng Ngãi province"},
    "formerly": {"vi": "trước đây thuộc {name}", "en": "formerly {name}"},
    # the call to action beside every QR code, as on the packaging label
    "scan": {"vi": "Quét mã để đọc câu chuyện", "en": "Scan to read the story"},
    "story": {"vi": "Câu chuyện sản phẩm", "en": "The story"},
    "read_on": {"vi": "Đọc trọn câu chuyện: quét mã QR ở mặt trước hoặc vào",
                "en": "The whole story: scan the QR code on the front or visit"},
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
    "back_cover": {"vi": "Mỗi sản phẩm OCOP có một câu chuyện. Quét mã QR trên bao bì, hoặc đọc tại",
                   "en": "Every OCOP product has a story. Scan the QR code on its package, or read it at"},
}


def label(key: str, language: str, **values: object) -> str:
    return LABELS[key][language].format(**values)


def labels_for(language: str) -> dict[str, str]:
    """Every label in one language, for templates (those with {placeholders} are filled in by the pieces)."""
    return {key: texts[language] for key, texts in LABELS.items()}
