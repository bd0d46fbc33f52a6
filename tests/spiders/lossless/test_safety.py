"""Safety: the crawl fetches only http(s) URLs on the portal's hosts, and every report shows crawled
text as text.

One hostile portal, crawled once over real HTTP: its columns redirect to another host (by HTTP and by
meta refresh) and to a local file, link to another host and to a ``file:`` URL, an image redirects
to another host, and its link texts, titles and URLs carry script tags, attribute breakouts,
Markdown/table syntax and spreadsheet formulas. A second server stands for "another host"
(``localhost``, which resolves to 127.0.0.1): it must never be asked for anything, and the local
files must never be read.
"""

from __future__ import annotations

import io
import json
import re
import xml.etree.ElementTree as ET
from html import escape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from auditor.walk.scope import Scope
from spiders.middlewares import HostPolicy, is_private_host

XSS = "<script>alert(1)</script>"
BREAKOUT = '"><img src=x onerror=alert(1)>'
FORMULA = '=HYPERLINK("http://evil.example/","点我")+1'
MARKDOWN = "a|b **粗体** [链接](http://evil.example)"
HOSTILE = (XSS, BREAKOUT, FORMULA, MARKDOWN)

SPEC = """mandate:
  id: hostile-site
  title: 安全测试
entries:
  - path: 政府网站>政务公开>通知公告
    required_fields: [发布机构]
  - path: 政府网站>政务公开>政策解读
  - path: 政府网站>政务公开>规划信息
  - path: 政府网站>政务公开>人事信息
  - path: 政府网站>政务公开>财政信息
  - path: 政府网站>政务公开>统计信息
  - path: 政府网站>=HYPERLINK("http://evil.example/","点我")+1>审计信息
"""
#: the columns that lead off the site, each its own way; none may be read
LEAVING = {
    ("政务公开", "政策解读"): "redirect_offsite",           # HTTP 302 to another host
    ("政务公开", "规划信息"): "redirect_not_followed",      # HTTP 302 to a file: URL
    ("政务公开", "人事信息"): "redirect_offsite",           # meta refresh to another host
    ("政务公开", "财政信息"): "column_offsite",             # a link to it
    ("政务公开", "统计信息"): None,                         # a link to a file: URL
}

NAV = '<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li></ul></div>'


def page(title: str, body: str, head: str = "") -> str:
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8">{head}<title>{escape(title)}</title></head>'
            f"<body>{NAV}{body}</body></html>")


def links(items: list[tuple[str, str]]) -> str:
    return "".join(f'<li><a href="{escape(url)}">{escape(text)}</a></li>' for url, text in items)


def listing(items: list[tuple[str, str, str]]) -> str:
    rows = "".join(f'<li><a href="{escape(url)}">{escape(title)}</a><span>{date}</span></li>'
                   for url, title, date in items)
    return f'<div class="list"><ul>{rows}</ul></div>'


def png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


def hostile_site(other: str, files: Path) -> dict[str, Any]:
    """The routes of the audited portal; ``other`` is the other host's base URL."""
    section = links([
        ("/zwgk/tzgg/", "通知公告"),
        ("/go/zcjd", "政策解读"),
        ("/go/ghxx", "规划信息"),
        ("/zwgk/rsxx/", "人事信息"),
        (f"{other}/czxx/", "财政信息"),
        ((files / "tjxx.html").as_uri(), "统计信息"),
    ])
    hostile_links = links([(f"/xxgk/x{n}/", text) for n, text in enumerate(HOSTILE)])
    articles = [(f"/art/{n}.html", f"关于{text}的通知", f"2021-11-{20 - n}") for n, text in enumerate(HOSTILE)]
    image = png()
    routes: dict[str, Any] = {
        "/": page("示例区人民政府", f'<div class="main"><ul>{links([("/xxgk/", FORMULA)])}</ul></div>'),
        "/zwgk/": page("政务公开", f'<div class="left"><ul>{section}</ul></div>'),
        "/xxgk/": page(FORMULA, f'<div class="left"><ul>{hostile_links}</ul></div>'),
        "/zwgk/tzgg/": page("通知公告", listing(articles)),
        "/zwgk/rsxx/": page("人事信息", "", head=f'<meta http-equiv="refresh" content="0;url={other}/rsxx/">'),
        "/go/zcjd": lambda asked: (302, {"Location": f"{other}/zcjd/"}, b""),
        "/go/ghxx": lambda asked: (302, {"Location": (files / "ghxx.html").as_uri()}, b""),
        "/img/cdn.png": lambda asked: (302, {"Location": f"{other}/cdn.png"}, b""),
        "/img/moved.png": lambda asked: (301, {"Location": "/img/real.png"}, b""),
        "/img/real.png": lambda asked: (200, {"Content-Type": "image/png"}, image),
    }
    images = '<img src="/img/cdn.png"><img src="/img/moved.png"><img src="/img/a|b=HYPERLINK(1).png">'
    for url, title, date in articles:
        routes[url] = page(title, f'<div class="article"><h1>{escape(title)}</h1><p>发布日期：{date}</p>'
                                  f'<div class="content"><p>正文。</p>{images}</div></div>')
    return routes


