"""Walk a site in-process: the same walker the spider drives, fed by a plain ``fetch`` function.

No sockets, no Scrapy, no reactor: ``fetch(url, headers) -> Answer`` answers each request (a
generated portal's resources, saved pages, anything), pages are read one at a time in the order the
walker asked for them, and media are checked by the same Range reads as the spider's probe
(``auditor.walk.media_check``). What a crawl's transport does around a fetch is done here too, so
the walk's result is the crawl's: an answer that failed in a retryable way (5xx, 408, 429, a
time-out, a dropped connection) is asked again up to ``retry_times`` times, and a medium's reader
stops after the bytes it wanted. Redirects are the fetch's to follow (``Answer.final_url``).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import replace

from auditor.model.observations import (
    ColumnObservation, ItemPageObservation, MediaObservation, Observations, WalkOutput,
)
from auditor.page.answer import Answer
from auditor.page.canonical import canonical_url
from auditor.specs import Spec
from auditor.walk.config import WalkConfig
from auditor.walk.media_check import MediaCheck
from auditor.walk.walker import MediaWant, Walker

#: ``fetch(url, request headers) -> Answer``: one request, redirects followed
Fetch = Callable[[str, dict[str, str]], Answer]

#: answers a crawl asks again (spiders/settings.py RETRY_HTTP_CODES; errors that may pass)
RETRY_STATUSES = frozenset({500, 502, 503, 504, 522, 524, 408, 429})
RETRY_ERRORS = frozenset({"timeout", "connection_reset", "connection_failed", "connection_refused", "dataloss"})


def walk_site(
    spec: Spec,
    start_url: str,
    fetch: Fetch,
    config: WalkConfig | None = None,
    *,
    allowed_hosts: Iterable[str] = (),
    retry_times: int = 2,
) -> Observations:
    """Everything the walk of ``start_url`` along ``spec`` observes, as the crawl would."""
    return walk(spec, start_url, fetch, config or WalkConfig(), allowed_hosts=allowed_hosts,
                retry_times=retry_times).seen


def walk(spec: Spec, start_url: str, fetch: Fetch, config: WalkConfig, *, allowed_hosts: Iterable[str] = (),
         retry_times: int = 2) -> WalkOutput:
    """The whole output of one in-process walk: what it observed and what findings.json says of it."""
    allowed_hosts = set(allowed_hosts)
    walker = Walker(spec, canonical_url(start_url), config, allowed_hosts=allowed_hosts)
    seen = Observations()
    checks: dict[str, MediaCheck] = {}
    walker.start()
    queue: deque[str] = deque(walker.take_requests())
    while queue:
        url = queue.popleft()
        _record(seen, walker.feed(_fetch_page(fetch, url, retry_times)))
        queue.extend(walker.take_requests())
        for want in walker.take_media():
            observation = _check_medium(fetch, walker, checks, want, config, retry_times)
            if observation is not None:
                seen.media[observation.url] = observation
    _record(seen, walker.finish(complete=True))
    seen.column_map = walker.census.column_map()
    return WalkOutput(spec=spec, start_url=walker.start_url, hosts=walker.scope.hosts, seen=seen,
                      as_of=config.as_of, pages=walker.book.fetched)


def _record(seen: Observations, observations: Iterable[ColumnObservation | ItemPageObservation]) -> None:
    for observation in observations:
        if isinstance(observation, ColumnObservation):
            seen.columns[observation.segments] = observation
        else:
            seen.items.append(observation)


def _fetch_page(fetch: Fetch, url: str, retry_times: int) -> Answer:
    answer = _fetch(fetch, url, {}, retry_times)
    return answer if answer.url == url else replace(answer, url=url)


def _fetch(fetch: Fetch, url: str, headers: dict[str, str], retry_times: int) -> Answer:
    tries = 0
    while True:
        answer = fetch(url, headers)
        if tries >= retry_times or not _retryable(answer):
            return replace(answer, retries=tries) if tries else answer
        tries += 1


def _retryable(answer: Answer) -> bool:
    if answer.error is not None:
        return answer.error in RETRY_ERRORS
    return answer.status in RETRY_STATUSES


def _check_medium(
    fetch: Fetch,
    walker: Walker,
    checks: dict[str, MediaCheck],
    want: MediaWant,
    config: WalkConfig,
    retry_times: int,
) -> MediaObservation | None:
    """The verdict on a medium the first time it is met; later pages using it are added to it."""
    known = checks.get(want.ref.url)
    if known is not None:
        if want.page_url not in known.pages:
            known.pages.append(want.page_url)
        return None
    check = MediaCheck(want.ref, [want.page_url], config.media_range_bytes, config.image_maxsize)
    checks[want.ref.url] = check
    if not walker.allowed(want.ref.url):
        return check.off_site()
    ask = check.first()
    while True:
        answer = _fetch(fetch, ask.url, ask.headers, retry_times)
        if len(answer.body) > ask.stop_after:  # the reader stops once it has what it wanted
            answer = replace(answer, body=answer.body[: ask.stop_after], cut_short=True)
        step = check.answer(answer)
        if isinstance(step, MediaObservation):
            return step
        ask = step
