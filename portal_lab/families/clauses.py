"""The clause cases of a generated portal: what the task list asks beyond columns and freshness
(auditor/audit/clause_rules.py), met on the seeds of one half and broken on the other.

Seeds go round the families (``family_for_seed``), so seeds 0–3 give every family a healthy case
and seeds 4–7 a defective one (``seed // 4`` odd: defective). Made on the filled tree before any page
is written; each family marks the cases up in its own way (``Family.related_html``, its facts tables,
its 联系我们 page). Healthy: each 解读 of 政策解读 links a 政策文件 of 政务公开 and the file links back;
文字 holds last year's four 新闻发布会 解读 in a list that reaches back past that year; every 网民留言
is answered after it was accepted; the 年度报告 is out by 31 January; 联系我们 shows a phone.
Defective: the newest 解读 links no file, the second newest's file does not link back, three press
conferences, one message unanswered and one answered before it was accepted, the report in March,
联系我们 without a phone. The mobile rule needs a browser and is ``unverified`` on every seed here.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import Any

from portal_lab.families.site import Item, SiteColumn
from sample_portal.defects import CLAUSE_FLAWS
from sample_portal.manifest import mandated_path_of
from auditor.specs import Spec

ZCJD = ("政务公开", "政府信息公开目录", "政策解读")
WMLY = ("互动交流", "网民留言")
NDBG = ("政府信息公开", "政府信息公开年报")
LXWM = ("政府信息公开", "法定主动公开内容", "机关简介", "联系我们")
PRESS_DAYS = ((3, 18), (6, 16), (9, 15), (12, 10))
#: the other 解读 文字 keeps beside the press ones (fewer where a list page is shorter): its first
#: list page holds them all
KEPT_TEXT_ITEMS = 8


def defective(seed: int) -> bool:
    return (seed // 4) % 2 == 1


@dataclass(frozen=True)
class ClauseCase:
    """A clause broken on purpose: the finding code and the page or column it names."""

    key: tuple[str, ...]
    flaw: str
    url: str


def apply_clauses(seed: int, root: SiteColumn, columns: dict[tuple[str, ...], SiteColumn],
                  date_style: dict[Any, str], item_url: Any, as_of: dt.date) -> tuple[list[ClauseCase], set[str]]:
    """Make the clause cases on the filled tree; (the broken ones, the flaws of the page-level cases
    the family draws: ``no_phone``)."""
    broken = defective(seed)
    rng = random.Random(f"clauses:{seed}")
    cases: list[ClauseCase] = []
    flags: set[str] = set()
    interpretations = _live(columns.get(ZCJD))
    if interpretations is not None:
        cases += _press(interpretations, broken, date_style, item_url, rng, as_of)
        documents = _live(next((c for c in root.walk() if c.site_key == ("政务公开", "政策文件")), None))
        if documents is not None and documents.items:
            cases += _link(interpretations, documents, broken)
    messages = _live(columns.get(WMLY))
    if broken and messages is not None and len(messages.items) > 4:
        cases += _messages(messages)
    report = _live(columns.get(NDBG))
    # a stale 年报 is reported stale, not late (one finding says what the missing report would)
    if broken and report is not None and report.content == "items":
        cases += _late(report, as_of)
        # the list writes the dates (its URLs keep the day each report was first filed)
        date_style[NDBG] = "span"
    contact = _live(columns.get(LXWM))
    if broken and contact is not None:
        flags.add("no_phone")
        cases.append(ClauseCase(LXWM, "no_phone", contact.url))
    return cases, flags


def _live(column: SiteColumn | None) -> SiteColumn | None:
    return column if column is not None and not column.is_gone() else None


def _press(column: SiteColumn, broken: bool, date_style: dict[Any, str], item_url: Any, rng: random.Random,
           as_of: dt.date) -> list[ClauseCase]:
    text = next((c for c in column.children if c.name == "文字" and not c.is_gone() and c.items), None)
    if text is None:
        # no 文字 (removed or empty on this seed): no 新闻发布会 解读 at all, which the count reports
        _one_page(column, date_style)
        return [ClauseCase(ZCJD, "few_press", column.url)]
    days = [dt.date(as_of.year - 2, 12, 12)]
    days += [dt.date(as_of.year - 1, m, d) for index, (m, d) in enumerate(PRESS_DAYS) if not (broken and index == 2)]
    days.append(dt.date(as_of.year, 4, 20))
    template = text.items[0]
    kept = sorted(text.items, key=lambda it: it.date, reverse=True)[:max(0, min(KEPT_TEXT_ITEMS, text.per_page - len(days)))]
    for index, day in enumerate(days):
        serial = template.serial + 500 + index
        kept.append(Item(column=text, serial=serial, title=f"两江新区专题新闻发布会政策解读（{day.year}年{day.month}月）",
                         date=day, url=item_url(text, day, serial, rng), publisher=template.publisher,
                         index_no=template.index_no, doc_no="", paragraphs=template.paragraphs))
    text.items = sorted(kept, key=lambda it: it.date, reverse=True)
    _one_page(column, date_style)
    return [ClauseCase(ZCJD, "few_press", column.url)] if broken else []


def _one_page(column: SiteColumn, date_style: dict[Any, str]) -> None:
    """Every list of 政策解读 writes full dates and holds one page: a year is counted only where it
    can be told, over lists read whole (or back past the year)."""
    for child in column.children:
        if child.spec_key is not None:
            date_style[child.spec_key] = "span"
        if child.kind == "leaf" and not child.is_gone():
            child.items = sorted(child.items, key=lambda it: it.date, reverse=True)[:child.per_page]


def _link(column: SiteColumn, documents: SiteColumn, broken: bool) -> list[ClauseCase]:
    """Each 解读 links the 政策文件 of its rank and the file links back; broken: the newest links
    none, the second newest's file does not link back."""
    shown = sorted((it for c in column.walk() if c.kind == "leaf" and not c.is_gone() for it in c.items),
                   key=lambda it: it.date, reverse=True)
    files = sorted(documents.items, key=lambda it: it.date, reverse=True)
    cases = []
    for rank, item in enumerate(shown):
        document = files[rank % len(files)]
        if broken and rank == 0:
            cases.append(ClauseCase(ZCJD, "no_document", item.url))
            continue
        item.related.setdefault("相关文件", []).append((document.title, document.url))
        if broken and rank == 1:
            cases.append(ClauseCase(ZCJD, "no_backlink", item.url))
            continue
        document.related.setdefault("相关解读", []).append((item.title, item.url))
    return cases


