"""Every kind of content error an editor can make gets one exact message naming file and line."""

from __future__ import annotations

import shutil
import unicodedata
from pathlib import Path

from conftest import TODAY, edit
from content_factory import product_record, write_photo, write_product

from ocop_site.model.loader import load_catalog

RECORD = Path("content/products/product-000.yaml")


def validate(cli) -> tuple[int, str]:
    code, _out, err = cli("validate", "--content", "content", "--today", TODAY)
    assert "Traceback" not in err
    return code, err


def test_valid_content_passes(content, cli):
    code, out, err = cli("validate", "--content", "content")
    assert (code, out, err) == (0, "2 products, no errors\n", "")


def test_yaml_syntax_error(content, cli):
    edit(RECORD, "group: food", "group: [food")
    assert validate(cli) == (1, (
        "content/products/product-000.yaml:6: YAML syntax error: expected ',' or ']', but got ':'\n"
        "  Fix: check the indentation and the quotes on this line and the one above; text containing ': ' or "
        "starting with a symbol needs quotes\n"
        "1 error\n"))


def test_unknown_key_suggests_the_known_one(content, cli):
    edit(RECORD, "stars: 3", "stras: 3")
    assert validate(cli) == (1, (
        "content/products/product-000.yaml:6: unknown key 'stras' (did you mean 'stars'?)\n"
        "  Fix: rename it to 'stars', or remove it\n"
        "1 error\n"))


def test_unknown_nested_key(content, cli):
    edit(RECORD, "  decision:", "  decison:")
    _code, err = validate(cli)
    assert "content/products/product-000.yaml:12: unknown key 'certificate.decison' (did you mean 'decision'?)" in err


def test_missing_required_field(content, cli):
    edit(RECORD, "  recognized: '2025-03-15'\n", "")
    assert validate(cli) == (1, (
        "content/products/product-000.yaml:11: missing required field 'certificate.recognized'\n"
        "  Fix: add 'recognized:' under 'certificate:' (see README.md, 'Content reference')\n"
        "1 error\n"))


def test_wrong_type(content, cli):
    edit(RECORD, "stars: 3", "stars: ba")
    assert validate(cli) == (1, (
        "content/products/product-000.yaml:6: 'stars' must be a whole number, got 'ba'\n"
        "  Fix: write digits only, e.g. 4\n"
        "1 error\n"))


def test_stars_outside_three_to_five(content, cli):
    edit(RECORD, "stars: 3", "stars: 6")
    assert validate(cli) == (1, (
        "content/products/product-000.yaml:6: 'stars' must be 3, 4 or 5, got 6\n"
        "  Fix: OCOP ratings run from 3 to 5 stars (5 stars is the national level)\n"
        "1 error\n"))


def test_bad_dates(content, cli):
    edit(RECORD, "recognized: '2025-03-15'", "recognized: 2025-02-31")
    assert validate(cli) == (1, (
        "content/products/product-000.yaml:13: 'certificate.recognized' is not a valid date: month 2 of 2025 has "
        "28 days, so there is no day 31\n"
        "  Fix: check the day and the month: dates are written year-month-day\n"
        "1 error\n"))
    edit(RECORD, "recognized: 2025-02-31", "recognized: 15/03/2025")
    assert "is not a valid date: '15/03/2025'\n  Fix: write dates as YYYY-MM-DD" in validate(cli)[1]
    edit(RECORD, "recognized: 15/03/2025", "recognized: 2025-15-03")
    assert "is not a valid date: '2025-15-03' has no month 15\n  Fix: check the month" in validate(cli)[1]


def test_expiry_before_recognition(content, cli):
    edit(RECORD, "recognized: '2025-03-15'", "recognized: 2025-03-15\n  expires: 2024-01-01")
    assert "content/products/product-000.yaml:14: 'certificate.expires' is not after" in validate(cli)[1]


def test_duplicate_slug(content, cli):
    shutil.copy(RECORD, RECORD.with_suffix(".yml"))
    assert validate(cli) == (1, (
        "content/products/product-000.yml:1: duplicate slug 'product-000': also defined by "
        "content/products/product-000.yaml\n"
        "  Fix: keep one record per product: delete or rename one of the two files\n"
        "1 error\n"))


