"""The sample portal's column tree, derived from the spec so that the two never drift apart.

Every column the spec mandates (every prefix of every path, and every required child) becomes a
column of the site; the portal then adds the columns a real portal has besides (news, guides,
statistics...). Paths the mandate writes without their parent (``政府信息公开目录>…`` without
``政务公开``) are placed where the site really has them: under ``政务公开>政府信息公开目录``, so that
a crawler must look one level further to find them.

How each column looks (its URL slug, its CMS list style) comes from ``LAYOUT``; a column the spec
adds later and ``LAYOUT`` does not know still gets a slug and a style, so the site always covers the
spec.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from auditor.specs import Spec

#: how a column page is drawn
#: home, section (a top-level landing), xxgk_home (the disclosure platform's index), parent (links to
#: sub-columns only), boxes (sub-columns with their latest items), tabs (sub-column tabs over a list
#: of all their items), trs_list / trs_table (static pages index.html, index_1.html…), hanweb
#: (records in a <script type="text/xml"> datastore), json (an empty list filled by JavaScript from
#: /api/list), messages (a table of netizen messages), page (a single content page)
Style = Literal[
    "home", "section", "xxgk_home", "parent", "boxes", "tabs", "trs_list", "trs_table", "hanweb", "json",
    "messages", "page",
]
#: how a list writes its dates: 2021-06-01, [2021-06-01], 2021年06月01日, 06-01
DateFormat = Literal["iso", "bracket", "chinese", "short"]
#: what a list column holds: items, or one of the planted kinds of emptiness
ContentMode = Literal["items", "stale", "empty_list", "placeholder", "js_empty", "children_empty"]
LIST_STYLES = ("trs_list", "trs_table", "hanweb", "json", "messages")

XXGK = ("政府信息公开",)
FDZD = ("政府信息公开", "法定主动公开内容")
MULU = ("政务公开", "政府信息公开目录")
YQFK = ("政府信息公开目录", "疫情防控")


@dataclass(frozen=True)
class Layout:
    slug: str
    style: Style
    date_format: DateFormat = "iso"
    #: a list that shows an older, pinned (置顶) entry first
    pinned: bool = False


#: keyed by the column's segments as the spec writes them (or, for the site's own columns, as the site has them)
LAYOUT: dict[tuple[str, ...], Layout] = {
    XXGK: Layout("xxgk", "xxgk_home"),
    FDZD: Layout("fdzdgknr", "parent"),
    (*FDZD, "规划信息"): Layout("ghjh", "parent"),
    (*FDZD, "规划信息", "国民经济和社会发展规划"): Layout("gmjjhshfzgh", "trs_list"),
    (*FDZD, "规划信息", "专项规划"): Layout("zxgh", "trs_list", "bracket", pinned=True),
    (*FDZD, "规划信息", "国土空间规划"): Layout("gtkjgh", "trs_list"),
    (*FDZD, "预算"): Layout("ys", "trs_table"),
    (*FDZD, "决算"): Layout("js", "trs_table"),
    (*FDZD, "机关简介"): Layout("jgjj", "parent"),
    (*FDZD, "机关简介", "联系我们"): Layout("lxwm", "page"),
    (*FDZD, "履职依据"): Layout("lzyj", "parent"),
    (*FDZD, "履职依据", "行政法规"): Layout("xzfg", "trs_list"),
    (*FDZD, "履职依据", "市政府规章"): Layout("szfgz", "trs_list"),
    (*FDZD, "履职依据", "规范性文件"): Layout("gfxwj", "parent"),
    (*FDZD, "履职依据", "规范性文件", "现行有效"): Layout("xxyx", "trs_list"),
    (*FDZD, "履职依据", "规范性文件", "失效/废止"): Layout("sxfz", "trs_table"),
    (*FDZD, "收费项目"): Layout("sfxm", "trs_list", "chinese"),
    (*XXGK, "政府信息公开年报"): Layout("ndbg", "trs_list"),
    ("政务公开",): Layout("zwgk", "section"),
    MULU: Layout("zfxxgkml", "parent"),
    (*MULU, "市场准入负面清单"): Layout("scjrfmqd", "trs_table"),
    (*MULU, "地方政府债务"): Layout("dfzfzw", "trs_list"),
    (*MULU, "“六稳”“六保”"): Layout("lwlb", "boxes"),
    (*MULU, "“六稳”“六保”", "重要政策"): Layout("zyzc", "hanweb", "bracket", pinned=True),
    (*MULU, "“六稳”“六保”", "政策解读"): Layout("zcjd", "hanweb", "iso"),
    (*MULU, "政策解读"): Layout("zcjd", "tabs"),
    (*MULU, "政策解读", "视频"): Layout("sp", "trs_list"),
    (*MULU, "政策解读", "图片"): Layout("tp", "trs_list"),
    # full dates: the list holds last year's 新闻发布会 解读 too (min_per_year counts them by year)
    (*MULU, "政策解读", "文字"): Layout("wz", "trs_list"),
    (*MULU, "公共企事业单位信息公开"): Layout("ggqsydwxxgk", "trs_table"),
    (*MULU, "法治政府建设年度报告"): Layout("fzzfjsndbg", "json"),
    YQFK: Layout("yqfk", "boxes"),
    (*YQFK, "重要政策"): Layout("zyzc", "trs_list"),
    (*YQFK, "政策解读"): Layout("zcjd", "hanweb", "bracket"),
    (*YQFK, "防疫服务"): Layout("fyfw", "parent"),
    (*YQFK, "防疫服务", "核酸检测点"): Layout("hsjcd", "hanweb", "iso"),
    (*YQFK, "防疫服务", "发热门诊"): Layout("frmz", "hanweb", "bracket"),
    (*YQFK, "防疫服务", "疫苗接种点"): Layout("ymjzd", "hanweb"),
    ("政府信息公开目录", "爱国卫生运动"): Layout("agwsyd", "trs_list", "chinese"),
    ("政府信息公开目录", "健康中国重庆行动"): Layout("jkzgcqxd", "trs_table"),
    ("政府信息公开目录", "健康科普"): Layout("jkkp", "hanweb", "bracket"),
    ("互动交流",): Layout("hdjl", "section"),
    ("互动交流", "网民留言"): Layout("wmly", "messages", "chinese"),
    # the site's own columns
    ("走进两江",): Layout("zjlj", "page"),
    ("新闻中心",): Layout("xwzx", "section"),
    ("新闻中心", "两江要闻"): Layout("ljyw", "trs_list", "short"),
    ("新闻中心", "通知公告"): Layout("tzgg", "trs_list"),
    ("新闻中心", "部门动态"): Layout("bmdt", "hanweb", "bracket"),
    ("政务服务",): Layout("zwfw", "page"),
    (*XXGK, "政府信息公开指南"): Layout("zfxxgkzn", "page"),
    (*XXGK, "政府信息公开制度"): Layout("zfxxgkzd", "trs_list"),
    (*FDZD, "统计信息"): Layout("tjxx", "trs_list"),
    (*FDZD, "政府采购"): Layout("zfcg", "trs_table"),
    (*FDZD, "重大建设项目"): Layout("zdjsxm", "trs_list"),
    (*FDZD, "人事信息"): Layout("rsxx", "trs_list"),
    ("政务公开", "政策文件"): Layout("zcwj", "trs_table"),
    ("政务公开", "政府公报"): Layout("zfgb", "trs_list"),
    ("政务公开", "重点领域信息公开"): Layout("zdlyxxgk", "trs_list"),
    ("互动交流", "主任信箱"): Layout("zrxx", "trs_list", "chinese"),
    ("互动交流", "在线访谈"): Layout("zxft", "trs_list"),
    # a list drawn by JavaScript only; on a mandated path only where it is planted (empty), because a
    # crawler that runs no JavaScript cannot call such a column healthy
    ("互动交流", "征集调查"): Layout("zjdc", "json"),
}

#: columns every real portal has besides the mandated ones: (parent as the site names it, name, index)
#: index None appends. Names are chosen not to be aliases of mandated columns (no 机构职能, 政民互动…).
SITE_COLUMNS: tuple[tuple[tuple[str, ...], str, int | None], ...] = (
    ((), "走进两江", 0),
    ((), "新闻中心", 1),
    ((), "政务服务", None),
    (("新闻中心",), "两江要闻", None),
    (("新闻中心",), "通知公告", None),
    (("新闻中心",), "部门动态", None),
    (XXGK, "政府信息公开指南", 0),
    (XXGK, "政府信息公开制度", 1),
    (FDZD, "统计信息", None),
    (FDZD, "政府采购", None),
    (FDZD, "重大建设项目", None),
    (FDZD, "人事信息", None),
    (("政务公开",), "政策文件", 0),
    (("政务公开",), "政府公报", 1),
    (("政务公开",), "重点领域信息公开", None),
    (("互动交流",), "主任信箱", 0),
    (("互动交流",), "在线访谈", None),
    (("互动交流",), "征集调查", None),
)
#: the order of the home page's navigation bar (top-level columns not named here follow)
NAV_ORDER = ("走进两江", "新闻中心", "政务公开", "政府信息公开", "政务服务", "互动交流")
FIRST_COLUMN_ID = 4001


@dataclass(frozen=True)
class MediaUse:
    """A medium an article shows, and how its page refers to it."""

    kind: Literal["image", "video", "audio", "flash"]
    url: str
    #: img, lazy (data-src), picture (WebP <source srcset>), video, source, player (a JS player config),
    #: audio, embed (Flash)
    via: str
    caption: str = ""
    poster: str | None = None


@dataclass(frozen=True)
class Attachment:
    name: str
    url: str


@dataclass
class Article:
    column: Column
    serial: int
    title: str
    date: dt.date
    url: str
    publisher: str
    index_no: str
    doc_no: str
    paragraphs: list[str]
    media: list[MediaUse] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    #: (label, value) rows of a facts table (required fields of the column, and a few more)
    fields: list[tuple[str, str]] = field(default_factory=list)
    pinned: bool = False
    #: blocks tying the page to others: marker (相关文件, 相关解读) -> [(title, URL)]
    related: dict[str, list[tuple[str, str]]] = field(default_factory=dict)


@dataclass(eq=False)
class Column:
    #: the name the mandate uses (for the site's own columns: the name the site shows)
    name: str
    layout: Layout
    parent: Column | None = None
    children: list[Column] = field(default_factory=list)
    #: the column's segments as the spec writes them, when the spec mandates it (or a column under it)
    spec_key: tuple[str, ...] | None = None
    #: the name the site shows, when the site calls the column something else
    shown_as: str | None = None
    content: ContentMode = "items"
    #: the newest date the column's items may carry (a stale column's is long ago)
    newest: dt.date | None = None
    #: Hanweb column id, or the JSON channel of a JavaScript list
    column_id: int | None = None
    #: how the column's pages are encoded (one planted section is GBK)
    encoding: str = "utf-8"
    articles: list[Article] = field(default_factory=list)

    @property
    def label(self) -> str:
        return self.shown_as or self.name

    @property
    def style(self) -> Style:
        return self.layout.style

    @property
    def trail(self) -> list[Column]:
        """From the first column under the home page down to this one."""
        chain: list[Column] = []
        node: Column | None = self
        while node is not None and node.parent is not None:
            chain.append(node)
            node = node.parent
        return chain[::-1]

    @property
    def site_key(self) -> tuple[str, ...]:
        """The names of the column's path as the site builder knows them (before any renaming)."""
        return tuple(c.name for c in self.trail)

    @property
    def skin(self) -> Literal["xxgk", "main"]:
        """Columns of the 政府信息公开 platform share its look (header, left column tree)."""
        trail = self.trail
        return "xxgk" if trail and trail[0].name == XXGK[0] else "main"

    @property
    def url(self) -> str:
        if self.parent is None:
            return "/"
        if self.style == "hanweb":
            return f"/col/col{self.column_id}/index.html"
        return f"{self.parent.directory}{self.layout.slug}/"

    @property
    def directory(self) -> str:
        """Where the column's own files live (its list pages, TRS articles and their media)."""
        if self.parent is None:
            return "/"
        if self.style == "hanweb":
            return f"/col/col{self.column_id}/"
        return f"{self.parent.directory}{self.layout.slug}/"

    def walk(self) -> Iterator[Column]:
        yield self
        for child in self.children:
            yield from child.walk()

    def child(self, name: str) -> Column | None:
        return next((c for c in self.children if c.name == name), None)


