"""Starting crawls: the one place that holds Scrapy's runtime (reactor, ``CrawlerProcess``, semaphore).

The command line hands over plain data — which site, which spider arguments, which settings it chose
— and gets plain data back (each crawl's Scrapy stats, a failure message). It never sees a reactor,
a ``Crawler`` or a ``Settings`` object, so it can be tested, and replaced (a worker process per
site, a Scrapyd node), without Scrapy's lifetime rules leaking into it: a Twisted reactor runs once
per process, so every crawl of one process must be started by the same call, ``run_crawls``.

Sites of different hosts are crawled at once (at most ``parallel``); sites of one host one after
the other, so a server never sees more than one site's ``CONCURRENT_REQUESTS_PER_DOMAIN``.
"""

from __future__ import annotations

import datetime as dt
import logging
import sys
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

#: the crawl's stats key holding the first write failure (the pipeline sets it)
WRITE_ERROR_STAT = "pathaudit/write_error"


@dataclass
class Crawl:
    """One site's crawl as the caller describes it: what to start and with which settings.

    ``settings`` are the caller's choices (``--set``, output folder, resume cache…), applied above
    the project's ``spiders.settings`` as Scrapy's command-line priority does for ``-s``."""

    name: str
    start_url: str
    spec: str
    overrides: str | None = None
    settings: dict[str, Any] = field(default_factory=dict)
    #: filled by ``run_crawls``: when the crawl started and ended (UTC, ISO), its stats, its failure
    started_at: str = ""
    finished_at: str = ""
    stats: dict[str, Any] = field(default_factory=dict)
    failure: str | None = None
    started: bool = False

    @property
    def host(self) -> str:
        """The queue the crawl waits in: one site of a host at a time."""
        return urlsplit(self.start_url).hostname or self.start_url

    @property
    def write_error(self) -> str | None:
        """The pipeline's first failed write, if any (the crawl stopped on it)."""
        value = self.stats.get(WRITE_ERROR_STAT)
        return str(value) if value else None


def load_download_handler() -> None:
    """Import Scrapy's HTTP download handler with ``inspect.stack`` answering frames only.

    Importing it imports ``scrapy.core.downloader.contextfactory`` and ``.tls``, which make three
    deprecated aliases through ``scrapy.utils.deprecate.create_deprecated_class``; each calls
    ``inspect.stack()`` only to take the caller's frame (``stack()[1][0]``) and name the alias's
    module. ``stack()`` also reads the source line of every frame on the stack, and for every frame of
    the import machinery (``<frozen importlib._bootstrap>``, no file: five per import in progress)
    ``inspect.getmodule`` walks the whole of ``sys.modules``, ~600 modules by then: 0.1-0.2 CPU s of
    every crawl, growing with how deep the import is. Scrapy 2.19 reads nothing but the frame, so
    while these modules are imported ``inspect.stack`` hands the frames over without their source;
    the aliases are named as before. Idempotent; the real ``inspect.stack`` is back on return."""
    if "scrapy.core.downloader.handlers.http11" in sys.modules:
        return
    import inspect

    real_stack = inspect.stack

    def frames(context: int = 1) -> list[inspect.FrameInfo]:
        frame, found = sys._getframe(1), []
        while frame is not None:
            code = frame.f_code
            found.append(inspect.FrameInfo(frame, code.co_filename, frame.f_lineno, code.co_name, None, None))
            frame = frame.f_back
        return found

    inspect.stack = frames  # type: ignore[assignment]
    try:
        import scrapy.core.downloader.handlers.http11  # noqa: F401
    finally:
        inspect.stack = real_stack


def project_setting(name: str, chosen: Mapping[str, Any] | None = None) -> Any:
    """A setting's value as a crawl would see it: the caller's choice, else the project's default."""
    if chosen and name in chosen:
        return chosen[name]
    import spiders.settings as ours

    if hasattr(ours, name):
        return getattr(ours, name)
    from scrapy.settings import default_settings

    return getattr(default_settings, name, None)


def known_settings() -> dict[str, Any]:
    """Every setting a crawl may be given, with its default: Scrapy's defaults under PathAudit's."""
    from scrapy.settings import default_settings

    import spiders.settings as ours

    names: dict[str, Any] = {n: getattr(default_settings, n) for n in dir(default_settings) if n.isupper()}
    names.update({n: getattr(ours, n) for n in dir(ours) if n.isupper()})
    return names


