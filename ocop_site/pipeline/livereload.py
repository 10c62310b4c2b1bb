"""Reloading the pages a preview has open, after each successful rebuild.

The preview server adds a small script to every HTML page it serves (never to the built files).
The script long-polls ENDPOINT with the build number the page was served with; the server answers
as soon as a newer build is published (or after POLL_SECONDS, with the same number), and the page
reloads when the number differs.
"""

from __future__ import annotations

import threading

ENDPOINT = "/__ocop_reload"
POLL_SECONDS = 25.0

_SCRIPT = """<script>(function () {
  var seen = %d;
  function poll() {
    fetch("%s?since=" + seen, {cache: "no-store"})
      .then(function (response) { return response.text(); })
      .then(function (text) { if (Number(text) !== seen) { location.reload(); } else { poll(); } })
      .catch(function () { setTimeout(poll, 2000); });
  }
  poll();
})();</script>
"""


class ReloadSignal:
    """A build number that open pages wait on."""

    def __init__(self) -> None:
        self._version = 0
        self._changed = threading.Condition()

    @property
    def version(self) -> int:
        with self._changed:
            return self._version

    def bump(self) -> int:
        with self._changed:
            self._version += 1
            self._changed.notify_all()
            return self._version

    def wait(self, seen: int, timeout: float = POLL_SECONDS) -> int:
        """The build number once it differs from `seen`, or the same number after `timeout` seconds."""
        with self._changed:
            self._changed.wait_for(lambda: self._version != seen, timeout=timeout)
            return self._version


def inject(page: bytes, version: int) -> bytes:
    """`page` with the reload script before its closing body tag (at the end if it has none)."""
    script = (_SCRIPT % (version, ENDPOINT)).encode("utf-8")
    at = page.rfind(b"</body>")
    return page + script if at < 0 else page[:at] + script + page[at:]
