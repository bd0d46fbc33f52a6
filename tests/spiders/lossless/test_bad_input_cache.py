"""``--cache DIR`` under attack (issue 19): a folder that cannot be written, symbolic links, huge and
edited entries, a 304 whose ETag contradicts the one asked about, a 304 nobody asked for.

A small portal on 127.0.0.1 with ETags: a first crawl fills the cache, the folder is then damaged on
the real file system as a person or an attacker would, and a second crawl must neither trust nor
archive what was planted.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
from pathlib import Path
from typing import Any

import pytest

SPEC = """mandate:
  id: cache-test
  title: 缓存测试
entries:
  - {id: a, path: 政府网站>政务公开}
  - {id: b, path: 政府网站>新闻中心}
"""
SECRET = "TOP-SECRET-LOCAL-FILE-0451"


def page(title: str, body: str) -> str:
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title></head><body>'
            f'<div class="nav"><a href="/">首页</a></div><div class="main">{body}</div></body></html>')


def listing(column: str, count: int) -> str:
    rows = "".join(f'<li><a href="/{column}/202111/t2021112{k}_{k}.html">{column}信息{k}</a><span>2021-11-2{k}</span></li>'
                   for k in range(1, count + 1))
    return f'<ul class="list">{rows}</ul>'


class Portal:
    """Routes answering conditionally by ETag; ``etag_of`` may be changed between crawls."""

    def __init__(self) -> None:
        self.pages = {
            "/": page("首页", '<a href="/zwgk/">政务公开</a> <a href="/xwzx/">新闻中心</a>'),
            "/zwgk/": page("政务公开", listing("zwgk", 3)),
            "/xwzx/": page("新闻中心", listing("xwzx", 2)),
        }
        for column, count in (("zwgk", 3), ("xwzx", 2)):
            for k in range(1, count + 1):
                self.pages[f"/{column}/202111/t2021112{k}_{k}.html"] = page(
                    "文章", f"<h1>文章{k}</h1><p>发布日期：2021-11-2{k}</p><p>正文。</p>"
                    + ('<img src="/img/broken.png">' if (column, k) == ("zwgk", 1) else ""))
        #: path -> the ETag a 304 carries (None: the page's own)
        self.told_etag: dict[str, str] = {}
        #: paths answered 304 to any request, conditional or not
        self.always_304: set[str] = set()

    def etag(self, path: str) -> str:
        return '"' + hashlib.sha1(self.pages[path].encode()).hexdigest()[:12] + '"'

    def routes(self) -> dict[str, Any]:
        def route(path: str):
            def answer(asked):
                if path in self.always_304:
                    return 304, {}, b""
                if asked.headers.get("If-None-Match") == self.etag(path):
                    return 304, {"ETag": self.told_etag.get(path, self.etag(path))}, b""
                return 200, {"Content-Type": "text/html; charset=utf-8", "ETag": self.etag(path)}, \
                    self.pages[path].encode("utf-8")
            return answer
        routes = {path: route(path) for path in self.pages}
        # a broken image (HTML where a PNG should be), with an ETag like the pages
        routes["/img/broken.png"] = lambda asked: (
            (304, {"ETag": '"img1"'}, b"") if asked.headers.get("If-None-Match") == '"img1"'
            else (200, {"Content-Type": "image/png", "ETag": '"img1"'}, b"<html>not an image</html>"))
        return routes


@pytest.fixture
def spec(tmp_path: Path) -> Path:
    path = tmp_path / "spec.yaml"
    path.write_text(SPEC, encoding="utf-8")
    return path


def crawl(pathaudit, base: str, spec: Path, out: Path, cache: Path, *extra: str):
    return pathaudit("crawl", base + "/", "--spec", str(spec), "--out", str(out), "--as-of", "2021-12-01", "-q",
                     "--fail-on", "never", "--set", "AUDITOR_REPORT_FORMATS=", "--set", "ROBOTSTXT_OBEY=False",
                     "--cache", str(cache), *extra)


def statuses(out: Path) -> dict[str, tuple[str, Any, Any]]:
    data = json.loads((out / "findings.json").read_text(encoding="utf-8"))
    return {p["path"][-1]: (p["status"], p.get("items"), p.get("reason")) for p in data["paths"]}


def entry_of(cache: Path, url_suffix: str) -> Path:
    for meta in cache.rglob("meta.json"):
        if json.loads(meta.read_text(encoding="utf-8"))["url"].endswith(url_suffix):
            return meta.parent
    raise AssertionError(f"no cache entry for {url_suffix}")


def rewrite_meta(folder: Path, body: bytes | None = None, size: int | None = None) -> None:
    """Make meta.json agree with a planted body, as an attacker who knows the layout would."""
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    if body is not None:
        meta["sha256"], meta["body_bytes"] = hashlib.sha256(body).hexdigest(), len(body)
    if size is not None:
        meta["body_bytes"] = size
    (folder / "meta.json").write_text(json.dumps(meta), encoding="utf-8")


def archived(out: Path) -> bytes:
    return gzip.decompress((out / "evidence.warc.gz").read_bytes())


def test_a_cache_folder_that_cannot_be_written_is_refused_before_the_first_request(tmp_path, spec, serve_site, pathaudit):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    portal = Portal()
    with serve_site(portal.routes()) as site:
        proc = crawl(pathaudit, site.base_url, spec, tmp_path / "out", blocker / "cache")
        asked = list(site.log)
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert proc.returncode == 2 and len(lines) == 1 and "cache folder" in lines[0], proc.stderr
    assert asked == []


def test_a_symbolic_link_planted_in_the_cache_is_never_read_as_a_page(tmp_path, spec, serve_site, pathaudit):
    cache, portal = tmp_path / "cache", Portal()
    secret = tmp_path / "secret.html"
    secret.write_text(page("政务公开", f"<p>{SECRET}</p>" + listing("zwgk", 3)), encoding="utf-8")
    with serve_site(portal.routes()) as site:
        assert crawl(pathaudit, site.base_url, spec, tmp_path / "first", cache).returncode == 0
        entry = entry_of(cache, "/zwgk/")
        (entry / "body").unlink()
        (entry / "body").symlink_to(secret)
        rewrite_meta(entry, secret.read_bytes())
        # and a whole entry folder replaced by a link to a folder holding a crafted entry
        other = entry_of(cache, "/xwzx/")
        crafted = tmp_path / "crafted"
        crafted.mkdir()
        (crafted / "body").write_bytes(secret.read_bytes())
        (crafted / "meta.json").write_bytes((other / "meta.json").read_bytes())
        rewrite_meta(crafted, secret.read_bytes())
        for name in ("body", "meta.json"):
            (other / name).unlink()
        other.rmdir()
        other.symlink_to(crafted, target_is_directory=True)
        second = crawl(pathaudit, site.base_url, spec, tmp_path / "second", cache)
    assert second.returncode == 0, second.stderr[-3000:]
    assert SECRET.encode() not in archived(tmp_path / "second")
    assert SECRET not in (tmp_path / "second" / "findings.json").read_text(encoding="utf-8")
    assert statuses(tmp_path / "second")["政务公开"][:2] == ("ok", 3)


def test_an_edited_entry_is_refused_and_the_page_fetched_again(tmp_path, spec, serve_site, pathaudit):
    cache, portal = tmp_path / "cache", Portal()
    with serve_site(portal.routes()) as site:
        assert crawl(pathaudit, site.base_url, spec, tmp_path / "first", cache).returncode == 0
        entry = entry_of(cache, "/xwzx/")
        body = (entry / "body").read_bytes()
        (entry / "body").write_bytes(body.replace(b"xwzx/202111/t20211122_2.html", b"xwzx/202111/t20211129_9.html"))
        first_asked = len(site.log)
        second = crawl(pathaudit, site.base_url, spec, tmp_path / "second", cache)
        again = [(target, status) for _, target, status in site.log[first_asked:] if target == "/xwzx/"]
    assert second.returncode == 0
    assert again == [("/xwzx/", 200)]  # asked unconditionally: the edited entry was not used
    assert statuses(tmp_path / "second") == statuses(tmp_path / "first")


def test_a_huge_entry_is_not_read(tmp_path, spec, serve_site, pathaudit):
    cache, portal = tmp_path / "cache", Portal()
    with serve_site(portal.routes()) as site:
        assert crawl(pathaudit, site.base_url, spec, tmp_path / "first", cache).returncode == 0
        entry = entry_of(cache, "/zwgk/")
        with open(entry / "body", "r+b") as handle:
            handle.truncate(1024**3)  # 1 GB, sparse: nothing written, and never read
        rewrite_meta(entry, size=1024**3)
        second = crawl(pathaudit, site.base_url, spec, tmp_path / "second", cache, "--set", "DOWNLOAD_MAXSIZE=1048576")
    assert second.returncode == 0, second.stderr[-3000:]
    assert statuses(tmp_path / "second")["政务公开"][:2] == ("ok", 3)


def test_a_304_whose_etag_contradicts_the_one_asked_about_is_not_trusted(tmp_path, spec, serve_site, pathaudit):
    cache, portal = tmp_path / "cache", Portal()
    with serve_site(portal.routes()) as site:
        assert crawl(pathaudit, site.base_url, spec, tmp_path / "first", cache).returncode == 0
        portal.told_etag["/xwzx/"] = '"another-version"'
        crawl(pathaudit, site.base_url, spec, tmp_path / "second", cache)
    state, _, reason = statuses(tmp_path / "second")["新闻中心"]
    assert state == "unverified" and "contradicts" in reason and "another-version" in reason, reason


def test_a_304_to_a_request_that_asked_nothing_is_not_called_a_redirect(tmp_path, spec, serve_site, pathaudit):
    portal = Portal()
    portal.always_304.add("/xwzx/")
    with serve_site(portal.routes()) as site:
        proc = pathaudit("crawl", site.base_url + "/", "--spec", str(spec), "--out", str(tmp_path / "out"),
                         "--as-of", "2021-12-01", "-q", "--fail-on", "never", "--set", "AUDITOR_REPORT_FORMATS=",
                         "--set", "ROBOTSTXT_OBEY=False")
    assert proc.returncode == 0, proc.stderr[-2000:]
    state, _, reason = statuses(tmp_path / "out")["新闻中心"]
    assert state == "unverified" and "304 Not Modified to a request that was not conditional" in reason
    assert "redirect" not in reason


def test_a_replayed_media_verdict_says_when_it_was_taken(tmp_path, spec, serve_site, pathaudit):
    """A re-crawl replays the media verdicts of unchanged pages: each says when its bytes were
    answered (the first crawl's time) and that it was replayed."""
    cache, portal = tmp_path / "cache", Portal()
    with serve_site(portal.routes()) as site:
        assert crawl(pathaudit, site.base_url, spec, tmp_path / "first", cache).returncode == 0
        assert crawl(pathaudit, site.base_url, spec, tmp_path / "second", cache).returncode == 0

    def media(out: Path) -> tuple[dict, dict]:
        data = json.loads((out / "findings.json").read_text(encoding="utf-8"))
        checked = [m for p in data["paths"] for m in p.get("checked_media", []) if m["url"].endswith("/img/broken.png")]
        broken = [f for f in data["findings"] if f["kind"] == "broken_image"]
        assert len(checked) == 1 and len(broken) == 1
        return checked[0], broken[0]["evidence"]

    def run_times(out: Path) -> tuple[str, str]:
        data = json.loads((out / "findings.json").read_text(encoding="utf-8"))
        return data["started_at"], data["finished_at"]

    (first, _), (second, second_evidence) = media(tmp_path / "first"), media(tmp_path / "second")
    first_run, second_run = run_times(tmp_path / "first"), run_times(tmp_path / "second")
    assert not first.get("replayed") and first_run[0] <= first["checked_at"] <= first_run[1]
    # the replayed verdict carries the first crawl's time (kept with the answer), not the second's
    assert second.get("replayed") is True and first_run[0] <= second["checked_at"] <= first_run[1]
    assert second_evidence["replayed"] is True and second_evidence["checked_at"] == second["checked_at"]
