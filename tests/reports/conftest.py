"""A realistic findings.json of the Liangjiang (两江新区) portal, as the crawler writes it, for every
report test: the mandated paths of the 2021 disclosure work plan (渝两江管办发〔2021〕44号) with
each status, each finding kind, each kind of broken medium and a link text that is a script tag.

``liangjiang_document(media_base=...)`` lets browser tests point media URLs at a local server.

It also holds the one browser harness of the report tests: Debian's chromium driven headless by
Playwright (``browser``), a report opened in a fresh context that lets no request leave for another
address and records what the browser complained about (``open_report``), and a screenshot kept for
the reader of a CI run (``capture_screenshot``).
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import json
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from auditor.audit.site_map import map_section
from auditor.model.findings import FindingsReport
from auditor.model.observations import ColumnMap, MapColumn

SITE = "http://ljxq.cq.gov.cn"
GK = "政府信息公开"
FD = "法定主动公开内容"
XSS_TEXT = "<script>alert(1)</script>"
XSS_IMG = '<img src=x onerror="alert(2)">'
JS_URL = "javascript:alert(1)"
JS_REASON = "list drawn by JavaScript (/module/web/jpage/dataproxy.jsp); not run by this crawl"
JS_REASON_DATA = {"code": "list_by_javascript", "source": "/module/web/jpage/dataproxy.jsp"}


def _path(pid: str, segments: list[str], status: str, *, url: str | None, lead: list[str],
          responsible: list[str] | None = None, items: int | None = None, latest: str | None = None,
          clause: str = "", quote: str = "", reason: str | None = None, reason_data: dict | None = None,
          trail: list[tuple[str, str]] | None = None, media: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    if trail is None:
        trail = [("首页", f"{SITE}/"), (GK, f"{SITE}/zwgk/"), (FD, f"{SITE}/zwgk/fdzdgknr/")]
    return {
        "id": pid, "path": segments, "status": status, "url": url,
        "trail": [{"name": n, "url": u} for n, u in trail],
        "items": items, "latest_date": latest, "lead": lead, "responsible": responsible or lead,
        "clause": clause, "quote": quote, "reason": reason, "checked_media": media or [],
        **({"reason_code": reason_data["code"], "reason_data": reason_data} if reason_data else {}),
    }


def _finding(kind: str, severity: str, path: list[str] | None, path_id: str | None, message: str, *,
             url: str | None = None, page: str | None = None, code: str | None = None,
             params: dict[str, Any] | None = None, **evidence: Any) -> dict[str, Any]:
    """A finding as the crawler writes it: the message as a code with its parameters, and in Chinese."""
    return {"kind": kind, "severity": severity, "path": path, "path_id": path_id, "url": url, "page": page,
            "message": message, "evidence": evidence, "code": code, "params": params or {}}


def _where(segments: list[str]) -> str:
    return " > ".join(segments)


def _medium(url: str, kind: str, ok: bool, page: str, *, reason: str | None = None, width: int | None = None,
            height: int | None = None, content_type: str | None = None) -> dict[str, Any]:
    return {"url": url, "kind": kind, "ok": ok, "reason": reason, "page": page, "width": width,
            "height": height, "content_type": content_type}


def liangjiang_document(media_base: str = SITE) -> dict[str, Any]:
    """The findings of one crawl of the Liangjiang portal (media URLs under ``media_base``)."""
    m = media_base.rstrip("/")
    ghxx = [GK, FD, "规划信息"]
    p_ghxx = f"{SITE}/zwgk/fdzdgknr/ghjh/"
    p_gmjj = f"{SITE}/zwgk/fdzdgknr/ghjh/gmjjhshfzgh/"
    p_zxgh = f"{SITE}/zwgk/fdzdgknr/ghjh/zxgh/"
    p_zcjd = f"{SITE}/zwgk/zcwj/zcjd/"
    art_gmjj = f"{p_gmjj}202103/t20210315_9001234.html"
    art_zcjd = f"{p_zcjd}202104/t20210420_9034567.html"
    art_tzgg = f"{SITE}/zwgk/tzgg/202012/t20201201_8512345.html"
    art_jgzn = f"{SITE}/zwgk/fdzdgknr/jgzn/202101/t20210105_8700001.html"
    trail_ghxx = [("首页", f"{SITE}/"), (GK, f"{SITE}/zwgk/"), (FD, f"{SITE}/zwgk/fdzdgknr/"), ("规划计划", p_ghxx)]
    clause_gh = "一、（一）"

    paths = [
        _path("ghxx", ghxx, "ok", url=p_ghxx, lead=["办公室"], responsible=["各街道", "各部门", "各驻区机构"],
              items=23, latest="2021-06-02", clause=clause_gh + "4",
              quote="两江新区信息公开网以适当方式，归集整理各单位（部门）主动公开的规划信息",
              trail=trail_ghxx),
        _path("ghxx-gmjj", [*ghxx, "国民经济和社会发展规划"], "ok", url=p_gmjj, lead=["经济运行局"], items=5,
              latest="2021-03-15", clause=clause_gh + "1",
              quote="公开两江新区国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要",
              trail=[*trail_ghxx, ("国民经济和社会发展规划", p_gmjj)],
              media=[
                  _medium(f"{m}/zwgk/fdzdgknr/ghjh/gmjjhshfzgh/202103/W020210315_001.png", "image", True, art_gmjj,
                          width=640, height=400, content_type="image/png"),
                  _medium(f"{m}/zwgk/fdzdgknr/ghjh/gmjjhshfzgh/202103/W020210315_002.jpg", "image", True, art_gmjj,
                          width=320, height=240, content_type="image/jpeg"),
                  _medium(f"{m}/zwgk/fdzdgknr/ghjh/gmjjhshfzgh/202103/W020210315_003.jpg", "image", False, art_gmjj,
                          reason="http_status", content_type="text/html"),
              ]),
        _path("ghxx-zxgh", [*ghxx, "专项规划"], "stale", url=p_zxgh, lead=["经济运行局"], items=7,
              latest="2020-05-10", clause=clause_gh + "2", quote="公开两江新区“十四五”重点专项规划",
              trail=[*trail_ghxx, ("专项规划", p_zxgh)]),
        _path("ghxx-gtkj", [*ghxx, "国土空间规划"], "missing", url=None, lead=["规划自然资源局"],
              clause=clause_gh + "3",
              quote="公开两江新区法定国土空间规划或者现行法定城乡（城市）规划、土地利用规划", trail=trail_ghxx),
        _path("zcjd", [GK, "政策文件", "政策解读"], "ok", url=p_zcjd, lead=["办公室"], responsible=["各部门"], items=41,
              latest="2021-06-10", clause="二、（三）2",
              trail=[("首页", f"{SITE}/"), (GK, f"{SITE}/zwgk/"), ("政策文件", f"{SITE}/zwgk/zcwj/"),
                     ("政策解读", p_zcjd)],
              media=[
                  _medium(f"{m}/zwgk/zcwj/zcjd/202104/W020210420_video.mp4", "video", False, art_zcjd,
                          reason="truncated", content_type="video/mp4"),
                  _medium(f"{m}/zwgk/zcwj/zcjd/202104/W020210420_audio.wma", "audio", False, art_zcjd,
                          reason="unplayable_format", content_type="audio/x-ms-wma"),
                  _medium(f"{m}/zwgk/zcwj/zcjd/202104/W020210420_tu.png", "image", True, art_zcjd,
                          width=800, height=450, content_type="image/png"),
              ]),
        _path("czxx-bmys", [GK, FD, "财政信息", "部门预决算"], "empty", url=f"{SITE}/zwgk/fdzdgknr/czxx/bmys/",
              lead=["财政局"], items=0, clause="三、（二）1"),
        _path("tjxx", [GK, FD, "统计信息"], "empty", url=f"{SITE}/zwgk/fdzdgknr/tjxx/", lead=["经济运行局"], items=0,
              clause="三、（二）2"),
        _path("zdjsxm", [GK, FD, "重大建设项目"], "empty", url=f"{SITE}/zwgk/fdzdgknr/zdjsxm/",
              lead=["建设管理局"], items=0, clause="三、（二）3"),
        _path("ljyw", ["新闻动态", "两江要闻"], "stale", url=f"{SITE}/xwdt/ljyw/", lead=["党群工作部"], items=356,
              latest="2021-05-01", clause="四、（一）1",
              trail=[("首页", f"{SITE}/"), ("新闻动态", f"{SITE}/xwdt/"), ("两江要闻", f"{SITE}/xwdt/ljyw/")]),
        _path("tzgg", [GK, "通知公告"], "stale", url=f"{SITE}/zwgk/tzgg/", lead=["办公室"], items=12,
              latest="2020-12-01", clause="四、（一）2",
              trail=[("首页", f"{SITE}/"), (GK, f"{SITE}/zwgk/"), ("通知公告", f"{SITE}/zwgk/tzgg/")],
              media=[_medium(f"{m}/zwgk/tzgg/202012/P020201201_fujian.pdf", "attachment", False, art_tzgg,
                             reason="wrong_type", content_type="text/html; charset=utf-8")]),
        _path("xzxk", [GK, FD, "行政许可"], "unverified", url=f"{SITE}/zwgk/fdzdgknr/xzxk/", lead=["行政审批局"],
              reason=JS_REASON, clause="三、（三）1", reason_data=JS_REASON_DATA),
        _path("jgzn", [GK, FD, "机构职能"], "ok", url=f"{SITE}/zwgk/fdzdgknr/jgzn/", lead=["组织人事部"], items=3,
              latest="2021-01-05", clause="三、（一）1",
              media=[_medium(f"{m}/zwgk/fdzdgknr/jgzn/202101/W020210105_jgt.png", "image", True, art_jgzn,
                             width=1024, height=768, content_type="image/png")]),
        _path("gknb", [GK, "政府信息公开年报"], "ok", url=f"{SITE}/zwgk/zfxxgknb/", lead=["办公室"], items=4,
              latest="2020-01-20", clause="五、（一）1"),
        _path("zxft", ["互动交流", "在线访谈"], "ok", url=JS_URL, lead=["宣传部"], items=9, latest="2021-06-01",
              clause="四、（二）1",
              trail=[("首页", f"{SITE}/"), ("互动交流", f"{SITE}/hdjl/"), (XSS_TEXT, JS_URL)]),
    ]

    findings = [
        _finding("renamed_column", "warning", ghxx, "ghxx", "栏目名称“规划计划”与规定名称“规划信息”不一致",
                 url=p_ghxx, mandated_name="规划信息", site_name="规划计划", similarity=0.5, code="renamed_column",
                 params={"mandated_name": "规划信息", "site_name": "规划计划", "similarity": 0.5}),
        _finding("broken_image", "error", [*ghxx, "国民经济和社会发展规划"], "ghxx-gmjj",
                 "图片无法显示：服务器返回 404",
                 url=f"{m}/zwgk/fdzdgknr/ghjh/gmjjhshfzgh/202103/W020210315_003.jpg", page=art_gmjj,
                 reason="http_status", http_status=404, content_type="text/html", code="broken_medium.status",
                 params={"media_kind": "image", "media_reason": "http_status", "http_status": 404}),
        _finding("stale_section", "warning", [*ghxx, "专项规划"], "ghxx-zxgh",
                 "栏目最新信息为 2020-05-10，已超过 365 天未更新", url=p_zxgh,
                 latest_date="2020-05-10", max_age_days=365, as_of="2021-06-20", age_days=406, code="stale_section.age",
                 params={"path": _where([*ghxx, "专项规划"]), "latest_date": "2020-05-10", "age_days": 406,
                         "max_age_days": 365}),
        _finding("missing_column", "error", [*ghxx, "国土空间规划"], "ghxx-gtkj",
                 "未找到栏目“国土空间规划”：在“规划计划”页面下没有对应链接", url=None, page=p_ghxx,
                 stopped_at={"name": "规划计划", "url": p_ghxx},
                 searched=[p_ghxx, f"{p_ghxx}index_1.html"],
                 offered=["国民经济和社会发展规划", "专项规划", "区域规划", XSS_IMG],
                 segment="国土空间规划", code="missing_column",
                 params={"path": _where([*ghxx, "国土空间规划"]), "segment": "国土空间规划", "stopped_at": "规划计划",
                         "searched": 2}),
        _finding("missing_subcolumn", "error", [GK, "政策文件", "政策解读"], "zcjd",
                 "政策解读栏目缺少子栏目“视频”", url=p_zcjd, subcolumn="视频",
                 offered=["文字解读", "图片解读"], code="missing_subcolumn",
                 params={"path": _where([GK, "政策文件", "政策解读"]), "subcolumn": "视频"}),
        _finding("broken_video", "error", [GK, "政策文件", "政策解读"], "zcjd", "视频文件不完整，无法播放",
                 url=f"{m}/zwgk/zcwj/zcjd/202104/W020210420_video.mp4", page=art_zcjd,
                 reason="truncated", http_status=200, content_type="video/mp4",
                 detail="box 'mdat' at offset 32 needs 18874368 bytes but the file has 524288 left",
                 code="broken_medium", params={"media_kind": "video", "media_reason": "truncated", "http_status": 200}),
        _finding("broken_audio", "warning", [GK, "政策文件", "政策解读"], "zcjd",
                 "音频格式 WMA 在主流浏览器中无法播放",
                 url=f"{m}/zwgk/zcwj/zcjd/202104/W020210420_audio.wma", page=art_zcjd,
                 reason="unplayable_format", http_status=200, content_type="audio/x-ms-wma",
                 code="broken_medium", params={"media_kind": "audio", "media_reason": "unplayable_format",
                                               "http_status": 200}),
        _finding("empty_section", "error", [GK, FD, "财政信息", "部门预决算"], "czxx-bmys",
                 "空白栏目：页面显示“暂无信息”", url=f"{SITE}/zwgk/fdzdgknr/czxx/bmys/",
                 why="placeholder", placeholder="暂无信息", code="empty_section.placeholder",
                 params={"path": _where([GK, FD, "财政信息", "部门预决算"]), "placeholder": "暂无信息"}),
        _finding("empty_section", "error", [GK, FD, "统计信息"], "tjxx", "空白栏目：栏目下没有任何信息",
                 url=f"{SITE}/zwgk/fdzdgknr/tjxx/", why="no_items", code="empty_section.no_items",
                 params={"path": _where([GK, FD, "统计信息"])}),
        _finding("empty_section", "error", [GK, FD, "重大建设项目"], "zdjsxm", "空白栏目：所有子栏目均无信息",
                 url=f"{SITE}/zwgk/fdzdgknr/zdjsxm/", why="subcolumns_empty", code="empty_section.subcolumns_empty",
                 params={"path": _where([GK, FD, "重大建设项目"])}),
        _finding("stale_section", "error", ["新闻动态", "两江要闻"], "ljyw",
                 "动态类栏目最新信息为 2021-05-01，已超过 14 天未更新", url=f"{SITE}/xwdt/ljyw/",
                 latest_date="2021-05-01", max_age_days=14, as_of="2021-06-20", age_days=50, code="stale_section.age",
                 params={"path": _where(["新闻动态", "两江要闻"]), "latest_date": "2021-05-01", "age_days": 50,
                         "max_age_days": 14}),
        _finding("stale_section", "warning", [GK, "通知公告"], "tzgg",
                 "通知公告栏目最新信息为 2020-12-01，已超过 6 个月未更新", url=f"{SITE}/zwgk/tzgg/",
                 latest_date="2020-12-01", max_age_days=183, as_of="2021-06-20", age_days=201, code="stale_section.age",
                 params={"path": _where([GK, "通知公告"]), "latest_date": "2020-12-01", "age_days": 201,
                         "max_age_days": 183}),
        _finding("broken_attachment", "error", [GK, "通知公告"], "tzgg", "附件无法下载：返回的是网页而不是 PDF 文件",
                 url=f"{m}/zwgk/tzgg/202012/P020201201_fujian.pdf", page=art_tzgg,
                 reason="wrong_type", http_status=200, content_type="text/html; charset=utf-8",
                 code="broken_medium", params={"media_kind": "attachment", "media_reason": "wrong_type",
                                               "http_status": 200}),
        _finding("unverified", "info", [GK, FD, "行政许可"], "xzxk",
                 "无法核实：列表由脚本加载", url=f"{SITE}/zwgk/fdzdgknr/xzxk/",
                 reason=JS_REASON, reason_code="list_by_javascript", reason_data=JS_REASON_DATA,
                 reason_zh="栏目列表由 JavaScript 动态生成，本次未执行脚本", code="unverified",
                 params={"path": _where([GK, FD, "行政许可"]), "reason": JS_REASON_DATA}),
        _finding("deadline_missed", "error", [GK, "政府信息公开年报"], "gknb",
                 "2020 年度政府信息公开年报应于 2021-01-31 前公开，未发现", url=f"{SITE}/zwgk/zfxxgknb/",
                 deadline="2021-01-31", as_of="2021-06-20", code="deadline_missed",
                 params={"path": _where([GK, "政府信息公开年报"]), "deadline": "2021-01-31"}),
        _finding("renamed_column", "warning", ["互动交流", "在线访谈"], "zxft",
                 f"栏目名称“{XSS_TEXT}”与规定名称“在线访谈”不一致", url=JS_URL,
                 mandated_name="在线访谈", site_name=XSS_TEXT, similarity=0.0, code="renamed_column",
                 params={"mandated_name": "在线访谈", "site_name": XSS_TEXT, "similarity": 0.0}),
        _finding("missing_field", "warning", ["互动交流", "在线访谈"], "zxft",
                 f"信息《{XSS_IMG}》未标注发布机构", url=JS_URL, page=JS_URL, missing=["发布机构"], required=["发布机构"],
                 title=XSS_IMG, code="missing_field",
                 params={"path": _where(["互动交流", "在线访谈"]), "missing": ["发布机构"]}),
        _finding("broken_image", "warning", None, None, "首页图片无法显示：文件已截断",
                 url=f"{m}/images/banner_2021.jpg", page=f"{SITE}/",
                 reason="undecodable", http_status=200, content_type="image/jpeg", detail="image file is truncated",
                 code="broken_medium", params={"media_kind": "image", "media_reason": "undecodable", "http_status": 200}),
    ]
    return {
        "schema": "pathaudit/findings/1",
        "site": {"start_url": f"{SITE}/", "hosts": ["ljxq.cq.gov.cn"]},
        "spec": {"id": "liangjiang-2021", "title": "2021年两江新区政务公开工作要点任务分工",
                 "document_number": "渝两江管办发〔2021〕44号", "issued": "2021-06-06"},
        "started_at": "2021-06-20T09:00:00+08:00",
        "finished_at": "2021-06-20T09:07:32+08:00",
        "complete": True,
        "stats": {"requests": 412, "pages": 187, "media_checked": 64},
        "paths": paths,
        "findings": findings,
    }


def baseline_document(current: dict[str, Any]) -> dict[str, Any]:
    """The crawl a month earlier: 专项规划 was not stale yet and the 通知公告 attachment was fine, but a
    broken attachment on 机构职能 has since been fixed."""
    old = copy.deepcopy(current)
    old["started_at"], old["finished_at"] = "2021-05-20T09:00:00+08:00", "2021-05-20T09:06:10+08:00"
    old["findings"] = [
        f for f in old["findings"]
        if not (f["kind"] == "stale_section" and f["path_id"] == "ghxx-zxgh") and f["kind"] != "broken_attachment"
    ]
    for f in old["findings"]:
        f["message"] = "旧版措辞：" + f["message"]  # identity must not depend on the wording
    old["findings"].append(
        _finding("broken_attachment", "error", [GK, FD, "机构职能"], "jgzn", "附件无法下载：服务器返回 404",
                 url=f"{SITE}/zwgk/fdzdgknr/jgzn/202101/P020210105_zhineng.docx",
                 page=f"{SITE}/zwgk/fdzdgknr/jgzn/202101/t20210105_8700001.html",
                 reason="http_status", http_status=404, content_type="text/html")
    )
    return old


@pytest.fixture(scope="session")
def liangjiang() -> Callable[..., dict[str, Any]]:
    """Factory for the Liangjiang findings document (as JSON data)."""
    return liangjiang_document


@pytest.fixture
def findings_report() -> FindingsReport:
    return FindingsReport.from_dict(liangjiang_document())


@pytest.fixture
def baseline_report() -> FindingsReport:
    return FindingsReport.from_dict(baseline_document(liangjiang_document()))


@pytest.fixture
def findings_file(tmp_path: Path) -> Path:
    target = tmp_path / "crawl" / "findings.json"
    target.parent.mkdir(parents=True)
    target.write_text(json.dumps(liangjiang_document(), ensure_ascii=False, indent=2), encoding="utf-8")
    return target


@pytest.fixture
def baseline_file(tmp_path: Path) -> Path:
    target = tmp_path / "baseline" / "findings.json"
    target.parent.mkdir(parents=True)
    target.write_text(json.dumps(baseline_document(liangjiang_document()), ensure_ascii=False), encoding="utf-8")
    return target


@pytest.fixture
def junit_xsd() -> Path:
    return Path(__file__).parent / "data" / "junit.xsd"


# --- the browser harness -------------------------------------------------------------------------------

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's chromium, headless, through Playwright; a test that needs it is skipped, saying why, where
    either is missing. Module-scoped so that no browser outlives the module that uses it."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install playwright)")
    if not CHROMIUM.exists():
        pytest.skip(f"Debian's chromium is not installed at {CHROMIUM}")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS)
        yield launched
        launched.close()


class OpenedReport:
    """A report page in a browser context of its own, with everything the browser complained about.

    Only ``file:`` URLs and ``allowed_base`` (the test's own loopback server) are let through; any other
    request is aborted and recorded in ``blocked``, so a report that reaches out fails its test.
    """

    def __init__(self, browser: Any, url: str, allowed_base: str, init_script: str | None = None) -> None:
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.blocked: list[str] = []
        self.problems: list[str] = []
        self.dialogs: list[str] = []

        def route(request_route: Any) -> None:
            requested = request_route.request.url
            if requested.startswith(("file:", allowed_base)):
                request_route.continue_()
            else:
                self.blocked.append(requested)
                request_route.abort()

        self.context.route("**/*", route)
        self.page = self.context.new_page()
        if init_script:
            self.page.add_init_script(init_script)
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        self.page.on("dialog", self._dialog)
        self.page.goto(url)

    def _console(self, message: Any) -> None:
        if message.type in ("error", "warning"):
            self.problems.append(f"console {message.type}: {message.text}")

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def close(self) -> None:
        self.context.close()


@pytest.fixture(scope="module")
def open_report(browser: Any) -> Callable[..., OpenedReport]:
    """``open_report(url, allowed_base, init_script=None)``: the report at ``url`` opened in ``browser``
    (an :class:`OpenedReport`; the caller closes it). A fixture because test modules cannot import this one."""

    def open_(url: str, allowed_base: str, init_script: str | None = None) -> OpenedReport:
        return OpenedReport(browser, url, allowed_base, init_script)

    return open_


@pytest.fixture
def capture_screenshot(tmp_path: Path, repo_root: Path) -> Callable[..., Path]:
    """``capture_screenshot(page, name, full_page=True)``: the whole page (or only what the window shows) as
    ``name``, with a copy kept in test-artifacts/ for whoever reads the run; returns the capture."""

    def capture(page: Any, name: str, full_page: bool = True) -> Path:
        shot = tmp_path / name
        if hasattr(page, "goto"):
            page.screenshot(path=str(shot), full_page=full_page)
        else:  # a locator: that element
            page.screenshot(path=str(shot))
        artifacts = repo_root / "test-artifacts"
        artifacts.mkdir(exist_ok=True)
        shutil.copyfile(shot, artifacts / name)
        return shot

    return capture


# --- a run's evidence archive ------------------------------------------------------------------------


def page_html(title: str, body: str = "") -> bytes:
    """A column or article page as a TRS-style portal serves it (GBK-free: UTF-8 with its meta)."""
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title>'
            f'<link rel="stylesheet" href="/css/style.css"><script src="/js/jquery.js"></script>'
            f'<style>body{{color:red}}</style></head><body onload="init()">'
            f'<div class="nav"><a href="/">首页</a> &gt; <a href="/zwgk/">政府信息公开</a></div>'
            f'<h1>{title}</h1>{body}<img src="/images/logo.png" alt="两江新区"><script>track()</script>'
            f'</body></html>').encode("utf-8")


def sample_image(fmt: str, size: tuple[int, int], colour: tuple[int, int, int] = (30, 90, 160)) -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", size, colour)
    ImageDraw.Draw(image).rectangle((size[0] // 4, size[1] // 4, size[0] * 3 // 4, size[1] * 3 // 4), fill=(255, 255, 255))
    out = io.BytesIO()
    image.save(out, fmt)
    return out.getvalue()


def archive_for(report: FindingsReport, out_dir: Path, *, max_bytes: int = 64 * 1024 * 1024) -> FindingsReport:
    """Save, with the crawl's own archive (spiders/archive.py), the answers a crawl of the fixture portal
    would have had: column and article pages, the broken media's bytes, the images that loaded; then
    name each finding's record, as the crawl's pipeline does. Returns the report (changed in place)."""
    from scrapy.http import HtmlResponse, Response

    from spiders.archive import ARCHIVE_NAME, EvidenceArchive, proving_url

    archive = EvidenceArchive(out_dir / ARCHIVE_NAME, max_bytes, 512 * 1024)
    seen: set[str] = set()

    def save(response: Response) -> None:
        if response.url not in seen:
            seen.add(response.url)
            archive.save(response)

    for path in report.paths:
        if path.url and path.url.startswith("http"):
            save(HtmlResponse(path.url, body=page_html(path.path[-1], "<ul><li>暂无信息</li></ul>"),
                              headers={"Content-Type": "text/html; charset=utf-8"}))
        for medium in path.checked_media:
            if medium["ok"] and medium["kind"] == "image":
                fmt = "PNG" if medium["url"].endswith(".png") else "JPEG"
                save(Response(medium["url"], body=sample_image(fmt, (medium["width"], medium["height"])),
                              headers={"Content-Type": f"image/{fmt.lower()}"}))
    bodies = {
        "http_status": (404, "text/html", b"<html><body><h1>404 Not Found</h1></body></html>"),
        "wrong_type": (200, "text/html; charset=utf-8", "<html><body>文件不存在</body></html>".encode()),
        "truncated": (206, "video/mp4", b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom\x00\x10\x00\x00mdat"),
        "unplayable_format": (200, "audio/x-ms-wma", b"0&\xb2u\x8ef\xcf\x11\xa6\xd9\x00\xaa\x00b\xcel"),
        "undecodable": (200, "image/jpeg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00"),
    }
    for finding in report.findings:
        url = proving_url(finding)
        if not url or not url.startswith("http"):
            continue
        if finding.kind.startswith("broken_"):
            status, content_type, body = bodies[finding.evidence["reason"]]
            save(Response(url, status=status, body=body, headers={"Content-Type": content_type}))
            if finding.page:
                save(HtmlResponse(finding.page, body=page_html("正文", "<p>附件与图片</p>"),
                                  headers={"Content-Type": "text/html; charset=utf-8"}))
        else:
            save(HtmlResponse(url, body=page_html(finding.path[-1] if finding.path else "首页", "<p>栏目页面</p>"),
                              headers={"Content-Type": "text/html; charset=utf-8"}))
    report.stats["archive"] = archive.attach(report.findings)
    archive.spider_closed()
    return report


@pytest.fixture
def archived_report(tmp_path: Path) -> tuple[FindingsReport, Path]:
    """The fixture's findings with the run's evidence archive beside them: (report, its folder)."""
    return archive_for(FindingsReport.from_dict(liangjiang_document()), tmp_path), tmp_path


@pytest.fixture(scope="session")
def archive_writer() -> Callable[..., FindingsReport]:
    """``archive_writer(report, folder)``: :func:`archive_for` (test modules cannot import this conftest)."""
    return archive_for


@pytest.fixture(autouse=True)
def beijing_time(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Reports show times in the process's zone (the ``timezone`` setting, ``reports.clock``): the
    report tests read them in Beijing time, as their findings were written, whatever the machine's."""
    import time

    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


#: the day the column map is audited as of (its 栏目不更新 horizon is a year before)
MAP_AS_OF = dt.date(2021, 7, 1)


def site_map_around(document: dict[str, Any]) -> dict[str, Any]:
    """A column map around the document's own mandated paths: their URLs are columns of it, beside
    columns no mandate names (one blank, one not updated for years, one drawn by script)."""
    site = document["site"]["start_url"].rstrip("/")
    mandated = [p for p in document["paths"] if p.get("url") and p["status"] != "missing"]
    top = MapColumn("政务公开", f"{site}/zwgk/", items=None, state="parent", named_by="breadcrumb")
    other = MapColumn("互动交流", f"{site}/hdjl/", items=None, state="parent", named_by="title")
    columns = [top, other]
    for path in mandated:
        if path["url"] in {c.url for c in columns}:
            continue  # two paths at one column: one column of the map
        columns.append(MapColumn(path["path"][-1], path["url"], parent_name="政务公开", parent_url=top.url,
                                 items=path.get("items") or 0, newest=path.get("latest_date"),
                                 state="list" if path.get("items") else "empty", named_by="breadcrumb"))
    columns += [
        MapColumn("征集调查", f"{site}/hdjl/zjdc/", "互动交流", other.url, items=0, state="empty", named_by="breadcrumb"),
        MapColumn("在线访谈", f"{site}/hdjl/zxft/", "互动交流", other.url, items=8, newest="2018-03-01", state="list",
                  named_by="breadcrumb"),
        MapColumn("往期访谈", f"{site}/hdjl/zxft/wq/", "在线访谈", f"{site}/hdjl/zxft/", items=None, state="script",
                  named_by="meta"),
    ]
    column_map = ColumnMap(columns=tuple(columns), listed_not_read=(("更多服务", f"{site}/gdfw/"),), census_pages=7,
                           budget=120)
    section = map_section(column_map, MAP_AS_OF)
    assert section is not None
    return section


@pytest.fixture(scope="session")
def liangjiang_mapped() -> Callable[..., dict[str, Any]]:
    """Factory for the Liangjiang findings document with the site's column map: its mandated columns
    under 政务公开, beside columns no mandate names (built by the audit's own ``map_section``)."""

    def document() -> dict[str, Any]:
        found = liangjiang_document()
        found["column_map"] = site_map_around(found)
        return found

    return document
