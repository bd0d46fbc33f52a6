"""What a seed decides about one generated portal: names shown, hidden links, planted defects and
the page features that trip a crawler (tickers with headline decoys, toolbars, hidden blocks…).

Everything here is drawn from one ``random.Random``, so a seed replays the same portal. The choices
are applied to the column tree (``families.site``) and recorded as ``Plan`` for the manifest. A new
kind of choice draws from a generator of its own (``random.Random(f"{family}:{seed}:<what>")``), so
that adding it does not change the portals existing seeds stand for.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Literal

from portal_lab.families.site import SiteColumn, SubRegion
from auditor.specs import Spec, normalise_name

Key = tuple[str, ...]
#: how a list row writes its date: in a span, bracketed, in Chinese, with slashes, in the next cell
#: of the row, month-day only (this year's lists), only in the item URL, only on the item page
DateStyle = Literal["span", "bracket", "chinese", "slash", "next_cell", "short", "url_only", "page_only"]
TreePolicy = Literal["section", "path", "ancestors"]

#: names a site shows for a mandated column that a person reads as the same column: abbreviations,
#: reorderings, an extra generic word. None of them is an alias in the bundled spec; each ends a
#: mandated path, where the findings report a renamed column.
ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "规划信息": ("规划计划",),
    "公共企事业单位信息公开": ("公共企事业单位信息",),
    "法治政府建设年度报告": ("法治政府建设年报",),
    "健康中国重庆行动": ("重庆健康中国行动",),
    "市场准入负面清单": ("市场准入负面清单信息",),
    "地方政府债务": ("地方政府债务信息",),
    "政府信息公开年报": ("政府信息公开工作年报",),
    "市政府规章": ("政府规章",),
}
#: names with full-width spaces for alignment, as menus write two-character names
SPACED = {"预算": "预　　算", "决算": "决　　算", "视频": "视　　频", "图片": "图　　片", "文字": "文　　字",
          "政策解读": "政策　解读", "重要政策": "重要　政策"}
#: what an empty list says instead of items
PLACEHOLDERS = ("暂无信息", "暂无数据", "本机关暂无此类信息", "没有相关信息", "该栏目暂无内容")
#: a tool bar's links: text, and whether it points at a page (a column-shaped URL) or a script
TOOLBAR = (("无障碍浏览", True), ("长者模式", True), ("手机版", True), ("设为首页", False), ("RSS订阅", True),
           ("简体", False), ("繁體", False))

MEDIA_FLAWS = ("image_404", "image_html_200", "image_truncated_jpeg", "image_empty_png", "video_404",
               "video_truncated_mp4", "video_flash", "audio_404", "attachment_404")


@dataclass(frozen=True)
class FamilyTraits:
    """What a CMS family allows the layout to choose from."""

    tree: TreePolicy
    regions: tuple[SubRegion, ...]
    date_styles: tuple[DateStyle, ...]
    image_nav: float = 0.0
    #: the family's breadcrumb separators
    separators: tuple[str, ...] = (">",)


@dataclass(frozen=True)
class Flaw:
    target: Key
    flaw: str
    nth: int


@dataclass(frozen=True)
class MissingField:
    target: Key
    field: str
    nth: int


@dataclass
class Plan:
    """The seed's choices, for rendering and for the manifest."""

    seed: int
    family: str
    removed: list[Key] = field(default_factory=list)
    #: spec key -> (shown name, is it one of the spec's aliases)
    renamed: dict[Key, tuple[str, bool]] = field(default_factory=dict)
    emptied: list[Key] = field(default_factory=list)
    children_emptied: list[Key] = field(default_factory=list)
    stale: dict[Key, dt.date] = field(default_factory=dict)
    flaws: list[Flaw] = field(default_factory=list)
    missing_fields: list[MissingField] = field(default_factory=list)
    sibling_tree_only: list[Key] = field(default_factory=list)
    #: site keys of the site's own columns whose page a firewall refuses (403): siblings the walk
    #: may visit while it looks for a column, never part of a mandated path's answer
    refused: list[Key] = field(default_factory=list)
    spaced: list[Key] = field(default_factory=list)
    date_style: dict[Key, DateStyle] = field(default_factory=dict)
    #: site-wide features
    toolbar: bool = False
    #: no 最新公开 ticker at all (decoys or not)
    ticker_off: bool = False
    ticker_decoys: list[str] = field(default_factory=list)
    image_nav: bool = False
    hidden_blocks: bool = False
    separator: str = ">"
    #: a short word that prefixes every class name, and how deeply regions are wrapped
    class_prefix: str = ""
    nesting: int = 1
    features: list[str] = field(default_factory=list)


def _mandated(columns: dict[Key, SiteColumn]) -> list[tuple[Key, SiteColumn]]:
    """Spec columns once each (a site column may answer to two keys), in tree order."""
    seen: set[int] = set()
    out = []
    for key, column in columns.items():
        if id(column) not in seen:
            seen.add(id(column))
            out.append((key, column))
    return out