def test_duplicate_qr_code(content, cli):
    edit(Path("content/products/product-001.yaml"), "code: T-001", "code: T-000")
    assert validate(cli) == (1, (
        "content/products/product-001.yaml:1: QR code 'T-000' is already used by "
        "content/products/product-000.yaml:1\n"
        "  Fix: every product needs its own code: choose another one\n"
        "1 error\n"))


def test_duplicate_key(content, cli):
    edit(RECORD, "stars: 3", "stars: 3\nstars: 4")
    assert validate(cli) == (1, (
        "content/products/product-000.yaml:7: key 'stars' is given twice (first on line 6)\n"
        "  Fix: keep one of the two lines\n"
        "1 error\n"))


def test_missing_story_file(content, cli):
    Path("content/stories/product-000.en.md").unlink()
    assert validate(cli) == (1, (
        "content/products/product-000.yaml:1: the English story is missing: expected "
        "content/stories/product-000.en.md\n"
        "  Fix: create it with the required sections, or run 'ocop-site new product product-000' in an empty "
        "folder to see a template\n"
        "1 error\n"))


def test_missing_required_section_in_each_language(content, cli):
    edit(Path("content/stories/product-000.vi.md"), "## Dấu ấn văn hóa", "## Ghi chú")
    edit(Path("content/stories/product-000.en.md"), "## Production process\n", "")
    code, err = validate(cli)
    assert code == 1
    assert err.splitlines() == [
        "content/stories/product-000.en.md:1: missing required section '## Production process'",
        "  Fix: add the heading and its text; required sections, in order: '## Origin', '## Production process', "
        "'## Cultural imprint'",
        "content/stories/product-000.vi.md:1: missing required section '## Dấu ấn văn hóa'",
        "  Fix: add the heading and its text; required sections, in order: '## Nguồn gốc', "
        "'## Quy trình sản xuất', '## Dấu ấn văn hóa'",
        "content/stories/product-000.vi.md:11: unknown section '## Ghi chú'",
        "  Fix: section headings are: '## Nguồn gốc', '## Quy trình sản xuất', '## Dấu ấn văn hóa', "
        "'## Lợi ích cộng đồng'",
        "3 errors",
    ]


def test_section_heading_in_the_other_language(content, cli):
    edit(Path("content/stories/product-000.vi.md"), "## Nguồn gốc", "## Origin")
    assert "content/stories/product-000.vi.md:3: unknown section '## Origin' (did you mean '## Nguồn gốc'?)" in \
        validate(cli)[1]


def test_missing_image_file(content, cli):
    Path("content/media/product-000/hero.jpg").unlink()
    assert validate(cli) == (1, (
        "content/products/product-000.yaml:28: image file content/media/product-000/hero.jpg does not exist\n"
        "  Fix: put the photo in content/media/product-000/ or correct the file name\n"
        "1 error\n"))


def test_a_photo_too_small_to_print_is_a_warning_at_its_images_line(content, cli):
    """validate says what build says (issue 15, item 4): the second photo fills the brochure's fold-in panel,
    79 mm wide, which needs 778 px; it is 500 px wide. Content with only warnings is valid (exit 0)."""
    write_photo(Path("content/media/product-000/lò-đường.jpg"), (500, 400), seed=4)
    edit(RECORD, "  credit: Ảnh thử nghiệm\n", "  credit: Ảnh thử nghiệm\n- file: lò-đường.jpg\n  alt:\n"
         "    vi: Lò nấu đường ở Đức Phổ\n    en: The sugar kiln in Đức Phổ\n  credit: Ảnh thử nghiệm\n")
    line = RECORD.read_text(encoding="utf-8").splitlines().index("- file: lò-đường.jpg") + 1
    code, out, err = cli("validate", "--content", "content", "--today", TODAY)
    assert (code, out, err) == (0, "2 products, no errors\n", (
        f"warning: content/products/product-000.yaml:{line}: photo content/media/product-000/lò-đường.jpg is 500 px "
        "wide; the A4 brochure prints it 79 mm wide, which needs 778 px at 250 ppi\n"
        "  Fix: use a copy at least 778 px wide: the camera's original, not one made smaller for the web or a chat "
        "app\n"))
    assert line == 33


