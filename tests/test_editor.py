"""The form editor (`ocop-site edit`): its configuration covers the schema, its local backend writes
records the loader accepts, and a real Decap CMS in headless Chromium saves a change to disk."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import unicodedata
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest
import yaml
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup
from external_tools import launch_chromium

from ocop_site.content.localities import official_names
from ocop_site.content.records import ProductRecord, SiteRecord
from ocop_site.content.trips import TripRecord
from ocop_site.editor import config as editor_config
from ocop_site.editor.backend import BackendError, LocalBackend
from ocop_site.editor.config import CHECKED_ON_SAVE, cms_config
from ocop_site.editor.server import _admin_page
from ocop_site.i18n import LOCALE_DIR, t
from ocop_site.model.loader import load_catalog

SAMPLE = Path(__file__).resolve().parent.parent / "content"
TODAY = dt.date(2026, 11, 22)


# --- the configuration -------------------------------------------------------------------------

def _schema_paths(schema: dict[str, Any], node: dict[str, Any] | None = None, prefix: str = "") -> dict[str, dict]:
    """Every field path of a JSON Schema (`images.alt.vi`), with the resolved schema of the field."""
    node = schema if node is None else node
    paths: dict[str, dict] = {}
    for name, prop in node.get("properties", {}).items():
        resolved = _resolve(schema, prop)
        path = f"{prefix}{name}"
        paths[path] = resolved
        if resolved.get("type") == "array":
            resolved = _resolve(schema, resolved["items"])
        paths.update(_schema_paths(schema, resolved, path + "."))
    return paths


def _resolve(schema: dict[str, Any], prop: dict[str, Any]) -> dict[str, Any]:
    for choice in prop.get("anyOf", []):
        if choice.get("type") != "null":
            prop = choice
    if "$ref" in prop:
        prop = _resolve(schema, schema["$defs"][prop["$ref"].split("/")[-1]])
    return prop


def _config_paths(fields: list[dict], prefix: str = "") -> dict[str, dict]:
    paths: dict[str, dict] = {}
    for field in fields:
        path = f"{prefix}{field['name']}"
        paths[path] = field
        paths.update(_config_paths(field.get("fields", []), path + "."))
    return paths


def _collection(name: str) -> dict[str, Any]:
    return next(c for c in cms_config()["collections"] if c["name"] == name)


@pytest.mark.parametrize(("collection", "model"), [("products", ProductRecord), ("trips", TripRecord)])
def test_every_schema_field_is_in_the_cms_configuration(collection: str, model):
    schema_paths = _schema_paths(model.model_json_schema())
    config_paths = _config_paths(_collection(collection)["fields"])
    assert sorted(schema_paths) == sorted(config_paths)
    for path, kind in schema_paths.items():
        field = config_paths[path]
        if "enum" in kind:
            assert field["widget"] == "select", path
            assert [option["value"] if isinstance(option, dict) else option for option in field["options"]] == \
                kind["enum"], path
        elif kind.get("type") == "array":
            assert field["widget"] == "list", path
        elif kind.get("type") == "object":
            assert field["widget"] == "object", path
        elif kind.get("type") in ("integer", "number"):
            assert field["widget"] == "number", path
            assert field.get("min") == kind.get("minimum") and field.get("max") == kind.get("maximum"), path
        elif kind.get("type") == "boolean":
            assert field["widget"] == "boolean", path
        elif kind.get("format") == "date":
            assert (field["widget"], field["format"]) == ("datetime", "YYYY-MM-DD"), path
        else:
            assert field["widget"] in ("string", "text"), path
            assert field.get("pattern", [kind.get("pattern")])[0] == kind.get("pattern"), path
    required = set(model.model_json_schema()["required"])
    if collection == "products":  # a draft may lack these; the check before each save requires them of the rest
        required -= CHECKED_ON_SAVE
    assert {f["name"] for f in _collection(collection)["fields"] if f["required"]} == required


def test_the_commune_is_chosen_from_the_96_official_names():
    commune = _config_paths(_collection("products")["fields"])["locality.commune"]
    assert commune["widget"] == "select"
    assert commune["options"] == sorted(official_names())
    assert len(commune["options"]) == 96
    assert "Đặc khu Lý Sơn" in commune["options"]


def test_stories_are_one_file_per_language():
    config = cms_config()
    stories = _collection("stories")
    assert config["i18n"] == {"structure": "multiple_files", "locales": ["vi", "en"], "default_locale": "vi"}
    assert (stories["folder"], stories["extension"], stories["i18n"]) == ("stories", "md", True)
    assert stories["fields"][0]["name"] == "body" and stories["fields"][0]["i18n"] is True
    assert config["backend"] == {"name": "proxy", "proxy_url": "/api/v1", "branch": "main"}



def _form_texts(fields: list[dict], at: str) -> list[tuple[str, str, str]]:
    """(where, what, text) of every label, help line and pattern message the form shows, nested fields too."""
    texts = []
    for field in fields:
        where = f"{at}{field['name']}"
        texts += [(where, what, field[what]) for what in ("label", "hint") if what in field]
        if "pattern" in field:
            texts.append((where, "pattern", field["pattern"][1]))
        texts += [(where, "option", option["label"]) for option in field.get("options", []) if isinstance(option, dict)]
        texts += _form_texts(field.get("fields", []), where + ".")
        if "field" in field:
            texts += _form_texts([field["field"]], where + "[].")
    return texts


def _schema_descriptions() -> set[str]:
    found = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("description"), str):
                found.add(node["description"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
    for model in (ProductRecord, TripRecord, SiteRecord):
        walk(model.model_json_schema())
    return found


PRINTED_LIMIT = re.compile(r"(?:^| )Tối đa \d+ ký tự .*$")  # the form_max_length sentence ending a help line


def _vietnamese(text: str) -> bool:
    """Written in Vietnamese: at least one letter with a Vietnamese diacritic (or đ)."""
    return any(char in "đĐ" or (char.isalpha() and len(unicodedata.normalize("NFD", char)) > 1) for char in text)


def test_every_label_and_help_line_of_the_form_is_vietnamese_from_the_catalogue():
    """Issue 19: about 66 fields showed the schema's English description as their help line. Every label,
    help line, choice and pattern message is now an entry of the message catalogue (a label: its Vietnamese
    and English joined by ' / '), every field has a help line in Vietnamese, and none is a schema description."""
    vi, en = ({m.id: m.string for m in read_po((LOCALE_DIR / lang / "LC_MESSAGES" / "messages.po").open("rb"))
               if isinstance(m.id, str) and m.id} for lang in ("vi", "en"))
    catalogue = set(vi.values()) | {f"{vi[key]} / {en[key]}" for key in vi}
    required, pattern = t("hint_required_on_publishing", "vi") + " ", t("form_pattern", "vi") + " "
    catalogue_limits = {vi["form_max_length"].format(n=most) for most in range(1, 1000)}
    descriptions = _schema_descriptions()
    config = cms_config()
    texts: list[tuple[str, str, str]] = []
    for collection in config["collections"]:
        name = collection["name"]
        texts += [(name, what, collection[what]) for what in ("label", "label_singular", "description")
                  if what in collection]
        for fields in [collection.get("fields", []), *(file["fields"] for file in collection.get("files", []))]:
            texts += _form_texts(fields, f"{name}:")
            hintless = [where for where, field in _config_paths(fields).items() if not field.get("hint")]
            assert not hintless, f"fields without a help line: {hintless}"
    assert len([text for text in texts if text[1] == "hint"]) > 150
    for where, what, text in texts:
        assert text not in descriptions, f"{where} {what}: the schema's English description {text!r}"
        assert not any(len(d) > 20 and d in text for d in descriptions), f"{where} {what}: {text!r}"
        bare = text.removeprefix(required) if what == "hint" else text
        if what == "hint" and (limit := PRINTED_LIMIT.search(bare)):  # a text printed whole: its maximum, told
            bare = bare[:limit.start()].rstrip()
            assert limit.group(0).strip() in catalogue_limits, (where, text)
        if what == "pattern":
            assert text.startswith(pattern), (where, text)
            bare = text.removeprefix(pattern)
        assert bare in catalogue, f"{where} {what}: {text!r} is not an entry of the message catalogue"
        if what in ("hint", "description", "pattern"):
            assert _vietnamese(text.split(" / ")[0]), f"{where} {what}: {text!r} is not in Vietnamese"
    hints = {where: text for where, what, text in texts if what == "hint"}
    assert hints["products:producer.phone"] == ("Số điện thoại, ví dụ 0255 3800 000 (giữ nguyên số 0 ở đầu). "
                                                "Tối đa 40 ký tự (chữ này được in nguyên văn trên ấn phẩm in).")
    assert hints["products:summary.vi"] == \
        "Bản tiếng Việt. Tối đa 240 ký tự (chữ này được in nguyên văn trên ấn phẩm in)."
    assert hints["products:producer.address"] == \
        "Địa chỉ liên hệ. Tối đa 150 ký tự (chữ này được in nguyên văn trên ấn phẩm in)."
    assert hints["trips:days.stops.time"] == "Giờ đến, theo 24 giờ, ví dụ 07:30."
    assert hints["settings:kiosk.attract_after_seconds"] == \
        "Số giây không ai chạm màn hình trước khi trình chiếu các sản phẩm nổi bật (10-3600)."
    assert hints["products:videos.file"] != hints["products:images.file"]
    labels = {where: text for where, what, text in texts if what == "label"}
    assert (labels["products:producer.phone"], labels["products:name.vi"]) == ("Điện thoại / Phone", "Tiếng Việt")
    options = [text for where, what, text in texts if where == "products:group" and what == "option"]
    assert options[0] == "Thực phẩm" and len(options) == 6



def test_the_page_script_shows_only_words_of_the_catalogue():
    """The form's own words (problem headings, the refused save's toast, Decap's missing Vietnamese phrases)
    reach the page as JSON from the catalogue; the script itself holds no Vietnamese text."""
    script = (Path(editor_config.__file__).parent / "admin" / "form.js").read_text(encoding="utf-8")
    assert not [line for line in script.splitlines() if not line.lstrip().startswith(("//", "*", "/**"))
                and _vietnamese(line)]
    page = BeautifulSoup(_admin_page("tok"), "html.parser")
    words = json.loads(page.select_one("script#ocop-editor-words").get_text())
    assert words["words"]["refused"].replace("{n}", "2") == \
        "nội dung có 2 lỗi cần sửa, xem các dòng chữ đỏ bên cạnh các ô. Chưa có gì được ghi."
    assert words["decap"]["editor"]["editorControlPane"]["i18n"]["writingInLocale"] == "Đang viết: %{locale}"
    assert page.title.get_text() == "Trình soạn thảo OCOP Stories / OCOP Stories editor"
    assert page.select_one('meta[name="ocop-editor-token"]')["content"] == "tok"


# --- the local backend -------------------------------------------------------------------------

@pytest.fixture
def sample(tmp_path: Path) -> Path:
    shutil.copytree(SAMPLE, tmp_path / "content")
    return tmp_path / "content"


def _persist(backend: LocalBackend, path: str, raw: str) -> Any:
    return backend.handle({"action": "persistEntry", "params": {
        "dataFiles": [{"path": path, "slug": Path(path).stem, "raw": raw}], "assets": [],
        "options": {"commitMessage": "x", "useWorkflow": False, "status": ""}}})


def test_the_backend_lists_and_reads_entries_like_decap_server(sample: Path):
    backend = LocalBackend(sample)
    listed = backend.handle({"action": "entriesByFolder",
                             "params": {"folder": "stories", "extension": "md", "depth": 1}})
    paths = [entry["file"]["path"] for entry in listed]
    assert "stories/ly-son-garlic.vi.md" in paths and "stories/ly-son-garlic.en.md" in paths
    entry = backend.handle({"action": "getEntry", "params": {"path": "products/ly-son-garlic.yaml"}})
    assert entry["data"] == (sample / "products" / "ly-son-garlic.yaml").read_text(encoding="utf-8")
    assert len(entry["file"]["id"]) == 64
    assert backend.handle({"action": "info", "params": {}})["type"] == "local_fs"


def test_a_saved_record_keeps_its_comments_drops_empty_values_and_unfolds_long_lines(sample: Path):
    backend = LocalBackend(sample)
    record = sample / "products" / "ly-son-garlic.yaml"
    original = yaml.safe_load(record.read_text(encoding="utf-8"))
    data = json.loads(json.dumps(original, default=str))  # dates as text, as the form sends them
    data["name"]["vi"] = "Tỏi cô đơn Lý Sơn"
    data["producer"]["phone"] = ""
    raw = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=80)
    assert "\n    " in raw.split("summary:")[1].split("certificate:")[0]  # folded, as Decap writes it
    assert "  phone: ''\n" in raw
    raw = re.sub(r"'(\d{4}-\d{2}-\d{2})'", r"\1", raw)  # Decap writes YAML 1.2, where a date needs no quotes
    assert _persist(backend, "products/ly-son-garlic.yaml", raw) == {"message": "entry persisted"}
    text = record.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schema/product.schema.json\ncode: LS-TOI\n")
    assert "phone:" not in text
    assert f"  vi: {original['summary']['vi']}\n" in text
    saved = yaml.safe_load(text)
    assert saved["name"]["vi"] == "Tỏi cô đơn Lý Sơn"
    assert saved == {**original, "name": {**original["name"], "vi": "Tỏi cô đơn Lý Sơn"}}
    catalog = load_catalog(sample, today=TODAY)
    assert catalog.products["ly-son-garlic"].record.name.vi == "Tỏi cô đơn Lý Sơn"


def test_a_record_with_errors_is_refused_and_the_file_stays(sample: Path):
    backend = LocalBackend(sample)
    record = sample / "products" / "ly-son-garlic.yaml"
    before = record.read_bytes()
    raw = record.read_text(encoding="utf-8").replace("stars: 5", "stars: 8").replace(
        "commune: Đặc khu Lý Sơn", "commune: Huyện Lý Sơn")
    with pytest.raises(BackendError) as refused:
        _persist(backend, "products/ly-son-garlic.yaml", raw)
    assert refused.value.status == 422
    # what `ocop-site validate` prints
    assert str(refused.value).splitlines() == [
        "content/products/ly-son-garlic.yaml:7: 'stars' must be 3, 4 or 5, got 8",
        "  Fix: OCOP ratings run from 3 to 5 stars (5 stars is the national level)",
        "content/products/ly-son-garlic.yaml:22: 'Huyện Lý Sơn' is not a commune, ward or special zone of Quảng Ngãi "
        "(did you mean 'Đặc khu Lý Sơn'?)",
        "  Fix: write 'Đặc khu Lý Sơn'; put the old district name in 'former_district'"]
    assert record.read_bytes() == before


def test_the_backend_refuses_paths_outside_the_content_folder(sample: Path):
    backend = LocalBackend(sample)
    with pytest.raises(BackendError, match=r"^'\.\./escape\.md' is outside the content folder$"):
        _persist(backend, "../escape.md", "text")
    assert not (sample.parent / "escape.md").exists()
    with pytest.raises(BackendError, match=r"^Unknown action unpublishedEntries$"):
        backend.handle({"action": "unpublishedEntries", "params": {}})


# --- in the browser ----------------------------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def editor(sample: Path):
    port = _free_port()
    process = subprocess.Popen([sys.executable, "-m", "ocop_site", "edit", "--content", str(sample), "--port",
                                str(port)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(base + "/admin/", timeout=2).close()
            break
        except (urllib.error.URLError, OSError):
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                pytest.fail(f"the editor did not start: {process.communicate()[0]}")
            time.sleep(0.2)
    yield base
    process.terminate()
    output = process.communicate(timeout=10)[0]
    assert f"Form editor at {base}/admin/ — saving into {sample}; Ctrl+C to stop" in output


@pytest.mark.browser
@pytest.mark.usefixtures("chromium")  # skips (fails in CI) before the editor starts when Chromium is missing
def test_editing_a_product_name_in_the_form_saves_the_yaml_file(editor: str, sample: Path):
    from playwright.sync_api import expect, sync_playwright

    record = sample / "products" / "ly-son-garlic.yaml"
    with urllib.request.urlopen(editor + "/admin/config.yml") as response:
        assert yaml.safe_load(response.read()) == cms_config()
    requests: list[str] = []
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.on("request", lambda request: requests.append(request.url))
            page.goto(editor + "/admin/#/collections/products/entries/ly-son-garlic")
            page.get_by_role("button", name="Đăng nhập").click()
            name = page.get_by_label("Tiếng Việt").first
            expect(name).to_have_value("Tỏi Lý Sơn", timeout=30_000)
            name.fill("Tỏi cô đơn Lý Sơn")
            page.get_by_role("button", name="Công bố", exact=True).click()
            page.get_by_role("menuitem", name="Công bố ngay").click()
            deadline = time.monotonic() + 20
            while "Tỏi cô đơn" not in record.read_text(encoding="utf-8") and time.monotonic() < deadline:
                time.sleep(0.2)
        finally:
            browser.close()
    text = record.read_text(encoding="utf-8")
    assert yaml.safe_load(text)["name"] == {"vi": "Tỏi cô đơn Lý Sơn", "en": "Lý Sơn garlic"}
    assert text.startswith("# yaml-language-server: $schema=../../schema/product.schema.json\n")
    assert load_catalog(sample, today=TODAY).products["ly-son-garlic"].record.name.vi == "Tỏi cô đơn Lý Sơn"
    assert requests and all(url.startswith(editor + "/") or url.startswith("data:") for url in requests), \
        sorted({url for url in requests if not url.startswith(editor)})


@pytest.mark.browser
@pytest.mark.usefixtures("chromium")  # skips (fails in CI) before the editor starts when Chromium is missing
def test_a_save_with_errors_shows_the_problem_beside_its_field_and_writes_nothing(editor: str, sample: Path):
    """In plain words, beside the field, in Vietnamese around it; no file path, line number or YAML; it stays
    after the pop-up has gone, until a save no longer reports it."""
    from playwright.sync_api import expect, sync_playwright

    record = sample / "products" / "ly-son-garlic.yaml"
    before = record.read_bytes()
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(editor + "/admin/#/collections/products/entries/ly-son-garlic")
            page.get_by_role("button", name="Đăng nhập").click()
            latitude = page.get_by_label("Vĩ độ / Latitude")
            expect(latitude).to_have_value("15.379", timeout=30_000)
            latitude.fill("10.5")
            page.get_by_role("button", name="Công bố", exact=True).click()
            page.get_by_role("menuitem", name="Công bố ngay").click()
            expect(page.locator(".Toastify__toast").first).to_have_text(
                "Chưa lưu: nội dung có 1 lỗi cần sửa, xem các dòng chữ đỏ bên cạnh các ô. Chưa có gì được ghi.")
            expect(page.get_by_text("Thay đổi chưa được lưu")).to_be_visible()  # the form keeps the change
            page.locator(".Toastify__toast").first.click()  # the editor closes the pop-up (it also goes alone, later)…
            expect(page.locator(".Toastify__toast")).to_have_count(0)
            soup = BeautifulSoup(page.content(), "html.parser")  # …the message stays, in the coordinates' box
            problems = soup.select(".ocop-problem")
            assert [problem.get_text(" ", strip=True) for problem in problems] == [
                "Lỗi: tọa độ 10.5, 109.103 nằm ngoài tỉnh Quảng Ngãi Cách sửa: kiểm tra xem «Vĩ độ» (khoảng "
                "14-15.5) và «Kinh độ» (khoảng 107.3-109.2) có bị ghi đảo hoặc gõ nhầm không"]
            box = problems[0].find_parent(class_=re.compile("ControlContainer"))
            assert box.select_one("label").get_text() == "Tọa độ / Coordinates"
            assert box.select_one('label[for^="lat-field-"]') is not None
            assert record.read_bytes() == before
            latitude.fill("15.38")  # fixed (another value than before: the form sees a change to save)
            page.get_by_role("button", name="Công bố", exact=True).click()
            page.get_by_role("menuitem", name="Công bố ngay").click()
            expect(page.locator(".Toastify__toast").first).to_contain_text("Mục đã được lưu")
            expect(page.locator(".ocop-problem")).to_have_count(0)
        finally:
            browser.close()
    saved = yaml.safe_load(record.read_bytes())
    assert saved["coordinates"]["lat"] == 15.38 and {**saved, "coordinates": None} == \
        {**yaml.safe_load(before), "coordinates": None}


# True when the caret is collapsed before any text of the story (Slate pads empty nodes with U+FEFF).
_CARET_AT_START = """story => {
  const selection = getSelection();
  if (!selection.rangeCount || !selection.isCollapsed || !story.contains(selection.anchorNode)) return false;
  const before = document.createRange();
  before.setStart(story, 0);
  before.setEnd(selection.anchorNode, selection.anchorOffset);
  return before.toString().replace(/\\uFEFF/g, "") === "";
}"""


def _put_caret_at_start(page, story) -> None:
    """Ctrl+Home until the caret stays at the story's start: on a loaded machine the editor can apply the
    click's own caret position after the key press, and typing would then land mid-sentence."""
    for _ in range(20):
        page.keyboard.press("Control+Home")
        page.wait_for_timeout(250)
        if story.evaluate(_CARET_AT_START):
            page.wait_for_timeout(250)
            if story.evaluate(_CARET_AT_START):
                return
    pytest.fail("the caret never stayed at the start of the English story")