def _leaves(columns: dict[Key, SiteColumn]) -> list[tuple[Key, SiteColumn]]:
    return [(k, c) for k, c in _mandated(columns) if c.kind == "leaf"]


def _taken(plan: Plan) -> set[Key]:
    keys = set(plan.removed) | set(plan.emptied) | set(plan.stale) | set(plan.children_emptied)
    return keys | {f.target for f in plan.flaws} | {m.target for m in plan.missing_fields}


def _free(plan: Plan, key: Key) -> bool:
    """Nothing planted on the column, on a column above it, or below it."""
    return not any(key[: len(t)] == t or t[: len(key)] == key for t in _taken(plan))


#: the page features a build can be asked to leave out (``without``), to isolate one kind of markup
FEATURES = ("toolbar", "image_nav", "hidden_blocks", "ticker", "ticker_decoys", "sibling_tree_only", "renamed",
            "alias_names", "spaced_names", "tab_blocks", "refused_sibling", "class_prefix", "encoding")


def choose_plan(rng: random.Random, seed: int, family: str, traits: FamilyTraits, spec: Spec,
                columns: dict[Key, SiteColumn], as_of: dt.date, without: frozenset[str] = frozenset()) -> Plan:
    plan = Plan(seed, family)
    rules = {p.segments: p.rules for p in spec.paths}
    leaves = _leaves(columns)

    # missing columns: leaves, a required sub-column, or a whole parent (机关简介)
    removable = [k for k, c in leaves if len(c.parent.visible_children) > 1] + [("政府信息公开", "法定主动公开内容", "机关简介")]
    for key in rng.sample(removable, rng.choice((1, 1, 2))):
        if _free(plan, key) and len(columns[key].parent.visible_children) > 1:
            plan.removed.append(key)
            columns[key].removed = True

    # empty: a leaf list, or all sub-columns of a parent
    if rng.random() < 0.5:
        parents = [k for k in (("政府信息公开", "法定主动公开内容", "履职依据", "规范性文件"),
                               ("政务公开", "政府信息公开目录", "政策解读"),
                               ("政府信息公开", "法定主动公开内容", "规划信息"))
                   if k in columns and _free(plan, k)]
        if parents:
            key = rng.choice(parents)
            plan.children_emptied.append(key)
            for child in columns[key].visible_children:
                child.content = rng.choice(("empty_list", "placeholder"))
                child.placeholder = rng.choice(PLACEHOLDERS)
    for _ in range(rng.choice((1, 1, 2))):
        options = [k for k, c in leaves if _free(plan, k) and not c.is_gone()]
        key = rng.choice(options)
        column = columns[key]
        column.content = rng.choice(("empty_list", "placeholder"))
        column.placeholder = rng.choice(PLACEHOLDERS)
        plan.emptied.append(key)

    # stale: a leaf with a window, its newest item long before it
    windowed = [k for k, c in leaves if _free(plan, k) and not c.is_gone() and k in rules
                and rules[k].effective_max_age_days]
    for key in rng.sample(windowed, min(len(windowed), rng.choice((1, 1, 2)))):
        if not _free(plan, key) or not _has_fresh_sibling(columns[key], plan, columns):
            continue
        window = rules[key].effective_max_age_days or 365
        plan.stale[key] = as_of - dt.timedelta(days=window + rng.randint(40, 500))
        columns[key].content = "stale"

    # broken media and missing fields on healthy list columns that are paths of their own
    listed = [k for k, c in leaves if k in rules and _free(plan, k) and not c.is_gone()]
    for key in rng.sample(listed, min(len(listed), rng.choice((1, 2, 2, 3)))):
        flaws = rng.sample(MEDIA_FLAWS, rng.choice((1, 1, 2)))
        for nth, flaw in enumerate(flaws):
            plan.flaws.append(Flaw(key, flaw, nth))
    with_fields = [k for k in listed if rules[k].required_fields and _free(plan, k)]
    if with_fields and rng.random() < 0.7:
        key = rng.choice(with_fields)
        plan.missing_fields.append(MissingField(key, rng.choice(rules[key].required_fields), rng.randint(0, 2)))

    # names: abbreviations and reorderings (renamed), the spec's aliases (not renamed), spaces
    for key, column in _mandated(columns):
        if column.is_gone():
            continue
        name = column.name
        aliases = [a for a in spec.aliases_for(name)] if hasattr(spec, "aliases_for") else []
        if name in ABBREVIATIONS and rng.random() < 0.15 and len(plan.renamed) < 3:
            shown = rng.choice(ABBREVIATIONS[name])
            is_alias = normalise_name(shown) in {normalise_name(a) for a in aliases}
            column.shown, column.renamed = shown, not is_alias
            plan.renamed[key] = (shown, is_alias)
        elif aliases and rng.random() < 0.25:
            column.shown = rng.choice(aliases)
            plan.renamed[key] = (column.shown, True)
        elif name in SPACED and rng.random() < 0.4:
            plan.spaced.append(key)

    # a sub-column its parent's page does not link (only the trees of its siblings do)
    if traits.tree == "ancestors" and rng.random() < 0.6:
        hideable = [k for k, c in leaves if not c.is_gone() and len(c.parent.visible_children) >= 2
                    and not any(s.only_in_sibling_trees for s in c.parent.children)]
        for key in rng.sample(hideable, min(len(hideable), rng.choice((1, 2)))):
            column = columns[key]
            if sum(1 for s in column.parent.visible_children if not s.only_in_sibling_trees) >= 2:
                column.only_in_sibling_trees = True
                plan.sibling_tree_only.append(key)

    for column in _all(columns):
        if column.kind == "parent":
            column.sub_region = rng.choice(traits.regions)
    for key, column in _mandated(columns):
        if column.kind == "leaf":
            style = rng.choice(traits.date_styles)
            # "06-01" is read as this year's: only for lists whose items are all this year's
            plan.date_style[key] = "span" if style == "short" and key in plan.stale else style

    own = [c for c in _all(columns) if c.spec_key is None and c.kind == "leaf" and c.trail[0].name != "新闻中心"]
    if rng.random() < 0.5:
        plan.refused = [c.site_key for c in rng.sample(own, rng.choice((1, 2)))]

    plan.toolbar = rng.random() < 0.7
    plan.image_nav = rng.random() < traits.image_nav
    plan.hidden_blocks = rng.random() < 0.8
    plan.separator = rng.choice(traits.separators)
    plan.class_prefix = rng.choice(("", "gov-", "zf-", "x", "lj_", "main-"))
    plan.nesting = rng.randint(1, 3)
    if rng.random() < 0.7:
        names = sorted({c.label for k, c in _mandated(columns) if c.parent is not None and c.parent.kind == "parent"
                        and not c.is_gone() and len(k) >= 2})
        plan.ticker_decoys = rng.sample(names, min(len(names), rng.randint(1, 3)))
    _leave_out(plan, columns, without)
    plan.features = [name for name, on in (
        ("toolbar", plan.toolbar), ("image_nav", plan.image_nav), ("hidden_blocks", plan.hidden_blocks),
        ("ticker_decoys", bool(plan.ticker_decoys)), ("sibling_tree_only", bool(plan.sibling_tree_only)),
        ("renamed", any(not alias for _, alias in plan.renamed.values())),
        ("alias_names", any(alias for _, alias in plan.renamed.values())), ("spaced_names", bool(plan.spaced)),
        ("tab_blocks", any(c.sub_region == "tabs" for c in _all(columns) if c.kind == "parent")),
        ("refused_sibling", bool(plan.refused)),
    ) if on]
    return plan


