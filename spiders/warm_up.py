"""The first page's one-time costs, paid while the crawl's first answers are on the wire.

A crawl starts with one chain of requests: robots.txt, then the home page, then the columns the home
page links. While the home page is read nothing else is in flight, so whatever its reading builds on
first use is paid with every place at the host idle: the charset check's table of plausible
characters, the patterns the page tree, the walk and the script judgment compile, and the public
suffix list Scrapy's cookie middleware loads on the first ``Set-Cookie`` (several hundred ms of one
CPU, more on a busy machine: the home page's answer took 0.3-0.8 s to turn into the next requests).

``start_warm_up`` builds them in a thread started with the crawl, on a small page of the spec's own
column names, while robots.txt and the home page are awaited (two round trips the process otherwise
spends idle). The reactor thread loses little: it waits on sockets then, and Python hands it the
interpreter within its switch interval when an answer comes; the spider's first answer waits for the
thread to end (``PathWalkSpider._warmed``) rather than build the same again. Nothing the crawl reads is changed:
the thread judges its own page with a walker of its own and throws both away; only the caches each
first use fills stay, and they hold the same values whichever thread fills them.
"""

from __future__ import annotations

import importlib
import logging
import threading
from html import escape
from urllib.parse import urlsplit

from auditor.page.answer import Answer, judge_answer
from auditor.specs import Spec
from auditor.walk.config import WalkConfig
from auditor.walk.plan import build_plan
from auditor.walk.walker import Walker

_LOG = logging.getLogger(__name__)


def sample_page(spec: Spec) -> bytes:
    """A page in a home page's shape: a row of links named after the spec's first columns, a dated
    list with their sub-columns' names, and non-ASCII text for the charset check."""
    plan = build_plan(spec)
    tops = list(plan.children.values())[:8]
    below = [child for top in tops for child in top.children.values()][:8]
    nav = "".join(f'<a href="/w{n}/">{escape(node.name)}</a>' for n, node in enumerate(tops))
    rows = "".join(
        f'<li><a href="/w{n}/t{n}.html">{escape(node.name)}</a><span>2021-01-0{n % 9 + 1}</span></li>'
        for n, node in enumerate(below)
    )
    title = escape(tops[0].name) if tops else ""
    return (f'<html><head><meta charset="utf-8"><title>{title}</title></head><body>'
            f"<div>{nav}</div><div><ul>{rows}</ul></div><p>{title}</p></body></html>").encode()


#: a page of non-ASCII text: read once, it builds the charset check's table and the page patterns
_PAGE = ("<html><head><meta charset='utf-8'><title>\u9996\u9875</title></head><body><div><a href='/a/'>"
         "\u653f\u52a1\u516c\u5f00</a></div><ul><li><a href='/a/1.html'>\u901a\u77e5</a><span>2021-01-01</span>"
         "</li></ul></body></html>").encode()


def warm_reading(start_url: str = "http://localhost/") -> None:
    """What every crawl builds on first use whatever its spec: the public suffix list Scrapy's
    cookie middleware loads on the first ``Set-Cookie`` (looked up for ``start_url``'s host, as the
    middleware will), and one page read as every answer is (the charset table, the script judgment's
    and the page tree's patterns). ``spiders.preload`` calls it in ``pathaudit run``'s fork server,
    so each forked crawl finds them built."""
    from scrapy.downloadermiddlewares import cookies

    from spiders.render import judge_html  # the static/scripted judgment every HTML answer gets

    split = getattr(cookies, "_split_domain", None)  # spiders.middlewares sets the offline extractor
    if callable(split):
        split(urlsplit(start_url).hostname or "localhost")
    judge_html(_PAGE.decode(), start_url)
    judge_answer(Answer(url=start_url, status=200, headers={"content-type": "text/html; charset=utf-8"}, body=_PAGE))


def warm_up(spec: Spec, start_url: str) -> None:
    """``warm_reading``, then one sample page of the spec's names read by a walker of its own, as
    the crawl's walker reads its home page; the results are thrown away."""
    warm_reading(start_url)
    walker = Walker(spec, start_url, WalkConfig())
    walker.start()
    walker.take_requests()
    walker.feed(Answer(url=walker.start_url, status=200, headers={"content-type": "text/html; charset=utf-8"},
                       body=sample_page(spec)))


def start_warm_up(spec: Spec, start_url: str) -> threading.Thread:
    """``warm_up`` in a daemon thread; a failure only costs the crawl the time it would have spent."""

    def run() -> None:
        try:
            warm_up(spec, start_url)
        except Exception:  # a warm-up that fails leaves the crawl as it was: it builds on first use
            _LOG.debug("warm-up failed", exc_info=True)

    thread = threading.Thread(target=run, name="pathaudit-warm-up", daemon=True)
    thread.start()
    return thread


def start_preload(modules: list[str]) -> threading.Thread | None:
    """Import ``modules`` in a daemon thread: what the process needs once the crawl has ended (the
    report writers, ``AUDITOR_PRELOAD_MODULES``). The spider starts it once the home page is read,
    when the crawl spends most of its time waiting on the portal's answers, so the imports fill
    those waits instead of following the last answer. A module the end imports while the thread is
    still importing it waits for it on Python's import lock, and a module that fails to import here
    fails again, with its error, where it is used."""
    if not modules:
        return None

    def preload() -> None:
        for name in modules:
            try:
                importlib.import_module(name)
            except Exception:  # noqa: BLE001 - said where the module is used
                _LOG.debug("preloading %s failed", name, exc_info=True)

    thread = threading.Thread(target=preload, name="pathaudit-preload", daemon=True)
    thread.start()
    return thread