def decoy(name: str) -> str:
    """What the other host and the local files offer: a full column, should anyone read it."""
    return page(name, listing([(f"/art/{name}.html", f"{name}的文章", "2021-11-30")]))


@pytest.fixture(scope="module")
def crawl(tmp_path_factory: pytest.TempPathFactory, serve_site, pathaudit) -> dict[str, Any]:
    root = tmp_path_factory.mktemp("hostile")
    files = root / "files"
    files.mkdir()
    for name in ("ghxx", "tjxx"):
        (files / f"{name}.html").write_text(decoy(name), encoding="utf-8")
    spec = root / "spec.yaml"
    spec.write_text(SPEC, encoding="utf-8")
    decoys = {f"/{name}/": decoy(name) for name in ("zcjd", "rsxx", "czxx")}
    decoys["/cdn.png"] = lambda asked: (200, {"Content-Type": "image/png"}, png())
    with serve_site(decoys) as other:
        other_url = other.base_url.replace("127.0.0.1", "localhost")
        with serve_site(hostile_site(other_url, files)) as site:
            proc = pathaudit("crawl", site.url("/"), "--spec", str(spec), "--out", str(root / "out"),
                             "--as-of", "2021-12-01", "--lang", "en", "--fail-on", "never")
        other_log = list(other.log)
    findings = json.loads((root / "out" / "findings.json").read_text(encoding="utf-8"))
    assert proc.returncode == 0, proc.stderr[-3000:]
    other_host = other_url.removeprefix("http://")
    return {"out": root / "out", "findings": findings, "other_log": other_log, "base": site.base_url, "other": other_host}


# --- what is fetched -------------------------------------------------------------------------------
def test_nothing_is_fetched_from_another_host_or_a_file(crawl):
    assert crawl["other_log"] == []  # the other host was never asked, by link, redirect or refresh
    paths = {tuple(p["path"]): p for p in crawl["findings"]["paths"]}
    for segments, reason in LEAVING.items():
        path = paths[segments]
        assert path["status"] == "unverified", segments  # never read, so never judged (nor "missing")
        if reason is not None:
            assert path["reason_code"] == reason, (segments, path["reason"])
            if reason != "redirect_not_followed":  # the other host is named with its port
                assert path["reason_data"]["host"] == crawl["other"], path["reason_data"]
    # the local files hold full columns: had one been read, its column would be ok
    assert not any(p["status"] == "ok" for s, p in paths.items() if s in LEAVING)


def test_media_follow_redirects_on_the_site_but_not_off_it(crawl):
    (column,) = [p for p in crawl["findings"]["paths"] if p["path"] == ["政务公开", "通知公告"]]
    assert column["status"] == "ok"
    media = {m["url"].removeprefix(crawl["base"]): m for m in column["checked_media"]}
    assert media["/img/moved.png"]["ok"] is True and media["/img/moved.png"]["width"] == 40
    assert media["/img/cdn.png"]["ok"] is None  # refused, so not checked: neither fine nor broken
    broken = {f["url"].removeprefix(crawl["base"]) for f in crawl["findings"]["findings"] if f["kind"] == "broken_image"}
    assert broken == {"/img/a|b=HYPERLINK(1).png"}


