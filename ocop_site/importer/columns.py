"""The columns of the department's OCOP product list, and the header names accepted for each.

Headers are matched ignoring case, diacritics, spacing and punctuation, so "Tên sản phẩm",
"TÊN SẢN PHẨM" and "ten san pham" are the same column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ocop_site.content.localities import fold


@dataclass(frozen=True)
class Column:
    key: str
    required: bool
    names: tuple[str, ...]  # accepted headers, Vietnamese first; the first one is shown in messages


COLUMNS: tuple[Column, ...] = (
    Column("number", False, ("STT", "Số thứ tự", "No", "No.", "#")),
    Column("name", True, ("Tên sản phẩm", "Sản phẩm", "Tên sản phẩm OCOP", "Product", "Product name", "Name")),
    Column("name_en", False, ("Tên tiếng Anh", "Tên sản phẩm tiếng Anh", "English name", "Name (English)")),
    Column("producer", True, ("Chủ thể", "Chủ thể OCOP", "Tên chủ thể", "Chủ thể sản xuất", "Producer",
                              "OCOP subject", "Owner")),
    Column("address", True, ("Địa chỉ", "Địa chỉ chủ thể", "Address")),
    Column("district", False, ("Huyện", "Huyện/thị xã/thành phố", "Địa bàn", "District")),
    Column("commune", False, ("Xã", "Xã/phường", "Xã/phường/thị trấn", "Commune", "Ward")),
    Column("phone", False, ("Điện thoại", "Số điện thoại", "SĐT", "Phone", "Telephone")),
    Column("stars", True, ("Hạng sao", "Số sao", "Xếp hạng", "Kết quả xếp hạng", "Stars", "Star rating", "Rating")),
    Column("group", False, ("Nhóm", "Nhóm sản phẩm", "Phân nhóm", "Group", "Product group",
                            "Category")),
    Column("decision", True, ("Số quyết định", "Số QĐ", "Quyết định", "Quyết định công nhận", "Decision",
                              "Decision number", "Decision no")),
    Column("date", True, ("Ngày quyết định", "Ngày QĐ", "Ngày công nhận", "Ngày ký", "Decision date",
                          "Date of decision", "Recognized", "Date")),
)


def normalize_header(text: str) -> str:
    """'Tên  sản-phẩm ' → 'tensanpham': no case, diacritics, spaces or punctuation."""
    return re.sub(r"[^a-z0-9#]", "", fold(str(text)))


_BY_HEADER = {normalize_header(name): column.key for column in COLUMNS for name in column.names}


def match_headers(cells: list[object]) -> dict[str, int]:
    """Column key → cell index for every recognised header in a row (the first one wins)."""
    found: dict[str, int] = {}
    for index, cell in enumerate(cells):
        key = _BY_HEADER.get(normalize_header(cell)) if cell is not None else None
        if key and key not in found:
            found[key] = index
    return found


def required_keys() -> list[str]:
    return [column.key for column in COLUMNS if column.required]


def describe(key: str) -> str:
    """"'Tên sản phẩm' (or: 'Sản phẩm', …)" for messages about a missing column."""
    column = next(c for c in COLUMNS if c.key == key)
    first, *others = column.names
    return f"'{first}' (or: " + ", ".join(f"'{name}'" for name in others) + ")"
