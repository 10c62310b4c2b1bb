"""Copy Leaflet, as package.json pins it, from node_modules into the site's assets.

    npm ci --ignore-scripts && python tools/vendor_leaflet.py

The site ships Leaflet itself (no page may load a script from a third-party host), so the files
live in the package; tests/test_maps.py checks they are still the pinned version's.
"""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "node_modules" / "leaflet"
TARGET = ROOT / "ocop_site" / "targets" / "site" / "assets" / "leaflet"
FILES = {"dist/leaflet.js": "leaflet.js", "dist/leaflet.css": "leaflet.css", "LICENSE": "LICENSE"}


def main() -> None:
    TARGET.mkdir(parents=True, exist_ok=True)
    for source, target in FILES.items():
        shutil.copyfile(SOURCE / source, TARGET / target)
        print(f"{TARGET / target} ← {SOURCE / source}")


if __name__ == "__main__":
    main()
