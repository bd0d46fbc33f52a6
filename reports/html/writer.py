"""The inspectors' HTML report: one self-contained file (inline CSS and JS, no CDN) that works offline
and as an e-mail attachment.

Crawled text is untrusted: templates autoescape everything, only http(s) URLs become links or image
sources, and a Content-Security-Policy lets only the report's own inline script (by hash) run, so
even a page titled ``<script>…</script>`` that slipped through could not execute.
"""

from __future__ import annotations

import base64
import functools
import hashlib
from importlib import resources

import jinja2
from markupsafe import Markup

from auditor import __version__
from auditor.model.findings import FindingsReport
from reports.evidence import evidence_rows
from reports.i18n import Translator
from reports.trend import trend_chart
from reports.view import MAX_THUMBNAILS, build_view, format_duration, format_time, http_url

TEMPLATE = "report.html.j2"
_ASSETS = ("report.css", "report.js")


def render_html(report: FindingsReport, lang: str = "zh", baseline: FindingsReport | None = None) -> str:
    t = Translator(lang)
    view = build_view(report, baseline)
    css, js = (_asset(name) for name in _ASSETS)
    units = view.all_units
    kinds = view.all_kinds
    return _environment().get_template(TEMPLATE).render(
        v=view,
        t=t,
        lang=lang,
        html_lang="zh-CN" if lang == "zh" else "en",
        sep="、" if lang == "zh" else ", ",
        colon="：" if lang == "zh" else ": ",
        lparen="（" if lang == "zh" else " (",
        rparen="）" if lang == "zh" else ")",
        css=Markup(css),
        js=Markup(js),
        csp=_content_security_policy(css, js),
        unit_index={unit: str(i) for i, unit in enumerate(units)},
        kind_index={kind: str(i) for i, kind in enumerate(kinds)},
        units=units,
        kinds=kinds,
        duration=format_duration(view.duration_seconds, lang),
        max_thumbnails=MAX_THUMBNAILS,
        version=__version__,
        trend=Markup(trend_chart((report.history or {}).get("runs") or [], lang=lang)),
    )


@functools.cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FunctionLoader(_template_source),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["http_url"] = http_url
    env.filters["when"] = format_time
    env.globals["evidence_rows"] = evidence_rows
    return env


def _template_source(name: str) -> str:
    return _asset(name)


def _asset(name: str) -> str:
    """A template or asset shipped beside this module (package data)."""
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


def _content_security_policy(css: str, js: str) -> str:
    def digest(text: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"

    return "; ".join(
        (
            "default-src 'none'",
            "img-src http: https:",
            f"style-src {digest(css)}",
            f"script-src {digest(js)}",
            "base-uri 'none'",
            "form-action 'none'",
        )
    )
