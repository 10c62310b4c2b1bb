"""The fair-booth kiosk (issue 7): /kiosk/ and /en/kiosk/, a full-screen touch app built from the
catalogue, with an attract loop, an idle reset and service workers that keep it working offline."""

from ocop_site.targets.kiosk.files import render_kiosk

__all__ = ["render_kiosk"]
