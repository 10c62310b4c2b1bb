"""Compiled templates kept in the render cache (ocop_site/targets/site/kept_templates.py) are code the build
runs: one is loaded only when signed with the user's own key, whatever else wrote the cache."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from jinja2 import Environment, FileSystemLoader

from ocop_site.targets.site import kept_templates
from ocop_site.targets.site.kept_templates import SIGNED, KeptTemplates, keep_compiled


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A user cache folder of the test's own, and a template to keep."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home"))
    kept_templates._user_key.cache_clear()
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "page.html").write_text("<p>{{ name }}</p>", encoding="utf-8")
    yield tmp_path / "home"
    kept_templates._user_key.cache_clear()


def render(folder: Path, kept: Path, name: str = "Tỏi Lý Sơn") -> str:
    """The template rendered by a new environment, as a new build process would."""
    environment = Environment(loader=FileSystemLoader(folder / "templates"))
    keep_compiled(environment, kept)
    return environment.get_template("page.html").render(name=name)


def test_a_kept_template_is_run_only_with_the_users_own_signature(home, tmp_path):
    kept = tmp_path / "kept"
    assert render(tmp_path, kept) == "<p>Tỏi Lý Sơn</p>"
    key = home / "ocop-site" / "template-key"
    assert len(key.read_bytes()) == 32 and stat.S_IMODE(key.stat().st_mode) == 0o600
    [file] = kept.glob("*.template")
    data = file.read_bytes()
    signed = len(SIGNED) + 32
    assert b"<p>" in data[signed:]
    # someone without the key changes the code: signed with another key, or the signature left as it was
    code = data[signed:].replace(b"<p>", b"<b>")
    for forged in (SIGNED + KeptTemplates(kept, b"k" * 32)._sign(code) + code, data[:signed] + code):
        file.write_bytes(forged)
        assert render(tmp_path, kept, "Đà Nẵng") == "<p>Đà Nẵng</p>"  # compiled again, not run
        assert file.read_bytes() == data  # and kept again, signed
    # a damaged key is replaced: what the old one signed is compiled again
    key.write_bytes(b"cut")
    kept_templates._user_key.cache_clear()
    assert render(tmp_path, kept) == "<p>Tỏi Lý Sơn</p>"
    assert len(key.read_bytes()) == 32 and file.read_bytes() != data


RENDER = r"""
import sys
from pathlib import Path
from jinja2 import Environment, FileSystemLoader
from ocop_site.targets.site.kept_templates import keep_compiled
environment = Environment(loader=FileSystemLoader(Path(sys.argv[1]) / "templates"))
keep_compiled(environment, Path(sys.argv[1]) / "kept")
print(environment.get_template("page.html").render(name=sys.argv[2]))
"""


def render_in_a_process(folder: Path, name: str) -> str:
    """As render(), in a build process of its own: one that waits forever fails the test instead of hanging it."""
    done = subprocess.run([sys.executable, "-c", RENDER, str(folder), name], capture_output=True, text=True,
                          timeout=60, env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)})
    assert done.returncode == 0, done.stderr
    return done.stdout.rstrip("\n")


def test_a_pipe_or_a_device_in_place_of_a_kept_template_neither_blocks_nor_fills_the_build(home, tmp_path):
    kept = tmp_path / "kept"
    assert render(tmp_path, kept) == "<p>Tỏi Lý Sơn</p>"
    [file] = kept.glob("*.template")
    file.unlink()
    os.mkfifo(file)  # a reader waits for a writer that never comes
    assert render_in_a_process(tmp_path, "Đà Nẵng") == "<p>Đà Nẵng</p>"
    assert file.is_file()  # replaced by a kept template
    file.unlink()
    file.symlink_to("/dev/zero")  # never ends
    assert render_in_a_process(tmp_path, "Đức Phổ") == "<p>Đức Phổ</p>"
    assert file.is_file() and not file.is_symlink()
