"""`ocop-site edit` as a real process, attacked: another host name (DNS rebinding), no token, other
sites' pages, oversized uploads, malformed requests, paths outside its collections, 50 connections at
once. Each is answered with its 4xx JSON error and leaves every file under content/ as it was."""

from __future__ import annotations

import base64
import http.client
import io
import json
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote

import pytest
import yaml
from bs4 import BeautifulSoup
from editor_process import EditorClient, running_editor, tree
from PIL import Image

from ocop_site.model.loader import load_catalog

SAMPLE = Path(__file__).resolve().parent.parent / "content"
RECORD = "products/ly-son-garlic.yaml"
STORY = "stories/ly-son-garlic.en.md"


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Path:
    content = tmp_path_factory.mktemp("served") / "content"
    shutil.copytree(SAMPLE, content)
    return content


@pytest.fixture(scope="module")
def editor(served: Path) -> Iterator[EditorClient]:
    with running_editor(served) as client:
        yield client


@pytest.fixture
def unchanged(served: Path) -> Iterator[None]:
    """The test must leave every file of the content folder as it found it."""
    before = tree(served)
    yield
    assert tree(served) == before
    assert not list(served.parent.glob(".ocop-edit-check-*"))  # no scratch copy left behind


def _story_save(text: str = "Đảo nhỏ.\n") -> dict:
    return {"dataFiles": [{"path": STORY, "slug": "ly-son-garlic", "raw": text}], "assets": [],
            "options": {"commitMessage": "x"}}


def _photo(size: tuple[int, int] = (40, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 180, 40)).save(out, "JPEG")
    return out.getvalue()


# --- who may talk to it ------------------------------------------------------------------------

def test_a_dns_rebinding_page_is_refused_even_with_the_token(editor: EditorClient, unchanged: None):
    attacker = f"attacker.example:{editor.port}"
    origin = f"http://{attacker}"
    refused = {"error": f"the editor answers only at http://127.0.0.1:{editor.port}/ and "
                        f"http://localhost:{editor.port}/, not at '{attacker}'"}
    for action, params in [("getEntry", {"path": RECORD}), ("persistEntry", _story_save()),
                           ("deleteFile", {"path": "qr-ledger.yaml"})]:
        assert editor.call(action, params, host=attacker, origin=origin) == (403, refused)
    status, body = editor.get("/admin/", {"Host": attacker})  # the page that carries the token
    assert (status, json.loads(body)) == (403, refused)
    assert editor.get("/media/ly-son-garlic/hero.jpg", {"Host": attacker})[0] == 403
    assert editor.call("getEntry", {"path": RECORD}, host=f"localhost:{editor.port}")[0] == 200


def test_a_call_without_the_pages_token_is_refused(editor: EditorClient, unchanged: None):
    refused = (403, {"error": "this request does not come from the editor's page: open the address "
                     "'ocop-site edit' printed, or reload the page if the editor was restarted"})
    assert editor.call("persistEntry", _story_save(), token="") == refused
    assert editor.call("getEntry", {"path": RECORD}, token="x" * len(editor.token)) == refused
    assert editor.call("getEntry", {"path": RECORD}, token=editor.token[:-1]) == refused
    assert editor.call("getEntry", {"path": RECORD}, token=editor.token + "đ".encode().decode("latin-1")) == refused
    other = (403, {"error": "requests from other sites are refused"})
    assert editor.call("persistEntry", _story_save(), origin="http://attacker.example") == other
    assert editor.call("persistEntry", _story_save(), origin="null") == other
    status, page = editor.get("/admin/")
    assert status == 200 and editor.token.encode() in page


def test_every_answer_forbids_framing(editor: EditorClient):
    import http.client

    connection = http.client.HTTPConnection("127.0.0.1", editor.port, timeout=30)
    connection.request("GET", "/admin/", headers={"Host": editor.host})
    response = connection.getresponse()
    response.read()
    connection.close()
    assert response.getheader("X-Frame-Options") == "DENY"
    assert response.getheader("Content-Security-Policy") == "frame-ancestors 'none'"
    assert response.getheader("Cache-Control") == "no-store"


# --- sizes and malformed requests --------------------------------------------------------------