def _leave_out(plan: Plan, columns: dict[Key, SiteColumn], without: frozenset[str]) -> None:
    """Undo the chosen features named in ``without`` (the rest of the portal stays as the seed made it)."""
    unknown = sorted(without - set(FEATURES))
    if unknown:
        raise ValueError(f"unknown portal feature(s) {', '.join(unknown)} (known: {', '.join(FEATURES)})")
    plan.toolbar &= "toolbar" not in without
    plan.image_nav &= "image_nav" not in without
    plan.hidden_blocks &= "hidden_blocks" not in without
    if "ticker" in without:
        plan.ticker_off = True
    if without & {"ticker", "ticker_decoys"}:
        plan.ticker_decoys = []
    if "sibling_tree_only" in without:
        for key in plan.sibling_tree_only:
            columns[key].only_in_sibling_trees = False
        plan.sibling_tree_only = []
    for key, (_shown, is_alias) in list(plan.renamed.items()):
        if ("alias_names" if is_alias else "renamed") in without:
            columns[key].shown, columns[key].renamed = None, False
            del plan.renamed[key]
    if "spaced_names" in without:
        plan.spaced = []
    if "tab_blocks" in without:
        for column in _all(columns):
            if column.kind == "parent" and column.sub_region == "tabs":
                column.sub_region = "box"
    if "refused_sibling" in without:
        plan.refused = []
    if "class_prefix" in without:
        plan.class_prefix = ""


def _all(columns: dict[Key, SiteColumn]) -> list[SiteColumn]:
    root = next(iter(columns.values())).trail[0].parent
    assert root is not None
    return list(root.walk())


def _has_fresh_sibling(column: SiteColumn, plan: Plan, columns: dict[Key, SiteColumn]) -> bool:
    """A parent whose sub-columns are all stale is stale too: keep one fresh, so a single planted
    stale column stays a single finding."""
    assert column.parent is not None
    return any(s is not column and s.content == "items" and not s.removed for s in column.parent.children) \
        or column.parent.parent is None