def test_missing_alt_text_in_either_language(content, cli):
    edit(RECORD, "    en: Golden sugar cakes\n", "")
    edit(RECORD, "    vi: Bánh đường vàng óng", "    vi: ''")
    assert validate(cli) == (1, (
        "content/products/product-000.yaml:29: image 1 has no alt text in English\n"
        "  Fix: describe what the photo shows for people who cannot see it: add 'en:' under 'alt:'\n"
        "content/products/product-000.yaml:30: image 1 has no alt text in Vietnamese\n"
        "  Fix: describe what the photo shows for people who cannot see it: add 'vi:' under 'alt:'\n"
        "2 errors\n"))


def test_locality_not_in_the_official_list(content, cli):
    edit(RECORD, "commune: Đặc khu Lý Sơn", "commune: Huyện Lý Sơn")
    assert validate(cli) == (1, (
        "content/products/product-000.yaml:22: 'Huyện Lý Sơn' is not a commune, ward or special zone of Quảng Ngãi "
        "(did you mean 'Đặc khu Lý Sơn'?)\n"
        "  Fix: write 'Đặc khu Lý Sơn'; put the old district name in 'former_district'\n"
        "1 error\n"))


def test_locality_typed_without_diacritics_is_suggested(content, cli):
    edit(RECORD, "commune: Đặc khu Lý Sơn", "commune: Phuong Sa Huynh")
    assert "(did you mean 'Phường Sa Huỳnh'?)" in validate(cli)[1]


def test_coordinates_outside_the_province(content, cli):
    edit(RECORD, "lat: 15.38", "lat: 10.77")
    assert validate(cli) == (1, (
        "content/products/product-000.yaml:24: coordinates 10.77, 109.12 are outside Quảng Ngãi\n"
        "  Fix: check that 'lat' (about 14-15.5) and 'lon' (about 107.3-109.2) are not swapped or mistyped\n"
        "1 error\n"))


def test_every_error_of_a_run_is_reported_together(content, cli):
    edit(RECORD, "stars: 3", "stars: 7")
    edit(RECORD, "lat: 15.38", "lat: 1.5")
    Path("content/stories/product-001.vi.md").unlink()
    code, err = validate(cli)
    assert code == 1
    assert [line.split(": ", 1)[0] for line in err.splitlines() if not line.startswith(" ")] == [
        "content/products/product-000.yaml:6", "content/products/product-000.yaml:24",
        "content/products/product-001.yaml:1", "3 errors"]


def test_build_with_errors_exits_1_and_says_nothing_was_written(content, cli):
    edit(RECORD, "stars: 3", "stars: 2")
    code, _out, err = cli("build", "--content", "content", "--out", "out")
    assert code == 1
    assert err.endswith("1 error\nNothing was written: out/site is unchanged.\n")
    assert not Path("out/site").exists()


def test_text_is_normalized_to_nfc(content):
    decomposed = unicodedata.normalize("NFD", "Tỏi cô đơn Lý Sơn")
    record = product_record(0)
    record["name"]["vi"] = decomposed
    write_product(Path("content"), "product-000", 0, record=record, stories={
        "vi": unicodedata.normalize("NFD", "Mở đầu.\n\n## Nguồn gốc\n\nĐảo.\n\n## Quy trình sản xuất\n\nPhơi.\n\n"
                                           "## Dấu ấn văn hóa\n\nLễ hội.\n"),
        "en": "Lead.\n\n## Origin\n\nIsland.\n\n## Production process\n\nDrying.\n\n## Cultural imprint\n\nFeasts.\n",
    })
    assert decomposed != "Tỏi cô đơn Lý Sơn"
    product = load_catalog(Path("content")).products["product-000"]
    assert product.name("vi") == "Tỏi cô đơn Lý Sơn"
    assert product.stories["vi"].sections["culture"] == "Lễ hội."
    assert product.stories["vi"].lead == unicodedata.normalize("NFC", "Mở đầu.")