def spec_nodes(spec: Spec) -> list[tuple[str, ...]]:
    """Every column the spec implies, in the order it first names them: path prefixes and children."""
    seen: dict[tuple[str, ...], None] = {}
    for path in spec.paths:
        for depth in range(1, len(path.segments) + 1):
            seen.setdefault(path.segments[:depth], None)
        for child in path.rules.children:
            seen.setdefault((*path.segments, child), None)
    return list(seen)


def placement(nodes: list[tuple[str, ...]]) -> dict[tuple[str, ...], tuple[str, ...]]:
    """Where each spec node sits on the site (its site key).

    A top-level name that the spec also places one level down (政府信息公开目录 under 政务公开) is the
    same column: its paths move under that parent.
    """
    tops = {node[0] for node in nodes}
    homes = {node[1]: node[:1] for node in nodes if len(node) == 2 and node[1] in tops and node[0] != node[1]}
    return {node: (homes[node[0]] + node if node[0] in homes else node) for node in nodes}


def _fallback_layout(is_parent: bool, serial: int) -> Layout:
    """For a column the spec gained after ``LAYOUT`` was written: a plain slug, a common style."""
    style: Style = "parent" if is_parent else ("trs_list", "hanweb", "trs_table")[serial % 3]
    return Layout(f"lm{serial:03d}", style)


