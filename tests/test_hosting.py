"""The host configurations (issue 16, docs/deployment.md) run for real on 127.0.0.1: nginx and
Caddy answer a scanned /P/<CODE> with one redirect to the product page in the visitor's language
(the remembered choice first, then Accept-Language: vi* → Vietnamese, anything else → English),
send text gzip-compressed and say how long each file may be cached. The static hosts' _redirects
and _headers are checked as text."""

from __future__ import annotations

import gzip
import http.client
import os
import re
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
CADDY = shutil.which("caddy") or "/usr/bin/caddy"
CODE, SLUG = "TB-QUE", "tra-bong-cinnamon-oil"
VI, EN = f"/products/{SLUG}/", f"/en/products/{SLUG}/"
BROWSERS = [("ko-KR,ko;q=0.9,en-US;q=0.8", EN), ("zh-CN,zh;q=0.9", EN), ("fr-FR,fr;q=0.9,en;q=0.8", EN),
            ("en-US,en;q=0.9", EN), ("vi-VN,vi;q=0.9,en;q=0.8", VI), ("ja", EN), ("", EN)]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(port: int, process: subprocess.Popen, log: Path) -> None:
    for _ in range(100):
        if process.poll() is not None:
            pytest.fail(f"the server stopped ({process.returncode}):\n{log.read_text(errors='replace')[-3000:]}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.1)
    pytest.fail(f"nothing listens on 127.0.0.1:{port}")


def get(port: int, path: str, **headers: str) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    response.body = response.read()  # type: ignore[attr-defined]
    connection.close()
    return response


@pytest.fixture(scope="module")
def nginx(sample_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    if not Path(NGINX).exists():
        pytest.fail("nginx is missing: install Debian's nginx-light (scripts/test.sh does)")
    folder = tmp_path_factory.mktemp("nginx")
    port = _free_port()
    site_conf = (sample_site / "hosting" / "nginx.conf").read_text(encoding="utf-8")
    site_conf = site_conf.replace("listen 80;", f"listen 127.0.0.1:{port};").replace(
        "root /srv/ocop/site;", f"root {sample_site};")
    (folder / "ocop.conf").write_text(site_conf, encoding="utf-8")
    temp = {name: folder / name for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi")}
    user = "user root;\n" if os.geteuid() == 0 else ""  # the workers must read the pytest folders
    (folder / "nginx.conf").write_text(
        f"{user}daemon off;\nworker_processes 1;\npid {folder}/nginx.pid;\nerror_log {folder}/error.log;\n"
        "events {}\nhttp {\n  include /etc/nginx/mime.types;\n  access_log off;\n"
        + "".join(f"  {name}_temp_path {path};\n" for name, path in
                  (("client_body", temp["body"]), *((n, temp[n]) for n in ("proxy", "fastcgi", "uwsgi", "scgi"))))
        + f"  include {folder}/ocop.conf;\n}}\n", encoding="utf-8")
    log = folder / "stderr.log"
    with log.open("wb") as stderr:
        process = subprocess.Popen([NGINX, "-c", str(folder / "nginx.conf"), "-p", str(folder)],
                                   stdout=stderr, stderr=stderr)
    try:
        _wait(port, process, log)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.mark.parametrize(("accept_language", "landing"), BROWSERS)
@pytest.mark.parametrize("stub", [f"/P/{CODE}", f"/P/{CODE}/", f"/p/{CODE.lower()}/"])
def test_nginx_redirects_a_scan_once_to_the_browser_language(nginx: int, stub: str, accept_language: str,
                                                            landing: str) -> None:
    response = get(nginx, stub, **({"Accept-Language": accept_language} if accept_language else {}))

    assert (response.status, response.getheader("Location")) == (302, landing)
    assert response.getheader("Vary") == "Accept-Language, Cookie"
    assert get(nginx, landing).status == 200


@pytest.mark.parametrize(("cookie", "accept_language", "landing"), [
    ("nf_lang=vi", "ko-KR,ko;q=0.9", VI), ("nf_lang=en", "vi-VN,vi;q=0.9", EN),
    ("other=1; nf_lang=vi", "fr-FR", VI), ("nf_lang=de", "vi-VN", VI)])
def test_nginx_respects_the_remembered_choice(nginx: int, cookie: str, accept_language: str, landing: str) -> None:
    response = get(nginx, f"/P/{CODE}", Cookie=cookie, **{"Accept-Language": accept_language})

    assert (response.status, response.getheader("Location")) == (302, landing)


def test_nginx_compresses_text_and_sets_cache_headers(nginx: int, sample_site: Path) -> None:
    page = get(nginx, EN, **{"Accept-Encoding": "gzip"})
    assert page.getheader("Content-Encoding") == "gzip"
    assert "<h1" in gzip.decompress(page.body).decode("utf-8")
    assert page.getheader("Cache-Control") == "public, max-age=0, must-revalidate"
    # the product page carries its CSS in itself (issue 16); the catalogue links the shared stylesheet
    html = gzip.decompress(get(nginx, "/en/catalogue/", **{"Accept-Encoding": "gzip"}).body).decode("utf-8")
    stylesheet = re.search(r'href="\.\./\.\./(assets/ocop\.[0-9a-f]{10}\.css)"', html)
    assert stylesheet, "the en catalogue does not use the shared /assets/ocop.<hash>.css"
    css = get(nginx, "/" + stylesheet.group(1), **{"Accept-Encoding": "gzip"})
    assert (css.status, css.getheader("Content-Encoding")) == (200, "gzip")
    assert css.getheader("Cache-Control") == "public, max-age=31536000, immutable"
    assert get(nginx, "/media/ly-son-garlic/hero-480.webp").getheader("Cache-Control") == "public, max-age=3600"
    assert get(nginx, "/hosting/nginx.conf").status == 404
    assert get(nginx, "/P/NO-SUCH-CODE").status == 404


def test_static_host_rules_cover_every_code_in_both_languages(sample_site: Path) -> None:
    codes = __import__("json").loads((sample_site / "qr" / "codes.json").read_text(encoding="utf-8"))
    rules = [line.split() for line in (sample_site / "_redirects").read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    for code, slug in codes.items():
        for stub in (f"/P/{code}", f"/P/{code}/", f"/p/{code.lower()}", f"/p/{code.lower()}/"):
            assert [stub, f"/products/{slug}/", "302!", "Language=vi"] in rules
            assert [stub, f"/en/products/{slug}/", "302!"] in rules
            # the Vietnamese rule must come first: the first matching rule wins
            assert rules.index([stub, f"/products/{slug}/", "302!", "Language=vi"]) < rules.index(
                [stub, f"/en/products/{slug}/", "302!"])
    headers = (sample_site / "_headers").read_text(encoding="utf-8")
    assert "/assets/ocop.*\n  Cache-Control: public, max-age=31536000, immutable" in headers
    assert "/media/*\n  Cache-Control: public, max-age=3600\n" in headers  # as docs/deployment.md says


@pytest.fixture(scope="module")
def caddy(sample_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    if not Path(CADDY).exists():
        pytest.fail("caddy is missing: install Debian's caddy (scripts/test.sh does)")
    folder = tmp_path_factory.mktemp("caddy")
    port = _free_port()
    config = (sample_site / "hosting" / "Caddyfile").read_text(encoding="utf-8")
    config = config.replace("ocop.example.gov.vn {",
                            f"{{\n\tadmin off\n\tauto_https off\n}}\n\nhttp://127.0.0.1:{port} {{")
    config = config.replace("root * /srv/ocop/site", f"root * {sample_site}")
    (folder / "Caddyfile").write_text(config, encoding="utf-8")
    log = folder / "stderr.log"
    env = {**os.environ, "HOME": str(folder), "XDG_DATA_HOME": str(folder), "XDG_CONFIG_HOME": str(folder)}
    with log.open("wb") as stderr:
        process = subprocess.Popen([CADDY, "run", "--adapter", "caddyfile", "--config", str(folder / "Caddyfile")],
                                   stdout=stderr, stderr=stderr, env=env)
    try:
        _wait(port, process, log)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.mark.parametrize(("headers", "landing"), [
    ({"Accept-Language": "ko-KR,ko;q=0.9"}, EN), ({"Accept-Language": "zh-CN"}, EN), ({"Accept-Language": "fr-FR"}, EN),
    ({"Accept-Language": "en-US"}, EN), ({"Accept-Language": "vi-VN,vi;q=0.9"}, VI), ({}, EN),
    ({"Accept-Language": "ko-KR", "Cookie": "nf_lang=vi"}, VI),
    ({"Accept-Language": "vi", "Cookie": "nf_lang=en"}, EN)])
def test_caddy_redirects_a_scan_once_to_the_right_language(caddy: int, headers: dict[str, str], landing: str) -> None:
    for stub in (f"/P/{CODE}", f"/p/{CODE.lower()}/"):
        response = get(caddy, stub, **headers)
        assert (response.status, response.getheader("Location")) == (302, landing), stub
    assert get(caddy, landing, **{"Accept-Encoding": "gzip"}).getheader("Content-Encoding") == "gzip"


def test_caddy_compresses_text_and_sets_cache_headers(caddy: int) -> None:
    """The cache table of docs/deployment.md, as for nginx: pages revalidate, hashed names last a
    year, other assets and photos an hour, a QR redirect is private."""
    page = get(caddy, EN, **{"Accept-Encoding": "gzip"})
    assert (page.status, page.getheader("Content-Encoding")) == (200, "gzip")
    assert page.getheader("Cache-Control") == "public, max-age=0, must-revalidate"
    assert get(caddy, "/").getheader("Cache-Control") == "public, max-age=0, must-revalidate"
    html = gzip.decompress(get(caddy, "/en/catalogue/", **{"Accept-Encoding": "gzip"}).body).decode("utf-8")
    stylesheet = re.search(r'href="\.\./\.\./(assets/ocop\.[0-9a-f]{10}\.css)"', html)
    assert stylesheet, "the en catalogue does not use the shared /assets/ocop.<hash>.css"
    css = get(caddy, "/" + stylesheet.group(1))
    assert (css.status, css.getheader("Cache-Control")) == (200, "public, max-age=31536000, immutable")
    photo = get(caddy, "/media/ly-son-garlic/hero-480.webp")
    assert (photo.status, photo.getheader("Cache-Control")) == (200, "public, max-age=3600")
    redirect = get(caddy, f"/P/{CODE}", **{"Accept-Language": "fr-FR"})
    assert (redirect.status, redirect.getheader("Cache-Control")) == (302, "private, no-cache")
    assert get(caddy, "/hosting/Caddyfile").status == 404
