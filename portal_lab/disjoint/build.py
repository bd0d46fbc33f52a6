"""Build one disjoint portal: its pages, its behaviours and its ground-truth manifest.

``build_disjoint_portal(seed, truths=None, **knobs)`` gives a ``LabPortal`` (the ``Portal`` the
loopback server and ``portal_fetch`` serve, the spec it is audited against, and the manifest).
Everything follows from the seed; a test fixes what it is about (a truth for a path, a knob) and the
rest stays the seed's.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import random
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from auditor.specs import Spec, load_spec
from sample_portal import images
from pathaudit.loopback.model import CONTENT_TYPES, Behaviour, Portal, Resource, canonical_target
from portal_lab.disjoint import markup
from portal_lab.disjoint.knobs import Knobs, draw_knobs
from portal_lab.disjoint.markup import esc, link
from portal_lab.disjoint.site import HEADLINES, PLACES, RENAMES, TOPICS, TRUTHS, Column, Item, build_tree, misplace
from portal_lab.disjoint.tokens import TokenPool
from portal_lab.disjoint.urls import UrlShapes

AS_OF = dt.date(2024, 6, 3)
SPEC_FILE = Path(__file__).with_name("spec.yaml")
#: how often a mandated column is planted as each truth in a random portal
TRUTH_WEIGHTS = {"ok": 50, "renamed": 10, "misplaced": 5, "missing": 10, "empty": 10, "stale": 10, "unverifiable": 5}
#: the path status a right walk reports for each truth (None: any; misplaced is told by its finding)
EXPECTED_STATUS = {"ok": "ok", "renamed": "ok", "misplaced": None, "missing": "missing", "empty": "empty",
                   "stale": "stale", "unverifiable": "unverified"}
#: the finding a right walk reports for each truth
EXPECTED_FINDING = {"ok": None, "renamed": "renamed_column", "misplaced": "misplaced_column",
                    "missing": "missing_column", "empty": "empty_section", "stale": "stale_section",
                    "unverifiable": "unverified"}
#: the page roles of ``markup`` whose class names are tokens
CLASS_ROLES = ("wrap", "header", "nav", "navdrop", "main", "crumb", "aside", "cur", "heading", "list", "date",
               "year", "pager", "offer", "drop", "menu", "map", "tile", "hidden", "foot", "info", "text", "empty")


@functools.cache
def lab_spec() -> Spec:
    return load_spec(SPEC_FILE)


@dataclass
class LabPortal:
    portal: Portal
    spec: Spec
    knobs: Knobs
    root: Column = field(repr=False)

    @property
    def manifest(self) -> dict[str, Any]:
        return self.portal.manifest


@dataclass
class _Build:
    """What every page of one build needs."""

    knobs: Knobs
    urls: UrlShapes
    cls: dict[str, str]
    ids: dict[str, str]
    root: Column
    rng: random.Random
    pool: TokenPool
    date_label: str
    files: dict[str, Resource] = field(default_factory=dict)
    #: page URL -> [(link URL, text, truth role)] for the per-role score
    roles: dict[str, list[tuple[str, str, str]]] = field(default_factory=dict)
    logo_url: str = ""
    map_url: str = ""
    sitemap_url: str = ""


def build_disjoint_portal(seed: int, truths: dict[str, str] | None = None, renames: dict[str, str] | None = None,
                          spec: Spec | None = None, **knob_overrides: Any) -> LabPortal:
    """The seed's portal; ``truths`` plants a truth for some path ids, ``renames`` the name a renamed
    column shows, ``spec`` a variant of the lab spec (same paths, other rules), ``knob_overrides``
    sets knobs."""
    rng = random.Random(f"disjoint:{seed}")
    pool = TokenPool(random.Random(f"disjoint:{seed}:tokens"))
    knobs = replace(draw_knobs(random.Random(f"disjoint:{seed}:knobs")), **knob_overrides)
    spec = spec or lab_spec()
    root, by_id = build_tree()
    planted = _plant(random.Random(f"disjoint:{seed}:truths"), by_id, root, truths or {})
    for path_id, shown in (renames or {}).items():
        if planted[path_id] != "renamed":
            raise ValueError(f"{path_id} is not planted renamed")
        by_id[path_id].shown, by_id[path_id].rename_kind = shown, "given"
    if knobs.sitemap_only:
        by_id[knobs.sitemap_only].sitemap_only = True
    windows = {p.id: p.rules.effective_max_age_days for p in spec.paths}
    _fill(rng, root, windows)
    build = _Build(knobs, UrlShapes.draw(knobs, pool), {r: pool.take() for r in CLASS_ROLES},
                   {r: pool.take() for r in ("top", "body", "bottom")}, root, rng, pool,
                   rng.choice(("发布日期：", "日期：", "时间：", "发布时间：")))
    _assign_urls(build)
    _publish(build)
    behaviours = [Behaviour("refused", c.url, tuple(x.name for x in c.trail), note="栏目页总被拒绝（403）")
                  for c in root.walk() if c.truth == "unverifiable"]
    manifest = _manifest(seed, spec, knobs, by_id, planted, build)
    build.files["/lab-manifest.json"] = Resource(json.dumps(manifest, ensure_ascii=False).encode("utf-8"),
                                                 CONTENT_TYPES["json"])
    missing = markup.document("404", "", "<h1>404</h1><p>页面不存在</p>")
    portal = Portal(files=dict(sorted(build.files.items())), behaviours=behaviours, manifest=manifest, as_of=AS_OF,
                    not_found=Resource(missing.encode("utf-8"), CONTENT_TYPES["html"], 404),
                    refused=Resource(markup.document("403", "", "<h1>403</h1>").encode("utf-8"),
                                     CONTENT_TYPES["html"], 403))
    return LabPortal(portal, spec, knobs, root)


def _plant(rng: random.Random, by_id: dict[str, Column], root: Column, fixed: dict[str, str]) -> dict[str, str]:
    unknown = set(fixed) - set(by_id) or {t for t in fixed.values() if t not in TRUTHS}
    if unknown:
        raise ValueError(f"unknown path ids or truths: {sorted(unknown)}")
    place = rng.choice(PLACES)
    planted: dict[str, str] = {}
    for path_id, column in by_id.items():
        truth = fixed.get(path_id) or rng.choices(list(TRUTH_WEIGHTS), weights=list(TRUTH_WEIGHTS.values()))[0]
        planted[path_id] = column.truth = truth
        if truth == "renamed":
            form, how = rng.choice(RENAMES[column.name])
            column.shown, column.rename_kind = form.format(place=place), how
    for path_id, column in by_id.items():
        if column.truth == "misplaced":
            misplace(column, root)
    return planted


def _dates(rng: random.Random, count: int, newest: dt.date, step: tuple[int, int]) -> list[dt.date]:
    out, day = [], newest
    for _ in range(count):
        out.append(day)
        day -= dt.timedelta(days=rng.randint(*step))
    return out


def _fill(rng: random.Random, root: Column, windows: dict[str, int | None]) -> None:
    """Items of every list column, by its truth and window (newest first)."""
    for column in root.walk():
        if column.parent is None or not column.is_leaf or column.truth in ("missing", "empty"):
            continue
        window = windows.get(column.path_id or "") or 60
        count = rng.randint(3, 26)
        step = (1, 3) if window <= 14 else (5, 25)
        if column.truth == "stale":
            newest = AS_OF - dt.timedelta(days=window + rng.randint(40, 200))
        else:
            newest = AS_OF - dt.timedelta(days=rng.randint(0, max(1, window // 4)))
        stems = HEADLINES.get(column.name, ("{x}" + column.name + "信息",))
        for serial, day in enumerate(_dates(rng, count, newest, step), start=1):
            title = rng.choice(stems).format(x=rng.choice(TOPICS))
            column.items.append(Item(title, day, serial=serial))


def _assign_urls(b: _Build) -> None:
    number = b.knobs.number_base
    for column in b.root.walk():
        if column.parent is None:
            column.url = "/"
            continue
        number += 1
        column.number = number
        column.url = b.urls.column(number)
        for item in column.items:
            item.url = b.urls.item(number, item.serial, b.pool.slug())
    b.logo_url = f"/{b.pool.take()}/{b.pool.take()}.{'svg' if b.knobs.logo_svg else 'png'}"
    b.map_url = f"/{b.pool.take()}/{b.pool.take()}.png"
    b.sitemap_url = f"/{b.pool.take()}.html"


# --- pages --------------------------------------------------------------------------------------------

def _put(b: _Build, url: str, body: bytes, content_type: str) -> None:
    split = urlsplit(url)
    key = canonical_target(split.path, split.query)
    if key.endswith("/"):
        key += "index.html"
    b.files[key] = Resource(body, content_type)


def _css(b: _Build) -> str:
    c = b.cls
    css = (f"body{{font:14px sans-serif}}.{c['hidden']}{{display:none}}"
           f".{c['navdrop']}{{display:none}}.{c['nav']} li:hover .{c['navdrop']},"
           f".{c['nav']} div:hover>.{c['navdrop']}{{display:block}}")
    return css + markup.offer_css(b.knobs.offer, c)


def _offered(column: Column, b: _Build) -> list[Column]:
    """The children a page offers (a site-map-only column is offered by the site map alone)."""
    return [c for c in column.present() if c.parent is column and not c.sitemap_only]


def _nav(b: _Build, roles: list[tuple[str, str, str]]) -> str:
    rows = [[link("/", "首页")]]
    roles.append(("/", "首页", "menu"))
    for top in b.root.children:
        if top.truth == "missing":
            continue
        cell = link(top.url, top.label)
        roles.append((top.url, top.label, "menu"))
        subs = _offered(top, b)
        if b.knobs.nav_dropdown and subs:
            cell += markup.container(b.knobs.container, [[link(s.url, s.label)] for s in subs], b.cls["navdrop"])
            roles.extend((s.url, s.label, "menu") for s in subs)
        rows.append([cell])
    return f'<div id="{b.ids["top"]}" class="{b.cls["nav"]}">{markup.container(b.knobs.container, rows, b.cls["wrap"])}</div>'


def _header(b: _Build, roles: list[tuple[str, str, str]]) -> str:
    logo = ""
    if b.knobs.logo:
        logo = f'<a href="/"><img src="{b.logo_url}" alt="{esc(b.knobs.site_name)}" width="300" height="60" /></a>'
        roles.append(("/", "", "other"))
    return f'<div class="{b.cls["header"]}">{logo}</div>' + _nav(b, roles)


def _footer(b: _Build, roles: list[tuple[str, str, str]]) -> str:
    roles.append((b.sitemap_url, "网站地图", "other"))
    return (f'<div id="{b.ids["bottom"]}" class="{b.cls["foot"]}">{link(b.sitemap_url, "网站地图")}'
            f'<p>主办：{esc(b.knobs.site_name)}</p></div>')


def _crumbs(b: _Build, column: Column, roles: list[tuple[str, str, str]], current: bool = True) -> str:
    trail: list[tuple[str, str | None]] = [("首页", "/")]
    chain = column.trail
    if b.knobs.crumb_short and len(chain) > 1:
        chain = chain[-1:]
    trail += [(c.label, None if (c is column and current) else c.url) for c in chain]
    roles.extend((u, n, "crumb") for n, u in trail if u)
    return markup.crumbs(trail, b.knobs.crumb_separator, b.knobs.crumb_prefix, b.cls["crumb"])


def _page(b: _Build, url: str, title: str, main: str, roles: list[tuple[str, str, str]], crumb: str = "",
          label: bool = True) -> None:
    """Write one page; ``label``: keep its links' roles for the per-role score (item pages are not
    labelled: their chrome is every column page's)."""
    head_roles: list[tuple[str, str, str]] = []
    body = (f'{_header(b, head_roles)}\n<div id="{b.ids["body"]}" class="{b.cls["main"]}">{crumb}{main}</div>\n'
            f"{_footer(b, head_roles)}")
    html = markup.document(f"{title}_{b.knobs.site_name}", _css(b), body)
    _put(b, url, html.encode("utf-8"), CONTENT_TYPES["html"])
    if label:
        b.roles[url] = head_roles + roles