def _messages(column: SiteColumn) -> list[ClauseCase]:
    cases = []
    for nth, flaw in ((2, "no_reply"), (4, "reply_before_acceptance")):
        item = column.items[nth]
        values = dict(item.fields)
        if "受理日期" not in values or "答复日期" not in values:
            continue
        if flaw == "no_reply":
            values["答复日期"], values["答复内容"] = "—", "暂无"
        else:
            values["答复日期"] = (dt.date.fromisoformat(values["受理日期"]) - dt.timedelta(days=2)).isoformat()
        item.fields = [(label, values[label]) for label, _ in item.fields]
        cases.append(ClauseCase(WMLY, flaw, item.url))
    return cases


def _late(column: SiteColumn, as_of: dt.date) -> list[ClauseCase]:
    reports = [it for it in column.items if f"{as_of.year - 1}年" in it.title]
    for index, item in enumerate(reports):
        item.date = dt.date(as_of.year, 3, 8) + dt.timedelta(days=index)
    column.items = sorted(column.items, key=lambda it: it.date, reverse=True)
    return [ClauseCase(NDBG, "late_report", reports[0].url)] if reports else []


def clause_defects(spec: Spec, cases: list[ClauseCase]) -> list[dict[str, Any]]:
    """The manifest's entries for the broken clauses: the finding each must give."""
    out = []
    for case in cases:
        kind, code = CLAUSE_FLAWS[case.flaw]
        path = mandated_path_of(spec, case.key)
        out.append({"kind": kind, "path": list(path.segments if path else case.key), "url": case.url, "page": None,
                    "note": case.flaw, "flaw": case.flaw, "code": code})
    return out
