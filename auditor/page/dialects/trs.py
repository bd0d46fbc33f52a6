"""TRS WCM (拓尔思) static pages: what this CMS family writes, in one place.

* Lists: page 1 ``index.html``, page n ``index_{n-1}.html``; the page count sits in a script call,
  ``createPageHTML(N, current, "index", "html")`` (newer templates: ``createPageHTML('page_div', N,
  current, 'index', 'html', total)``, or ``createPage``), and the paging script builds links as
  ``"index" + "_" + n + "." + "html"``. The Fujian "trt" template declares ``pageChnlInfo =
  {maxStaticIndex: 5, recordCount: '32', prepage: 15}``: only the first pages are static.
* Articles: ``./202106/t20210601_123456.html``; the date is in the file name.
* Chrome the generic hints miss: 邯郸 hdzfxxgk.hd.gov.cn's site-wide mega menu under the content,
  ``<div class="dhlm">`` (导航栏目), is not in a ``<nav>`` and carries no English hint.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: article file names: t20210601_123456.html
ARTICLE_FILE = r"t\d{8}_\d+"
#: the date in an article file name
URL_DATE = re.compile(r"(?:^|/)t(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})_\d+[^/]*$")
PAGE_CALL = re.compile(r"\bcreatePage(?:HTML)?\s*\(([^()]*)\)")
#: the paging script builds links as "index"+"_"+n+"."+"html"
SCRIPT_LINK = re.compile(r"['\"](index)['\"]\s*\+\s*['\"]_['\"]|index_['\"]?\s*\+")
STATIC_PAGES_VAR = re.compile(r"\bmaxStaticIndex\s*[:=]\s*['\"]?(\d+)")
PER_PAGE_VAR = re.compile(r"\bprepage\s*[:=]\s*['\"]?(\d+)", re.IGNORECASE)
#: class/id tokens of page chrome, region as in auditor.page.tree.Region
CHROME_TOKENS: dict[str, str] = {"dhlm": "nav"}
_QUOTED = re.compile(r"^['\"](.*)['\"]$")


@dataclass(frozen=True)
class PageCall:
    """What a ``createPageHTML(...)`` call declares."""

    page_count: int
    declared_total: int | None
    #: (file prefix, extension) of the static pages: ("index", "html")
    static_pattern: tuple[str, str]


def read_page_call(arguments: str, page_extensions: tuple[str, ...]) -> PageCall | None:
    """Read ``createPageHTML(...)``'s arguments; None when they are not literals (the definition)."""
    args = [a.strip() for a in arguments.split(",") if a.strip()]
    numbers: list[int] = []
    strings: list[str] = []
    for arg in args:
        quoted = _QUOTED.match(arg)
        if quoted:
            strings.append(quoted.group(1))
        elif arg.isdigit():
            numbers.append(int(arg))
        else:
            return None
    if not numbers:
        return None
    first_is_target = bool(args) and _QUOTED.match(args[0]) is not None
    total = numbers[2] if first_is_target and len(numbers) >= 3 else None
    ext_index = next((i for i, s in enumerate(strings) if s.lower() in page_extensions), None)
    pattern = (strings[ext_index - 1], strings[ext_index]) if ext_index is not None and ext_index > 0 else ("index", "html")
    return PageCall(numbers[0], total, pattern)
