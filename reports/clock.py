"""Times for people: in the configured zone, with the zone named; "today" is that zone's date.

What machines read (findings.json, the history database, a job's stats) keeps ISO-8601 with its
offset, written in UTC, so a file means the same moment on any machine. What a person reads (the
HTML and PDF report, index.html, the 整改台账, Markdown, the terminal, log lines) is in the zone of
the ``timezone`` setting (pathaudit.toml, SITES.yaml ``defaults:``, ``--timezone``), which the
command makes the process's local zone (``TZ``) before it writes anything; unset, the machine's own.
So a 01:30 Beijing-time run (17:30 UTC the day before) is dated the Beijing day everywhere, in
the report, in its 整改期限 and in its 整改日期.

Every time is shown with its zone (``2026-03-01 01:30 UTC+8``): a report read in another office, or
rendered in a container running in UTC, must not leave the reader to guess. Offsets rather than
abbreviations, since ``CST`` names China's zone and America's.

One module for the conversion, used by the reports and by the command line (``pathaudit.cli.log``).
"""

from __future__ import annotations

import datetime as dt


def parse(value: object) -> dt.datetime | None:
    """An ISO-8601 time (as findings.json and the history write it), or None. A time without an
    offset is taken as written in the local zone (files written before the offset was recorded)."""
    if isinstance(value, dt.datetime):
        return value
    if not isinstance(value, str) or not value:
        return None
    try:
        return dt.datetime.fromisoformat(value)
    except ValueError:
        return None


def local(moment: dt.datetime) -> dt.datetime:
    """The same moment in the configured (the process's local) zone; a naive time is taken as
    local already (``datetime.astimezone`` reads it so)."""
    return moment.astimezone()


def zone_label(moment: dt.datetime | None = None) -> str:
    """The zone of a local time as people read it: ``UTC+8``, ``UTC+5:30``, ``UTC-3``, ``UTC``."""
    offset = (moment or dt.datetime.now(dt.timezone.utc).astimezone()).utcoffset() or dt.timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    if minutes == 0:
        return "UTC"
    sign = "+" if minutes > 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


def format_local(value: object, *, seconds: bool = False) -> str:
    """``2026-03-01 01:30 UTC+8``: an ISO time for people, in the configured zone and named;
    ``—`` for none, the text itself for one that is not a time."""
    parsed = parse(value)
    if parsed is None:
        return str(value) if value else "—"
    moment = local(parsed)
    return f"{moment:%Y-%m-%d %H:%M{':%S' if seconds else ''}} {zone_label(moment)}"


def local_date(value: object) -> dt.date | None:
    """The day of an ISO time in the configured zone (a run's date, a deadline's first day)."""
    parsed = parse(value)
    return local(parsed).date() if parsed is not None else None


def now() -> dt.datetime:
    """Now, in the configured zone (aware)."""
    return dt.datetime.now(dt.timezone.utc).astimezone()


def today() -> dt.date:
    """Today in the configured zone: what "today" means for as-of dates, deadlines and 整改日期."""
    return now().date()


def stamp_utc() -> str:
    """Now as machines keep it: ISO-8601 in UTC, with its offset, to the second."""
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
