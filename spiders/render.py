"""Pages drawn by script: rendered in Chromium (scrapy-playwright), read from the data they load, or
reported ``unverified`` because they are drawn by script, so that the walk never calls a column
missing or empty from a shell a person's browser would have filled.

``--render`` (``AUDITOR_RENDER``):

* ``never`` (the default): nothing is rendered and no data is read; a page the detector
  (``auditor.page.scripted``) calls *scripted* is handed to the walk as unreadable, reason
  ``drawn_by_script``, and its columns are ``unverified`` with advice on turning rendering on. A page
  it is *unsure* of is read as the server sent it (doubt never blanks a static page's findings).
* ``auto``: a *scripted* or *unsure* page's data is read first when it is plainly the list
  (``auditor.page.script_data``: no browser); otherwise it is rendered. Static pages are never
  rendered (the demo renders nothing).
* ``always``: every walk page is rendered (sites known to need it), after its static answer told
  whether it is an app (only an app's links to ``#fragment``s are columns of their own: a static
  page's ``#tab2`` is a tab on the page); media are never rendered.

A column addressed by a fragment (``index.html#c101``) is its own page for the walk
(``auditor.page.scripted.view_url``): it is rendered with its fragment, and its address is shown as
``index.html#c101`` in findings.

The browser talks only to the portal: every request to another origin is aborted, images, media and
fonts are not loaded (the walk checks media by their bytes, through Scrapy), service workers are
blocked, Chromium's background networking is off. A page whose guard could not be installed gets
nothing at all (fail closed). The wait for the network to settle is bounded in time
(``AUDITOR_RENDER_TIMEOUT``), pages (``AUDITOR_RENDER_PAGES`` per crawl, ``AUDITOR_RENDER_CONCURRENCY``
at once) and memory (``AUDITOR_RENDER_MEMORY_MB`` of JavaScript heap per page process).

What the browser fetches for a page (its scripts, its data) does not pass Scrapy's middlewares: the
guard keeps it on the portal's origins, but robots.txt and the per-host limit see only the page's
own request; the render concurrency (two pages at once by default) is what bounds the rest.

scrapy-playwright needs the asyncio reactor, which PathAudit uses anyway (``TWISTED_REACTOR``); its
download handler takes over http(s) only when rendering may happen, and passes every request not
marked ``playwright`` to Scrapy's own handler unchanged.
"""

from __future__ import annotations

import importlib
import logging
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from typing import Any
from urllib.parse import urldefrag

import scrapy
from scrapy.http import Response, TextResponse
from twisted.python.failure import Failure

from auditor.model.observations import ColumnObservation, TrailStep
from auditor.model.reasons import Reason
from auditor.page.answer import Answer
from auditor.browser import QUIET_BROWSER_FLAGS
from auditor.page.canonical import canonical_url
from auditor.page.script_data import data_addresses, filled_page, read_data_list
from auditor.page.scripted import ScriptJudgement, addressed_fragments, judge_html, real_url, split_view
from auditor.page.tree import Page
from spiders.pages import HANDLED_STATUSES, answer_from_failure, answer_from_response, headers_of

_LOG = logging.getLogger(__name__)
MODES = ("auto", "never", "always")
DEFAULT_BROWSER = "/usr/bin/chromium"
#: Chromium's own traffic off (``auditor.browser``: the PDF report's browser takes the same): a
#: crawl's browser talks only to the portal
CHROMIUM_ARGS = (*QUIET_BROWSER_FLAGS, "--disable-dev-shm-usage")
#: what a rendered page needs of the portal: documents, scripts, styles, data; never its media
_SKIPPED_RESOURCES = frozenset({"image", "media", "font"})
#: scrapy-playwright's handler, starting Playwright only when a page is first rendered
_PLAYWRIGHT_HANDLER = "spiders.render_handler.LazyPlaywrightHandler"


def extra_installed() -> bool:
    """Is the ``browser`` extra (scrapy-playwright) there? Imported, not only looked up: an install
    that cannot be imported (a missing Playwright) is as good as none."""
    try:
        importlib.import_module("scrapy_playwright.handler")
    except ImportError:
        return False
    return True


def browser_path(settings: Any) -> str:
    return str(settings.get("AUDITOR_BROWSER") or DEFAULT_BROWSER)