def test_an_oversized_upload_is_refused_with_413(editor: EditorClient, unchanged: None):
    too_big = b"\xff\xd8" + bytes(21 * 1024 * 1024)
    body = json.dumps({"action": "persistMedia", "params": {"asset": {
        "path": "media/ly-son-garlic/lon.jpg", "content": base64.b64encode(too_big).decode(),
        "encoding": "base64"}}}).encode()
    assert len(body) > 28 * 1024 * 1024
    assert editor.post(body) == (413, {"error": "the request is larger than 28 MB: photos may be at most 20 MB"})
    photo = b"\xff\xd8" + bytes(20 * 1024 * 1024 + 1000)  # fits in the request, not in the photo limit
    assert editor.call("persistMedia", {"asset": {
        "path": "media/ly-son-garlic/lon.jpg", "content": base64.b64encode(photo).decode(),
        "encoding": "base64"}}) == (413, {"error": "the photo 'media/ly-son-garlic/lon.jpg' is larger than 20 MB"})
    story = "Đ" * (600 * 1024)  # 1.2 MB of text
    assert editor.call("persistEntry", _story_save(story)) == (
        413, {"error": f"'{STORY}' is larger than 1 MB"})


MALFORMED = [
    ("not JSON", b'{"action": "getEntry", ', 400, "the request is not valid JSON: Expecting property name "
     "enclosed in double quotes: line 1 column 24 (char 23)"),
    ("not UTF-8", b'{"action": "\xff"}', 400, "the request is not valid JSON: 'utf-8' codec can't decode byte 0xff "
     "in position 12: invalid start byte"),
    ("nested too deep", b"[" * 100_000 + b"]" * 100_000, 400, "the request is not valid JSON: nested too deep"),
    ("a list", b"[]", 400, "the request must be a JSON object with 'action' and 'params'"),
    ("action a number", b'{"action": 5}', 422, "Unknown action 5"),
    ("params a list", b'{"action": "getEntry", "params": []}', 400, "'params' must be a JSON object"),
    ("path a number", b'{"action": "getEntry", "params": {"path": 5}}', 400, "'path' must be text, got int"),
    ("path missing", b'{"action": "getEntry", "params": {}}', 400, "'path' must be text, got nothing"),
    ("depth text", b'{"action": "entriesByFolder", "params": {"folder": "products", "depth": "x"}}', 400,
     "'depth' must be a whole number from 1 to 3, got 'x'"),
    ("depth huge", b'{"action": "entriesByFolder", "params": {"folder": "products", "depth": 1e308}}', 400,
     "'depth' must be a whole number from 1 to 3, got 1e+308"),
    ("files not a list", b'{"action": "entriesByFiles", "params": {"files": "products"}}', 400,
     "'files' must be a list of at most 1000 items, got str"),
    ("files of numbers", b'{"action": "entriesByFiles", "params": {"files": [1, 2]}}', 400,
     "'files' must be a list of objects with 'path'"),
    ("dataFiles text", b'{"action": "persistEntry", "params": {"dataFiles": "x"}}', 400,
     "'dataFiles' must be a list of 1 to 8 objects with 'path' and 'raw'"),
    ("raw missing", b'{"action": "persistEntry", "params": {"dataFiles": [{"path": "stories/ly-son-garlic.en.md"}]}}',
     400, "'raw' must be text, got nothing"),
    ("raw not Unicode", b'{"action": "persistEntry", "params": {"dataFiles": [{"path": "stories/ly-son-garlic.en.md",'
     b' "raw": "\\ud800"}]}}', 400, "the text of 'stories/ly-son-garlic.en.md' is not valid Unicode"),
    ("assets text", b'{"action": "persistEntry", "params": {"dataFiles": [{"path": "stories/ly-son-garlic.en.md", '
     b'"raw": "x"}], "assets": "x"}}', 400, "'assets' must be a list of at most 8 items, got str"),
    ("asset null", b'{"action": "persistMedia", "params": {"asset": null}}', 400,
     "an asset must be an object with 'path', 'content' and 'encoding'"),
    ("bad base64", b'{"action": "persistMedia", "params": {"asset": {"path": "media/ly-son-garlic/x.jpg", '
     b'"content": "%%%not base64", "encoding": "base64"}}}', 400,
     "the photo 'media/ly-son-garlic/x.jpg' is not valid base64"),
    ("empty photo", b'{"action": "persistMedia", "params": {"asset": {"path": "media/ly-son-garlic/x.jpg", '
     b'"content": "", "encoding": "base64"}}}', 422,
     "'media/ly-son-garlic/x.jpg' is not a readable photo: save it again as JPEG or PNG"),
    ("photo as text", b'{"action": "persistMedia", "params": {"asset": {"path": "media/ly-son-garlic/x.jpg", '
     b'"content": "hello"}}}', 400, "the photo 'media/ly-son-garlic/x.jpg' must be sent base64-encoded"),
]