@pytest.mark.browser
@pytest.mark.usefixtures("chromium")  # skips (fails in CI) before the editor starts when Chromium is missing
def test_editing_the_english_story_in_the_form_changes_only_its_file(editor: str, sample: Path):
    from playwright.sync_api import expect, sync_playwright

    english, vietnamese = (sample / "stories" / f"ly-son-garlic.{language}.md" for language in ("en", "vi"))
    before_en, before_vi = english.read_text(encoding="utf-8"), vietnamese.read_bytes()
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.goto(editor + "/admin/#/collections/stories/entries/ly-son-garlic")
            page.get_by_role("button", name="Đăng nhập").click()
            story = page.locator("[contenteditable]").nth(1)  # the right-hand column: English
            expect(story).to_contain_text("On a small island", timeout=30_000)
            story.get_by_text("On a small island").first.click()
            expect(story).to_be_focused()
            _put_caret_at_start(page, story)
            page.keyboard.type("Đảo nhỏ. ", delay=30)
            expect(story).to_contain_text("Đảo nhỏ. On a small island")
            page.get_by_role("button", name="Công bố", exact=True).click()
            page.get_by_role("menuitem", name="Công bố ngay").click()
            expect(page.locator(".Toastify__toast").first).to_contain_text("Mục đã được lưu")
        finally:
            browser.close()
    assert english.read_text(encoding="utf-8") == "Đảo nhỏ. " + before_en
    assert vietnamese.read_bytes() == before_vi
    assert load_catalog(sample, today=TODAY).products["ly-son-garlic"].stories["en"].lead.startswith("Đảo nhỏ. On a")


