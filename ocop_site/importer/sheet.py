"""Reading the product list: the first sheet of an .xlsx workbook, or a .csv file.

Official lists often start with a title block ("DANH SÁCH SẢN PHẨM OCOP …"): the header row is the
first of the top rows that holds every required column.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ocop_site.content.yaml_source import nfc
from ocop_site.importer.columns import COLUMNS, describe, match_headers, normalize_header, required_keys
from ocop_site.problems import fill, system_reason, values_of

HEADER_SEARCH_ROWS = 20


class SheetError(Exception):
    """The file cannot be used at all (a usage error): wrong kind, unreadable, or required columns missing.

    Its message is an English template of the message catalogue with its values, shown in either language."""

    def __init__(self, message: str, /, **values: object) -> None:
        self.message, self.values = message, values_of(values)
        super().__init__(self.text("en"))

    def text(self, language: str) -> str:
        return fill(self.message, self.values, language)


@dataclass(frozen=True)
class SheetRow:
    number: int  # the row number a spreadsheet program shows (1-based)
    cells: dict[str, object]  # column key → value (str, int, float, date or None)


def read_sheet(path: Path) -> list[SheetRow]:
    if not path.is_file():
        raise SheetError("{path} does not exist", path=path)
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        rows = _xlsx_rows(path)
    elif suffix == ".csv":
        rows = _csv_rows(path)
    else:
        raise SheetError("{path} is not a .xlsx or .csv file (save the list from Excel as .xlsx or CSV UTF-8)",
                         path=path)
    return _table(path, rows)


def _xlsx_rows(path: Path) -> list[list[object]]:
    from openpyxl import load_workbook  # imported here: only the import command needs it
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, OSError, KeyError, ValueError, zipfile.BadZipFile) as error:  # not a workbook
        reason = system_reason(error) if isinstance(error, OSError) and error.errno is not None else error
        raise SheetError("{path} is not a readable .xlsx workbook ({reason})", path=path, reason=reason) from None
    try:
        return [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]
    finally:
        workbook.close()


def _csv_rows(path: Path) -> list[list[object]]:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SheetError("{path} is not UTF-8 text (in Excel: Save As → CSV UTF-8)", path=path) from None
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel  # one column, or nothing to guess from: the header check says what is wrong
    return [list(row) for row in csv.reader(io.StringIO(text), dialect)]


def _table(path: Path, rows: list[list[object]]) -> list[SheetRow]:
    required = required_keys()
    candidates = [(index, match_headers(row)) for index, row in enumerate(rows[:HEADER_SEARCH_ROWS])]
    header = next(((index, found) for index, found in candidates if all(key in found for key in required)), None)
    if header is None:
        title = _unseparated_title(rows[:HEADER_SEARCH_ROWS])
        if title:
            raise SheetError("{path}: the title row has no separators between its columns, so it reads as one "
                             "column: '{title}'. Save the list from Excel as CSV UTF-8, which puts a comma or a "
                             "semicolon between columns", path=path, title=title)
        best = max((found for _, found in candidates), key=len, default={})
        names = "; ".join(describe(key) for key in required if key not in best)
        raise SheetError("{path}: no header row with the required columns; missing {names}. "
                         "Accepted names: docs/report-and-import.md", path=path, names=names)
    header_index, found = header
    table = []
    for offset, row in enumerate(rows[header_index + 1:], start=header_index + 2):
        cells = {key: _clean(row[index]) if index < len(row) else None for key, index in found.items()}
        if any(value not in (None, "") for value in cells.values()):
            table.append(SheetRow(number=offset, cells=cells))
    return table


def _unseparated_title(rows: list[list[object]]) -> str | None:
    """The title row of a list whose columns run together in one cell ("Tên sản phẩm|Chủ thể|…", a CSV
    with another separator than comma, semicolon or tab): None when the rows have columns."""
    if any(sum(1 for cell in row if cell not in (None, "")) > 1 for row in rows):
        return None
    for row in rows:
        text = " ".join(str(cell) for cell in row if cell not in (None, ""))
        folded = normalize_header(text)
        named = [column for column in COLUMNS if column.required
                 and any(normalize_header(name) in folded for name in column.names)]
        if len(named) >= 2:
            return text if len(text) <= 80 else text[:79] + "…"
    return None


def _clean(value: object) -> object:
    if isinstance(value, str):
        return " ".join(nfc(value).split())
    if isinstance(value, dt.datetime):
        return value.date()
    return value
