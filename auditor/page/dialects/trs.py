"""TRS WCM (拓尔思) static pages: what this CMS family writes, in one place.

* Lists: page 1 ``index.html``, page n ``index_{n-1}.html``; the page count sits in a script call,
  ``createPageHTML(N, current, "index", "html")`` (newer templates: ``createPageHTML('page_div', N,
  current, 'index', 'html', total)``, or ``createPage``), and the paging script builds links as
  ``"index" + "_" + n + "." + "html"``. The Fujian "trt" template declares ``pageChnlInfo =
  {maxStaticIndex: 5, recordCount: '32', prepage: 15}``: only the first pages are static. The total
  of items sits in ``var countnum = 6348`` (older templates ``m_nRecordCount``) or ``recordCount``.
* Articles: ``./202106/t20210601_123456.html``; the date is in the file name.
* Chrome the generic hints miss: 邯郸 hdzfxxgk.hd.gov.cn's site-wide mega menu under the content,
  ``<div class="dhlm">`` (导航栏目), is not in a ``<nav>`` and carries no English hint.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from auditor.page.dialects.base import Dialect, ScriptPaging, first_number, script_number

#: the date in an article file name
URL_DATE = re.compile(r"(?:^|/)t(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})_\d+[^/]*$")
PAGE_CALL = re.compile(r"\bcreatePage(?:HTML)?\s*\(([^()]*)\)")
#: the paging script builds links as "index"+"_"+n+"."+"html"
SCRIPT_LINK = re.compile(r"['\"](index)['\"]\s*\+\s*['\"]_['\"]|index_['\"]?\s*\+")
STATIC_PAGES_VAR = script_number("maxStaticIndex")
PER_PAGE_VAR = script_number("prepage")
TOTAL_VAR = script_number("countnum", "m_nRecordCount", "recordCount")


@dataclass(frozen=True)
class PageCall:
    """What a ``createPageHTML(...)`` call declares."""

    page_count: int
    declared_total: int | None
    #: (file prefix, extension) of the static pages: ("index", "html")
    static_pattern: tuple[str, str]


def _unquoted(arg: str) -> str | None:
    """The text of a quoted script argument (``'index'``), None for anything else."""
    if len(arg) >= 2 and arg[0] in "'\"" and arg[-1] == arg[0]:
        return arg[1:-1]
    return None


def read_page_call(arguments: str, page_extensions: tuple[str, ...]) -> PageCall | None:
    """Read ``createPageHTML(...)``'s arguments; None when they are not literals (the definition)."""
    args = [a.strip() for a in arguments.split(",") if a.strip()]
    numbers: list[int] = []
    strings: list[str] = []
    for arg in args:
        quoted = _unquoted(arg)
        if quoted is not None:
            strings.append(quoted)
        elif arg.isdigit():
            numbers.append(int(arg))
        else:
            return None
    if not numbers:
        return None
    first_is_target = bool(args) and _unquoted(args[0]) is not None
    total = numbers[2] if first_is_target and len(numbers) >= 3 else None
    ext_index = next((i for i, s in enumerate(strings) if s.lower() in page_extensions), None)
    pattern = (strings[ext_index - 1], strings[ext_index]) if ext_index is not None and ext_index > 0 else ("index", "html")
    return PageCall(numbers[0], total, pattern)


class Trs(Dialect):
    name = "trs"
    article_file = r"t\d{8}_\d+"

    def url_date(self, path: str) -> tuple[str, str, str] | None:
        match = URL_DATE.search(path)
        return (match["y"], match["m"], match["d"]) if match else None

    def chrome_region(self, token: str) -> str | None:
        return "nav" if token == "dhlm" else None

    def script_paging(self, script_text: str, page_extensions: tuple[str, ...]) -> ScriptPaging | None:
        call = next(
            (c for m in PAGE_CALL.finditer(script_text) if (c := read_page_call(m.group(1), page_extensions))), None
        )
        per_page = first_number(PER_PAGE_VAR, script_text)
        static_limit = first_number(STATIC_PAGES_VAR, script_text)
        builds = bool(SCRIPT_LINK.search(script_text))
        total = call.declared_total if call and call.declared_total is not None else first_number(TOTAL_VAR, script_text)
        if call is None and per_page is None and static_limit is None and not builds and total is None:
            return None
        return ScriptPaging(
            page_count=call.page_count if call else None,
            declared_total=total,
            static_pattern=call.static_pattern if call else None,
            per_page=per_page,
            static_limit=static_limit,
            builds_static_links=builds,
        )


TRS = Trs()