@pytest.mark.parametrize(("body", "status", "error"), [case[1:] for case in MALFORMED],
                         ids=[case[0] for case in MALFORMED])
def test_a_malformed_body_gets_a_4xx_json_answer(editor: EditorClient, unchanged: None, body: bytes, status: int,
                                                 error: str):
    assert editor.post(body) == (status, {"error": error})


def _request(editor: EditorClient, head: str, body: bytes = b"") -> bytes:
    return (head.replace("HOST", editor.host).replace("TOKEN", editor.token).replace("\n", "\r\n") + "\r\n"
            ).encode("latin-1") + body


POST = "POST /api/v1 HTTP/1.1\nHost: HOST\nX-OCOP-Editor-Token: TOKEN\nContent-Type: application/json\n"
BROKEN_HTTP = [
    ("no Content-Length", POST, b'{"action": "info"}', 411, "the request has no Content-Length"),
    ("negative Content-Length", POST + "Content-Length: -1\n", b'{"action": "info"}', 400,
     "bad Content-Length: -1"),
    ("Content-Length not a number", POST + "Content-Length: ²\n", b"", 400, "bad Content-Length: ²"),
    ("two Content-Lengths", POST + "Content-Length: 18\nContent-Length: 5\n", b'{"action": "info"}', 400,
     "bad Content-Length: 18, 5"),
    ("huge Content-Length", POST + f"Content-Length: {10**19}\n", b"{}", 413,
     "the request is larger than 28 MB: photos may be at most 20 MB"),
    ("chunked", POST + "Transfer-Encoding: chunked\n", b"12\r\n{\"action\": \"info\"}\r\n0\r\n\r\n", 411,
     "send the request with a Content-Length, not in chunks"),
    ("short body", POST + "Content-Length: 50\n", b'{"action": "info"}', 400,
     "the request body ended after 18 of its 50 bytes"),
    ("not JSON", POST.replace("application/json", "text/plain") + "Content-Length: 2\n", b"{}", 415,
     "send JSON (Content-Type: application/json)"),
    ("no Host", POST.replace("Host: HOST\n", "") + "Content-Length: 2\n", b"{}", 403, None),
    ("two Hosts", POST + "Host: HOST\nContent-Length: 2\n", b"{}", 403, None),
    ("garbage request line", "GARBAGE\n", b"", 400, "Bad request syntax ('GARBAGE')"),
    ("unknown method", "DELETE /api/v1 HTTP/1.1\nHost: HOST\n", b"", 501, "Unsupported method ('DELETE')"),
    ("header line too long", "GET /admin/ HTTP/1.1\nHost: HOST\nX: " + "a" * 70000 + "\n", b"", 431,
     "Line too long"),
]


@pytest.mark.parametrize(("head", "body", "status", "error"), [case[1:] for case in BROKEN_HTTP],
                         ids=[case[0] for case in BROKEN_HTTP])
def test_a_broken_http_request_is_answered_not_dropped(editor: EditorClient, unchanged: None, head: str, body: bytes,
                                                       status: int, error: str | None):
    answer = editor.raw(_request(editor, head, body))
    assert answer[0] == status
    if error is not None:
        assert answer[1] == {"error": error}


def test_a_refused_request_that_asks_for_vietnamese_is_answered_in_vietnamese(editor: EditorClient,
                                                                              unchanged: None):
    """The HTTP parser's refusals in the form's language, its own words after them for a technician; a request
    whose headers it could not read has no language asked for: those words alone (the English above)."""
    vi = "Accept-Language: vi\n"
    assert editor.raw(_request(editor, "DELETE /api/v1 HTTP/1.1\nHost: HOST\n" + vi)) == (501, {
        "error": "trình soạn thảo chỉ nhận yêu cầu GET và POST (Unsupported method ('DELETE'))"})
    assert editor.raw(_request(editor, "PUT /admin/ HTTP/1.1\nHost: HOST\nAccept-Language: vi-VN,vi;q=0.9\n")) == (
        501, {"error": "trình soạn thảo chỉ nhận yêu cầu GET và POST (Unsupported method ('PUT'))"})
    assert editor.raw(_request(editor, "GET /admin/ HTTP/1.1\nHost: HOST\n" + vi + "X: " + "a" * 70000 + "\n")) == (
        431, {"error": "Line too long"})
    assert editor.post(b"{}", path="/api/v2", headers={"Accept-Language": "vi"}) == (404, {"error": "không tìm thấy"})