def build_tree(spec: Spec) -> tuple[Column, dict[tuple[str, ...], Column]]:
    """The whole column tree (root = home page) and the columns by spec key.

    The same site column may answer to two spec keys (政府信息公开目录 and 政务公开>政府信息公开目录).
    """
    nodes = spec_nodes(spec)
    where = placement(nodes)
    site_keys = list(dict.fromkeys(where.values()))
    parents = {key[:-1] for key in site_keys}
    spec_of = {}
    for node, site in where.items():
        spec_of.setdefault(site, node)

    root = Column("首页", Layout("", "home"))
    by_site: dict[tuple[str, ...], Column] = {(): root}
    # by depth, so parents come first; the sort is stable, so siblings keep the spec's order
    for serial, site in enumerate(sorted(site_keys, key=len)):
        spec_key = spec_of[site]
        layout = LAYOUT.get(spec_key) or LAYOUT.get(site) or _fallback_layout(site in parents, serial)
        column = Column(site[-1], layout, spec_key=spec_key)
        parent = by_site[site[:-1]]
        column.parent = parent
        parent.children.append(column)
        by_site[site] = column

    for parent_key, name, index in SITE_COLUMNS:
        parent = by_site.get(parent_key)
        if parent is None or parent.child(name) is not None:
            continue
        column = Column(name, LAYOUT[(*parent_key, name)], parent=parent)
        parent.children.insert(len(parent.children) if index is None else index, column)
        by_site[(*parent_key, name)] = column
    root.children.sort(key=lambda c: NAV_ORDER.index(c.name) if c.name in NAV_ORDER else len(NAV_ORDER))

    by_spec = {node: by_site[site] for node, site in where.items()}
    return root, by_spec


def assign_column_ids(root: Column) -> None:
    """Hanweb column ids and JSON channels, in walk order so they never change between builds."""
    next_id = FIRST_COLUMN_ID
    for column in root.walk():
        if column.style in ("hanweb", "json"):
            column.column_id = next_id
            next_id += 1
