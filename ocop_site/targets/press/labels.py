"""Words of the press kit in both languages, for its pages and for the texts in its zip."""

from __future__ import annotations

from ocop_site.targets.site.labels import label

PRESS_LABELS: dict[str, dict[str, str]] = {
    "title": {"vi": "Bộ tài liệu báo chí: {name}", "en": "Press kit: {name}"},
    "intro": {
        "vi": "Tài liệu dành cho nhà báo và biên tập viên viết về {name}: bài giới thiệu ngắn và dài bằng tiếng "
              "Việt và tiếng Anh, thông tin chính, liên hệ và ảnh độ phân giải cao.",
        "en": "For journalists and editors writing about {name}: a short and a long description in Vietnamese "
              "and English, key facts, contacts and high-resolution photos.",
    },
    "download": {"vi": "Tải trọn bộ (ZIP, {photos} ảnh gốc, văn bản tiếng Việt và tiếng Anh, {size})",
                 "en": "Download everything (ZIP, {photos} original photos, texts in Vietnamese and English, {size})"},
    "story_link": {"vi": "Đọc câu chuyện đầy đủ của sản phẩm", "en": "Read the product's full story"},
    "short": {"vi": "Giới thiệu ngắn", "en": "Short description"},
    "long": {"vi": "Giới thiệu đầy đủ", "en": "Long description"},
    "words": {"vi": "{n} chữ", "en": "{n} words"},
    "facts": {"vi": "Thông tin chính", "en": "Key facts"},
    "contact": {"vi": "Liên hệ", "en": "Contact"},
    "photos": {"vi": "Ảnh độ phân giải cao", "en": "High-resolution photos"},
    "photo_file": {"vi": "Ảnh gốc {width} × {height} px, {size}", "en": "Original {width} × {height} px, {size}"},
    "credit": {"vi": "Nguồn ảnh", "en": "Credit"},
    "terms": {"vi": "Điều kiện sử dụng ảnh", "en": "Terms of use of the photos"},
    "default_terms": {
        "vi": "Được dùng miễn phí trong bài viết, bản tin và phóng sự về sản phẩm này và về du lịch Quảng Ngãi, "
              "với điều kiện ghi nguồn ảnh như trên. Không dùng cho quảng cáo, bao bì hay bán lại; không chỉnh sửa "
              "làm sai lệch nội dung ảnh.",
        "en": "Free to use in articles, news and features about this product and about tourism in Quảng Ngãi, "
              "provided the credit given above is shown. Not for advertising, packaging or resale; do not alter "
              "a photo in a way that misrepresents what it shows.",
    },
    "name": {"vi": "Tên sản phẩm", "en": "Product name"},
    "rating": {"vi": "Hạng OCOP", "en": "OCOP rating"},
    "stars": {"vi": "{n} sao", "en": "{n} stars"},
    "national": {"vi": "{n} sao (cấp quốc gia)", "en": "{n} stars (national level)"},
    "rating_expired": {"vi": "{stars}, nhưng giấy chứng nhận đã hết hạn ngày {date}",
                       "en": "{stars}, but the certificate expired on {date}"},
    "group": {"vi": "Nhóm sản phẩm", "en": "Product group"},
    "origin": {"vi": "Nơi sản xuất", "en": "Place of origin"},
    "province": {"vi": "tỉnh Quảng Ngãi", "en": "Quảng Ngãi province"},
    "coordinates": {"vi": "Tọa độ", "en": "Coordinates"},
    "decision": {"vi": "Quyết định số {number}, công nhận ngày {recognized}, hiệu lực đến {expires}",
                 "en": "Decision {number}, recognized {recognized}, valid until {expires}"},
    "price": {"vi": "Giá tham khảo", "en": "Indicative price"},
    "price_value": {"vi": "{min} – {max} đ / {per}", "en": "{min} – {max} VND / {per}"},
    "qr_code": {"vi": "Mã QR trên bao bì", "en": "QR code on the packaging"},
    "page": {"vi": "Trang sản phẩm", "en": "Product page"},
    "press_page": {"vi": "Bộ tài liệu báo chí", "en": "Press kit"},
    "email": {"vi": "Thư điện tử", "en": "E-mail"},
    "press_contact": {"vi": "Người liên hệ báo chí", "en": "Press contact"},
    "files": {"vi": "Tệp trong bộ tài liệu", "en": "Files in this kit"},
    "credits_title": {"vi": "Nguồn ảnh và điều kiện sử dụng", "en": "Photo credits and terms of use"},
}


def press_label(key: str, language: str, **values: object) -> str:
    """The press kit's own wording, or the site's where the words are the same (producer, address…)."""
    if key in PRESS_LABELS:
        return PRESS_LABELS[key][language].format(**values)
    return label(key, language, **values)


def file_size(size: int, language: str) -> str:
    """2_180_000 → '2,2 MB' (vi) or '2.2 MB' (en); small files in kB."""
    text = f"{size / 1_000_000:.1f} MB" if size >= 100_000 else f"{max(1, round(size / 1000))} kB"
    return text.replace(".", ",") if language == "vi" else text
