"""Make the screenshots of docs/editor.vi.md in a real browser: one spreadsheet row imported with
`ocop-site import`, then the real `ocop-site edit` server driven in headless Chromium on a copy of the
sample content, step by step as the guide tells it.

    python tools/editor_screenshots.py [--out docs/images/editor] [--chromium /usr/bin/chromium]

Nothing in content/ changes: everything happens in a temporary copy.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
ROW = ("STT,Tên sản phẩm,Tên tiếng Anh,Chủ thể,Địa chỉ,Điện thoại,Hạng sao,Nhóm sản phẩm,Số quyết định,"
       "Ngày quyết định\n1,Mật ong rừng Minh Long,Minh Long forest honey,Hợp tác xã Nông nghiệp Minh Long,"
       "\"Thôn Làng Ren, Xã Minh Long, tỉnh Quảng Ngãi\",0905123456,3 sao,Thực phẩm,1234/QĐ-UBND,15/08/2025\n")
SLUG = "minh-long-forest-honey"
VIEW = {"width": 1280, "height": 860}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "images" / "editor")
    parser.add_argument("--chromium", type=Path, default=Path("/usr/bin/chromium"))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        project = Path(scratch)
        shutil.copytree(ROOT / "content", project / "content")
        shutil.copytree(ROOT / "schema", project / "schema")
        (project / "danh-sach-ocop.csv").write_text(ROW, encoding="utf-8")
        _run("import", "danh-sach-ocop.csv", cwd=project)
        slug = next(path.stem for path in (project / "content" / "products").glob("*.yaml")
                    if "Mật ong" in path.read_text(encoding="utf-8"))
        port = _free_port()
        command = [sys.executable, "-m", "ocop_site", "edit", "--port", str(port)]
        editor = subprocess.Popen(command, cwd=project, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                  text=True)
        try:
            _wait(f"http://127.0.0.1:{port}/admin/")
            _shoot(f"http://127.0.0.1:{port}/admin/", slug, args.out, args.chromium)
        finally:
            editor.terminate()
            editor.communicate(timeout=10)
    for picture in sorted(args.out.glob("*.png")):
        print(picture.relative_to(ROOT) if picture.is_relative_to(ROOT) else picture)
    return 0


def _shoot(base: str, slug: str, out: Path, chromium: Path) -> None:
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium), headless=True,
                                             args=["--no-sandbox", "--disable-gpu", "--lang=vi-VN"])
        try:
            def page(route: str, ready: str):
                tab = browser.new_page(viewport=VIEW, locale="vi-VN")  # dates as dd/mm/yyyy
                tab.goto(base + route)
                tab.get_by_role("button", name="Đăng nhập").click()
                expect(tab.get_by_text(ready).first).to_be_visible(timeout=60_000)
                tab.wait_for_timeout(800)
                return tab

            tab = page("#/collections/products", "Mật ong rừng Minh Long")
            tab.screenshot(path=str(out / "01-danh-sach-san-pham.png"))
            tab.close()

            tab = page(f"#/collections/products/entries/{slug}", "Mã QR / QR code")
            tab.screenshot(path=str(out / "02-ho-so-ban-nhap.png"))
            summary = tab.locator('[class*="ControlContainer"]:has(> [class*="ControlTopbar"] '
                                  'label[for^="summary-field-"])')
            summary.get_by_label("Tiếng Việt").fill("Mật ong hoa rừng do đồng bào Hrê ở Minh Long khai thác.")
            summary.get_by_label("English").fill("Wild-flower honey gathered by the Hrê people of Minh Long.")
            draft = tab.get_by_label("Bản nháp / Draft (không bắt buộc)")
            draft.scroll_into_view_if_needed()
            draft.click()
            tab.get_by_role("button", name="Công bố", exact=True).click()
            tab.get_by_role("menuitem", name="Công bố ngay").click()
            problem = tab.locator(".ocop-problem").first
            try:
                expect(problem).to_be_visible(timeout=60_000)
            except AssertionError:
                print(tab.locator(".Toastify__toast").all_inner_texts(),
                      tab.locator("[class*=ControlErrorsList]").all_inner_texts())
                raise
            tab.wait_for_timeout(500)
            print([box.get_attribute("data-field") for box in tab.locator(".ocop-problem").all()])
            problem.scroll_into_view_if_needed()
            tab.mouse.wheel(0, -120)
            tab.wait_for_timeout(300)
            tab.screenshot(path=str(out / "03-luu-bi-tu-choi.png"))
            beside = tab.locator('.ocop-problem[data-field^="coordinates"], .ocop-problem[data-field^="images"]').first
            beside.scroll_into_view_if_needed()
            tab.mouse.wheel(0, -200)
            tab.wait_for_timeout(300)
            tab.screenshot(path=str(out / "04-loi-ben-canh-o.png"))
            tab.close()

            tab = page(f"#/collections/stories/entries/{slug}", "Đang viết: VI")
            tab.screenshot(path=str(out / "05-cau-chuyen.png"))
            tab.close()

            tab = page("#/collections/products/new", "Mã QR / QR code")
            tab.screenshot(path=str(out / "06-san-pham-moi.png"))
            tab.close()

            tab = page("#/collections/products/entries/ly-son-shallot", "Mã QR / QR code")
            withdrawn = tab.get_by_label("Ngày rút khỏi OCOP / Withdrawn on (không bắt buộc)")
            withdrawn.scroll_into_view_if_needed()
            withdrawn.fill("2026-11-30")
            tab.mouse.wheel(0, 200)
            tab.wait_for_timeout(300)
            tab.screenshot(path=str(out / "07-rut-khoi-ocop.png"))
            tab.close()
        finally:
            browser.close()


def _run(*args: str, cwd: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "ocop_site", *args], cwd=cwd, env=ENV, capture_output=True,
                          text=True)
    if done.returncode != 0:
        raise SystemExit(f"ocop-site {' '.join(args)} failed:\n{done.stdout}{done.stderr}")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait(url: str) -> None:
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(url, timeout=2).close()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
