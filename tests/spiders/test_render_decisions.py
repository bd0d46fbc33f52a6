"""What the spider does with a page drawn by script, decided on real Scrapy responses of the lab
portal's pages (no network): never → unverified with the reason; auto without a browser → the data
the page loads when it is plainly the list, else unverified; only an app's links to #fragments
become views; the browser's guard fails closed."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import scrapy
from scrapy.http import HtmlResponse
from scrapy.settings import Settings

from auditor.page.answer import Answer
from spiders.render import Renderer, abort_unguarded
from portal_lab.scripted import build_site

ORIGIN = "http://127.0.0.1:8"
SITE = build_site()


def renderer(mode: str, **more: Any) -> Renderer:
    settings = Settings({"AUDITOR_RENDER": mode, "AUDITOR_BROWSER": "/nonexistent/chromium", **more})
    return Renderer(settings, lambda url: url.startswith(ORIGIN))


def response(path: str, url: str | None = None, meta: dict[str, Any] | None = None) -> HtmlResponse:
    kind, body = SITE[path]
    request = scrapy.Request(url or ORIGIN + path, meta={"pa_url": url or ORIGIN + path, **(meta or {})})
    return HtmlResponse(url or ORIGIN + path, body=body, headers={"Content-Type": kind}, request=request)


def decide(r: Renderer, path: str) -> Answer | scrapy.Request:
    noop = lambda *_: None  # noqa: E731 - callbacks are only named in the requests made
    return r.after_static(response(path), noop, noop, noop, noop)


def test_never_hands_a_scripted_page_to_the_walk_as_unreadable_with_the_reason():
    answer = decide(renderer("never"), "/xxgk/index.html")
    assert isinstance(answer, Answer) and answer.error == "refused"
    assert answer.error_reason is not None and answer.error_reason.code == "drawn_by_script"
    assert answer.error_reason.facts["how"] == "never"


def test_a_static_page_is_handed_on_as_it_came_in_every_mode():
    for mode in ("never", "auto", "always"):
        answer = decide(renderer(mode), "/xwdt/index.html")
        assert isinstance(answer, Answer) and answer.error is None and answer.body == SITE["/xwdt/index.html"][1]


def test_auto_without_a_browser_reads_the_plain_list_and_leaves_the_app_unverified():
    r = renderer("auto")
    asked = decide(r, "/tzgg/index.html")
    assert isinstance(asked, scrapy.Request) and asked.url == ORIGIN + "/tzgg/list.json"
    data = HtmlResponse(asked.url, body=SITE["/tzgg/list.json"][1], headers={"Content-Type": "application/json"},
                        request=asked)
    filled = r.after_data(data, lambda *_: None, lambda *_: None)
    assert isinstance(filled, Answer) and filled.error is None and b"/tzgg/4.html" in filled.body
    assert r.modes[ORIGIN + "/tzgg/index.html"] == "data"
    shell = decide(r, "/xxgk/index.html")
    assert isinstance(shell, Answer) and shell.error_reason is not None
    assert (shell.error_reason.code, shell.error_reason.facts["how"]) == ("drawn_by_script", "auto, without the browser")


def test_only_an_app_s_rendered_links_to_fragments_become_views():
    r = renderer("auto")
    html = '<html><body><a href="#c1">规划信息</a><a href="#c2">财政资金</a></body></html>'.encode()
    for path, is_app in (("/xxgk/index.html", True), ("/xwdt/index.html", False)):
        if is_app:
            decide(r, path)  # the static answer told it is an app
        request = scrapy.Request(ORIGIN + path, meta={"pa_url": ORIGIN + path})
        rendered = r.after_render(HtmlResponse(ORIGIN + path, body=html, headers={"Content-Type": "text/html"},
                                               request=request))
        views = b"pa_view=c1" in rendered.body
        assert views is is_app, path


def test_the_browser_s_guard_fails_closed():
    def request(url: str, kind: str, guard: Any = None) -> Any:
        page = SimpleNamespace(_pathaudit_guard=guard) if guard else SimpleNamespace()
        return SimpleNamespace(url=url, resource_type=kind, frame=SimpleNamespace(page=page))

    r = renderer("auto")
    guard = r._browser_may_fetch
    assert abort_unguarded(request(ORIGIN + "/xxgk/app.js", "script", guard)) is False
    assert abort_unguarded(request("http://127.0.0.1:9/stat.js", "script", guard)) is True
    assert abort_unguarded(request(ORIGIN + "/logo.png", "image", guard)) is True
    assert abort_unguarded(request(ORIGIN + "/xxgk/app.js", "script")) is True  # no guard installed
    assert abort_unguarded(SimpleNamespace(url=ORIGIN + "/", resource_type="fetch")) is True  # no frame (a worker)
