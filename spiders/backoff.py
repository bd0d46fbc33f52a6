"""Retries that wait: exponential back-off before each retry, and ``Retry-After`` respected.

Scrapy's ``RetryMiddleware`` retries a failed request at once. A government server that answers
503 because it is overloaded, or that is restarting, gets the same request again within
milliseconds, and the retry fails for the same reason. This middleware takes Scrapy's decision
(which answers and errors to retry, how often: ``RETRY_*``) and only adds the wait:
``AUDITOR_RETRY_BACKOFF`` seconds before the first retry, doubled for each further one, at most
``AUDITOR_RETRY_BACKOFF_MAX``; a ``Retry-After`` header (seconds) from the server wins when it asks
for longer, within the same maximum. The wait does not block the crawl: other requests go on.
"""

from __future__ import annotations

from typing import Any

from scrapy import Request
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.http import Response
from scrapy.utils.asyncio import sleep

#: take the place of Scrapy's own RetryMiddleware (which must then be disabled: None)
BACKOFF_MIDDLEWARE_PRIORITY = 550


def backoff_seconds(retry_number: int, base: float, cap: float, retry_after: float | None = None) -> float:
    """The wait before retry number ``retry_number`` (1 for the first retry)."""
    if base <= 0 and not retry_after:
        return 0.0
    wait = base * (2 ** max(retry_number - 1, 0))
    if retry_after is not None and retry_after > wait:
        wait = retry_after
    return max(0.0, min(wait, cap))


def retry_after_seconds(response: Response | None) -> float | None:
    """The ``Retry-After`` header in seconds; None when absent or an HTTP date (not worth parsing
    for a wait that is capped anyway)."""
    if response is None:
        return None
    raw = response.headers.get(b"Retry-After")
    if not raw:
        return None
    try:
        return float(raw.decode("latin-1").strip())
    except ValueError:
        return None


class BackoffRetryMiddleware(RetryMiddleware):
    """Scrapy's retry decision, followed by a wait."""

    def __init__(self, settings: Any) -> None:
        super().__init__(settings)
        self.base = settings.getfloat("AUDITOR_RETRY_BACKOFF", 1.0)
        self.cap = settings.getfloat("AUDITOR_RETRY_BACKOFF_MAX", 30.0)

    async def process_response(self, request: Request, response: Response) -> Request | Response:  # type: ignore[override]
        result = super().process_response(request, response)
        if isinstance(result, Request):
            await self._wait(result, response)
        return result

    async def process_exception(self, request: Request, exception: Exception) -> Request | Response | None:  # type: ignore[override]
        result = super().process_exception(request, exception)
        if isinstance(result, Request):
            await self._wait(result, None)
        return result

    async def _wait(self, retry: Request, response: Response | None) -> None:
        seconds = backoff_seconds(retry.meta.get("retry_times", 1), self.base, self.cap, retry_after_seconds(response))
        if seconds > 0:
            await sleep(seconds)
