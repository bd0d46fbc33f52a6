"""How the suite waits: for an event (a file written, a count reached, a process exited), never for a
number of seconds.

CI runs on machines that may be busy: a crawl that takes 5 s at rest can take a minute beside two
CPU-heavy processes, and that is no failure. So no wait here fails because the clock ran; the one
bound, ``HANG_GUARD``, only stops a test that truly hangs from holding CI for its whole 90 minutes
(pytest-timeout holds each test to the same bound).
"""

from __future__ import annotations

import subprocess
import time
from collections.abc import Callable

#: seconds after which a wait is taken for a hang, not for slowness; never a measurement
HANG_GUARD = 900.0
#: how often a condition is looked at again
POLL_SECONDS = 0.02


def wait_for(condition: Callable[[], bool], *, what: str,
             process: subprocess.Popen[str] | None = None) -> None:
    """Return as soon as ``condition()`` holds.

    With ``process``: the process ending first is the other event, and fails the wait at once with
    what the process said (a crawl that exits without writing the awaited file will never write it).
    """
    started = time.monotonic()
    while not condition():
        if process is not None and process.poll() is not None:
            if condition():
                return
            raise AssertionError(f"the process ended (exit {process.returncode}) before {what}")
        if time.monotonic() - started > HANG_GUARD:
            raise AssertionError(f"hung: never saw {what}")
        time.sleep(POLL_SECONDS)
