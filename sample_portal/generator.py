"""``build_portal()``: the whole sample portal, in memory, from the spec and the defect plan.

The build is deterministic (seeded generators, fixed encoder settings, no clock), so two builds give
the same bytes, and quick (about a second): nothing it makes is stored in the repository.
"""

from __future__ import annotations

import datetime as dt
import json
import random

from sample_portal import images
from sample_portal.articles import ArticleFactory, ColumnPlan, newest_days_ago
from sample_portal.assets import MediaLibrary
from sample_portal.clauses import apply_clauses, contact_rows, mobile_home, mobile_pages
from sample_portal.defects import PLAN, DefectPlan, Key
from sample_portal.manifest import MANIFEST_URL, BuiltSite, build_manifest, mandated_path_of
from pathaudit.loopback.model import CONTENT_TYPES, Behaviour, Portal, Resource
from sample_portal.pages import Renderer, dataproxy_records, dataproxy_url, json_list, static_text
from sample_portal.profiles import profile_for
from sample_portal.sitemap import LIST_STYLES, Article, Column, assign_column_ids, build_tree
from sample_portal.text import Writer
from auditor.specs import Spec

AS_OF = dt.date(2021, 12, 1)
SPEC_NAME = "liangjiang-2021"
#: the staleness window of the site's own news columns (新闻中心), as for news columns in the spec
NEWS_WINDOW_DAYS = 14

_SERVICES = ("企业开办", "工程建设", "不动产登记", "社保医保", "公积金", "户籍办理", "出入境", "交通出行", "教育入学",
             "婚育收养", "住房保障", "纳税缴费")
_EXTERNAL_LINKS = (
    ("中国政府网", "http://www.gov.cn/"), ("重庆市人民政府", "http://www.cq.gov.cn/"),
    ("国家政务服务平台", "http://gjzwfw.www.gov.cn/"), ("重庆市政务服务网", "http://zwykb.cq.gov.cn/"),
    ("重庆市发展和改革委员会", "http://fzggw.cq.gov.cn/"), ("重庆市财政局", "http://czj.cq.gov.cn/"),
    ("重庆市卫生健康委员会", "http://wsjkw.cq.gov.cn/"), ("重庆市规划和自然资源局", "http://ghzrzyj.cq.gov.cn/"),
)


class SamplePortalError(ValueError):
    """The spec and the defect plan do not fit together (a target the spec does not have)."""


def load_default_spec() -> Spec:
    from auditor.specs import load_spec
    from path_specs import bundled_spec

    return load_spec(bundled_spec(SPEC_NAME))


def build_portal(spec: Spec | None = None, plan: DefectPlan = PLAN, as_of: dt.date = AS_OF) -> Portal:
    """Build every page, medium and endpoint of the sample portal, and its manifest."""
    spec = spec or load_default_spec()
    root, columns = build_tree(spec)
    missing = [target for target in plan.targets() if target not in columns]
    if missing:
        raise SamplePortalError(
            "the defect plan names columns the spec does not have: " + "; ".join(">".join(t) for t in missing)
        )
    _apply_structure(plan, columns)
    assign_column_ids(root)

    files: dict[str, Resource] = {}
    factory = ArticleFactory(files, MediaLibrary())
    missing_field_pages = _fill_columns(root, spec, plan, columns, factory, as_of)
    clauses = apply_clauses(plan, columns, root, factory, as_of)
    behaviours = [
        Behaviour(b.kind, columns[b.target].url, _path_of(spec, b.target), b.delay_seconds, b.note)
        for b in plan.behaviours
    ]

    renderer = Renderer(root, mobile_home(plan))
    _publish_static(files, factory.library)
    _publish_home(files, renderer, root)
    for column in root.walk():
        if column.parent is not None:
            _publish_column(files, renderer, column, contact_rows(plan))
    if renderer.mobile_home:
        for url, html in mobile_pages(root).items():
            files[url] = Resource(html.encode("utf-8"), CONTENT_TYPES["html"])

    site = BuiltSite(spec, plan, columns, factory.planted, missing_field_pages, behaviours, as_of, clauses)
    manifest = build_manifest(site)
    files[MANIFEST_URL] = Resource(json.dumps(manifest, ensure_ascii=False, indent=2).encode("utf-8"),
                                   CONTENT_TYPES["json"])
    return Portal(
        files=dict(sorted(files.items())),
        behaviours=behaviours,
        manifest=manifest,
        as_of=as_of,
        not_found=Resource(renderer.not_found().encode("utf-8"), CONTENT_TYPES["html"], 404),
        server_error=Resource(renderer.server_error().encode("utf-8"), CONTENT_TYPES["html"], 500),
    )


def _path_of(spec: Spec, key: Key) -> tuple[str, ...]:
    path = mandated_path_of(spec, key)
    return path.segments if path else key


def _apply_structure(plan: DefectPlan, columns: dict[Key, Column]) -> None:
    for removal in plan.removals:
        column = columns[removal.target]
        assert column.parent is not None
        column.parent.children.remove(column)
    for rename in plan.renames:
        columns[rename.target].shown_as = rename.shown_as
    for empty in plan.emptiness:
        column = columns[empty.target]
        column.content = empty.mode
        if empty.mode == "children_empty":
            # one sub-column says so, the other simply lists nothing
            for index, child in enumerate(column.children):
                child.content = "placeholder" if index == 0 else "empty_list"
    for behaviour in plan.behaviours:
        if behaviour.kind == "gbk":
            for column in columns[behaviour.target].walk():
                column.encoding = "gbk"


