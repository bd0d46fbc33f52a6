"""``pathaudit crawl --cache DIR``: a re-crawl asks only what may have changed, and judges the same.

Over real HTTP on the bundled portal, served on one port for every crawl (the cache is keyed by
URL): a first crawl fills DIR; a second one of the unchanged portal must give the same findings
while every page is answered ``304 Not Modified`` and no medium is fetched again; a third one, after
one item page changed, must change that page's findings and nothing else.
"""

from __future__ import annotations

import dataclasses
import json
import re
import shutil
import socket
from pathlib import Path

import pytest
from scrapy import Request, Spider
from scrapy.downloadermiddlewares.httpcache import HttpCacheMiddleware
from scrapy.http import Response
from scrapy.utils.test import get_crawler

from pathaudit.loopback.model import Resource
from sample_portal.server import default_portal, serve_portal
from spiders.recrawl import NotModifiedHeadersMiddleware, recrawl_settings

_ARTICLE = re.compile(r"/t\d{8}_\d+\.html$")
_MEDIA = re.compile(r"\.(jpg|png|gif|webp|mp4|mp3|pdf|docx?|xls|swf)$")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def crawl_args(base_url: str, spec: Path, out: Path, cache: Path) -> tuple[str, ...]:
    return ("crawl", base_url, "--spec", str(spec), "--out", str(out), "--as-of", "2021-12-01", "-q",
            "--fail-on", "never", "--set", "AUDITOR_REPORT_FORMATS=", "--cache", str(cache))


def findings_set(comparable: dict) -> set[str]:
    return {json.dumps(f, sort_keys=True, ensure_ascii=False) for f in comparable["findings"]}


@dataclasses.dataclass(frozen=True)
class FirstCrawl:
    """The first crawl both tests start from: the bundled portal on ``port``, into an empty cache."""

    port: int
    base_url: str
    #: the cache as the first crawl left it; each test re-crawls a copy of its own
    cache: Path
    findings: Path
    requests: int
    bytes_sent: int
    #: targets answered 200
    asked: list[str]

    def cache_copy(self, tmp_path: Path) -> Path:
        return Path(shutil.copytree(self.cache, tmp_path / "cache"))


@pytest.fixture(scope="module")
def first_crawl(tmp_path_factory, liangjiang_spec, pathaudit) -> FirstCrawl:
    """One first crawl for the module (the two tests' first crawls were the same crawl of the same
    portal into an empty cache, twice)."""
    root = tmp_path_factory.mktemp("recrawl-first")
    port, cache = free_port(), root / "cache"
    with serve_portal(default_portal(), port=port) as site:
        first = pathaudit(*crawl_args(site.base_url, liangjiang_spec, root / "first", cache))
        assert first.returncode == 0, first.stderr[-3000:]
        return FirstCrawl(port, site.base_url, cache, root / "first" / "findings.json", site.traffic.requests,
                          site.traffic.bytes_sent, [target for _, target, status in site.request_log if status == 200])


def test_a_recrawl_of_an_unchanged_portal_judges_the_same_for_304s_and_no_media(
    tmp_path, liangjiang_spec, pathaudit, comparable_findings, first_crawl
):
    port, cache, base_url = first_crawl.port, first_crawl.cache_copy(tmp_path), first_crawl.base_url
    first_requests, first_bytes = first_crawl.requests, first_crawl.bytes_sent
    with serve_portal(port=port) as site:
        second = pathaudit(*crawl_args(site.base_url, liangjiang_spec, tmp_path / "second", cache))
        assert second.returncode == 0, second.stderr[-3000:]
        log, traffic = list(site.request_log), site.traffic

    assert comparable_findings(tmp_path / "second" / "findings.json", base_url) == \
        comparable_findings(first_crawl.findings, base_url)
    assert not [target for _, target, _ in log if _MEDIA.search(target.split("?")[0])]
    answered = [status for _, target, status in log if not target.startswith("/robots.txt")]
    # every page was asked again, and was unchanged; the planted 500-once page fails once more
    assert answered.count(304) >= len(answered) - 2
    assert traffic.requests * 1.8 < first_requests
    assert traffic.bytes_sent * 10 <= first_bytes


def test_one_changed_page_changes_that_pages_findings_and_nothing_else(
    tmp_path, liangjiang_spec, pathaudit, comparable_findings, first_crawl
):
    portal = default_portal()  # the portal of the first crawl (built deterministically)
    port, cache, base_url = first_crawl.port, first_crawl.cache_copy(tmp_path), first_crawl.base_url
    asked = first_crawl.asked

    # an item page the walk read, one of whose images (healthy, checked) now points nowhere; an
    # image or page a finding of the first crawl names is not healthy (the demo plants broken ones,
    # and which page comes first in the request log depends on the answers' order)
    first_text = json.dumps(json.loads(first_crawl.findings.read_text(encoding="utf-8"))["findings"],
                            ensure_ascii=False)
    changed_page, image = next(
        (target, src) for target in asked if _ARTICLE.search(target) and target not in first_text
        for src in re.findall(r'<img[^>]+src="(/[^"]+\.(?:jpg|png))"', portal.files[target].body.decode("utf-8", "replace"))
        if src in asked and src not in first_text
    )
    body = portal.files[changed_page].body.replace(image.encode(), b"/images/removed-since-last-crawl.jpg")
    edited = dataclasses.replace(portal, files={**portal.files, changed_page: Resource(body, portal.files[changed_page].content_type)})
    with serve_portal(edited, port=port) as site:
        third = pathaudit(*crawl_args(site.base_url, liangjiang_spec, tmp_path / "third", cache))
        assert third.returncode == 0, third.stderr[-3000:]

    before = findings_set(comparable_findings(first_crawl.findings, base_url))
    after = findings_set(comparable_findings(tmp_path / "third" / "findings.json", base_url))
    assert before - after == set()
    new = after - before
    assert new, "the removed image must be reported"
    page = "BASE" + changed_page
    assert all(page in finding for finding in new)
    assert any("removed-since-last-crawl.jpg" in finding for finding in new)


def test_a_304_does_not_overwrite_the_kept_answers_length(tmp_path):
    """The cause of 153 healthy images reported empty: Scrapy freshens a kept answer with every
    header of the 304, ``Content-Length: 0`` included (RFC 9111 §3.2 excepts it); the media probe
    reads the size from that header."""
    crawler = get_crawler(Spider, recrawl_settings(tmp_path))
    spider = Spider.from_crawler(crawler, name="pathwalk")
    crawler.spider = spider
    cache = HttpCacheMiddleware.from_crawler(crawler)
    cache.spider_opened(spider)
    request = Request("http://127.0.0.1:9/images/a.jpg")
    kept = Response(request.url, status=200, headers={"Content-Length": "2048", "ETag": '"a"'}, body=b"x" * 2048)
    not_modified = {"Content-Length": "0", "ETag": '"a"', "Content-Type": "text/html"}

    request.meta["cached_response"] = kept.copy()
    plain = cache.process_response(request, Response(request.url, status=304, headers=not_modified))
    assert plain.headers[b"Content-Length"] == b"0"  # what Scrapy alone does

    request.meta["cached_response"] = kept.copy()
    guarded = NotModifiedHeadersMiddleware().process_response(
        request, Response(request.url, status=304, headers=not_modified))
    kept_again = cache.process_response(request, guarded)
    assert kept_again.headers[b"Content-Length"] == b"2048"
    assert len(kept_again.body) == 2048