@pytest.mark.parametrize("path", ["/khong-co-trang-nay", "/admin/d%E1%BB%AF-li%E1%BB%87u.js",
                                  "/media/ly-son-garlic/kh%C3%B4ng-c%C3%B3.jpg", "/admin/config.yml/x"])
def test_an_address_the_editor_does_not_have_is_a_vietnamese_page(editor: EditorClient, path: str):
    """What the editor's browser shows for a mistyped address: a page in Vietnamese that leads back to the form,
    whatever the browser's language (the form is Vietnamese-only), with the status a browser expects."""
    connection = http.client.HTTPConnection("127.0.0.1", editor.port, timeout=60)
    try:
        connection.request("GET", path, headers={"Host": editor.host, "Accept-Language": "en-US,en;q=0.9"})
        response = connection.getresponse()
        status, kind, body = response.status, response.getheader("Content-Type"), response.read().decode("utf-8")
    finally:
        connection.close()
    assert (status, kind) == (404, "text/html; charset=utf-8")
    page = BeautifulSoup(body, "html.parser")
    assert page.html["lang"] == "vi" and page.title.get_text() == page.h1.get_text() == "Không tìm thấy trang"
    assert page.p.get_text() == f"Trình soạn thảo không có trang nào ở địa chỉ {unquote(path)}."
    assert [(link["href"], link.get_text()) for link in page.select("a")] == [("/admin/", "Mở trang soạn thảo")]


def test_the_not_found_page_shows_the_address_as_text(editor: EditorClient):
    """An address is text on the page, never markup: a link crafted to inject a script shows it, harmless."""
    status, body = editor.get("/%3Cscript%3Ealert(%22%C4%91%22)%3C/script%3E%3Cimg%20src=x%20onerror=alert(1)%3E")
    page = BeautifulSoup(body, "html.parser")
    assert status == 404 and not page.select("script, img")
    assert page.p.get_text() == ('Trình soạn thảo không có trang nào ở địa chỉ '
                                 '/<script>alert("đ")</script><img src=x onerror=alert(1)>.')


# --- what it writes ----------------------------------------------------------------------------

LEDGER_REFUSED = "the editor does not read or write 'qr-ledger.yaml': 'ocop-site build' alone writes the QR " \
                 "ledger: printed codes depend on it"
NO_DELETE = ("the editor deletes no files: to take a product off the site, add 'withdrawn: YYYY-MM-DD' to its record "
             "(its page and QR code keep working and say so); remove other files by hand")


def _save(path: str, raw: str, **extra) -> dict:
    return {"dataFiles": [{"path": path, "slug": "x", "raw": raw, **extra}], "assets": []}