def test_edit_says_when_its_port_is_taken(cli, content: Path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code, out, err = cli("edit", "--content", str(content), "--port", str(port))
    assert (code, out) == (2, "")
    assert err == f"ocop-site: cannot listen on 127.0.0.1:{port} (Address already in use); try --port N\n"
    code, out, err = cli("edit", "--content", "missing")
    assert (code, out) == (2, "")
    assert err.startswith("ocop-site: content folder 'missing' does not exist")


def test_scratch_copies_of_a_killed_editor_are_removed_at_start(sample: Path):
    """The check before a save mirrors the content next to it; an editor killed during a check leaves
    its mirror behind, and the next start removes it (not the mirror of an editor still running)."""
    stale = sample.parent / ".ocop-edit-check-999999999-abc"
    (stale / "content" / "products").mkdir(parents=True)
    running = sample.parent / f".ocop-edit-check-{os.getpid()}-def"
    running.mkdir()
    LocalBackend(sample)
    assert not stale.exists() and running.is_dir()
    assert (sample / "products" / "ly-son-garlic.yaml").is_file()


def test_a_listing_leaves_out_files_the_editor_does_not_serve(sample: Path):
    (sample / "products" / "ghi-chú.txt").write_text("ghi chú của biên tập viên\n", encoding="utf-8")
    listed = LocalBackend(sample).handle({"action": "entriesByFolder",
                                          "params": {"folder": "products", "extension": "", "depth": 1}})
    paths = [entry["file"]["path"] for entry in listed]
    assert "products/ly-son-garlic.yaml" in paths and "products/ghi-chú.txt" not in paths

