"""MkDocs run in a process forked from the build, not in a new Python.

A new interpreter loads Python, MkDocs, Material, Babel and the hooks' modules again for each language:
0.25 of the 0.4 CPU-s MkDocs costs for a language of a small catalogue. The build loads them once
(PRELOADED) and each language's MkDocs is a fork of it, sharing those pages (docs/performance.md). The
child runs MkDocs's own command line, as `python -m mkdocs` would, with its output on a pipe; it dies
with the build (PR_SET_PDEATHSIG), holds none of its locks (pipeline/workspace.py forgets them at each
fork) and ends with `os._exit`, so nothing of the build's own clean-up runs twice.
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import io
import os
import signal
import sys
import traceback
from pathlib import Path
from typing import NoReturn

from ocop_site.processes import die_with_parent, name_process

# What MkDocs loads for a language of the generated projects (the Markdown extensions of mkdocs_project.py's
# base config and MkDocs's own, Material's theme, the hooks): tests/test_mkdocs_fork.py checks the list.
PRELOADED = ("mkdocs.__main__", "mkdocs.commands.build", "mkdocs.config.defaults", "mkdocs.localization",
             "mkdocs.plugins", "mkdocs.theme", "material.templates", "jinja2.ext", "babel.support", "babel.dates",
             "pygments.formatters", "pygments.lexers", "colorama", "encodings.utf_8_sig", "encodings.unicode_escape",
             "markdown.extensions.attr_list", "markdown.extensions.md_in_html", "markdown.extensions.tables",
             "markdown.extensions.toc", "markdown.extensions.fenced_code", "markdown.extensions.codehilite",
             "ocop_site.targets.site.hooks")


class ForkedMkDocs:
    """One MkDocs process, read like a finished `subprocess.Popen` (`communicate`, then `returncode`)."""

    def __init__(self, pid: int, output: io.TextIOWrapper) -> None:
        self.pid = pid
        self.output = output
        self.returncode: int | None = None

    def communicate(self) -> tuple[str, None]:
        """Everything it wrote (stdout and stderr), once it has ended."""
        with self.output:
            text = self.output.read()
        _pid, status = os.waitpid(self.pid, 0)
        self.returncode = os.waitstatus_to_exitcode(status)
        return text, None


def start_mkdocs(name: str, arguments: list[str], folder: Path, env: dict[str, str]) -> ForkedMkDocs:
    """`mkdocs ARGUMENTS` in `folder` with the environment `env`, in a fork of this process called `name`."""
    for module in PRELOADED:
        importlib.import_module(module)
    parent = os.getpid()
    reader, writer = os.pipe()
    # Ctrl-C or SIGTERM between the fork and the child's guard would run the build's own exception handling
    # in the child (its clean-up, its exit): the child takes them only once inside _run.
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    # A large catalogue's objects stay shared with the child: its collector never walks (and so never
    # writes into) what the build holds, so those pages are not copied into it (as for the job workers).
    gc.freeze()
    try:
        pid = os.fork()
        if pid == 0:
            _run(name, arguments, folder, env, parent, (reader, writer), blocked)
    except BaseException:
        os.close(reader)
        raise
    finally:  # the parent's (the child never leaves _run)
        gc.unfreeze()
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
        os.close(writer)
    return ForkedMkDocs(pid, open(reader, encoding="utf-8", errors="replace"))  # closed by communicate


def _run(name: str, arguments: list[str], folder: Path, env: dict[str, str], parent: int, pipe: tuple[int, int],
         signals: set[signal.Signals]) -> NoReturn:
    """The child: MkDocs's command line, then `os._exit` with its exit code; it never returns."""
    code = 1
    try:
        signal.pthread_sigmask(signal.SIG_SETMASK, signals)
        reader, writer = pipe
        os.close(reader)
        os.dup2(writer, 1)
        os.dup2(writer, 2)
        # the build's own streams may be anything (a test's capture): MkDocs's log handler writes to these
        sys.stdout = sys.stderr = open(writer, "w", encoding="utf-8", closefd=False)  # noqa: SIM115 (flushed below)
        die_with_parent(parent)
        name_process(name)
        os.chdir(folder)
        os.environ.clear()
        os.environ.update(env)
        from mkdocs.__main__ import cli

        cli.main(args=arguments, prog_name="mkdocs")
        code = 0
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else 0 if exit_.code is None else 1
    except BaseException:  # the child reports whatever failed on its output, then ends
        traceback.print_exc()
    finally:
        with contextlib.suppress(Exception):
            sys.stdout.flush()
        os._exit(code)