def can_render(settings: Any) -> bool:
    """Rendering may happen: a mode that renders, the extra installed and the browser present."""
    mode = str(settings.get("AUDITOR_RENDER") or "never").lower()
    return mode in ("auto", "always") and extra_installed() and os.access(browser_path(settings), os.X_OK)


def install(settings: Any) -> None:
    """scrapy-playwright's handler and its bounds, when rendering may happen (called from the
    spider's ``update_settings``, before the crawler's settings are frozen)."""
    mode = str(settings.get("AUDITOR_RENDER") or "never").lower()
    if mode not in MODES:
        raise ValueError(f"AUDITOR_RENDER must be one of {', '.join(MODES)}, not {mode!r}")
    if not can_render(settings):
        return
    handlers = dict(settings.getdict("DOWNLOAD_HANDLERS"))
    handlers.update({"http": _PLAYWRIGHT_HANDLER, "https": _PLAYWRIGHT_HANDLER})
    memory = settings.getint("AUDITOR_RENDER_MEMORY_MB") or 256
    timeout_ms = int(settings.getfloat("AUDITOR_RENDER_TIMEOUT") * 1000) or 15000
    values = {
        "DOWNLOAD_HANDLERS": handlers,
        "PLAYWRIGHT_BROWSER_TYPE": "chromium",
        "PLAYWRIGHT_LAUNCH_OPTIONS": {
            "executable_path": browser_path(settings),
            "headless": True,
            "args": [*CHROMIUM_ARGS, f"--js-flags=--max-old-space-size={memory}"],
        },
        "PLAYWRIGHT_MAX_CONTEXTS": 1,
        "PLAYWRIGHT_MAX_PAGES_PER_CONTEXT": max(1, settings.getint("AUDITOR_RENDER_CONCURRENCY") or 2),
        "PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT": timeout_ms,
        # fail closed: a request from a page without PathAudit's guard is aborted
        "PLAYWRIGHT_ABORT_REQUEST": "spiders.render.abort_unguarded",
    }
    for name, value in values.items():
        settings.set(name, value, priority="spider")


def abort_unguarded(request: Any) -> bool:
    """scrapy-playwright's abort predicate: abort unless the page's guard allows the request."""
    try:
        guard = getattr(request.frame.page, "_pathaudit_guard", None)
        return guard is None or not guard(request.url, request.resource_type)
    except Exception:  # a worker's request (no frame), a closed page: nothing leaves
        return True