def _date(b: _Build, day: dt.date) -> str:
    return day.strftime(b.knobs.date_format)


def _rows(b: _Build, items: list[Item], roles: list[tuple[str, str, str]]) -> str:
    """A list column's rows, the date where the knobs put it."""
    place, kind = b.knobs.date_place, b.knobs.container
    for item in items:
        roles.append((item.url, item.title, "entry"))
    if place == "year_heading":
        out = []
        for year in sorted({i.date.year for i in items}, reverse=True):
            rows = [[link(i.url, i.title), f"{i.date:%m-%d}"] for i in items if i.date.year == year]
            out.append(f'<div class="{b.cls["year"]}">{year}年</div>' + markup.container(kind, rows, b.cls["list"]))
        return "".join(out)
    rows = []
    for i in items:
        a, d = link(i.url, i.title), f'<i class="{b.cls["date"]}">{_date(b, i.date)}</i>'
        rows.append({"after": [a, d], "before": [d, a], "cell": [a, _date(b, i.date)], "inside": [f"{a} {_date(b, i.date)}"],
                     "none": [a]}[place])
    return markup.container(kind, rows, b.cls["list"])


_PAGER_WORDS = {"arrows": ("|◀", "◀", "▶", "▶|"), "words": ("最前", "往前", "往后", "最后")}