def test_a_payload_too_long_for_a_small_qr_code(content, cli):
    edit(Path("content/site.yaml"), "https://ocop.example.vn/", "https://ocop-stories.quangngai.gov.vn/")
    edit(RECORD, "code: T-000", "code: LS-TOI-CO-DON-1")
    assert validate(cli) == (1, (
        "content/products/product-000.yaml:1: the QR payload 'HTTPS://OCOP-STORIES.QUANGNGAI.GOV.VN/P/LS-TOI-CO-DON-1' "
        "(55 characters) needs QR version 4 at error correction Q; codes are limited to version 3 (29×29 modules) "
        "so they stay readable at about 19 mm on packaging\n"
        "  Fix: shorten the code, or serve the site from a shorter host name\n"
        "1 error\n"))


# -- where to buy (issue 16): both languages, showrooms of site.yaml by id, dialable phones -------

SHOP_NAME = "  name:\n    vi: Điểm OCOP Quảng Ngãi\n    en: Quảng Ngãi OCOP showroom\n"
SITE = Path("content/site.yaml")
SHOWROOM = ("showrooms:\n  - id: tinh-quang-ngai\n    name: {vi: Điểm OCOP tỉnh, en: Provincial OCOP showroom}\n"
            "    address: Phường Cẩm Thành, tỉnh Quảng Ngãi\n"
            "    locality: {commune: Phường Cẩm Thành}\n    coordinates: {lat: 15.1206, lon: 108.7990}\n"
            "    hours: {vi: '7:30–17:00', en: '7:30 am–5 pm'}\n    phone: '0255 3822 111'\n")


def test_shop_name_in_one_language_only(content, cli):
    edit(RECORD, SHOP_NAME, "  name: Điểm OCOP Quảng Ngãi\n")
    assert validate(cli) == (1, (
        "content/products/product-000.yaml:35: where to buy 1: 'name' must be in Vietnamese and English, "
        "got 'Điểm OCOP Quảng Ngãi'\n"
        "  Fix: write it on two lines under 'name:', 'vi: …' and 'en: …'\n"
        "1 error\n"))


def test_shop_name_without_english(content, cli):
    edit(RECORD, "    en: Quảng Ngãi OCOP showroom\n", "")
    assert validate(cli) == (1, (
        "content/products/product-000.yaml:35: where to buy 1 has no name in English\n"
        "  Fix: add 'en:' under 'name:'\n"
        "1 error\n"))


def test_shop_hours_in_one_language_only(content, cli):
    edit(RECORD, "  address: Phường Cẩm Thành\n", "  address: Phường Cẩm Thành\n  hours: 7:30–17:00\n")
    code, err = validate(cli)
    assert (code, err) == (1, (
        "content/products/product-000.yaml:39: where to buy 1: 'hours' must be in Vietnamese and English, "
        "got '7:30–17:00'\n"
        "  Fix: write it on two lines under 'hours:', 'vi: …' and 'en: …'\n"
        "1 error\n"))


def test_shop_without_name_or_showroom(content, cli):
    edit(RECORD, SHOP_NAME, "")
    assert validate(cli) == (1, (
        "content/products/product-000.yaml:34: where to buy 1 has no 'name' and no 'showroom'\n"
        "  Fix: add 'name:' with 'vi:' and 'en:', or 'showroom:' with the id of a showroom in site.yaml\n"
        "1 error\n"))


