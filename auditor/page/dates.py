"""Dates as Chinese government portals write them, in page text and in article URLs.

Lists and articles show ``2021-06-01``, ``[2021-06-01]``, ``2021/6/1``, ``2021.06.01``,
``2021年06月01日``, datetimes ``2021-06-01 10:20:30`` and, in narrow list columns, only the month and
day (``06-01``). A month-day date gets the latest year that does not put it after the audit's as-of
date: a list read on 2024-03-10 showing ``12-28`` means 2023-12-28.

CMSes also put the date into article URLs (TRS ``./202106/t20210601_123456.html``, Hanweb
``/art/2021/6/1/art_12_345.html``, ``/2021-06/01/content_1.htm``), which is the fallback when a list
entry shows none. Impossible dates (2021-02-30) are never returned.
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlsplit

from auditor.page.dialects import url_date

#: years outside this range are not publication dates (ids, phone numbers, plan horizons)
MIN_YEAR = 1949
MAX_YEAR = 2100

_FULL_DATE = re.compile(
    r"(?<!\d)(?:"
    r"(?P<y1>\d{4})\s*(?P<sep>[-/.])\s*(?P<m1>\d{1,2})\s*(?P=sep)\s*(?P<d1>\d{1,2})(?!\d)"
    r"|(?P<y2>\d{4})\s*年\s*(?P<m2>\d{1,2})\s*月\s*(?P<d2>\d{1,2})\s*日"
    r")"
)
#: ``06-01``: two digits each, and not part of a longer number or date
_MONTH_DAY = re.compile(r"(?<![\d\-/.:])(?P<m>\d{2})-(?P<d>\d{2})(?![\d\-/.:])")

def make_date(year: int | str, month: int | str, day: int | str) -> dt.date | None:
    """The date, or None when it does not exist or lies outside plausible publication years."""
    try:
        value = dt.date(int(year), int(month), int(day))
    except ValueError:
        return None
    return value if MIN_YEAR <= value.year <= MAX_YEAR else None


def find_date(text: str, as_of: dt.date | None = None) -> dt.date | None:
    """The first real date written in ``text``, or None.

    Full dates win over month-day ones anywhere in the text; a month-day date is resolved against
    ``as_of`` (and ignored without it).
    """
    if not text:
        return None
    for match in _FULL_DATE.finditer(text):
        groups = match.groupdict()
        if groups["y1"]:
            found = make_date(groups["y1"], groups["m1"], groups["d1"])
        else:
            found = make_date(groups["y2"], groups["m2"], groups["d2"])
        if found:
            return found
    if as_of is None:
        return None
    for match in _MONTH_DAY.finditer(text):
        found = resolve_month_day(int(match["m"]), int(match["d"]), as_of)
        if found:
            return found
    return None


def resolve_month_day(month: int, day: int, as_of: dt.date) -> dt.date | None:
    """The latest date with this month and day that is not after ``as_of`` (29 Feb looks back to a
    leap year)."""
    for year in range(as_of.year, as_of.year - 9, -1):
        candidate = make_date(year, month, day)
        if candidate and candidate <= as_of:
            return candidate
    return None


def date_from_url(url: str) -> dt.date | None:
    """The publication date a CMS wrote into an article URL, or None.

    A ``/202106/`` folder alone gives no day and is not used; the TRS file name ``t20210601_…`` is.
    """
    path = urlsplit(url or "").path
    found = url_date(path)
    if found:
        return make_date(*found)
    return _year_month_then_day(path)


def _year_month_then_day(path: str) -> dt.date | None:
    """``/2021-06/01/…``: a folder of the month and one of the day, as some CMSes file articles."""
    folders = path.split("/")[:-1]
    for month, day in zip(folders, folders[1:]):
        year, dash, number = month.partition("-")
        if dash and len(year) == 4 and len(number) == 2 and len(day) == 2 and (year + number + day).isdigit():
            return make_date(year, number, day)
    return None