def test_only_the_collections_files_are_written(editor: EditorClient, served: Path, unchanged: None):
    record = (served / RECORD).read_text(encoding="utf-8")
    ledger = (served / "qr-ledger.yaml").read_text(encoding="utf-8")
    assert editor.call("persistEntry", _save("qr-ledger.yaml", ledger + "- n: 99\n")) == (
        403, {"error": LEDGER_REFUSED})
    assert editor.call("getEntry", {"path": "qr-ledger.yaml"}) == (403, {"error": LEDGER_REFUSED})
    status, answer = editor.call("persistEntry", _save("site.yaml", "site_url: x\n"))  # checked like the rest
    assert status == 422 and answer["error"].startswith("content/site.yaml:1: 'site_url': String should match"), answer
    for action, params in [("deleteFile", {"path": "qr-ledger.yaml"}), ("deleteFile", {"path": RECORD}),
                           ("deleteFiles", {"paths": [RECORD, STORY, "stories/ly-son-garlic.vi.md"]}),
                           ("deleteFile", {"path": "media/ly-son-garlic/hero.jpg"})]:
        assert editor.call(action, params) == (403, {"error": NO_DELETE})
    assert editor.call("persistEntry", _save(STORY, "x", newPath="products/ly-son-garlic.yaml")) == (403, {
        "error": f"the editor does not move or rename files ('{STORY}' to 'products/ly-son-garlic.yaml'): "
                 "a product's slug is printed in its address and QR code"})
    assert editor.call("persistEntry", _save("products/toi-moi.yaml", record)) == (403, {
        "error": "'products/toi-moi.yaml' does not exist: a new product is made with the form's 'New product' "
                 "button or with 'ocop-site new product toi-moi'"})
    assert editor.call("persistEntry", _save("stories/toi-moi.vi.md", "Đảo.\n")) == (403, {
        "error": "'stories/toi-moi.vi.md' belongs to no product: there is no products/toi-moi.yaml"})
    assert editor.call("persistEntry", _save("../escape.md", "x")) == (
        400, {"error": "'../escape.md' is outside the content folder"})
    assert editor.call("persistEntry", _save("/etc/passwd", "x")) == (
        400, {"error": "'/etc/passwd' is outside the content folder"})
    assert editor.call("persistEntry", _save("products/.hidden.yaml", record)) == (403, {
        "error": "the editor does not read or write 'products/.hidden.yaml': hidden files are not content"})
    assert editor.call("persistEntry", _save("schema/product.schema.json", "{}")) == (403, {
        "error": "the editor does not read or write 'schema/product.schema.json'; it serves products/<slug>.yaml, "
                 "stories/<slug>.vi.md and .en.md, trips/<slug>.yaml, site.yaml and photos in media/<slug>/"})
    photo = base64.b64encode(_photo()).decode()
    assert editor.call("persistMedia", {"asset": {"path": "media/hero.jpg", "content": photo,
                                                  "encoding": "base64"}}) == (403, {
        "error": "the editor does not read or write 'media/hero.jpg'; it serves products/<slug>.yaml, "
                 "stories/<slug>.vi.md and .en.md, trips/<slug>.yaml, site.yaml and photos in media/<slug>/"})
    assert editor.call("persistMedia", {"asset": {"path": "media/toi-moi/hero.jpg", "content": photo,
                                                  "encoding": "base64"}}) == (403, {
        "error": "'media/toi-moi/hero.jpg' belongs to no product: there is no products/toi-moi.yaml"})


def test_a_save_refused_for_its_asset_writes_no_record(editor: EditorClient, served: Path, unchanged: None):
    record = (served / RECORD).read_text(encoding="utf-8").replace("Tỏi Lý Sơn", "Tỏi cô đơn Lý Sơn", 1)
    params = {"dataFiles": [{"path": RECORD, "slug": "ly-son-garlic", "raw": record}], "assets": [
        {"path": "../../tmp/x.jpg", "content": base64.b64encode(_photo()).decode(), "encoding": "base64"}]}
    assert editor.call("persistEntry", params) == (400, {"error": "'../../tmp/x.jpg' is outside the content folder"})
    params["assets"][0]["path"] = "media/ly-son-garlic/ảnh #1.jpg"
    params["assets"][0]["content"] = "bad base64!"
    assert editor.call("persistEntry", params)[0] == 400


def test_a_folder_linked_out_of_the_content_is_neither_read_nor_written(editor: EditorClient, served: Path,
                                                                       tmp_path: Path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.md").write_text("bí mật\n", encoding="utf-8")
    (served / "media" / "ly-son-shallot").rename(tmp_path / "kept")
    (served / "media" / "ly-son-shallot").symlink_to(outside)
    try:
        before = tree(served)
        photo = base64.b64encode(_photo()).decode()
        refused = "'media/ly-son-shallot/x.jpg' goes through a link; the editor writes only real files inside the " \
                  "content folder"
        assert editor.call("persistMedia", {"asset": {"path": "media/ly-son-shallot/x.jpg", "content": photo,
                                                      "encoding": "base64"}}) == (403, {"error": refused})
        assert editor.get("/media/ly-son-shallot/secret.md")[0] == 404
        assert tree(served) == before and sorted(p.name for p in outside.iterdir()) == ["secret.md"]
    finally:
        (served / "media" / "ly-son-shallot").unlink()
        (tmp_path / "kept").rename(served / "media" / "ly-son-shallot")


def test_a_photo_upload_goes_into_its_products_folder_and_nowhere_else(tmp_path: Path):
    content = tmp_path / "content"
    shutil.copytree(SAMPLE, content)
    with running_editor(content) as editor:
        photo = _photo((64, 48))
        status, answer = editor.call("persistMedia", {"asset": {
            "path": "media/ly-son-garlic/vuon-toi.jpg", "content": base64.b64encode(photo).decode(),
            "encoding": "base64"}})
    assert (status, answer["path"]) == (200, "media/ly-son-garlic/vuon-toi.jpg")
    assert (content / "media" / "ly-son-garlic" / "vuon-toi.jpg").read_bytes() == photo


def test_an_alias_bomb_is_refused_at_once(editor: EditorClient, served: Path, unchanged: None):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
        f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(9))
    status, answer = editor.call("persistEntry", _save("trips/bom.yaml", bomb))
    assert (status, answer) == (422, {"error": (
        "content/trips/bom.yaml:1: the record holds more than 50000 values once its YAML aliases are expanded\n"
        "  Fix: write each value out in full: records need no '&' anchors or '*' aliases")})


