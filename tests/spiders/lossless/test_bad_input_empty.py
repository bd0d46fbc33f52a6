"""Empty answers (issue 19): a column page answered 200 with no body, or 204 No Content, on the home
page, a column and a sub-column: never a traceback; what could not be read is ``unverified``."""

from __future__ import annotations

import json

import pytest

HOME = ('<html><head><meta charset="utf-8"></head><body><div class="nav"><a href="/">首页</a>'
        '<a href="/a/">政务公开</a><a href="/b/">新闻中心</a></div></body></html>')
SECTION = ('<html><head><meta charset="utf-8"></head><body><div class="nav"><a href="/">首页</a></div>'
           '<div class="sub"><ul><li><a href="/b/c/">图片新闻</a></li><li><a href="/b/d/">视频新闻</a></li></ul></div></body></html>')
SPEC = """mandate: {id: empty, title: 空页面}
entries:
  - {id: a, path: 政府网站>政务公开}
  - {id: c, path: 政府网站>新闻中心>图片新闻}
  - {id: d, path: 政府网站>新闻中心>视频新闻}
"""
EMPTY_200 = lambda asked: (200, {"Content-Type": "text/html; charset=utf-8"}, b"")  # noqa: E731
EMPTY_204 = lambda asked: (204, {}, b"")  # noqa: E731


@pytest.mark.parametrize("home", ["page", "200", "204"])
def test_empty_answers_are_unverified_never_a_traceback(tmp_path, serve_site, pathaudit, home):
    spec = tmp_path / "spec.yaml"
    spec.write_text(SPEC, encoding="utf-8")
    routes = {"/": HOME if home == "page" else EMPTY_200 if home == "200" else EMPTY_204,
              "/a/": EMPTY_200, "/b/": SECTION, "/b/c/": EMPTY_204, "/b/d/": EMPTY_200}
    with serve_site(routes) as site:
        proc = pathaudit("crawl", site.base_url + "/", "--spec", str(spec), "--out", str(tmp_path / "out"), "-q",
                         "--as-of", "2021-12-01", "--set", "AUDITOR_REPORT_FORMATS=html,md,junit,xlsx",
                         "--set", "ROBOTSTXT_OBEY=False")
    assert "Traceback" not in proc.stderr and "AssertionError" not in proc.stderr, proc.stderr[-3000:]
    assert proc.returncode == (0 if home == "page" else 3), proc.stderr[-2000:]
    findings = json.loads((tmp_path / "out" / "findings.json").read_text(encoding="utf-8"))
    assert {p["status"] for p in findings["paths"]} == {"unverified"}
