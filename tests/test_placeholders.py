"""`ocop-site new product` marks every value to fill in as a placeholder, "[[…]]", and validation fails,
naming field (or story section) and line, until each one is replaced (issue 15, part 5)."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import edit
from content_factory import write_photo

RECORD = Path("content/products/duong-phoi.yaml")
STORIES = {language: Path(f"content/stories/duong-phoi.{language}.md") for language in ("vi", "en")}
REFERENCE = "(README.md, 'Content reference', describes the field)"

# what an editor writes in place of each placeholder of the record, by field
FILLED = {
    "name.vi": "Đường phổi Đức Phổ", "name.en": "Đức Phổ lung sugar", "group": "food", "stars": "4",
    "summary.vi": "Đường mía nấu thủ công.", "summary.en": "Hand-boiled cane sugar.",
    "certificate.decision": '"1234/QĐ-UBND"', "certificate.recognized": "2025-03-15",
    "producer.name": "Hợp tác xã Đồng Tâm", "producer.kind": "cooperative", "producer.phone": '"0255 3800 000"',
    "producer.address": "Thôn Đông, Phường Sa Huỳnh", "locality.commune": "Phường Sa Huỳnh",
    "locality.former_district": "Thị xã Đức Phổ", "coordinates.lat": "14.66", "coordinates.lon": "109.06",
    "images[1].alt.vi": "Bánh đường vàng óng", "images[1].alt.en": "Golden sugar cakes",
    "images[1].credit": "Ảnh thử nghiệm",
}


def scaffold(cli) -> list[str]:
    assert cli("new", "product", "duong-phoi", "--content", "content")[0] == 0
    write_photo(Path("content/media/duong-phoi/hero.jpg"))
    return RECORD.read_text(encoding="utf-8").splitlines()


def line_of(lines: list[str], text: str) -> int:
    return next(number for number, line in enumerate(lines, start=1) if text in line)


def test_every_placeholder_of_a_new_product_is_an_error_naming_field_and_line(content, cli):
    lines = scaffold(cli)
    code, out, err = cli("validate", "--content", "content")
    assert (code, out) == (1, "")
    recognized = line_of(lines, "recognized:")
    assert (f"content/products/duong-phoi.yaml:{recognized}: 'certificate.recognized' is still the template's "
            "placeholder\n"
            f"  Fix: write the real value in place of '[[ngày công nhận, YYYY-MM-DD]]' {REFERENCE}\n") in err
    assert (f"content/products/duong-phoi.yaml:{line_of(lines, 'stars:')}: 'stars' is still the template's "
            "placeholder\n"
            f"  Fix: write the real value in place of '[[3, 4 hoặc 5 / 3, 4 or 5]]' {REFERENCE}\n") in err
    assert (f"content/products/duong-phoi.yaml:{line_of(lines, 'lat:')}: 'coordinates.lat' is still the "
            "template's placeholder\n"
            f"  Fix: write the real value in place of '[[vĩ độ, ví dụ 15.12]]' {REFERENCE}\n") in err
    assert (f"content/products/duong-phoi.yaml:{line_of(lines, 'former_district:')}: 'locality.former_district' is "
            "still the template's placeholder\n"
            "  Fix: write the real value in place of '[[huyện cũ trước 7/2025, ví dụ Huyện Mộ Đức]]' "
            f"{REFERENCE}, or delete the line: 'locality.former_district' is optional\n") in err
    assert ("content/stories/duong-phoi.vi.md:1: the opening paragraph is still the template's placeholder\n"
            "  Fix: write the opening paragraph in place of '[[Viết một đoạn mở đầu ngắn ở đây.]]', or delete "
            "the line\n") in err
    assert ("content/stories/duong-phoi.en.md:5: section '## Origin' is still the template's placeholder\n"
            "  Fix: write the section's text in place of '[[Write this section here.]]'\n") in err
    assert ("content/stories/duong-phoi.vi.md:17: section '## Lợi ích cộng đồng' is still the template's "
            "placeholder\n"
            "  Fix: write the section's text in place of '[[Viết phần này ở đây.]]', or delete the section: it is "
            "optional\n") in err
    # one error per placeholder, and the schema's own complaint about the same value is not repeated
    named = re.findall(r"^content/products/duong-phoi\.yaml:\d+: '([^']+)' is still the template's placeholder$",
                       err, re.MULTILINE)
    assert sorted(named) == sorted(FILLED)
    assert len(re.findall(r"^content/stories/duong-phoi\.(vi|en)\.md:\d+: .* still the template's placeholder$",
                          err, re.MULTILINE)) == 10
    assert err.endswith("\n29 errors\n")  # 19 in the record, 10 in the stories
    assert "is not a valid date" not in err and "not a commune" not in err


def test_the_product_validates_once_every_placeholder_is_replaced_and_not_before(content, cli):
    lines = scaffold(cli)
    for field, value in FILLED.items():
        if field != "certificate.recognized":
            key = field.rsplit(".", 1)[-1]
            number = next(n for n, line in enumerate(lines) if re.match(rf"\s*(- )?{key}: \"\[\[", line))
            lines[number] = re.sub(r'"\[\[.*\]\]"', value, lines[number])
    RECORD.write_text("\n".join(lines) + "\n", encoding="utf-8")
    for language, path in STORIES.items():
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"\[\[.*?\]\]", "Người Đức Phổ nấu đường từ mía đồng bãi." if language == "vi"
                               else "Đức Phổ people boil sugar from river-flat cane.", text), encoding="utf-8")
    code, _out, err = cli("validate", "--content", "content")
    recognized = line_of(lines, "recognized:")
    assert (code, err) == (1, f"content/products/duong-phoi.yaml:{recognized}: 'certificate.recognized' is still "
                              "the template's placeholder\n"
                              f"  Fix: write the real value in place of '[[ngày công nhận, YYYY-MM-DD]]' "
                              f"{REFERENCE}\n1 error\n")
    edit(RECORD, '"[[ngày công nhận, YYYY-MM-DD]]"', "2025-03-15")
    assert cli("validate", "--content", "content") == (0, "3 products, no errors\n", "")


def test_a_draft_may_keep_placeholders_and_is_not_published(content, cli):
    scaffold(cli)
    edit(RECORD, "code: DUONG-PHOI\n", "code: DUONG-PHOI\ndraft: true\n")
    assert cli("validate", "--content", "content") == (0, "2 products, no errors\n", "")


def test_a_placeholder_left_in_a_written_story_or_record_is_found_where_it_is(content, cli):
    edit(Path("content/stories/product-000.vi.md"), "đường được nấu từ nước mía ép.",
         "đường được nấu từ nước mía ép. [[thêm tên làng ở đây]]")
    edit(Path("content/stories/product-001.en.md"), 'Đức Phổ "lung sugar" is a homely gift from a land of sun '
         "and wind.", "Write a short opening paragraph here.")  # the template's words before it had marks
    edit(Path("content/products/product-000.yaml"), "address: Thôn Đông, Đặc khu Lý Sơn",
         'address: "Thôn [[tên thôn]], Đặc khu Lý Sơn"')
    # a placeholder only partly typed over, and a hint whose brackets were deleted
    edit(Path("content/products/product-001.yaml"), "name: Hợp tác xã Đồng Tâm", "name: tên chủ thể OCOP")
    edit(Path("content/products/product-001.yaml"), "en: Hand-boiled cane sugar.", "en: Hand-boiled cane sugar.]]")
    code, _out, err = cli("validate", "--content", "content")
    line = Path("content/products/product-000.yaml").read_text(encoding="utf-8").splitlines().index(
        '  address: "Thôn [[tên thôn]], Đặc khu Lý Sơn"') + 1
    other = Path("content/products/product-001.yaml").read_text(encoding="utf-8").splitlines()
    assert (code, err) == (1, (
        f"content/products/product-000.yaml:{line}: 'producer.address' is still the template's placeholder\n"
        f"  Fix: write the real value in place of '[[tên thôn]]' {REFERENCE}\n"
        f"content/products/product-001.yaml:{other.index('  en: Hand-boiled cane sugar.]]') + 1}: 'summary.en' is "
        "still the template's placeholder\n"
        f"  Fix: write the real value in place of 'Hand-boiled cane sugar.]]' {REFERENCE}\n"
        f"content/products/product-001.yaml:{other.index('  name: tên chủ thể OCOP') + 1}: 'producer.name' is still "
        "the template's placeholder\n"
        f"  Fix: write the real value in place of 'tên chủ thể OCOP' {REFERENCE}\n"
        "content/stories/product-000.vi.md:5: section '## Nguồn gốc' is still the template's placeholder\n"
        "  Fix: write the section's text in place of '[[thêm tên làng ở đây]]'\n"
        "content/stories/product-001.en.md:1: the opening paragraph is still the template's placeholder\n"
        "  Fix: write the opening paragraph in place of 'Write a short opening paragraph here.', or delete the "
        "line\n"
        "5 errors\n"))
