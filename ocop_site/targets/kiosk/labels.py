"""The kiosk's own words, in both languages."""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "kiosk": {"vi": "Ki-ốt", "en": "Kiosk"},
    "intro": {"vi": "Chạm vào một nhóm để khám phá câu chuyện của từng sản phẩm OCOP.",
              "en": "Touch a group to explore the story of each OCOP product."},
    "start": {"vi": "Trang đầu", "en": "Start"},
    "groups": {"vi": "Nhóm sản phẩm OCOP", "en": "OCOP product groups"},
    "count": {"vi": "{n} sản phẩm", "en": "{n} products"},
    "count_one": {"vi": "1 sản phẩm", "en": "1 product"},
    "count_none": {"vi": "Chưa có sản phẩm", "en": "No products yet"},
    "stars": {"vi": "OCOP {n} sao", "en": "{n}-star OCOP"},
    "photos": {"vi": "Ảnh", "en": "Photos"},
    "photo_of": {"vi": "Ảnh {i}/{n}", "en": "Photo {i} of {n}"},
    "open_photo": {"vi": "Xem ảnh {i}", "en": "View photo {i}"},
    "previous": {"vi": "Ảnh trước", "en": "Previous"},
    "next": {"vi": "Ảnh sau", "en": "Next"},
    "close": {"vi": "Đóng", "en": "Close"},
    "credit": {"vi": "Ảnh", "en": "Photo"},
    "producer": {"vi": "Chủ thể sản xuất", "en": "Producer"},
    "commune": {"vi": "Nơi sản xuất", "en": "Made in"},
    "where_to_buy": {"vi": "Nơi mua", "en": "Where to buy"},
    "season": {"vi": "Mùa vụ", "en": "Season"},
    "qr": {"vi": "Quét mã để mang câu chuyện này về điện thoại",
           "en": "Scan to take this story home on your phone"},
    "qr_alt": {"vi": "Mã QR của sản phẩm {code}", "en": "QR code of product {code}"},
    "attract": {"vi": "Chạm vào màn hình để bắt đầu", "en": "Touch the screen to start"},
    "featured": {"vi": "Sản phẩm tiêu biểu", "en": "Featured products"},
    "offline_saving": {"vi": "Đang lưu để dùng khi mất mạng…", "en": "Saving for offline use…"},
    "offline_ready": {"vi": "Sẵn sàng khi mất mạng", "en": "Ready offline"},
    "offline_missing": {"vi": "Chưa lưu được để dùng khi mất mạng", "en": "Not saved for offline use"},
    "other_language": {"vi": "English", "en": "Tiếng Việt"},
}


def label(key: str, language: str, **values: object) -> str:
    return LABELS[key][language].format(**values)
