"""The clause cases of the sample portal: what the task list asks beyond columns and freshness
(auditor/audit/clause_rules.py), met or broken as the defect plan says (``DefectPlan.clauses``).

Made once the columns are filled, on the articles they hold: each 解读 of 政策解读 links a 政策文件 of
政务公开 (相关文件) and that file links back (相关解读); 文字 carries the year's 新闻发布会 解读; each
网民留言 is answered in time; the 年度报告 is out by 31 January; 联系我们 shows a phone; a 手机版 links
the 信息公开 platform. A planted flaw breaks one of them on a named item or column, and is reported
back for the manifest.
"""

from __future__ import annotations

import datetime as dt
import random
from html import escape
from dataclasses import dataclass

from sample_portal.articles import ArticleFactory
from sample_portal.defects import LXWM, NDBG, WMLY, ZCJD, ClauseDefect, DefectPlan, Key
from sample_portal.pages import newest_articles
from sample_portal.sitemap import XXGK, Article, Column

#: where the 手机版 lives
MOBILE_HOME = "/m/"
#: the 新闻发布会 解读 of the last full year, (month, day); ``few_press`` leaves out the third
PRESS_DAYS = ((3, 18), (6, 16), (9, 15), (12, 10))
#: the other 解读 文字 keeps beside the press ones (its list's first page then holds them all)
KEPT_TEXT_ITEMS = 9
_PRESS_TOPICS = ("优化营商环境", "稳就业保民生", "科技创新", "城市更新", "数字经济")


@dataclass(frozen=True)
class PlantedClause:
    """A clause flaw as made: the page or column it is on."""

    defect: ClauseDefect
    url: str


def apply_clauses(plan: DefectPlan, columns: dict[Key, Column], root: Column, factory: ArticleFactory,
                  as_of: dt.date) -> list[PlantedClause]:
    planted: list[PlantedClause] = []
    interpretations = columns.get(ZCJD)
    if interpretations is not None:
        planted += _press(plan, interpretations, factory, as_of)
        documents = _site_column(root, ("政务公开", "政策文件"))
        if documents is not None:
            planted += _link_interpretations(plan, interpretations, documents)
    if WMLY in columns:
        planted += _messages(plan, columns[WMLY])
    if NDBG in columns:
        planted += _late_report(plan, columns[NDBG], as_of)
    for target in (LXWM, XXGK):
        for flaw in ("no_phone", "desktop_only"):
            defect = plan.flawed(target, flaw)
            if defect is not None and target in columns:
                planted.append(PlantedClause(defect, columns[target].url))
    return planted


def _site_column(root: Column, names: tuple[str, ...]) -> Column | None:
    return next((c for c in root.walk() if c.site_key == names), None)


def _newest(column: Column) -> list[Article]:
    return sorted(column.articles, key=lambda a: (a.date, a.serial), reverse=True)


# --- 二（二）2: 新闻发布会 解读, four a year ---------------------------------------------------------------
def _press(plan: DefectPlan, column: Column, factory: ArticleFactory, as_of: dt.date) -> list[PlantedClause]:
    """The year's press-conference 解读 go to 文字 (its list writes full dates, so a year is told),
    which keeps its newest other 解读: one list page that reaches back past last year."""
    text = column.child("文字")
    if text is None or text.content != "items":
        return []
    text.articles = _newest(text)[:KEPT_TEXT_ITEMS]
    few = plan.flawed(ZCJD, "few_press")
    days = [dt.date(as_of.year - 1, m, d) for index, (m, d) in enumerate(PRESS_DAYS) if not (few and index == 2)]
    # the year before's last one, and this year's first
    days = [dt.date(as_of.year - 2, 12, 12), *days, dt.date(as_of.year, 4, 20)]
    rng = random.Random(f"press:{as_of.isoformat()}")
    for index, day in enumerate(d for d in days if d < as_of):
        title = f"两江新区{_PRESS_TOPICS[index % len(_PRESS_TOPICS)]}专题新闻发布会政策解读（{day.year}年第{index % 4 + 1}场）"
        factory.add(text, title, day, rng)
    text.articles = _newest(text)
    return [PlantedClause(few, column.url)] if few else []