@pytest.mark.parametrize(
    ("start", "url", "redirected_from", "refusal"),
    [
        ("http://www.gov.example/", "http://www.gov.example/a/", None, None),
        ("http://gov.example/", "https://www.gov.example/", "http://gov.example/", None),
        ("http://www.gov.example/", "http://cdn.example/x.jpg", "http://www.gov.example/a.jpg",
         "redirect to another host: cdn.example"),
        ("http://www.gov.example/", "http://10.0.0.8/admin", "http://www.gov.example/a/",
         "redirect to a private address: 10.0.0.8"),
        ("http://www.gov.example/", "http://[::1]:8080/", "http://www.gov.example/a/",
         "redirect to a private address: ::1"),
        ("http://www.gov.example/", "http://169.254.169.254/latest/", None,
         "request for a private address: 169.254.169.254"),
        ("http://www.gov.example/", "http://localhost/", None, "request for a private address: localhost"),
        ("http://www.gov.example/", "file:///etc/passwd", None, "URL with a scheme other than http(s): file:"),
        ("http://www.gov.example/", "ftp://www.gov.example/a", "http://www.gov.example/a",
         "redirect to a scheme other than http(s): ftp:"),
        ("http://www.gov.example/", "http://other.example/", None, "host not allowed: other.example"),
        ("http://127.0.0.1:8000/", "http://127.0.0.1:8000/a/", None, None),  # a test portal on loopback
        ("http://127.0.0.1:8000/", "http://127.0.0.1:9000/a/", None, "host not allowed: 127.0.0.1:9000"),
        ("http://127.0.0.1:8000/", "http://127.0.0.1:9000/a/", "http://127.0.0.1:8000/",
         "redirect to another host: 127.0.0.1:9000"),  # another port is another site
        ("http://www.gov.example/", "http://www.gov.example:8080/", "http://www.gov.example/a/",
         "redirect to another host: www.gov.example:8080"),
        ("http://www.gov.example/", "http://10.1.2.3/files/a.pdf", "http://www.gov.example/a", None),  # allowed
    ],
)
def test_host_policy(start, url, redirected_from, refusal):
    scope = Scope(start, ["10.1.2.3"])
    scope.add("http://gov.example/")
    policy = HostPolicy(scope=scope, start_url=start)
    found = policy.refusal(url, redirected_from)
    assert (None if found is None else found.phrase()) == refusal


def test_host_policy_remembers_only_what_it_allowed():
    """An origin allowed once is not judged again; a refusal, a redirect and another port of the same
    host still are, and the portal's scope growing lets in an origin refused before it grew."""
    start = "http://www.gov.example/"
    scope = Scope(start)
    policy = HostPolicy(scope=scope, start_url=start)

    def code(url: str, redirected_from: str | None = None) -> str | None:
        found = policy.refusal(url, redirected_from)
        return None if found is None else found.code

    assert code("http://www.gov.example/a/") is None
    assert code("http://www.gov.example/b/?x=1") is None
    assert code("http://www.gov.example:8080/a/") == "host_not_allowed"
    assert code("http://10.0.0.5/a/") == code("http://10.0.0.5/b/") == "private_address"
    assert code("http://www.gov.example@10.0.0.5/") == "private_address"
    assert code("http://portal.example/") == "host_not_allowed"
    scope.add("http://portal.example/")  # the home page landed there
    assert code("http://portal.example/a/") is None
    assert code("http://www.gov.example:8080/", "http://www.gov.example/a/") == "redirect_offsite"
    assert code("file:///etc/passwd", "http://www.gov.example/a/") == "redirect_scheme_refused"
    assert code("http://www.gov.example/a/") is None


def test_private_hosts():
    assert all(map(is_private_host, ["127.0.0.1", "10.2.3.4", "192.168.1.1", "172.16.0.1", "[::1]", "fd00::1",
                                     "169.254.169.254", "localhost", "app.localhost", "0.0.0.0"]))
    assert not any(map(is_private_host, ["www.gov.cn", "8.8.8.8", "2001:4860:4860::8888"]))


# --- every report shows crawled text as text ---------------------------------------------------------
class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self.text: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        (self.scripts if self._in_script else self.text).append(data)