def _fill_columns(root: Column, spec: Spec, plan: DefectPlan, columns: dict[Key, Column], factory: ArticleFactory,
                  as_of: dt.date) -> list[tuple[Key, str]]:
    """Make the items of every list column; returns the item pages of the planted missing fields."""
    stale = {s.target: s.newest for s in plan.staleness}
    for column in root.walk():
        if column.style not in LIST_STYLES or column.content not in ("items", "stale"):
            continue
        key = column.spec_key
        path = mandated_path_of(spec, key) if key else None
        rules = path.rules if path else None
        newest = stale.get(key) if key else None
        if newest is None:
            newest = _newest_date(column, rules.effective_max_age_days if rules else _site_window(column), as_of)
        factory.fill(ColumnPlan(
            column=column,
            newest=newest,
            # required fields belong to the column the path ends at, not to its sub-columns
            required_fields=rules.required_fields if rules and path and path.segments == key else (),
            deadline=rules.deadline if rules else None,
            flaws=tuple(m for m in plan.media if key and m.target == key),
            missing_fields=tuple(f for f in plan.fields if key and f.target == key),
        ))
    return [(f.target, _nth_newest(columns[f.target], f.nth).url) for f in plan.fields]


def _nth_newest(column: Column, nth: int) -> Article:
    return sorted(column.articles, key=lambda a: (a.date, a.serial), reverse=True)[nth]


def _site_window(column: Column) -> int | None:
    return NEWS_WINDOW_DAYS if column.trail[0].name == "新闻中心" else None


def _newest_date(column: Column, window: int | None, as_of: dt.date) -> dt.date:
    """How recent the column's newest item is: well inside its staleness window."""
    rng = random.Random(f"newest:{'>'.join(column.site_key)}")
    return as_of - dt.timedelta(days=newest_days_ago(rng, window, profile_for(column.site_key).newest_days_ago))


def _encode(html: str, encoding: str) -> Resource:
    if encoding == "utf-8":
        return Resource(html.encode("utf-8"), CONTENT_TYPES["html"])
    # the planted GBK section: the header names no charset, only <meta charset="gbk"> does
    return Resource(html.encode(encoding, errors="xmlcharrefreplace"), "text/html")


def _publish_column(files: dict[str, Resource], renderer: Renderer, column: Column,
                    contact: list[tuple[str, str]]) -> None:
    extra = {}
    if column.style == "page":
        writer = Writer(random.Random(f"page:{'>'.join(column.site_key)}"))
        extra = {"paragraphs": writer.paragraphs(8), "page_images": [], "services": [],
                 "contact": contact if column.name == "联系我们" else []}
        if column.name == "走进两江":
            extra["page_images"] = [{"url": f"/images/banner/banner{i}.jpg", "caption": "两江新区风貌"}
                                    for i in range(2)]
        if column.name == "政务服务":
            extra["services"] = _services()
    for name, html in renderer.column_pages(column, extra):
        files[column.directory + name] = _encode(html, column.encoding)
    for article in column.articles:
        files[article.url] = _encode(renderer.article(article), column.encoding)
    if column.style == "json":
        files[f"/api/list?channel={column.column_id}"] = Resource(json_list(column), CONTENT_TYPES["json"])
    if column.style == "hanweb":
        files[dataproxy_url(column)] = Resource(dataproxy_records(column), "text/xml; charset=utf-8")


def _services() -> list[dict[str, str]]:
    return [{"name": name, "anchor": f"fw{i}", "icon": f"/images/fw/icon{i}.png"} for i, name in enumerate(_SERVICES)]


def _publish_home(files: dict[str, Resource], renderer: Renderer, root: Column) -> None:
    news = next((c for c in root.children if c.name == "新闻中心"), None)
    headline = news.children[0].articles[0].url if news and news.children and news.children[0].articles else "/"
    epidemic = next((c for c in root.walk() if c.name == "疫情防控"), None)
    banners = [
        {"image": "/images/banner/banner0.jpg", "url": headline, "alt": "两江新区高质量发展综述"},
        {"image": "/images/banner/banner1.jpg", "url": epidemic.url if epidemic else "/",
         "alt": "坚决打赢疫情防控阻击战"},
        {"image": "/images/banner/banner2.webp", "url": renderer.platform.url if renderer.platform else "/",
         "alt": "深入推进政务公开标准化规范化"},
    ]
    html = renderer.home(banners, _services(), list(_EXTERNAL_LINKS))
    files["/index.html"] = Resource(html.encode("utf-8"), CONTENT_TYPES["html"])


def _publish_static(files: dict[str, Resource], library: MediaLibrary) -> None:
    def put(url: str, body: bytes, content_type: str | None = None) -> None:
        files[url] = Resource(body, content_type or CONTENT_TYPES[url.rsplit(".", 1)[1]])

    put("/css/style.css", static_text("style.css").encode("utf-8"))
    put("/js/common.js", static_text("common.js").encode("utf-8"))
    put("/js/player.js", static_text("player.js").encode("utf-8"))
    put("/module/web/jpage/jpage.js", static_text("jpage.js").encode("utf-8"))
    put("/images/logo.png", images.logo_png())
    put("/images/dzjg.png", library.icon(1))
    put("/images/gaba.png", library.icon(2))
    put("/images/loading.gif", library.gif(0))
    put("/images/dot.gif", images.tiny_gif((11, 74, 140)))
    put("/images/header_bg.jpg", library.banner(3))
    put("/favicon.ico", images.favicon_ico(), "image/x-icon")
    for index in range(2):
        put(f"/images/banner/banner{index}.jpg", library.banner(index))
    put("/images/banner/banner2.webp", library.webp(2))
    for index, _ in enumerate(_SERVICES):
        put(f"/images/fw/icon{index}.png", library.icon(index))