# --- many at once ------------------------------------------------------------------------------

def _at_once(count: int, send) -> list:
    results: list = [None] * count
    start = threading.Barrier(count)

    def run(index: int) -> None:
        start.wait()
        try:
            results[index] = send(index)
        except Exception as error:  # a reset or a timeout: the test shows which
            results[index] = error

    threads = [threading.Thread(target=run, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    return results


def test_fifty_simultaneous_refused_saves_are_all_answered(editor: EditorClient, served: Path, unchanged: None):
    record = (served / RECORD).read_text(encoding="utf-8")
    invalid = record.replace("recognized: 2025-06-30", "recognized: 2025-06-30\n  expires: 2024-01-01")
    attacker = f"attacker.example:{editor.port}"
    kinds = [
        lambda: editor.call("persistEntry", _save(RECORD, invalid)),
        lambda: editor.call("persistEntry", _save(STORY, "Đảo nhỏ.\n"), token=""),
        lambda: editor.call("persistEntry", _save(STORY, "Đảo nhỏ.\n"), host=attacker, origin=f"http://{attacker}"),
        lambda: editor.call("deleteFile", {"path": "qr-ledger.yaml"}),
        lambda: editor.post(b"{"),
    ]
    results = _at_once(50, lambda index: kinds[index % len(kinds)]())
    assert [result[0] if isinstance(result, tuple) else result for result in results] == [422, 403, 403, 403, 400] * 10
    assert results[0][1]["error"].startswith(
        "content/products/ly-son-garlic.yaml:15: 'certificate.expires' is not after 'certificate.recognized'\n")


def test_fifty_simultaneous_valid_saves_leave_one_whole_file(tmp_path: Path):
    content = tmp_path / "content"
    shutil.copytree(SAMPLE, content)
    record = (content / RECORD).read_text(encoding="utf-8")
    names = [f"Tỏi Lý Sơn số {index}" for index in range(50)]
    texts = [record.replace("vi: Tỏi Lý Sơn\n", f"vi: {name}\n", 1) for name in names]
    with running_editor(content) as editor:
        results = _at_once(50, lambda index: editor.call("persistEntry", _save(RECORD, texts[index])))
    assert results == [(200, {"message": "entry persisted"})] * 50
    saved = (content / RECORD).read_text(encoding="utf-8")
    assert saved in texts
    assert yaml.safe_load(saved)["name"]["vi"] in names
    assert sorted(path.name for path in (content / "products").iterdir() if path.name.startswith(".")) == []
    assert load_catalog(content).products["ly-son-garlic"].record.name.vi in names


def _small_files_only() -> None:
    """In the editor's process: files may not grow beyond 1 kB (writing more fails with EFBIG, as on a full disk)."""
    import resource
    import signal

    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (1024, 1024))


def test_a_save_the_machine_cannot_write_says_what_failed(tmp_path: Path):
    content = tmp_path / "content"
    shutil.copytree(SAMPLE, content)
    before = tree(content)
    story = "Đảo nhỏ. " + (content / STORY).read_text(encoding="utf-8")
    with running_editor(content, preexec_fn=_small_files_only) as editor:
        status, answer = editor.call("persistEntry", _story_save(story))
    assert status == 500
    assert answer["error"].startswith("the save could not be completed: File too large (")
    assert answer["error"].endswith("); check the free disk space and that the content folder may be written, "
                                    "then save again")
    assert tree(content) == before
