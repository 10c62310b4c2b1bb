"""Compiled Jinja templates kept in the render cache for the next process: compiling the site's page
templates costs every `ocop-site build` about 0.15 CPU-s, Material's every MkDocs run about as much.

A kept template is Python code the build will run, and Jinja reads its header with pickle: a file
damaged by hand (one byte after Jinja's header is enough to publish other pages) or written by
someone else into a shared render cache must never be loaded. Each file therefore carries an
HMAC-SHA256 of its bytes under a key of the user's own (`~/.cache/ocop-site/template-key`, readable by
that user alone), checked before anything of it is read: a file that fails is compiled again, as is
every file when the key is new. Keeping a template only ever saves time.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import hmac
import os
import secrets
import stat
from pathlib import Path

from jinja2 import Environment
from jinja2.bccache import Bucket, BytecodeCache

from ocop_site.disk import user_cache_folder, write_atomically

SIGNED = b"ocop-site template 1\n"  # then the HMAC (32 bytes), then Jinja's own bytes
KEY_NAME = "template-key"
KEY_BYTES = 32
MAX_BYTES = 8 << 20  # the largest kept template is about 60 KB


class KeptTemplates(BytecodeCache):
    """Jinja's compiled templates in `folder`, one file a template, each signed with `key`."""

    def __init__(self, folder: Path, key: bytes) -> None:
        self.folder = folder
        self.key = key

    def _path(self, bucket: Bucket) -> Path:
        return self.folder / f"{bucket.key}.template"

    def _sign(self, code: bytes) -> bytes:
        return hmac.new(self.key, code, hashlib.sha256).digest()

    def load_bytecode(self, bucket: Bucket) -> None:
        if (data := _read_regular_file(self._path(bucket))) is None:
            return
        start = len(SIGNED) + hashlib.sha256().digest_size
        code = data[start:]
        if not data.startswith(SIGNED) or not hmac.compare_digest(data[len(SIGNED):start], self._sign(code)):
            return  # damaged, or not written by this user: compiled again
        try:
            bucket.bytecode_from_string(code)  # Jinja checks the template's source has not changed
        except Exception:  # whatever it is, the template is compiled again
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        code = bucket.bytecode_to_string()
        with contextlib.suppress(OSError):  # not kept: compiled again next time
            write_atomically(self._path(bucket), SIGNED + self._sign(code) + code, sync=False)


def _read_regular_file(path: Path) -> bytes | None:
    """The bytes of `path` if it is a regular file of at most MAX_BYTES (not a link, a pipe that would block the
    build or a device that never ends), else None."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW | os.O_CLOEXEC)
    except OSError:
        return None
    with open(descriptor, "rb") as handle:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_BYTES:
            return None
        try:
            return handle.read(MAX_BYTES + 1)
        except OSError:
            return None


def keep_compiled(environment: Environment, folder: Path) -> None:
    """Load `environment`'s compiled templates from `folder`, and keep there the ones it compiles."""
    if (key := _user_key()) is None:
        return  # no home folder, or none that can be written: compiled each time, as before
    with contextlib.suppress(OSError):  # a folder that cannot be made: compiled as before
        folder.mkdir(parents=True, exist_ok=True)
        environment.bytecode_cache = KeptTemplates(folder, key)


@functools.cache
def _user_key() -> bytes | None:
    """The user's key, made on first use (a damaged one is replaced: what it signed is compiled again)."""
    path = user_cache_folder(KEY_NAME)
    if path is None:
        return None
    try:
        with contextlib.suppress(FileNotFoundError):
            if len(key := path.read_bytes()) == KEY_BYTES:
                return key
        path.parent.mkdir(parents=True, exist_ok=True)
        key = secrets.token_bytes(KEY_BYTES)
        write_atomically(path, key, sync=False, mode=0o600)
        return key
    except OSError:
        return None