# --- 二（二）5: 解读 and 政策文件 linked both ways -------------------------------------------------------
def _link_interpretations(plan: DefectPlan, column: Column, documents: Column) -> list[PlantedClause]:
    """Each 解读 (newest first, all sub-columns) links the 政策文件 of the same rank, and the file
    links back to each of its 解读; the flaws are ranks of the column's own list (its first page)."""
    files = _newest(documents)
    shown = newest_articles(column, 10_000)
    if not files:
        return []
    no_document = plan.flawed(ZCJD, "no_document")
    no_backlink = plan.flawed(ZCJD, "no_backlink")
    planted: list[PlantedClause] = []
    for rank, article in enumerate(shown):
        document = files[rank % len(files)]
        if no_document and rank == no_document.nth:
            planted.append(PlantedClause(no_document, article.url))
            continue
        article.related.setdefault("相关文件", []).append((document.title, document.url))
        if no_backlink and rank == no_backlink.nth:
            planted.append(PlantedClause(no_backlink, article.url))
            continue
        document.related.setdefault("相关解读", []).append((article.title, article.url))
    return planted


# --- 二（三）1: every message answered -----------------------------------------------------------------
def _messages(plan: DefectPlan, column: Column) -> list[PlantedClause]:
    planted: list[PlantedClause] = []
    newest = _newest(column)
    for flaw in ("no_reply", "reply_before_acceptance"):
        defect = plan.flawed(WMLY, flaw)
        if defect is None:
            continue
        article = newest[defect.nth]
        values = dict(article.fields)
        if flaw == "no_reply":
            values["答复日期"], values["答复内容"] = "—", "暂无"
        else:
            accepted = dt.date.fromisoformat(values["受理日期"])
            values["答复日期"] = (accepted - dt.timedelta(days=2)).isoformat()
        article.fields = [(label, values[label]) for label, _ in article.fields]
        planted.append(PlantedClause(defect, article.url))
    return planted


# --- 五（三）7: the yearly report by 31 January ------------------------------------------------------------
def _late_report(plan: DefectPlan, column: Column, as_of: dt.date) -> list[PlantedClause]:
    defect = plan.flawed(NDBG, "late_report")
    if defect is None:
        return []
    year = f"{as_of.year - 1}年"
    reports = [a for a in column.articles if year in a.title]
    for index, article in enumerate(reports):
        article.date = dt.date(as_of.year, 3, 8) + dt.timedelta(days=index)
    column.articles = _newest(column)
    # the finding names the first of them to come out, already late
    return [PlantedClause(defect, reports[0].url)] if reports else []


# --- 二（三）2: 联系我们 with a phone; 三（二）1（4）: a 手机版 -------------------------------------------------
def contact_rows(plan: DefectPlan) -> list[tuple[str, str]]:
    """What the 联系我们 page shows: the office's address, phone (unless ``no_phone``), hours, e-mail."""
    rows = [("办公地址", "重庆市两江新区金开大道68号协信星光时代广场1号楼"), ("联系电话", "023-67458888"),
            ("办公时间", "工作日 9:00—12:00，14:00—18:00"), ("电子邮箱", "ljxqgk@ljxq.gov.cn"),
            ("邮政编码", "401147")]
    return [row for row in rows if not (row[0] == "联系电话" and plan.flawed(LXWM, "no_phone"))]


def mobile_home(plan: DefectPlan) -> str | None:
    """Where the header's 手机版 leads: the mobile site, or nowhere (``desktop_only``)."""
    return None if plan.flawed(XXGK, "desktop_only") else MOBILE_HOME


def mobile_pages(root: Column) -> dict[str, str]:
    """The 手机版: a home listing the top columns, and the 信息公开 platform's page listing its own."""
    tops = [(c.label, f"{MOBILE_HOME}{c.layout.slug}/") for c in root.children]
    pages = {f"{MOBILE_HOME}index.html": _mobile_page("两江新区手机版", tops)}
    platform = next((c for c in root.children if c.site_key == XXGK), None)
    if platform is not None:
        pages[f"{MOBILE_HOME}{platform.layout.slug}/index.html"] = _mobile_page(
            platform.label, [(c.label, c.url) for c in platform.children])
    return pages


def _mobile_page(title: str, links: list[tuple[str, str]]) -> str:
    items = "".join(f'<li><a href="{escape(url)}">{escape(name)}</a></li>' for name, url in links)
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1, maximum-scale=1">'
        f'<title>{escape(title)}</title><style>body{{margin:0;font-size:16px}}ul{{padding:0 12px;list-style:none}}'
        'li{padding:10px 0;border-bottom:1px solid #eee}</style></head>\n'
        f'<body><header class="m-header">{escape(title)}</header>\n<ul class="m-list">{items}</ul>\n'
        '<footer class="m-footer"><a href="/">电脑版</a></footer></body></html>\n'
    )