def _pager(b: _Build, column: Column, index: int, pages: int, roles: list[tuple[str, str, str]]) -> str:
    if pages < 2:
        return ""
    out = []

    def add(target: int, text: str) -> None:
        url = b.urls.list_page(column.number, target)
        out.append(link(url, text))
        roles.append((url, text, "pager"))

    if b.knobs.pager == "numbers":
        for j in range(pages):
            if j == index:
                out.append(f"<span>{j + 1}</span>")
            else:
                add(j, str(j + 1))
    else:
        first, back, forth, last = _PAGER_WORDS[b.knobs.pager]
        if index > 0:
            add(0, first)
            add(index - 1, back)
        if index < pages - 1:
            add(index + 1, forth)
            add(pages - 1, last)
    return f'<div class="{b.cls["pager"]}">{" ".join(out)}</div>'


def _aside(b: _Build, column: Column, roles: list[tuple[str, str, str]]) -> str:
    """The sibling menu beside a list: the parent's offered columns, this one marked current."""
    parent = column.parent
    if not b.knobs.sibling_menu or parent is None or parent.parent is None:
        return ""
    rows = []
    for sibling in _offered(parent, b):
        attrs = {"class_": b.cls["cur"]} if sibling is column else {}
        rows.append([link(sibling.url, sibling.label, **attrs)])
        roles.append((sibling.url, sibling.label, "column"))
    head = f'<div class="{b.cls["heading"]}">{esc(parent.label)}</div>'
    return f'<div class="{b.cls["aside"]}">{head}{markup.container(b.knobs.container, rows, b.cls["wrap"])}</div>'


