"""A plain HTTP client for tests of the loopback servers: one request, no redirects followed, no
exception on 4xx/5xx (importable through pytest's ``pythonpath = ["tests"]``)."""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from dataclasses import dataclass, field


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes
    url: str = ""
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "")

    def text(self) -> str:
        """The body decoded as a browser would: header charset, else the meta charset, else UTF-8."""
        match = re.search(r"charset=([\w-]+)", self.content_type) or re.search(
            rb'<meta[^>]+charset="?([\w-]+)', self.body[:2048], re.I
        )
        charset = match.group(1) if match else "utf-8"
        if isinstance(charset, bytes):
            charset = charset.decode("ascii")
        return self.body.decode(charset)


def http(url: str, method: str = "GET", headers: dict[str, str] | None = None) -> Answer:
    """One request without following redirects or raising on 4xx/5xx."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            return None

    opener = urllib.request.build_opener(NoRedirect)
    request = urllib.request.Request(url, method=method, headers=headers or {})
    try:
        with opener.open(request, timeout=20) as response:
            return Answer(response.status, {k.lower(): v for k, v in response.headers.items()}, response.read(), url)
    except urllib.error.HTTPError as err:
        body = err.read()
        return Answer(err.code, {k.lower(): v for k, v in err.headers.items()}, body, url)
