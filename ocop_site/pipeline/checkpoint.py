"""Step boundaries of a build, where a test can stop it on purpose.

With OCOP_SITE_TEST_PAUSE_AT=<step> in the environment, the build says so on stderr when it reaches
that step and waits there until it gets SIGUSR1 (or is killed): tests kill or starve a build at an
exact point without sleeps or timing windows. The steps, in order: STEPS.
"""

from __future__ import annotations

import os
import signal

PAUSE_SETTING = "OCOP_SITE_TEST_PAUSE_AT"
# "caching" is half-way through writing a file into the render cache (targets/cache.py), when one is written
STEPS = ("read", "ledger", "caching", "web-rendered", "web-publishing", "web-published", "search-rendered",
         "search-publishing", "search-published", "rendered", "publishing", "published")


def checkpoint(step: str) -> None:
    if os.environ.get(PAUSE_SETTING) != step:
        return
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGUSR1})
    try:
        os.write(2, f"ocop-site: paused at '{step}' ({PAUSE_SETTING}); send SIGUSR1 to go on\n".encode())
        signal.sigwait({signal.SIGUSR1})
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGUSR1})