def _hidden(b: _Build, column: Column, roles: list[tuple[str, str, str]]) -> str:
    """A block of newer items no visitor sees (a <style> rule hides it), on empty and stale lists."""
    if not b.knobs.hidden_block or column.truth not in ("empty", "stale"):
        return ""
    donors = [i for c in b.root.walk() if c.truth == "ok" and c.is_leaf for i in c.items][:4]
    rows = [[link(i.url, i.title), _date(b, AS_OF - dt.timedelta(days=n + 2))] for n, i in enumerate(donors)]
    roles.extend((i.url, i.title, "hidden") for i in donors)
    return f'<div class="{b.cls["hidden"]}">{markup.container(b.knobs.container, rows, b.cls["wrap"])}</div>'


def _leaf_pages(b: _Build, column: Column) -> None:
    per = b.knobs.per_page
    pages = max(1, -(-len(column.items) // per))
    for index in range(pages):
        roles: list[tuple[str, str, str]] = []
        crumb = _crumbs(b, column, roles)
        aside = _aside(b, column, roles)
        chunk = column.items[index * per:(index + 1) * per]
        if chunk:
            body = _rows(b, chunk, roles)
        elif b.knobs.placeholder:
            body = f'<div class="{b.cls["empty"]}">暂无信息</div>'
        else:
            body = markup.container(b.knobs.container, [], b.cls["list"]) if b.knobs.container != "table" else ""
        main = (f'{aside}<div class="{b.cls["heading"]}">{esc(column.label)}</div>{body}'
                f"{_pager(b, column, index, pages, roles)}{_hidden(b, column, roles) if index == 0 else ''}")
        _page(b, b.urls.list_page(column.number, index), column.label, main, roles, crumb)
    for item in column.items:
        _item_page(b, column, item)


def _item_page(b: _Build, column: Column, item: Item) -> None:
    roles: list[tuple[str, str, str]] = []
    crumb = _crumbs(b, column, roles, current=False)
    text = "".join(f"<p>{esc(item.title)}。为进一步做好相关工作，现将有关事项公布如下，请各单位认真贯彻落实。</p>" for _ in range(2))
    main = (f'<div class="{b.cls["heading"]}"><h1>{esc(item.title)}</h1></div>'
            f'<div class="{b.cls["info"]}">{b.date_label}{_date(b, item.date)}</div>'
            f'<div class="{b.cls["text"]}">{text}</div>')
    _page(b, item.url, item.title, main, roles, crumb, label=False)


def _parent_page(b: _Build, column: Column) -> None:
    roles: list[tuple[str, str, str]] = []
    crumb = _crumbs(b, column, roles)
    subs = _offered(column, b)
    entries = [(c.url, c.label) for c in subs]
    frame_url = b.urls.frame(column.number)
    roles.extend((u, n, "column") for u, n in entries if b.knobs.offer != "iframe")
    if b.knobs.offer == "iframe":
        inner = markup.container(b.knobs.container, [[link(u, n, target="_top")] for u, n in entries], b.cls["wrap"])
        frame = markup.document(column.label, _css(b), inner)
        _put(b, frame_url, frame.encode("utf-8"), CONTENT_TYPES["html"])
        b.roles[frame_url] = [(u, n, "column") for u, n in entries]
    main = (f'<div class="{b.cls["heading"]}">{esc(column.label)}</div>'
            f'{markup.offer(b.knobs.offer, entries, b.knobs.container, b.cls, frame_url, b.map_url)}')
    _page(b, column.url, column.label, main, roles, crumb)


def _home(b: _Build) -> None:
    roles: list[tuple[str, str, str]] = []
    latest = sorted((i for c in b.root.walk() if c.is_leaf and c.truth == "ok" and c.parent is not None
                     and c.parent.name == "新闻中心" for i in c.items), key=lambda i: i.date, reverse=True)[:6]
    main = (f'<div class="{b.cls["heading"]}">欢迎访问{esc(b.knobs.site_name)}</div>'
            + _rows(b, latest, roles))
    if not b.knobs.frameset:
        _page(b, "/", b.knobs.site_name, main, roles)
        return
    top_url, main_url = f"/{b.pool.take()}.html", f"/{b.pool.take()}.html"
    head_roles: list[tuple[str, str, str]] = []
    top = markup.document(b.knobs.site_name, _css(b), _header(b, head_roles))
    _put(b, top_url, top.encode("utf-8"), CONTENT_TYPES["html"])
    b.roles[top_url] = head_roles
    _page(b, main_url, b.knobs.site_name, main, roles)
    frames = (f'<!DOCTYPE html>\n<html><head><meta charset="utf-8" /><title>{esc(b.knobs.site_name)}</title></head>'
              f'<frameset rows="160,*"><frame src="{top_url}" name="{b.pool.take()}" />'
              f'<frame src="{main_url}" name="{b.pool.take()}" /></frameset></html>\n')
    _put(b, "/", frames.encode("utf-8"), CONTENT_TYPES["html"])


def _sitemap(b: _Build) -> None:
    roles: list[tuple[str, str, str]] = []
    blocks = []
    for top in b.root.children:
        if top.truth == "missing":
            continue
        rows = [[link(c.url, c.label)] for c in top.present() if c is not top]
        roles.append((top.url, top.label, "column"))
        roles.extend((c.url, c.label, "column") for c in top.present() if c is not top)
        blocks.append(f'<div class="{b.cls["heading"]}">{link(top.url, top.label)}</div>'
                      + markup.container(b.knobs.container, rows, b.cls["wrap"]))
    _page(b, b.sitemap_url, "网站地图", "".join(blocks), roles)


def _publish(b: _Build) -> None:
    logo = images.logo_png()
    if b.knobs.logo_svg:
        svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="300" height="60"><rect width="300" height="60" '
               f'fill="#1a4d8f"/><text x="10" y="40" fill="#fff" font-size="28">{esc(b.knobs.site_name)}</text></svg>')
        _put(b, b.logo_url, svg.encode("utf-8"), "image/svg+xml")
    else:
        _put(b, b.logo_url, logo, CONTENT_TYPES["png"])
    _put(b, b.map_url, logo, CONTENT_TYPES["png"])
    _home(b)
    _sitemap(b)
    for column in b.root.present():
        if column.parent is None:
            continue
        if column.is_leaf:
            _leaf_pages(b, column)
        else:
            _parent_page(b, column)


# --- manifest -----------------------------------------------------------------------------------------

def _tags(column: Column, knobs: Knobs) -> list[str]:
    tags = {f"container:{knobs.container}", f"offer:{knobs.offer}", f"crumb:{knobs.crumb_separator}",
            f"column_urls:{knobs.column_urls}", f"item_urls:{knobs.item_urls}", f"date:{knobs.date_place}",
            f"pager:{knobs.pager}", f"truth:{column.truth}"}
    if column.rename_kind:
        tags.add(f"rename:{column.rename_kind}")
    for flag in ("nav_dropdown", "crumb_short", "sibling_menu", "hidden_block", "frameset"):
        if getattr(knobs, flag):
            tags.add(flag)
    if column.sitemap_only:
        tags.add("sitemap_only")
    if column.truth == "empty":
        tags.add("placeholder" if knobs.placeholder else "no_placeholder")
    return sorted(tags)


def _manifest(seed: int, spec: Spec, knobs: Knobs, by_id: dict[str, Column], planted: dict[str, str],
              b: _Build) -> dict[str, Any]:
    expected = []
    for path in spec.paths:
        column = by_id[path.id]
        truth = planted[path.id]
        stand = column.parent if truth == "missing" else column
        assert stand is not None
        expected.append({
            "id": path.id, "path": list(path.segments), "truth": truth,
            "status": EXPECTED_STATUS[truth], "finding": EXPECTED_FINDING[truth], "url": stand.url,
            "site_name": column.shown or None, "site_path": [c.label for c in column.trail],
            "items": len(column.items), "newest": column.items[0].date.isoformat() if column.items else None,
            "tags": _tags(column, knobs),
        })
    return {
        "portal": f"disjoint-{seed}", "family": "disjoint", "seed": seed, "spec": spec.meta.id,
        "as_of": AS_OF.isoformat(), "knobs": {k: v for k, v in vars(knobs).items()},
        "tokens": list(b.pool.used), "class_names": sorted(b.cls.values()), "ids": sorted(b.ids.values()),
        "expected_paths": expected, "link_roles": {u: [list(r) for r in rs] for u, rs in b.roles.items()},
    }
