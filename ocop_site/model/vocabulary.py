"""Names of the official OCOP categories in both languages (Decision 148/QĐ-TTg, 2023)."""

GROUPS: dict[str, dict[str, str]] = {
    "food": {"vi": "Thực phẩm", "en": "Food"},
    "beverages": {"vi": "Đồ uống", "en": "Beverages"},
    "herbal": {"vi": "Thảo dược", "en": "Herbal products"},
    "textiles": {"vi": "Vải và may mặc", "en": "Fabrics and garments"},
    "souvenirs": {"vi": "Lưu niệm - nội thất - trang trí", "en": "Souvenirs, furniture and decoration"},
    "tourism": {
        "vi": "Dịch vụ du lịch cộng đồng, du lịch nông thôn và điểm du lịch",
        "en": "Community and rural tourism services",
    },
}

PRODUCER_KINDS: dict[str, dict[str, str]] = {
    "enterprise": {"vi": "Doanh nghiệp", "en": "Enterprise"},
    "cooperative": {"vi": "Hợp tác xã", "en": "Cooperative"},
    "cooperative-group": {"vi": "Tổ hợp tác", "en": "Cooperative group"},
    "household": {"vi": "Hộ kinh doanh", "en": "Household business"},
}

SHOP_KINDS: dict[str, dict[str, str]] = {
    "shop": {"vi": "Cửa hàng", "en": "Shop"},
    "showroom": {"vi": "Điểm giới thiệu sản phẩm OCOP", "en": "OCOP showroom"},
    "online": {"vi": "Mua trực tuyến", "en": "Online"},
}