def _settings(chosen: Mapping[str, Any]) -> Any:
    from scrapy.settings import Settings

    settings = Settings()
    settings.setmodule("spiders.settings", priority="project")
    settings.setdict(dict(chosen), priority="cmdline")
    return settings


def _process_settings(crawls: Sequence[Crawl]) -> Any:
    """The process's own settings. With one crawl, that crawl's (so ``--set`` reaches the
    process-wide ones: reactor, DNS resolver, logging). With several, the project's and the first
    crawl's logging ones only: ``CrawlerProcess.crawl(crawler)`` updates each crawler's settings with
    the process's at their priorities, so one site's values (output folder, politeness) must not be
    in them."""
    if len(crawls) == 1:
        return _settings(crawls[0].settings)
    from scrapy.settings import Settings

    first = _settings(crawls[0].settings)
    settings = Settings()
    settings.setmodule("spiders.settings", priority="project")
    for name in ("LOG_LEVEL", "LOG_INSTALL_ROOT_HANDLER"):
        settings.set(name, first.get(name), priority="project")
    return settings


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def _tell(listener: Callable[[Crawl], None] | None, crawl: Crawl) -> None:
    """Call the caller's listener; its failure is logged, never the other crawls' end."""
    if listener is None:
        return
    try:
        listener(crawl)
    except Exception:
        logging.getLogger(__name__).exception("PathAudit: handling the %s crawl's %s failed", crawl.name,
                                              "end" if crawl.finished_at else "start")


def run_crawls(
    crawls: Sequence[Crawl],
    parallel: int = 1,
    *,
    on_start: Callable[[Crawl], None] | None = None,
    on_end: Callable[[Crawl], None] | None = None,
) -> bool:
    """Run every crawl in this process, on one reactor, and return whether a stop was asked for
    (Ctrl-C, SIGTERM). Each ``Crawl`` is filled in place (times, stats, failure); ``on_end`` is
    called as each one ends, while the others still run. Call once per process."""
    if not crawls:
        return False
    load_download_handler()
    from scrapy.crawler import Crawler, CrawlerProcess
    from scrapy.utils.reactor import install_reactor, is_reactor_installed

    process_settings = _process_settings(crawls)
    if not is_reactor_installed():
        install_reactor(process_settings.get("TWISTED_REACTOR"), process_settings.get("ASYNCIO_EVENT_LOOP"))
    from twisted.internet import defer, reactor

    from spiders.pathwalk import PathWalkSpider

    process = CrawlerProcess(process_settings)
    state = {"stopping": False, "done": False}

    def stopping() -> None:
        state["stopping"] = not state["done"]  # a stop that is not ours: Ctrl-C or SIGTERM

    reactor.addSystemEventTrigger("before", "shutdown", stopping)

    def start(crawl: Crawl) -> Any:
        if state["stopping"]:
            crawl.failure = "not started: the run was stopped"
            return None
        crawl.started_at = _now()
        crawl.started = True
        _tell(on_start, crawl)
        try:
            crawler = Crawler(PathWalkSpider, _settings(crawl.settings))
            d = process.crawl(crawler, start_url=crawl.start_url, spec=crawl.spec, overrides=crawl.overrides)
        except Exception as err:  # a crawler that cannot even be built is this site's problem only
            crawl.failure = f"the crawl could not start: {err}"
            crawl.finished_at = _now()
            _tell(on_end, crawl)
            return None

        def failed(failure: Any) -> None:
            crawl.failure = f"the crawl failed: {failure.getErrorMessage()}"

        def ended(_: Any) -> None:
            crawl.finished_at = _now()
            crawl.stats = dict(crawler.stats.get_stats()) if crawler.stats is not None else {}
            _tell(on_end, crawl)

        d.addErrback(failed)
        d.addBoth(ended)
        return d

    by_host: dict[str, list[Crawl]] = defaultdict(list)
    for crawl in crawls:
        by_host[crawl.host].append(crawl)
    semaphore = defer.DeferredSemaphore(max(1, parallel))

    @defer.inlineCallbacks
    def one_host(group: list[Crawl]) -> Any:
        for crawl in group:
            yield start(crawl)

    everything = defer.DeferredList([semaphore.run(one_host, group) for group in by_host.values()],
                                    consumeErrors=True)

    def stop(_: Any) -> None:
        state["done"] = True
        if reactor.running:
            reactor.stop()

    everything.addBoth(stop)
    process.start(stop_after_crawl=False)
    return state["stopping"]
