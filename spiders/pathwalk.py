"""The spider: Scrapy's adapter of the pure walker (``auditor.walk.walker``).

It requests what the walker wants, feeds it every answer (responses and failures alike, turned into
``Answer``s by ``spiders.pages``), hands the media the walker found to ``spiders.media_probe`` and
yields the observations the walker says are final; the pipeline hands them to the audit.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import scrapy
from scrapy import signals
from scrapy.http import Response
from twisted.python.failure import Failure

from auditor.model.observations import Observations, WalkOutput
from auditor.page.answer import Answer
from auditor.page.canonical import canonical_url
from auditor.specs import Spec
from auditor.specs.loader import load_spec
from auditor.walk.config import WalkConfig, config_from_settings
from auditor.walk.scope import Scope, strip_credentials
from auditor.walk.walker import Walker
from spiders.media_probe import MediaProbe
from spiders.pages import answer_from_failure
from spiders.render import PlainSettings, Renderer, install as install_rendering
from spiders.warm_up import start_preload, start_warm_up


class PathWalkSpider(scrapy.Spider):
    """``scrapy crawl pathwalk -a start_url=URL -a spec=FILE [-a overrides=FILE]``."""

    name = "pathwalk"

    def __init__(
        self,
        start_url: str | None = None,
        spec: str | None = None,
        overrides: str | None = None,
        *args: Any,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if not start_url or not spec:
            raise ValueError("pathwalk needs -a start_url=URL and -a spec=FILE")
        self.start_url = canonical_url(strip_credentials(start_url))  # never sent, logged or reported
        self.spec: Spec = load_spec(spec, overrides)
        #: hosts the user listed (site overrides, AUDITOR_ALLOWED_HOSTS): trusted even when private
        self.listed_hosts: set[str] = {h.lower() for h in self.spec.allowed_hosts}
        self.max_bytes: int | None = None
        self._configure(WalkConfig(as_of=WalkConfig().today))
        #: script-drawn pages: rendered, read from their data, or unverified (spiders/render.py)
        self.renderer = Renderer(PlainSettings({"AUDITOR_RENDER": "never"}), self.allowed)
        #: the thread building the first page's one-time costs while the first answers are awaited
        self._warming: threading.Thread | None = None
        #: what the process needs after the crawl, imported once the home page is read (warm_up.start_preload)
        self._preload: list[str] = []

    @classmethod
    def update_settings(cls, settings: Any) -> None:
        super().update_settings(settings)
        install_rendering(settings)  # scrapy-playwright's handler, only when rendering may happen

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> PathWalkSpider:
        from spiders.bounds import check_bounds

        check_bounds(crawler.settings.get)  # scrapy crawl -s and Scrapyd jobs are bounded too
        spider = super().from_crawler(crawler, *args, **kwargs)
        extra = crawler.settings.get("AUDITOR_ALLOWED_HOSTS") or ""
        spider.listed_hosts |= {h.strip().lower() for h in extra.split(",") if h.strip()}
        spider.max_bytes = crawler.settings.getint("DOWNLOAD_MAXSIZE") or None
        spider._configure(config_from_settings(crawler.settings.get))
        spider.renderer = Renderer(crawler.settings, spider.allowed)
        preload = crawler.settings.get("AUDITOR_PRELOAD_MODULES") or ""
        spider._preload = [name.strip() for name in str(preload).split(",") if name.strip()]
        crawler.signals.connect(spider.media.on_bytes, signal=signals.bytes_received)
        from urllib.parse import urlsplit

        from spiders.resolver import register_crawl, unregister_crawl

        # the resolver checks each address a name resolves to against this crawl's start address
        addresses = register_crawl(urlsplit(spider.start_url).hostname or "", sorted(spider.listed_hosts))
        crawler.signals.connect(lambda spider: unregister_crawl(addresses), signal=signals.spider_closed, weak=False)
        return spider

    def _configure(self, config: WalkConfig) -> None:
        self.config = config
        self.walker = Walker(self.spec, self.start_url, config, allowed_hosts=self.listed_hosts)
        self.media = MediaProbe(config, self.walker.allowed)

    @property
    def hosts(self) -> set[str]:
        """Every host the crawl may fetch from: the portal's own and the listed ones."""
        return self.walker.hosts

    @property
    def scope(self) -> Scope:
        """The origins the crawl may fetch from (the fetch guard asks it too)."""
        return self.walker.scope

    @property
    def book(self) -> Any:
        """The walker's page book (``fetched``: pages read), for the crawl's stats."""
        return self.walker.book

    def walk_output(self, seen: Observations) -> WalkOutput:
        """The walk's output for the findings contract (``auditor.audit.contract``): typed, so the
        pipeline reads no attribute of the spider it does not name."""
        return WalkOutput(spec=self.spec, start_url=self.start_url, hosts=self.scope.hosts, seen=seen,
                          as_of=self.config.as_of, pages=self.walker.book.fetched)

    def allowed(self, url: str) -> bool:
        return self.walker.allowed(url)

    async def start(self) -> Any:
        self._warming = start_warm_up(self.spec, self.start_url)  # spiders/warm_up.py
        self.walker.start()
        for item in self._after(()):
            yield item

    def _arrived(self, response: Response) -> Iterator[Any]:
        self._warmed()
        yield from self._answer_or_request(
            self.renderer.after_static(response, self._rendered, self._render_failed, self._data, self._data_failed)
        )

    def _rendered(self, response: Response) -> Iterator[Any]:
        yield from self._fed(self.renderer.after_render(response))

    def _render_failed(self, failure: Failure) -> Iterator[Any]:
        yield from self._fed(self.renderer.after_render_failure(failure, self.max_bytes))

    def _data(self, response: Response) -> Iterator[Any]:
        yield from self._answer_or_request(self.renderer.after_data(response, self._rendered, self._render_failed))

    def _data_failed(self, failure: Failure) -> Iterator[Any]:
        yield from self._answer_or_request(
            self.renderer.after_data_failure(failure, self._rendered, self._render_failed)
        )

    def _answer_or_request(self, outcome: Answer | scrapy.Request) -> Iterator[Any]:
        if isinstance(outcome, scrapy.Request):
            yield outcome
        else:
            yield from self._fed(outcome)

    def _failed(self, failure: Failure) -> Iterator[Any]:
        url = failure.request.meta.get("pa_url", failure.request.url)
        yield from self._fed(answer_from_failure(failure, url, self.max_bytes))

    def _warmed(self) -> None:
        """The first answer waits for the warm-up to finish what it is building rather than build it again."""
        if self._warming is not None:
            self._warming.join()
            self._warming = None

    def _fed(self, answer: Answer) -> Iterator[Any]:
        self._warmed()
        capped = len(self.walker.capped_columns)
        observations = self.walker.feed(answer)
        for segments in self.walker.capped_columns[capped:]:
            self.logger.warning("%s: list pagination capped at %d pages", " > ".join(segments), self.config.max_list_pages)
            if self.crawler is not None and self.crawler.stats is not None:
                self.crawler.stats.inc_value("pathaudit/list_pagination_capped")
        yield from self._after(observations)
        if self._preload:  # the first page is read and its requests are out: the waits begin
            start_preload(self._preload)
            self._preload = []

    def _after(self, observations: Any) -> Iterator[Any]:
        """The observations now final, the walker's requests and the media checks it found."""
        yield from self.renderer.annotate(observations)
        for url in self.walker.take_requests():
            yield self.renderer.request(url, self._arrived, self._failed, self._rendered, self._render_failed)
        for want in self.walker.take_media():
            yield from self.media.check(want.ref, want.page_url)
