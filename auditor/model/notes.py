"""What a column's item count is certain of and what it is not, as codes with their facts.

The walk and the page reader record a :class:`Note` (``Listing.notes``) where they used to write an
English phrase: the reports word it in their own language, and findings.json keeps both the code
(``paths[].notes_data``) and the English phrase (``paths[].notes``, unchanged for greps and older
readers), as it does for reasons (``reason`` beside ``reason_code``/``reason_data``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

#: code -> (English phrase, Chinese sentence), with the note's facts as {fields}
WORDING: dict[str, tuple[str, str]] = {
    "dataproxy_only": (
        "records after the first {shown} come only from Hanweb dataproxy.jsp (not read)",
        "前 {shown} 条以后的信息只由海云（Hanweb）dataproxy.jsp 接口提供，未读取",
    ),
    "search_endpoint_only": (
        "pages {first}–{last} come only from the site's search endpoint (maxStaticIndex {limit}); not read",
        "第 {first}–{last} 页只由网站的检索接口提供（maxStaticIndex {limit}），未读取",
    ),
    "item_pages_sampled": (
        "item pages read: the newest {asked} listed (AUDITOR_MAX_ITEM_PAGES); required fields and media were "
        "checked on those",
        "只读取了列表中最新的 {asked} 个信息页面（AUDITOR_MAX_ITEM_PAGES），必备要素和媒体在这些页面上检查",
    ),
    "pagination_capped": (
        "pagination goes on beyond {max_pages} list pages (AUDITOR_MAX_LIST_PAGES); counted the {read} items read",
        "列表超过 {max_pages} 页（AUDITOR_MAX_LIST_PAGES），只统计了已读取的 {read} 条",
    ),
    "pager_unread": (
        "the list's pager is drawn by a script that could not be read: counted the {shown} items of its first page "
        "(there may be more)",
        "列表的翻页由脚本生成，无法读取：只统计了第一页的 {shown} 条（可能还有更多）",
    ),
    "items_vs_declared": (
        "items_certain {read} (read), declared {declared}",
        "已读取 {read} 条，页面声明共 {declared} 条",
    ),
}


@dataclass(frozen=True)
class Note:
    """One thing the count is uncertain of: a code of :data:`WORDING` and its facts."""

    code: str
    facts: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, **self.facts}

    def phrase(self, lang: str = "en") -> str:
        return explain_note(self.to_json(), lang)


def explain_note(data: dict[str, Any], lang: str = "en") -> str:
    """A note (its findings.json form) as a sentence in ``lang``; an unknown code shows as itself."""
    code = str(data.get("code", ""))
    if code not in WORDING:
        return code
    template = WORDING[code][0 if lang == "en" else 1]
    try:
        return template.format(**{k: v for k, v in data.items() if k != "code"})
    except (KeyError, IndexError, ValueError):
        return code
