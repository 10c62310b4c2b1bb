"""Compiled Jinja templates kept in the render cache for the next process: compiling the site's page
templates costs every `ocop-site build` about 0.25 CPU-s, Material's every MkDocs run about as much."""

from __future__ import annotations

import contextlib
from pathlib import Path

from jinja2 import Environment, FileSystemBytecodeCache


class KeptTemplates(FileSystemBytecodeCache):
    """Jinja's own bytecode cache (written atomically, checked against the template's source and Python's
    version), which only saves time: a template it cannot keep is compiled again next time."""

    def dump_bytecode(self, bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def keep_compiled(environment: Environment, folder: Path) -> None:
    """Load `environment`'s compiled templates from `folder`, and keep there the ones it compiles."""
    with contextlib.suppress(OSError):  # a folder that cannot be made: compiled as before
        folder.mkdir(parents=True, exist_ok=True)
        environment.bytecode_cache = KeptTemplates(str(folder))
