"""Reports are pure functions of ``findings.json``: any report can be rebuilt later from the file.

One module per format over one shared reading of the findings (``reports.view``):

============  =========================  =====================================================
format        file (``output_name``)     for
============  =========================  =====================================================
``html``      ``report.html``            inspectors: one self-contained page (``reports.html``)
``junit``     ``junit.xml``              CI test views: Jenkins, GitLab, GitHub
``md``        ``summary.md``             a CI job summary or a PR comment
``xlsx``      ``整改台账.xlsx``           the remediation ledger (English: ``remediation-ledger.xlsx``)
``pdf``       ``report.pdf``             the HTML report printed by Chromium (``reports.pdf``)
============  =========================  =====================================================

Every count comes from the view model (``reports.view.Counts``); the terminal summary too
(``pathaudit/cli/summary.py``). The HTML report shows the saved evidence of the run when ``archive_dir`` (the
folder of findings.json, where the crawl wrote ``evidence.warc.gz``) is given.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from pathlib import Path

from auditor.audit.gate import Judgement
from auditor.model.findings import FindingsReport
from reports.wording import DEFAULT_LANG, LANGS

FORMATS: tuple[str, ...] = ("html", "junit", "md", "xlsx", "pdf")
#: what ``write_all`` writes when no formats are named (a PDF needs Chromium: asked for by name)
DEFAULT_FORMATS: tuple[str, ...] = ("html", "junit", "md", "xlsx")

_FILE_NAMES: dict[str, str] = {
    "html": "report.html",
    "junit": "junit.xml",
    "md": "summary.md",
    "xlsx": "整改台账.xlsx",
    "pdf": "report.pdf",
}
_FILE_NAMES_EN = {"xlsx": "remediation-ledger.xlsx"}


def output_name(fmt: str, lang: str = DEFAULT_LANG) -> str:
    """The file name a format is written to by :func:`write_all` (and by the CLI into a directory)."""
    _check(fmt, lang)
    if lang == "en" and fmt in _FILE_NAMES_EN:
        return _FILE_NAMES_EN[fmt]
    return _FILE_NAMES[fmt]


def render(
    report: FindingsReport, fmt: str, lang: str = DEFAULT_LANG, baseline: FindingsReport | None = None,
    archive_dir: Path | None = None, gate: Judgement | None = None,
) -> bytes | str:
    """One report: ``str`` for html and md, ``bytes`` for junit (XML with its declaration), xlsx and pdf.

    ``gate`` is the CI gate's judgement (``auditor.audit.gate.judge``): JUnit then fails exactly the
    findings the exit code fails on; without it JUnit fails by severity."""
    _check(fmt, lang)
    if fmt in ("html", "pdf"):
        return _renderer(fmt)(report, lang, baseline, archive_dir)
    if fmt == "junit":
        return _renderer(fmt)(report, lang, baseline, gate)
    return _renderer(fmt)(report, lang, baseline)


def write_all(
    report: FindingsReport,
    out_dir: Path,
    lang: str = DEFAULT_LANG,
    baseline: FindingsReport | None = None,
    formats: Iterable[str] | None = None,
    archive_dir: Path | None = None,
    gate: Judgement | None = None,
) -> list[Path]:
    """Write ``formats`` (default: :data:`DEFAULT_FORMATS`) into ``out_dir``; returns the files written.
    The saved evidence is read from ``archive_dir``, by default ``out_dir`` (where a crawl writes it)."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    chosen = DEFAULT_FORMATS if formats is None else tuple(formats)
    source = out_dir if archive_dir is None else archive_dir
    return [write(report, fmt, out_dir / output_name(fmt, lang), lang, baseline, source, gate) for fmt in chosen]


def parse_formats(text: str) -> list[str]:
    """``"html, junit"`` → ``["html", "junit"]`` (the AUDITOR_REPORT_FORMATS setting); unknown names refused."""
    chosen = [part.strip() for part in (text or "").split(",") if part.strip()]
    unknown = [fmt for fmt in chosen if fmt not in FORMATS]
    if unknown:
        raise ValueError(f"unknown report format(s): {', '.join(unknown)} (known: {', '.join(FORMATS)})")
    return chosen


def write(
    report: FindingsReport, fmt: str, target: Path, lang: str = DEFAULT_LANG, baseline: FindingsReport | None = None,
    archive_dir: Path | None = None, gate: Judgement | None = None,
) -> Path:
    """Write one format to ``target`` atomically (a reader never sees half a report)."""
    content = render(report, fmt, lang, baseline, archive_dir, gate)
    data = content.encode("utf-8") if isinstance(content, str) else content
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".tmp")
    try:
        tmp.write_bytes(data)
        tmp.replace(target)
    except OSError:  # a full disk: the old report stays, and no half-written one is left beside it
        tmp.unlink(missing_ok=True)
        raise
    return target


def _check(fmt: str, lang: str) -> None:
    if fmt not in FORMATS:
        raise ValueError(f"unknown report format {fmt!r} (choose from {', '.join(FORMATS)})")
    if lang not in LANGS:
        raise ValueError(f"unknown report language {lang!r} (choose from {', '.join(LANGS)})")


#: each format's renderer: (module, function), imported on use: the CLI loads this package for one
#: format without paying for the others
_RENDERERS = {
    "html": ("reports.html", "render_html"),
    "junit": ("reports.junit", "render_junit"),
    "md": ("reports.markdown", "render_markdown"),
    "pdf": ("reports.pdf", "render_pdf"),
    "xlsx": ("reports.xlsx", "render_xlsx"),
}


def renderer_modules(formats: Iterable[str]) -> list[str]:
    """The modules that render ``formats``: what a crawl imports while it waits on the network, so
    that the reports written at its end find them loaded (``AUDITOR_PRELOAD_MODULES``)."""
    return [_RENDERERS[fmt][0] for fmt in formats if fmt in _RENDERERS]


def _renderer(fmt: str) -> Callable[[FindingsReport, str, FindingsReport | None], bytes | str]:
    module, name = _RENDERERS.get(fmt, _RENDERERS["xlsx"])
    return getattr(importlib.import_module(module), name)


__all__ = ["DEFAULT_FORMATS", "FORMATS", "output_name", "render", "renderer_modules", "write", "write_all"]
