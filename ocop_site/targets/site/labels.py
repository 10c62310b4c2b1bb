"""How the site writes places, phone numbers, dates and money; its words are in the message catalogue (i18n.py)."""

from __future__ import annotations

# Vietnamese place types, glossed in English on first use: "Đặc khu Lý Sơn (Lý Sơn special zone)"
PLACE_TYPES = {"Đặc khu": "special zone", "Thành phố": "city", "Thị xã": "town", "Thị trấn": "township",
               "Phường": "ward", "Huyện": "district", "Xã": "commune"}


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