def test_report_html_shows_crawled_text_as_text(crawl):
    parser = _Elements()
    parser.feed((crawl["out"] / "report.html").read_text(encoding="utf-8"))
    handlers = [(tag, name) for tag, attrs in parser.elements for name in attrs if name.lower().startswith("on")]
    assert handlers == []
    assert not any(tag == "img" and attrs.get("src") == "x" for tag, attrs in parser.elements)
    assert [tag for tag, _ in parser.elements].count("script") == 1  # the report's own
    assert not any("alert(1)" in script for script in parser.scripts)
    for tag, attrs in parser.elements:
        for name in ("href", "src"):
            value = (attrs.get(name) or "").strip().lower()
            assert not value.startswith(("javascript:", "data:", "file:")), (tag, name, value)
    text = "".join(parser.text)
    for hostile in HOSTILE:
        assert hostile in text, hostile  # shown, as text


def _unescape_md(text: str) -> str:
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text)


def test_summary_md_escapes_crawled_text(crawl):
    summary = (crawl["out"] / "summary.md").read_text(encoding="utf-8")
    assert re.search(r"(?<!\\)[<>]", summary.replace("<br>", "")) is None  # no HTML can open
    targets = re.findall(r"(?<!\\)\]\((?P<url>[^)\s]*)\)", summary)
    assert targets and all(url.startswith(crawl["base"]) for url in targets)  # only the site's own links
    tables: list[list[str]] = []
    previous = ""
    for line in summary.splitlines():
        if line.startswith("|"):
            if not previous.startswith("|"):
                tables.append([])
            tables[-1].append(line)
        previous = line
    for table in tables:  # a "|" in crawled text breaks no row: every row has the header's cells
        assert len({len(re.findall(r"(?<!\\)\|", row)) for row in table}) == 1, table
    shown = _unescape_md(summary)
    assert FORMULA in shown
    assert FORMULA not in summary  # only in its escaped form


def test_junit_xml_is_well_formed_and_keeps_the_text(crawl):
    root = ET.parse(crawl["out"] / "junit.xml").getroot()
    everything = " ".join(
        [*(v for e in root.iter() for v in e.attrib.values()), *(e.text or "" for e in root.iter())]
    )
    assert FORMULA in everything and "/img/a|b=HYPERLINK(1).png" in everything


def test_xlsx_cells_are_strings_never_formulas(crawl):
    from openpyxl import load_workbook

    (ledger,) = crawl["out"].glob("*.xlsx")
    sheet = load_workbook(ledger).active
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    texts = [cell.value for cell in cells if isinstance(cell.value, str)]
    assert any(text.startswith(FORMULA) for text in texts)  # the mandated path, kept as text
    assert any("a|b=HYPERLINK(1).png" in text for text in texts)


# --- robots.txt ------------------------------------------------------------------------------------
ROBOTS_SPEC = """mandate:
  id: robots
  title: robots.txt
entries:
  - path: 政府网站>政务公开>通知公告
"""


@pytest.mark.parametrize(("flags", "status"), [((), "unverified"), (("--ignore-robots",), "ok")])
def test_ignore_robots_reads_what_robots_txt_disallows(flags, status, tmp_path, serve_site, pathaudit):
    spec = tmp_path / "spec.yaml"
    spec.write_text(ROBOTS_SPEC, encoding="utf-8")
    routes = {
        "/robots.txt": lambda asked: (200, {"Content-Type": "text/plain"}, b"User-agent: *\nDisallow: /zwgk/tzgg/\n"),
        "/": page("示例区人民政府", ""),
        "/zwgk/": page("政务公开", f'<div class="left"><ul>{links([("/zwgk/tzgg/", "通知公告")])}</ul></div>'),
        "/zwgk/tzgg/": page("通知公告", listing([("/art/1.html", "通知一", "2021-11-20")])),
        "/art/1.html": page("通知一", '<div class="article"><h1>通知一</h1><p>发布日期：2021-11-20</p></div>'),
    }
    with serve_site(routes) as site:
        proc = pathaudit("crawl", site.url("/"), "--spec", str(spec), "--out", str(tmp_path / "out"),
                         "--as-of", "2021-12-01", "-q", "--set", "AUDITOR_REPORT_FORMATS=", *flags)
        asked = [target for _, target, _ in site.log]
    assert proc.returncode in (0, 1), proc.stderr[-3000:]
    (path,) = json.loads((tmp_path / "out" / "findings.json").read_text(encoding="utf-8"))["paths"]
    assert path["status"] == status
    assert ("/zwgk/tzgg/" in asked) == bool(flags)
