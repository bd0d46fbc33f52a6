"""The ``mobile`` clause rule's browser (三（二）1（4）: 推动政府信息公开专栏在移动端展示): each column
whose rule asks it is opened as a phone opens it, and measured.

A phone here is Chromium with a mobile user agent, touch and a 390 px wide viewport. For each column:
its own page (a server may redirect a phone to its ``m.`` site: the address it ends on is kept); when
that page does not fit, the mobile versions the site offers (a 手机版 link, ``rel=alternate`` for
small screens, an ``m.`` host; the home page as a phone is served it; ``m.`` + the portal's host) and,
on the first one that fits, the column's link there. What a page declares and how wide it is laid
out are recorded (``auditor.model.observations.MobileView``); the audit judges them.

It runs once the walk is over and only where the crawl may render (``--render auto|always``, the
``browser`` extra and Chromium installed: ``spiders.render.can_render``), with the script-rendering
browser's launch options. The browser talks only to the portal and its mobile hosts (every other
request is aborted; images, media and fonts are not loaded). Without it the rule says
``unverified`` (it never guesses from declarations). Playwright's sync API runs in a thread of its
own, because the crawl's thread runs the asyncio reactor.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import urljoin, urlsplit

from auditor.model.observations import MobilePage, MobileView, Observations
from auditor.specs import Spec, normalise_name
from spiders.render import CHROMIUM_ARGS, browser_path, can_render

_LOG = logging.getLogger(__name__)
SCREEN_WIDTH = 390
SCREEN_HEIGHT = 844
#: a phone's browser as portals see it (Safari on an iPhone)
MOBILE_USER_AGENT = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/17.5 Mobile/15E148 Safari/604.1"
)
_SKIPPED = frozenset({"image", "media", "font"})
#: what the page says about itself once drawn: its viewport declaration and laid-out width
_MEASURE = """() => {
  const metas = Array.from(document.querySelectorAll('meta[name]'))
    .filter(m => m.name.trim().toLowerCase() === 'viewport');
  const viewport = metas.some(m => /width\\s*=\\s*device-width/i.test(m.content || ''));
  const root = document.documentElement, body = document.body;
  const width = Math.max(root ? root.scrollWidth : 0, body ? body.scrollWidth : 0);
  const links = Array.from(document.querySelectorAll('a[href]')).map(a => [a.textContent.trim(), a.href]);
  const alternates = Array.from(document.querySelectorAll('link[rel=alternate][media][href]'))
    .filter(l => /max-width/i.test(l.media)).map(l => l.href);
  return {viewport, width, links, alternates, url: location.href};
}"""
_MOBILE_WORDS = re.compile(r"手机版|移动版|手机门户|移动门户|WAP版", re.IGNORECASE)


@dataclass(frozen=True)
class MobileTarget:
    """A column to open on a phone: its page and the names its link may carry on a mobile home."""

    url: str
    names: tuple[str, ...]


def targets_of(spec: Spec, seen: Observations) -> dict[tuple[str, ...], MobileTarget]:
    """The found columns whose mandated path has the ``mobile`` rule."""
    out: dict[tuple[str, ...], MobileTarget] = {}
    for path in spec.paths:
        obs = seen.columns.get(path.segments)
        if not path.rules.mobile or obs is None or obs.status != "found" or not obs.url:
            continue
        names = [path.segments[-1], *spec.aliases_for(path.segments[-1])]
        if obs.site_name:
            names.append(obs.site_name)
        out[path.segments] = MobileTarget(obs.url, tuple(dict.fromkeys(names)))
    return out


def attach_mobile_views(settings: Any, spec: Spec, start_url: str, hosts: Iterable[str], seen: Observations) -> None:
    """Measure every column of a ``mobile`` path on a phone and put what was seen on its observation
    (``ColumnObservation.mobile``); nothing when the crawl may not render (the rule says unverified)."""
    targets = targets_of(spec, seen)
    if not targets or not can_render(settings):
        return
    timeout_ms = int((settings.getfloat("AUDITOR_RENDER_TIMEOUT") or 15) * 1000)
    allowed = _origins(start_url, hosts)
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="pathaudit-mobile") as pool:
        views = pool.submit(measure, list(targets.values()), start_url, browser_path(settings), allowed,
                            timeout_ms).result()
    for key, target in targets.items():
        seen.columns[key] = replace(seen.columns[key], mobile=views.get(target.url))


def _origins(start_url: str, hosts: Iterable[str]) -> set[str]:
    """Hosts the phone may load from: the portal's, and each one's ``m.`` site."""
    names = {h.lower() for h in hosts} | {(urlsplit(start_url).hostname or "").lower()}
    return {n for n in names if n} | {f"m.{n.removeprefix('www.')}" for n in names if n and not _is_address(n)}


def _is_address(host: str) -> bool:
    return bool(re.fullmatch(r"[\d.]+|\[?[0-9a-f:]+\]?", host))


def measure(targets: list[MobileTarget], start_url: str, executable: str, allowed: set[str],
            timeout_ms: int) -> dict[str, MobileView]:
    """Open each target on a phone (one browser for all of them); by target URL."""
    from playwright.sync_api import sync_playwright

    views: dict[str, MobileView] = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=executable, headless=True, args=list(CHROMIUM_ARGS))
            try:
                context = browser.new_context(
                    viewport={"width": SCREEN_WIDTH, "height": SCREEN_HEIGHT}, user_agent=MOBILE_USER_AGENT,
                    is_mobile=True, has_touch=True, device_scale_factor=3, service_workers="block",
                )
                context.set_default_timeout(timeout_ms)
                context.route("**/*", _guard(allowed))
                phone = _Phone(context)
                for target in targets:
                    views[target.url] = _view(phone, target, start_url)
            finally:
                browser.close()
    except Exception as error:  # the browser would not start: every target is unverified, with why
        _LOG.warning("PathAudit: the mobile check's browser failed: %s", error)
        for target in targets:
            views.setdefault(target.url, MobileView(failure=_short(error)))
    return views


def _guard(allowed: set[str]) -> Callable[[Any], None]:
    def route(route: Any) -> None:
        request = route.request
        host = (urlsplit(request.url).hostname or "").lower()
        if request.resource_type in _SKIPPED or host not in allowed:
            route.abort()
        else:
            route.continue_()

    return route


class _Phone:
    """One browser tab at a time: open a URL, read what ``_MEASURE`` returns."""

    def __init__(self, context: Any) -> None:
        self.context = context

    def open(self, url: str) -> dict[str, Any]:
        page = self.context.new_page()
        try:
            page.goto(url, wait_until="load")
            return dict(page.evaluate(_MEASURE))
        finally:
            page.close()


def _page(role: str, seen: dict[str, Any]) -> MobilePage:
    return MobilePage(role, str(seen["url"]), bool(seen["viewport"]), int(seen["width"]), SCREEN_WIDTH)  # type: ignore[arg-type]


@dataclass
class _Draft:
    """A phone's view of one column while it is being measured; frozen into a ``MobileView`` once done
    (an observation is not changed after it is emitted)."""

    pages: list[MobilePage] = field(default_factory=list)
    homes_tried: list[str] = field(default_factory=list)
    failure: str | None = None

    def done(self) -> MobileView:
        return MobileView(tuple(self.pages), tuple(self.homes_tried), self.failure)


def _view(phone: _Phone, target: MobileTarget, start_url: str) -> MobileView:
    view = _Draft()
    _measure_view(phone, target, start_url, view)
    return view.done()


def _measure_view(phone: _Phone, target: MobileTarget, start_url: str, view: _Draft) -> None:
    try:
        seen = phone.open(target.url)
    except Exception as error:
        view.failure = _short(error)
        return
    column = _page("column", seen)
    view.pages.append(column)
    if column.fits():
        return
    for home_url in _homes(phone, seen, start_url, view):
        try:
            home = phone.open(home_url)
        except Exception:
            continue
        page = _page("mobile_home", home)
        if not page.fits() or same_address(page.url, column.url):
            continue
        view.pages.append(page)
        link = _column_link(home["links"], target.names, column.url)
        if link is None:
            return
        try:
            view.pages.append(_page("mobile_column", phone.open(link)))
        except Exception as error:
            view.failure = _short(error)
        return
    return


def _homes(phone: _Phone, column: dict[str, Any], start_url: str, view: _Draft) -> Iterable[str]:
    """Mobile versions to try, best first: those the column's page links, those the home page
    links (as a phone is served it: a server may send a phone elsewhere), the ``m.`` site."""
    tried: set[str] = set()

    def offer(urls: Iterable[str]) -> Iterable[str]:
        for url in urls:
            if url and url not in tried and url.startswith(("http://", "https://")):
                tried.add(url)
                view.homes_tried.append(url)
                yield url

    yield from offer(_mobile_links(column))
    try:
        home = phone.open(start_url)
    except Exception:
        home = None
    if home is not None:
        if not same_address(home["url"], start_url):
            yield from offer([home["url"]])
        yield from offer(_mobile_links(home))
    host = urlsplit(start_url).hostname or ""
    if host and not _is_address(host) and not host.startswith("m."):
        parts = urlsplit(start_url)
        yield from offer([f"{parts.scheme}://m.{host.removeprefix('www.')}/"])


def _mobile_links(seen: dict[str, Any]) -> list[str]:
    links = [url for text, url in seen["links"] if _MOBILE_WORDS.search(text or "")]
    links += [url for _, url in seen["links"] if (urlsplit(url).hostname or "").startswith("m.")]
    return list(dict.fromkeys([*seen["alternates"], *links]))


def _column_link(links: list[list[str]], names: tuple[str, ...], desktop: str) -> str | None:
    """The mobile home's link to the column by one of its names; one that leads elsewhere than the
    desktop page (already measured) first."""
    wanted = {normalise_name(n) for n in names}
    found = [url for text, url in links if normalise_name(text or "") in wanted]
    return next((url for url in found if not same_address(url, desktop)), found[0] if found else None)


def same_address(a: str, b: str) -> bool:
    return urljoin(a, "#").rstrip("#/") == urljoin(b, "#").rstrip("#/")


def _short(error: BaseException) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0][:160]