def test_a_shop_needs_an_address_and_a_phone(content, cli):
    """A shop is a place to visit: a tourist must be able to find it and to call it (issue 16)."""
    edit(RECORD, "- kind: showroom", "- kind: shop")
    edit(RECORD, "  address: Phường Cẩm Thành\n", "")
    assert validate(cli) == (1, (
        "content/products/product-000.yaml:34: shop 'Điểm OCOP Quảng Ngãi' has no 'address'\n"
        "  Fix: add 'address:' with the shop's postal address, so that visitors can find it\n"
        "content/products/product-000.yaml:34: shop 'Điểm OCOP Quảng Ngãi' has no 'phone'\n"
        '  Fix: add \'phone:\' with the shop\'s number in quotes, e.g. "0255 3822 111"\n'
        "2 errors\n"))
    code, _out, err = cli("validate", "--lang", "vi", "--content", "content", "--today", TODAY)
    assert (code, err) == (1, (
        "content/products/product-000.yaml:34: cửa hàng 'Điểm OCOP Quảng Ngãi' chưa có 'address' (địa chỉ)\n"
        "  Cách sửa: thêm 'address:' với địa chỉ của cửa hàng, để du khách tìm được đến nơi\n"
        "content/products/product-000.yaml:34: cửa hàng 'Điểm OCOP Quảng Ngãi' chưa có 'phone' (số điện thoại)\n"
        "  Cách sửa: thêm 'phone:' với số điện thoại của cửa hàng, đặt trong ngoặc kép, ví dụ \"0255 3822 111\"\n"
        "2 lỗi\n"))


def test_shop_refers_to_an_unknown_showroom(content, cli):
    SITE.write_text(SITE.read_text(encoding="utf-8") + SHOWROOM, encoding="utf-8")
    edit(RECORD, SHOP_NAME, "  showroom: tinh-quang-ngia\n")
    assert validate(cli) == (1, (
        "content/products/product-000.yaml:35: showroom 'tinh-quang-ngia' is not in site.yaml "
        "(did you mean 'tinh-quang-ngai'?)\n"
        "  Fix: write the 'id' of a showroom listed in site.yaml (tinh-quang-ngai), or add it there\n"
        "1 error\n"))


def test_shop_with_both_showroom_and_name(content, cli):
    SITE.write_text(SITE.read_text(encoding="utf-8") + SHOWROOM, encoding="utf-8")
    edit(RECORD, SHOP_NAME, SHOP_NAME + "  showroom: tinh-quang-ngai\n")
    assert validate(cli) == (1, (
        "content/products/product-000.yaml:34: where to buy 1 has both 'showroom' and 'name'\n"
        "  Fix: remove 'name:': the showroom's names come from site.yaml\n"
        "1 error\n"))


def test_shop_phone_that_does_not_dial(content, cli):
    edit(RECORD, "  address: Phường Cẩm Thành\n", "  address: Phường Cẩm Thành\n  phone: call us\n")
    assert validate(cli) == (1, (
        "content/products/product-000.yaml:39: 'where_to_buy[1].phone' is not a Vietnamese phone number: "
        "'call us'\n"
        "  Fix: write it like \"0255 3822 111\" or \"+84 255 3822 111\"\n"
        "1 error\n"))


def test_showroom_reference_takes_the_showroom_details(content, cli):
    SITE.write_text(SITE.read_text(encoding="utf-8") + SHOWROOM, encoding="utf-8")
    edit(RECORD, SHOP_NAME + "  address: Phường Cẩm Thành\n", "  showroom: tinh-quang-ngai\n")
    catalog = load_catalog(Path("content"), today=None)
    shop = catalog.products["product-000"].record.where_to_buy[0]
    assert (shop.name.vi, shop.name.en, shop.address, shop.hours.en, shop.phone) == (
        "Điểm OCOP tỉnh", "Provincial OCOP showroom", "Phường Cẩm Thành, tỉnh Quảng Ngãi", "7:30 am–5 pm",
        "0255 3822 111")


def test_showroom_ids_are_unique(content, cli):
    SITE.write_text(SITE.read_text(encoding="utf-8") + SHOWROOM + SHOWROOM.removeprefix("showrooms:\n"),
                    encoding="utf-8")
    code, err = validate(cli)
    assert (code, err) == (1, (
        "content/site.yaml:13: showroom id 'tinh-quang-ngai' is used twice\n"
        "  Fix: give each showroom its own id\n"
        "1 error\n"))
