"""The portal's host names, and the address each resolves to (issue 18 item 4, issue 19).

A portal served under several names of one registrable domain (``www.`` and ``xxgk.``) is one
portal; a name of another domain stays out unless the operator names it (``--also-host``); a name
of the portal's own domain that resolves to a private address (10.x) or to the metadata address
169.254.169.254 is refused at connect time, in one line, and the column is ``unverified`` with that
reason. The politeness cap holds per host name and per resolved address: two names on one server
share its places.

Names are mapped to addresses by the crawl's own resolver (``AUDITOR_RESOLVE``, as ``curl
--resolve``): no system file is edited, no DNS is asked. Nothing listens on 10.255.255.1: a crawl that
connected there would end in a time-out, not in the refusal.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

PORTAL = "hosts-test.gov.cn"
NAMES = {
    f"www.{PORTAL}": "127.0.0.1",
    f"xxgk.{PORTAL}": "127.0.0.1",
    f"intranet.{PORTAL}": "10.255.255.1",
    f"meta.{PORTAL}": "169.254.169.254",
    "www.other-portal.gov.cn": "127.0.0.1",
    "files.partner-cdn.cn": "127.0.0.1",
}
SPEC = """mandate:
  id: hosts-test
  title: 多域名门户
entries:
  - {id: a, path: 政府网站>政务公开}
  - {id: b, path: 政府网站>新闻中心}
  - {id: c, path: 政府网站>办事服务}
  - {id: d, path: 政府网站>互动交流}
  - {id: e, path: 政府网站>数据开放}
"""


def page(title: str, body: str) -> str:
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title></head><body>'
            f'<div class="nav"><a href="/">首页</a></div><div class="main">{body}</div></body></html>')


class Traffic:
    """Requests being answered at once, across every name (the server is one machine)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.now = 0
        self.most = 0
        self.hosts: list[str] = []

    def route(self, html: str):
        def answer(asked):
            with self.lock:
                self.now += 1
                self.most = max(self.most, self.now)
                self.hosts.append(asked.headers.get("Host", ""))
            threading.Event().wait(0.03)  # let requests overlap, as test_host_limit's server does
            with self.lock:
                self.now -= 1
            return 200, {"Content-Type": "text/html; charset=utf-8"}, html.encode("utf-8")
        return answer


def listing(column: str, count: int) -> str:
    rows = "".join(f'<li><a href="/{column}/202111/t2021112{k % 9}_{k}.html">{column}信息{k}</a>'
                   f"<span>2021-11-2{k % 9}</span></li>" for k in range(1, count + 1))
    return f'<ul class="list">{rows}</ul>'


@pytest.fixture(scope="module")
def crawl(tmp_path_factory, serve_site, pathaudit):
    tmp = tmp_path_factory.mktemp("hosts")
    spec = tmp / "spec.yaml"
    spec.write_text(SPEC, encoding="utf-8")
    traffic = Traffic()
    routes: dict = {"/robots.txt": "User-agent: *"}  # filled once the port is known (the same dict)
    with serve_site(routes) as site:
        port = site.server.server_port
        home = page("首页", "".join([
            f'<a href="http://xxgk.{PORTAL}:{port}/zwgk/">政务公开</a>',
            '<a href="/xwzx/">新闻中心</a>',
            '<a href="/bsfw/">办事服务</a>',
            f'<a href="http://www.other-portal.gov.cn:{port}/hdjl/">互动交流</a>',
            f'<a href="http://files.partner-cdn.cn:{port}/sjkf/">数据开放</a>',
        ]))
        routes["/"] = traffic.route(home)
        routes["/zwgk/"] = traffic.route(page("政务公开", listing("zwgk", 6)))
        routes["/sjkf/"] = traffic.route(page("数据开放", listing("sjkf", 3)))
        routes["/hdjl/"] = traffic.route(page("互动交流", listing("hdjl", 3)))
        routes["/xwzx/"] = lambda asked: (302, {"Location": f"http://intranet.{PORTAL}:{port}/xwzx/"}, b"")
        routes["/bsfw/"] = lambda asked: (302, {"Location": f"http://meta.{PORTAL}:{port}/latest/meta-data/"}, b"")
        for column in ("zwgk", "sjkf"):
            for k in range(1, 7):
                routes[f"/{column}/202111/t2021112{k % 9}_{k}.html"] = traffic.route(
                    page("文章", f"<h1>文章{k}</h1><p>发布日期：2021-11-2{k % 9}</p><p>正文。</p>"))
        out = tmp / "out"
        proc = pathaudit(
            "crawl", f"http://www.{PORTAL}:{port}/", "--spec", str(spec), "--out", str(out), "--as-of", "2021-12-01",
            "--also-host", f"files.partner-cdn.cn:{port}", "-q",
            "--set", f"AUDITOR_RESOLVE={json.dumps(NAMES)}", "--set", "AUDITOR_REPORT_FORMATS=",
            "--set", "CONCURRENT_REQUESTS_PER_DOMAIN=1", "--set", "DOWNLOAD_TIMEOUT=5", "--set", "RETRY_TIMES=0",
            "--set", "ROBOTSTXT_OBEY=False",
        )
    findings = json.loads((out / "findings.json").read_text(encoding="utf-8")) if (out / "findings.json").exists() else {}
    return {"proc": proc, "findings": findings, "traffic": traffic, "port": port}


def status(crawl, name: str) -> tuple[str, str | None]:
    path = next(p for p in crawl["findings"]["paths"] if p["path"] == [name])
    return path["status"], path.get("reason")


def test_a_sibling_name_of_the_portals_domain_is_the_same_portal(crawl):
    assert status(crawl, "政务公开")[0] == "ok", crawl["proc"].stderr[-3000:]
    assert any(h.startswith(f"xxgk.{PORTAL}") for h in crawl["traffic"].hosts)


@pytest.mark.parametrize(("name", "address"), [("新闻中心", "10.255.255.1"), ("办事服务", "169.254.169.254")])
def test_a_name_resolving_to_a_private_address_is_refused_at_connect_time(crawl, name, address):
    state, reason = status(crawl, name)
    assert state == "unverified"
    assert reason and "resolves to a private address" in reason and address in reason, reason
    warnings = [line for line in crawl["proc"].stderr.splitlines() if address in line]
    assert len(warnings) <= 1  # one line (none with -q beyond the findings)


def test_another_domain_stays_out_unless_the_operator_names_it(crawl):
    state, reason = status(crawl, "互动交流")
    assert state == "unverified" and "another host" in (reason or ""), reason
    assert not any(h.startswith("www.other-portal.gov.cn") for h in crawl["traffic"].hosts)
    assert status(crawl, "数据开放")[0] == "ok"


def test_the_politeness_cap_holds_per_address_across_the_portals_names(crawl):
    hosts = {h.split(":")[0] for h in crawl["traffic"].hosts}
    assert {f"www.{PORTAL}", f"xxgk.{PORTAL}"} <= hosts
    assert crawl["traffic"].most == 1
