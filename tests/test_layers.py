"""The layers import one way and no package has an import cycle (the contracts in pyproject.toml,
checked by import-linter; docs/architecture.md explains them).

The check is run on the real package, and on copies of it with one bad import added, so that a
contract that quietly stopped checking would fail here too."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def lint_imports(root: Path) -> subprocess.CompletedProcess:
    """import-linter on the package below `root`, with the project's contracts."""
    env = {**os.environ, "PYTHONPATH": str(root)}
    return subprocess.run([sys.executable, "-c", "from importlinter.cli import lint_imports_command; "
                           "lint_imports_command()", "--config", str(root / "pyproject.toml"), "--no-cache"],
                          cwd=root, env=env, capture_output=True, text=True, timeout=300)


def copy_package(tmp_path: Path) -> Path:
    """The Python modules of ocop_site and the contracts (templates and assets do not matter to imports)."""
    def left_out(folder: str, names: list[str]) -> list[str]:
        return [name for name in names if name == "__pycache__"
                or not (name.endswith(".py") or (Path(folder) / name).is_dir())]

    shutil.copytree(ROOT / "ocop_site", tmp_path / "ocop_site", ignore=left_out)
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def add_import(root: Path, module: str, line: str) -> None:
    path = root / (module.replace(".", "/") + ".py")
    path.write_text(path.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")


def test_the_package_keeps_every_contract():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 2 kept, 0 broken." in result.stdout


@pytest.mark.parametrize(("module", "line", "report"), [
    # an upward import: the content schema reaching for a target (the QR rules once lived there)
    ("ocop_site.content.records", "from ocop_site.targets.qr import symbol  # noqa",
     ["ocop_site.content is not allowed to import ocop_site.targets:",
      "- ocop_site.content.records -> ocop_site.targets.qr.symbol (l."]),
    # a target reaching for the pipeline that runs it
    ("ocop_site.targets.kiosk.files", "from ocop_site.pipeline import workspace  # noqa",
     ["ocop_site.targets is not allowed to import ocop_site.pipeline:",
      "- ocop_site.targets.kiosk.files -> ocop_site.pipeline.workspace (l."]),
    # a cycle inside a layer, hidden in a function: the catalogue importing the loader that builds it
    ("ocop_site.model.catalog", "def _hidden():\n    from ocop_site.model.loader import load_catalog  # noqa",
     ["No cycles are allowed in ocop_site.model.", "- .loader -> .catalog (1 import)"]),
])
def test_a_bad_import_breaks_a_contract(tmp_path, module, line, report):
    root = copy_package(tmp_path)
    add_import(root, module, line)
    result = lint_imports(root)
    assert result.returncode == 1, result.stdout + result.stderr
    for text in report:
        assert text in result.stdout


def test_a_new_top_level_module_must_be_given_a_layer(tmp_path):
    root = copy_package(tmp_path)
    (root / "ocop_site" / "helpers.py").write_text('"""Somewhere to put things."""\n', encoding="utf-8")
    result = lint_imports(root)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "ocop_site.helpers" in result.stdout


def test_the_mkdocs_hooks_load_only_what_they_use():
    """Each MkDocs run (two a build, one a story edit) loads the hooks the way MkDocs does; loading the
    catalogue model with them cost each 0.3 CPU-s."""
    hooks = ROOT / "ocop_site" / "targets" / "site" / "hooks.py"
    code = ("import importlib.util, sys\n"
            f"spec = importlib.util.spec_from_file_location('hooks', {str(hooks)!r})\n"
            "spec.loader.exec_module(importlib.util.module_from_spec(spec))\n"
            "print(' '.join(sorted(name for name in sys.modules if name.startswith('ocop_site'))))")
    loaded = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60,
                            check=True, env={**os.environ, "PYTHONPATH": str(ROOT)}).stdout.split()
    assert loaded == ["ocop_site", "ocop_site.disk", "ocop_site.targets", "ocop_site.targets.site",
                      "ocop_site.targets.site.css_subset", "ocop_site.targets.site.kept_templates",
                      "ocop_site.targets.site.own_assets"]
