"""The inspectors' HTML report: one self-contained file (inline CSS and JS, no CDN) that works offline
and as an e-mail attachment.

Crawled text is untrusted: templates autoescape everything, only http(s) URLs become links, and a
Content-Security-Policy lets only the report's own inline script (by hash) run, so even a page titled
``<script>…</script>`` that slipped through could not execute. Nothing is loaded from the audited site:
thumbnails and saved pages come from the run's evidence archive (``reports.archive``), embedded as
``data:`` images and sandboxed ``srcdoc`` frames of inert markup, so the report shows the evidence
offline, in the demo, and after the site has been fixed.
"""

from __future__ import annotations

import base64
import functools
import hashlib
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from auditor import __version__
from reports.wording import Words
from auditor.model.findings import MEDIA_FINDING_KINDS, Finding, FindingsReport
from auditor.model.notes import explain_note
from reports.archive import ARCHIVE_NAME, SavedEvidence, Thumbnails, read_archive, shown, wanted
from reports.evidence import evidence_rows
from reports.trend import trend_chart
from reports.view import (
    document_number,
    MAX_THUMBNAILS, STATE_ORDER, ReportView, build_view, format_duration, format_size, format_time, http_url, message,
)

TEMPLATE = "report.html.j2"
_ASSETS = ("report.css", "report.js")
#: the stylesheet of a saved page's snapshot (its own styles are stripped with everything else)
SNAPSHOT_CSS = ("body{font:13px/1.5 sans-serif;margin:8px;color:#222}a{color:#0b57d0}"
                "table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:2px 4px}.img{color:#888}"
                # the chrome the page itself declares (its header, navigation, footer, sidebar) shown small,
                # by its own tags: the report does not read the page again (reports never import the page
                # reader; class-named chrome, div.header, stays full size)
                "header,nav,footer,aside{font-size:11px;color:#888}"
                ":is(header,nav,footer,aside) :is(header,nav,footer,aside){font-size:inherit}"
                ":is(header,nav,footer,aside) :is(ul,ol){display:flex;flex-wrap:wrap;gap:0 10px;list-style:none;"
                "padding:0;margin:2px 0}")


def render_html(report: FindingsReport, lang: str = "zh", baseline: FindingsReport | None = None,
                archive_dir: Path | None = None) -> str:
    t = Words(lang)
    view = build_view(report, baseline)
    css, js = (_asset(name) for name in _ASSETS)
    units = view.all_units
    kinds = view.all_kinds
    saved = _saved(view, archive_dir)
    shown_by_finding: dict[int, Any] = {}

    def saved_for(finding: Finding) -> Any:
        if id(finding) not in shown_by_finding:
            shown_by_finding[id(finding)] = shown(finding, saved, finding.kind in MEDIA_FINDING_KINDS)
        return shown_by_finding[id(finding)]

    thumbnails: dict[str, str | None] = {}
    made = Thumbnails()

    def thumbnail_for(url: str) -> str | None:
        # once per image: one image shown on several paths, or the same picture at several addresses,
        # is decoded and scaled once (a few ms each)
        if url not in thumbnails:
            record = saved.for_uri(url) if saved else None
            thumbnails[url] = made.of(record) if record is not None else None
        return thumbnails[url]

    first_seen = view.first_seen
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
        msg=lambda f: message(t, f),
        saved=saved,
        saved_for=saved_for,
        thumbnail_for=thumbnail_for,
        sniff_label=lambda code: _sniff_label(t, code),
        snapshot_doc=_snapshot_doc,
        first_seen=_FirstSeen(first_seen),
        state_order=STATE_ORDER,
        stats=_stats(view, t),
        size=format_size,
        deadline_policy=t.sep.join(t("fix.policy_item", kind=t.kind(k), days=d) for k, d in view.deadlines.items()),
        trend_svg=_trend_svg(view, lang),
    )


class _FirstSeen:
    """History hook for the template: ``first_seen.get(finding)``."""

    def __init__(self, dates: dict[int, str]) -> None:
        self._dates = dates

    def get(self, finding: Finding) -> str | None:
        return self._dates.get(id(finding))


def _saved(view: ReportView, archive_dir: Path | None) -> SavedEvidence | None:
    if archive_dir is None:
        return None
    name = (view.archive or {}).get("file") or ARCHIVE_NAME
    ids, uris = wanted(view.findings, (m["url"] for p in view.paths for m in p.loaded_images[:MAX_THUMBNAILS]))
    return read_archive(Path(archive_dir) / Path(str(name)).name, ids, uris)


def _sniff_label(t: Words, code: str | None) -> str:
    if code == "":
        return t("sniff.empty")
    if code is None:
        return t("sniff.unknown")
    if code == "html":
        return t("sniff.html")
    return code.upper()


def _snapshot_doc(markup: str) -> str:
    return f'<!DOCTYPE html><html><head><meta charset="utf-8"><style>{SNAPSHOT_CSS}</style></head><body>{markup}</body></html>'


def _stats(view: ReportView, t: Words) -> list[tuple[str, str]]:
    """The crawl's plain statistics that the wording table names (the archive has its own line)."""
    shown_stats = []
    for key, value in view.report.stats.items():
        if isinstance(value, (dict, list, bool)) or value is None or not t.has(f"stats.{key}"):
            continue  # structures have their own lines; an unworded statistic is the tool's own business
        shown_stats.append((key, _close(t, value) if key == "close_reason" else str(value)))
    return shown_stats


def _close(t: Words, reason: object) -> str:
    return t(f"close.{reason}") if t.has(f"close.{reason}") else t("close.other")


def _trend_svg(view: ReportView, lang: str) -> Markup | None:
    """History hook: the trend chart of findings per run (``history.runs`` of findings.json), drawn
    by ``reports.trend`` from numbers only, so nothing crawled reaches the markup."""
    runs = view.trend
    return Markup(trend_chart(runs, lang=lang)) if runs else None


class _TemplateCache(jinja2.FileSystemBytecodeCache):
    """The compiled report template kept between runs (0.17 CPU s of every crawl that writes the HTML
    report went into compiling it again). Jinja keys each entry by the template's name and checks the
    source's checksum and the Python version, so an edited template or another Python compiles anew.
    Only a speed-up: a cache that cannot be written is left alone, never an error of the report."""

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


def _template_cache() -> jinja2.BytecodeCache | None:
    """Jinja's own per-user cache folder (in the temporary directory, owned by the user, mode 0700,
    refused otherwise); none when there is no such safe folder."""
    try:
        return _TemplateCache(pattern="pathaudit-report-%s.cache")
    except (OSError, RuntimeError):
        return None


@functools.cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FunctionLoader(_template_source),
        bytecode_cache=_template_cache(),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["http_url"] = http_url
    env.filters["when"] = format_time
    env.filters["document_number"] = document_number
    env.filters["note"] = explain_note
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
            "img-src data:",
            f"style-src {digest(css)} {digest(SNAPSHOT_CSS)}",
            f"script-src {digest(js)}",
            "base-uri 'none'",
            "form-action 'none'",
        )
    )
