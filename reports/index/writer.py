"""Render the sites index (``index.html``) from plain rows; see the package docstring."""

from __future__ import annotations

import base64
import datetime as dt
import functools
import hashlib
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import jinja2
from markupsafe import Markup

from reports.wording import Words
from reports.trend import sparkline
from reports.view import format_time, http_url

TEMPLATE = "index.html.j2"


@dataclass
class SiteRow:
    """One site of the run: ``verdict`` is a report verdict (pass, warn, fail, incomplete) or
    ``failed`` when the site could not be audited (``problem`` says why)."""

    name: str
    url: str
    verdict: str
    problem: str | None = None
    #: why the site could not be audited, as a reason code with its facts (``auditor.model.reasons``),
    #: when the run knows it: shown in the index's language; ``problem`` (the run's log line, English)
    #: is then only the technical detail
    reason: dict[str, Any] | None = None
    schedule: str | None = None
    severities: dict[str, int] = field(default_factory=dict)
    kinds: dict[str, int] = field(default_factory=dict)
    new: int | None = None
    resolved: int | None = None
    #: trend points (``history.runs`` entries), oldest first
    runs: list[dict[str, Any]] = field(default_factory=list)
    #: the site's report, relative to the index page (None if none was written)
    report_href: str | None = None
    finished_at: str | None = None


def render_index(rows: list[SiteRow], lang: str = "zh", generated_at: str | None = None) -> str:
    t = Words(lang)
    css = _asset("index.css")
    return _environment().get_template(TEMPLATE).render(
        rows=rows, t=t, lang=lang, html_lang="zh-CN" if lang == "zh" else "en", css=Markup(css),
        csp=f"default-src 'none'; style-src {_digest(css)}; img-src 'none'; base-uri 'none'; form-action 'none'",
        generated=format_time(generated_at or dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")),
        sparkline=lambda runs: Markup(sparkline(runs)),
        failed=sum(1 for r in rows if r.verdict == "failed"),
    )


@functools.cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FunctionLoader(_asset), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["http_url"] = http_url
    env.filters["when"] = format_time
    return env


def _asset(name: str) -> str:
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


def _digest(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"
