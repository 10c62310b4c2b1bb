"""Words printed in the trip guides, in both languages (the content comes from the trip and product records)."""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "famtrip": {"vi": "Famtrip · Đoàn doanh nghiệp lữ hành", "en": "Famtrip · Travel agencies"},
    "presstrip": {"vi": "Presstrip · Đoàn phóng viên", "en": "Presstrip · Journalists"},
    "guide": {"vi": "Sổ tay hướng dẫn viên", "en": "Trip leader's guide"},
    "days": {"vi": "{n} ngày", "en": "{n} days"},
    "one_day": {"vi": "1 ngày", "en": "1 day"},
    "stops": {"vi": "{n} điểm dừng", "en": "{n} stops"},
    "day": {"vi": "Ngày {n}: {title}", "en": "Day {n}: {title}"},
    "day_short": {"vi": "Ngày {n}", "en": "Day {n}"},
    "stop_of_day": {"vi": "Ngày {day} · Điểm {n} · {time}", "en": "Day {day} · Stop {n} · {time}"},
    "sketch": {"vi": "Sơ đồ lộ trình: đường thẳng nối các điểm theo thứ tự, không phải đường đi thực tế.",
               "en": "Route sketch: straight lines join the stops in order; they are not the roads."},
    "time": {"vi": "Giờ", "en": "Time"},
    "stop": {"vi": "Điểm dừng", "en": "Stop"},
    "travel": {"vi": "Di chuyển", "en": "Travel"},
    "minutes": {"vi": "{n} phút", "en": "{n} min"},
    "travel_next": {"vi": "{n} phút đến điểm tiếp theo", "en": "{n} min to the next stop"},
    "day_end": {"vi": "Kết thúc ngày", "en": "End of the day"},
    "product": {"vi": "Nơi sản xuất", "en": "Production site"},
    "showroom": {"vi": "Điểm giới thiệu và bán sản phẩm OCOP", "en": "OCOP showroom"},
    "place": {"vi": "Địa điểm", "en": "Place"},
    "activity": {"vi": "Hoạt động", "en": "What to do"},
    "address": {"vi": "Địa chỉ", "en": "Address"},
    "contact": {"vi": "Người đón đoàn", "en": "Contact"},
    "notes": {"vi": "Lưu ý", "en": "Notes"},
    "approximate": {"vi": "vị trí gần đúng", "en": "approximate position"},
    "illustrative": {"vi": "thông tin minh họa", "en": "illustrative data"},
    "presented": {"vi": "Sản phẩm giới thiệu tại đây", "en": "Products presented here"},
    "own_notes": {"vi": "Ghi chú của hướng dẫn viên", "en": "Trip leader's notes"},
    "contacts_title": {"vi": "Danh bạ chuyến đi", "en": "Who's who on the trip"},
    "trip_notes": {"vi": "Ghi chú chuyến đi", "en": "Trip notes"},
    "scan": {"vi": "Quét mã để đọc câu chuyện", "en": "Scan to read the story"},
    "trip_online": {"vi": "Lịch trình và bản đồ trực tuyến", "en": "Itinerary and map online"},
    "programme": {"vi": "OCOP Quảng Ngãi · Mỗi xã một sản phẩm", "en": "OCOP Quảng Ngãi · One Commune One Product"},
    "back_cover": {"vi": "Mỗi sản phẩm OCOP có một câu chuyện. Đọc câu chuyện của từng điểm dừng tại",
                   "en": "Every OCOP product has a story. Read the story of each stop at"},
    "sample": {"vi": "Người liên hệ và số điện thoại ghi \"thông tin minh họa\" là dữ liệu mẫu.",
               "en": "Contacts and phone numbers marked \"illustrative data\" are sample data."},
}


def label(key: str, language: str, **values: object) -> str:
    return LABELS[key][language].format(**values)
