"""MkDocs in a fork of the build (ocop_site/targets/site/mkdocs_fork.py): what it prints reaches the build's
error and nothing else, it dies with a killed build and holds none of its locks, and the modules the build
loads for it are all that it loads."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import TODAY, all_gone, gone

from ocop_site.targets.site.mkdocs_fork import PRELOADED
from ocop_site.targets.site.mkdocs_project import MkDocsError, run_mkdocs

REPO = Path(__file__).resolve().parent.parent
PROJECT = Path("out/.work/mkdocs")  # the two MkDocs projects a build writes


def test_a_failed_mkdocs_says_what_it_printed_and_the_other_language_is_built(built_content, capfd):
    (PROJECT / "docs-vi").rename(PROJECT / "docs-vi-gone")
    shown: list[str] = []
    with pytest.raises(MkDocsError) as failure:
        run_mkdocs(PROJECT, dt.date.fromisoformat(TODAY), lambda line: shown.append(str(line)),
                   {"vi": False, "en": False})
    assert str(failure.value) == (
        "MkDocs (vi) failed:\nERROR   -  Config value 'docs_dir': The path '../docs-vi' isn't an existing "
        "directory.\n\nAborted with a configuration error!")
    assert [line.split(":")[0] for line in shown] == ["  MkDocs en (all pages)"]
    assert (PROJECT / "site-en" / "index.html").is_file()
    assert capfd.readouterr() == ("", "")  # the children's output went to their pipes, not to the build's


HANGING_HOOK = """
import os, signal
def on_config(config):
    os.write(1, f"mkdocs {os.getpid()}\\n".encode())  # on the pipe: the parent below passes it on
    signal.pause()
"""

PARENT = r"""
import sys
from pathlib import Path
from ocop_site.pipeline.workspace import locked
from ocop_site.targets.site.mkdocs_fork import start_mkdocs

with locked(Path(sys.argv[1])):
    child = start_mkdocs("mkdocs vi", ["build", "--config-file", "mkdocs.yml"], Path(sys.argv[2]), {"PATH": ""})
    print("started", flush=True)
    print(child.output.readline(), end="", flush=True)
    child.communicate()
"""


def test_mkdocs_dies_with_a_killed_build_and_holds_none_of_its_locks(tmp_path):
    project = tmp_path / "project"
    (project / "docs").mkdir(parents=True)
    (project / "docs" / "index.md").write_text("# Đà Nẵng\n", encoding="utf-8")
    (project / "hang.py").write_text(HANGING_HOOK, encoding="utf-8")
    (project / "mkdocs.yml").write_text("site_name: Thử\nhooks:\n- hang.py\n", encoding="utf-8")
    out = tmp_path / "out"
    build = subprocess.Popen([sys.executable, "-c", PARENT, str(out), str(project)], stdout=subprocess.PIPE, text=True,
                             env={**os.environ, "PYTHONPATH": str(REPO)})
    try:
        assert build.stdout.readline() == "started\n"
        mkdocs = int(build.stdout.readline().split()[1])  # MkDocs is running, inside the hook
        assert Path(f"/proc/{mkdocs}/comm").read_text() == "mkdocs vi\n"
        held = {os.readlink(fd) for fd in Path(f"/proc/{mkdocs}/fd").iterdir()}
        assert str(out / ".lock") not in held
        build.kill()  # SIGKILL: the build cannot stop its child itself
        build.wait()
        assert all_gone([mkdocs])
    finally:
        build.kill()
        build.wait()
        if "mkdocs" in locals() and not gone(mkdocs):
            os.kill(mkdocs, signal.SIGKILL)


LOADED = r"""
import importlib, json, os, sys
from ocop_site.targets.site.mkdocs_fork import PRELOADED
for module in PRELOADED:
    importlib.import_module(module)
before = set(sys.modules)
from mkdocs.__main__ import cli
os.environ["NO_MKDOCS_2_WARNING"] = "1"
try:
    cli.main(args=["build", "--quiet", "--config-file", sys.argv[1]], prog_name="mkdocs")
except SystemExit as exit_:
    assert not exit_.code, exit_.code
print(json.dumps(sorted(name for name in set(sys.modules) - before if not name.startswith("/"))))  # not the hooks' file
"""


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_modules_loaded_before_the_fork_are_all_mkdocs_loads(built_content, language):
    done = subprocess.run([sys.executable, "-c", LOADED, f"mkdocs.{language}.yml"], cwd=PROJECT / "config",
                          capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.splitlines()[-1]) == [], done.stdout.splitlines()[-1]
    assert len(PRELOADED) == len(set(PRELOADED))
