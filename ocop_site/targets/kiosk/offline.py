"""The kiosk's service workers: the list of precached files with a revision each, and the cache
version, a digest of that list, so that a rebuild changing any precached file changes the version."""

from __future__ import annotations

import hashlib
import json

Revisions = dict[str, str]  # site path → revision


def text_revision(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def cache_version(revisions: Revisions) -> str:
    return text_revision(json.dumps(sorted(revisions.items())).encode())


def service_worker(template, language: str, root: str, revisions: Revisions) -> str:
    """sw.js of one language's kiosk folder; `root` leads from that folder to the site root."""
    return template.render(language=language, root=root, version=cache_version(revisions),
                           files=sorted(revisions.items()))
