"""The command's own log lines on stderr: each stamped with the local time and its zone's name.

Scrapy's lines carry their time; ours must too, or a cron log of a night's run cannot be read
against the portal's access log. The zone is named (``UTC+8``, ``UTC``…) because a team reading the
log in another office, or a container running in UTC, must not guess it.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import time


def stamp(now: dt.datetime | None = None) -> str:
    """``2026-03-01 02:00:05 UTC+8``: the local time, to the second, with the zone named
    (``reports.clock``, the one conversion of times for people)."""
    from reports import clock  # the reports package, loaded with it, is not wanted at start-up

    return clock.format_local(now or clock.now(), seconds=True)


def say(message: str) -> None:
    """One line of the command's own log: ``<stamp> pathaudit: <message>``."""
    print(f"{stamp()} pathaudit: {message}", file=sys.stderr, flush=True)


def use_timezone(name: str | None) -> None:
    """Make ``name`` (``timezone`` setting) this process's local zone, and its workers' (they
    inherit ``TZ``): log stamps, run folder names and "today" for staleness all follow it. None
    keeps the machine's zone."""
    if name and os.environ.get("TZ") != name:
        os.environ["TZ"] = name
        time.tzset()


def today() -> dt.date:
    """Today in the local zone (the ``timezone`` setting's): a 01:30 Beijing-time run is dated that
    day, not UTC's yesterday."""
    from reports import clock

    return clock.today()