class Renderer:
    """The spider's side of script-drawn pages: which request a walk URL gets, and what the walk is
    fed from a static answer, a rendered page or a data answer. ``modes`` records how each walk
    page was read (``static``, ``data``, ``rendered``)."""

    def __init__(self, settings: Any, allowed: Callable[[str], bool]) -> None:
        self.mode = str(settings.get("AUDITOR_RENDER") or "never").lower()
        self.read_data = settings.getbool("AUDITOR_RENDER_DATA", True) and self.mode == "auto"
        self.browser = can_render(settings)
        self.timeout = settings.getfloat("AUDITOR_RENDER_TIMEOUT") or 15.0
        self.budget = settings.getint("AUDITOR_RENDER_PAGES") or 0
        self.allowed = allowed
        self.rendered = 0
        self.modes: dict[str, str] = {}
        #: pages the detector judged drawn by script (or was unsure of): only their rendered links
        #: to ``#fragment``s are views of their own (a static page's ``#fw0`` is a tab on the page)
        self.apps: set[str] = set()
        if self.browser:
            # a page that does not settle is reported (unverified, script_unsettled); scrapy-playwright
            # would also log it as a warning with its traceback, once per page
            logging.getLogger("scrapy-playwright").setLevel(logging.ERROR)
        if self.mode != "never" and not self.browser:
            _LOG.warning(
                "--render %s: %s; pages drawn by script are read from their data when plainly a list, "
                "else reported unverified", self.mode,
                "the browser extra is not installed (pip install 'pathaudit[browser]')" if not extra_installed()
                else f"no browser at {browser_path(settings)} (apt install chromium)",
            )
        #: pages judged scripted / unsure, and data answers that were plainly the list
        self.counts = {"scripted": 0, "unsure": 0, "data": 0, "rendered": 0, "unrendered": 0}

    @property
    def reported(self) -> bool:
        """Say in findings.json's stats what was rendered or read: when rendering was asked for, or
        when some page was left unrendered (a crawl with ``never`` on a static site says nothing)."""
        return self.mode != "never" or self.counts["unrendered"] > 0

    # --- requests -------------------------------------------------------------------------------
    def request(self, url: str, arrived: Callable[..., Any], failed: Callable[..., Any], rendered: Callable[..., Any],
                render_failed: Callable[..., Any]) -> scrapy.Request:
        """The request for walk URL ``url``: a view (``#c101``) or any page under ``always`` goes
        straight to the browser when there is one; everything else is fetched as the server sends it."""
        page, fragment = split_view(url)
        if self.browser and fragment is not None and self._spend():
            return self._render_request(url, rendered, render_failed)
        return scrapy.Request(
            page, callback=arrived, errback=failed, dont_filter=True, priority=10,
            meta={"handle_httpstatus_list": HANDLED_STATUSES, "pa_url": url},
        )

    def _spend(self) -> bool:
        if self.budget and self.rendered >= self.budget:
            return False
        self.rendered += 1
        return True

    def _render_request(self, url: str, rendered: Callable[..., Any], render_failed: Callable[..., Any]) -> scrapy.Request:
        shown = real_url(url)
        return scrapy.Request(
            shown, callback=rendered, errback=render_failed, dont_filter=True, priority=10,
            meta={
                "handle_httpstatus_list": HANDLED_STATUSES,
                "pa_url": url,
                "pa_rendered": True,
                "playwright": True,
                "playwright_context_kwargs": {"service_workers": "block", "accept_downloads": False},
                "playwright_page_goto_kwargs": {"wait_until": "networkidle", "timeout": self.timeout * 1000},
                "playwright_page_init_callback": self._guard_page,
                # the rendered page is evidence of its own: never served from or stored in the cache
                "dont_cache": True,
            },
        )

    async def _guard_page(self, page: Any, request: scrapy.Request) -> None:
        """Every request of this page is checked: the portal's origins only, no media."""
        page._pathaudit_guard = self._browser_may_fetch

    def _browser_may_fetch(self, url: str, resource_type: str) -> bool:
        if resource_type in _SKIPPED_RESOURCES:
            return False
        return self.allowed(url)

    # --- answers --------------------------------------------------------------------------------
    def after_static(self, response: Response, rendered: Callable[..., Any], render_failed: Callable[..., Any],
                     data_arrived: Callable[..., Any], data_failed: Callable[..., Any]) -> Answer | scrapy.Request:
        """The walk's answer for a page fetched as the server sent it, or the request that reads it
        better (its data, or the browser)."""
        answer = answer_from_response(response)
        url = answer.url
        _, fragment = split_view(url)
        if fragment is not None:  # a view fetched statically: the browser was not there to draw it
            return self._unrendered(answer)
        if not isinstance(response, TextResponse) or not (200 <= response.status < 300):
            return self._static(answer)
        if "html" not in (answer.header("content-type") or "text/html"):
            return self._static(answer)
        judgement = judge_html(response.text, response.url)
        if judgement.verdict == "static":
            if self.mode == "always" and self.browser and self._spend():
                return self._render_request(url, rendered, render_failed)
            return self._static(answer)
        self.counts[judgement.verdict] += 1
        self.apps.add(canonical_url(split_view(response.url)[0]))
        if self.mode == "never":
            return self._unrendered(answer) if judgement.scripted else self._static(answer)
        if self.read_data:
            addresses = data_addresses(Page.parse(response.text, response.url))
            addresses = [a for a in addresses if self.allowed(a)]
            if addresses:
                return scrapy.Request(
                    addresses[0], callback=data_arrived, errback=data_failed, dont_filter=True, priority=11,
                    meta={"pa_url": url, "pa_static": response, "pa_judgement": judgement,
                          "handle_httpstatus_list": HANDLED_STATUSES},
                )
        return self._render_or_not(answer, judgement, rendered, render_failed)

    def _render_or_not(self, answer: Answer, judgement: ScriptJudgement, rendered: Callable[..., Any],
                       render_failed: Callable[..., Any]) -> Answer | scrapy.Request:
        if self.browser and self._spend():
            return self._render_request(answer.url, rendered, render_failed)
        if not judgement.scripted:
            return self._static(answer)
        return self._unrendered(answer)

    def after_data(self, response: Response, rendered: Callable[..., Any], render_failed: Callable[..., Any]) -> Answer | scrapy.Request:
        """The data a scripted page loads came: the page filled from it when it is plainly the list,
        else the browser (or the static page, or unverified)."""
        static: Response = response.meta["pa_static"]
        judgement: ScriptJudgement = response.meta["pa_judgement"]
        answer = answer_from_response(static)
        data = read_data_list(response.body) if 200 <= response.status < 300 else None
        if data is None:
            return self._render_or_not(answer, judgement, rendered, render_failed)
        self.counts["data"] += 1
        self.modes[answer.url] = "data"
        body = filled_page(static.text, static.url, data).encode("utf-8")
        headers = {**answer.headers, "content-type": "text/html; charset=utf-8"}
        return Answer(url=answer.url, status=answer.status, headers=headers, body=body, final_url=answer.final_url)

    def after_data_failure(self, failure: Failure, rendered: Callable[..., Any],
                           render_failed: Callable[..., Any]) -> Answer | scrapy.Request:
        static: Response = failure.request.meta["pa_static"]
        judgement: ScriptJudgement = failure.request.meta["pa_judgement"]
        return self._render_or_not(answer_from_response(static), judgement, rendered, render_failed)

    def after_render(self, response: Response) -> Answer:
        """A rendered page: its DOM, with each view of it addressed as a page of its own."""
        url = response.meta.get("pa_url", response.url)
        page, _ = split_view(url)
        landed = urldefrag(response.url)[0]
        final = url if canonical_url(landed) == canonical_url(page) else landed
        html = response.text if isinstance(response, TextResponse) else ""
        if canonical_url(page) in self.apps:
            html = addressed_fragments(html, final)
        self.counts["rendered"] += 1
        self.modes[url] = "rendered"
        headers = {**headers_of(response), "content-type": "text/html; charset=utf-8"}
        return Answer(url=url, status=response.status, headers=headers, body=html.encode("utf-8"), final_url=final)

    def after_render_failure(self, failure: Failure, max_bytes: int | None) -> Answer:
        """A page that did not settle in time is unverified, drawn by script; other failures are
        what they are (a refused connection, a guard's refusal)."""
        url = failure.request.meta.get("pa_url", failure.request.url)
        name = type(failure.value).__name__
        if name == "TimeoutError" and type(failure.value).__module__.startswith("playwright"):
            seconds = f"{self.timeout:g}"
            return Answer(url=url, error="failed", error_reason=Reason("script_unsettled", seconds=seconds))
        return answer_from_failure(failure, url, max_bytes)

    def _static(self, answer: Answer) -> Answer:
        self.modes.setdefault(answer.url, "static")
        return answer

    def _unrendered(self, answer: Answer) -> Answer:
        """A page drawn by script handed to the walk as unreadable: its columns are unverified,
        never missing or empty. With a browser at hand, only the render budget stops it."""
        self.counts["unrendered"] += 1
        if self.browser and self.mode != "never":
            reason = Reason("render_budget", pages=self.budget)
        else:
            how = "never" if self.mode == "never" else f"{self.mode}, without the browser"
            reason = Reason("drawn_by_script", how=how)
        return Answer(url=answer.url, status=answer.status, error="refused", error_reason=reason)

    # --- observations ---------------------------------------------------------------------------
    def annotate(self, observations: Iterable[Any]) -> Iterator[Any]:
        """Each column says how its page was read, and a view's address is shown as the browser
        shows it (``index.html#c101``)."""
        for observation in observations:
            if isinstance(observation, ColumnObservation):  # final once emitted: a new one, annotated
                read = observation.read
                if observation.url is not None and observation.status == "found":
                    read = self.modes.get(observation.url, "static")  # type: ignore[assignment]
                observation = replace(
                    observation,
                    read=read,
                    url=real_url(observation.url) if observation.url else observation.url,
                    trail=[TrailStep(s.name, real_url(s.url), *_rest(s)) for s in observation.trail],
                    alternates=[real_url(u) for u in observation.alternates],
                    searched=[real_url(u) for u in observation.searched],
                )
            yield observation


def _rest(step: TrailStep) -> tuple[Any, ...]:
    """A trail step's fields after its name and URL, kept as they are."""
    fields = list(step.__dataclass_fields__)[2:]
    return tuple(getattr(step, name) for name in fields)


class PlainSettings(dict):
    """Settings as a plain mapping (for a renderer that never renders)."""

    def getbool(self, name: str, default: bool = False) -> bool:
        return bool(self.get(name, default))

    def getfloat(self, name: str, default: float = 0.0) -> float:
        return float(self.get(name, default))

    def getint(self, name: str, default: int = 0) -> int:
        return int(self.get(name, default))
