"""The column tree of a disjoint portal and what each mandated column truly is.

The tree is fixed (three parents, the nine mandated list columns and a few of the site's own);
what a seed changes is each mandated column's truth (``TRUTHS``), the name it shows, how its parent
offers it, and what it holds. ``Column.truth`` is what a person reading the pages concludes:

========== ==================================================================================
ok          there, under its mandated name, with items newer than its window
renamed     there, under another form of its name (prefix, longer form, dropped word, synonym)
misplaced   there under its exact name, but under another parent than the mandate's
missing     not on the site at all (its URL answers 404)
empty       there, with no items
stale       there, its newest item older than its window
unverifiable its page never answers (403/503 every time): nobody can say what it holds
========== ==================================================================================
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field

TRUTHS = ("ok", "renamed", "misplaced", "missing", "empty", "stale", "unverifiable")

#: other forms a site gives a mandated name, with how each differs (for the scorer's tags)
RENAMES: dict[str, tuple[tuple[str, str], ...]] = {
    "政策文件": (("本级政策文件", "prefix"), ("政策性文件", "longer"), ("规范性文件", "synonym")),
    "政策解读": (("政策文件解读", "inserted"), ("解读回应", "synonym"), ("{place}政策解读", "place")),
    "国土空间规划": (("国土规划", "dropped_word"), ("{place}国土空间规划", "place"), ("空间规划", "dropped_word")),
    "专项规划": (("专项规划计划", "longer"), ("{place}专项规划", "place"), ("重点专项规划", "prefix")),
    "财政预决算": (("财政预算决算", "inserted"), ("预决算公开", "reordered"), ("财政资金", "synonym")),
    "人事信息": (("人事任免", "synonym"), ("人事信息公开", "longer"), ("{place}人事信息", "place")),
    "工作动态": (("工作动态信息", "longer"), ("政务动态", "synonym"), ("{place}工作动态", "place")),
    "通知公告": (("公告公示", "synonym"), ("通知公示公告", "inserted"), ("最新通知公告", "prefix")),
    "意见征集": (("民意征集", "synonym"), ("意见建议征集", "inserted"), ("征集意见", "reordered")),
}

#: headline stems per mandated column: what its items speak of (a person opens a renamed column
#: and recognises it by them)
HEADLINES: dict[str, tuple[str, ...]] = {
    "政策文件": ("关于印发{x}实施办法的通知", "关于进一步加强{x}工作的意见", "{x}管理暂行规定"),
    "政策解读": ("《{x}实施办法》政策解读", "一图读懂{x}", "{x}新政问答"),
    "国土空间规划": ("{x}国土空间总体规划公示", "{x}片区控制性详细规划", "{x}村庄规划批前公示"),
    "专项规划": ("{x}专项规划（2021—2025年）", "{x}发展专项规划印发", "{x}专项规划中期评估"),
    "财政预决算": ("{x}年度部门预算公开", "{x}年度部门决算公开", "{x}三公经费说明"),
    "人事信息": ("关于{x}同志任职的通知", "{x}公开招聘工作人员公告", "{x}干部任前公示"),
    "工作动态": ("{x}召开专题工作会议", "{x}开展调研活动", "{x}推进重点项目建设"),
    "通知公告": ("关于{x}有关事项的通知", "{x}停水停电公告", "关于{x}的公示"),
    "意见征集": ("关于{x}公开征求意见的公告", "{x}征求意见稿", "{x}意见征集结果反馈"),
}
TOPICS = ("营商环境", "城市更新", "生态保护", "乡村振兴", "数字政府", "公共服务", "社区治理", "产业园区",
          "交通建设", "教育事业", "医疗卫生", "养老服务")
PLACES = ("青岚区", "河洲县", "云岭镇", "溪山区", "柳城县", "南湾区")


@dataclass(eq=False)
class Item:
    title: str
    date: dt.date
    url: str = ""
    serial: int = 0


@dataclass(eq=False)
class Column:
    #: the name the spec gives it (the site's own columns: the name the site shows)
    name: str
    parent: Column | None = None
    children: list[Column] = field(default_factory=list)
    #: the mandated path's id, None for the site's own columns
    path_id: str | None = None
    #: the name the site shows
    shown: str = ""
    #: how the rename differs (``RENAMES``), for the scorer's tags
    rename_kind: str = ""
    truth: str = "ok"
    items: list[Item] = field(default_factory=list)
    url: str = ""
    number: int = 0
    #: the parent page does not offer it: only the site map does
    sitemap_only: bool = False
    #: where the column stood before it was misplaced (its mandated parent)
    mandated_parent: Column | None = None

    @property
    def label(self) -> str:
        return self.shown or self.name

    @property
    def is_leaf(self) -> bool:
        return not self.children

    @property
    def trail(self) -> list[Column]:
        chain: list[Column] = []
        node: Column | None = self
        while node is not None and node.parent is not None:
            chain.append(node)
            node = node.parent
        return chain[::-1]

    def walk(self) -> Iterator[Column]:
        yield self
        for child in self.children:
            yield from child.walk()

    def present(self) -> Iterator[Column]:
        """The columns on the site (missing ones left out), this one first."""
        if self.truth == "missing":
            return
        yield self
        for child in self.children:
            yield from child.present()


#: (parent name, [(child name, mandated path id or None)]) top-level columns in menu order
TREE: tuple[tuple[str, tuple[tuple[str, str | None], ...]], ...] = (
    ("政务公开", (("政策文件", "policy-files"), ("政策解读", "policy-readings"), ("规划信息", None),
                ("财政预决算", "finance"), ("人事信息", "personnel"), ("机构职能", None))),
    ("新闻中心", (("工作动态", "work-news"), ("通知公告", "notices"), ("图片新闻", None))),
    ("互动交流", (("意见征集", "consultations"), ("在线访谈", None))),
    ("办事服务", ()),
)
PLAN_CHILDREN = (("国土空间规划", "plan-land"), ("专项规划", "plan-special"))


def build_tree() -> tuple[Column, dict[str, Column]]:
    """The home page's column and the mandated columns by path id."""
    root = Column("首页")
    by_id: dict[str, Column] = {}
    for top_name, children in TREE:
        top = Column(top_name, parent=root)
        root.children.append(top)
        for name, path_id in children:
            child = Column(name, parent=top, path_id=path_id)
            top.children.append(child)
            if path_id:
                by_id[path_id] = child
            if name == "规划信息":
                for sub_name, sub_id in PLAN_CHILDREN:
                    sub = Column(sub_name, parent=child, path_id=sub_id)
                    child.children.append(sub)
                    by_id[sub_id] = sub
    return root, by_id


def misplace(column: Column, root: Column) -> None:
    """Move ``column`` (exact name kept) under another top-level parent than its mandated one."""
    assert column.parent is not None
    home = column.trail[0]
    target = next(c for c in root.children if c is not home and c.name != "办事服务")
    column.mandated_parent = column.parent
    column.parent.children.remove(column)
    column.parent = target
    target.children.append(column)
