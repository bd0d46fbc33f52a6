"""The report as a PDF: the same HTML, printed by Chromium (``--print-to-pdf``), so the paper copy is the
report's own print layout (each unit's 整改通知 on its own page) and not a second rendering to keep in
step. Needs Debian's ``chromium`` (or ``AUDITOR_CHROMIUM`` naming a Chromium binary); without one,
asking for a PDF is a clear error, and the other formats are unaffected.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from auditor.browser import QUIET_BROWSER_FLAGS
from auditor.model.findings import FindingsReport

#: how long Chromium may take to print one report
PRINT_TIMEOUT_SECONDS = 120


class PdfUnavailable(OSError):
    """No Chromium to print with, or it failed."""


def chromium() -> str | None:
    """The Chromium binary to print with, or None."""
    named = os.environ.get("AUDITOR_CHROMIUM")
    if named:
        return named if Path(named).is_file() else None
    return shutil.which("chromium") or shutil.which("chromium-browser")


def html_to_pdf(html_file: Path, pdf_file: Path) -> Path:
    """Print ``html_file`` to ``pdf_file`` with headless Chromium (no network: a ``file:`` page whose
    policy loads nothing)."""
    binary = chromium()
    if binary is None:
        raise PdfUnavailable("a PDF needs Chromium (apt-get install chromium), which is not installed")
    with tempfile.TemporaryDirectory(prefix="pathaudit-pdf-") as profile:
        command = [
            binary, "--headless", "--no-sandbox", "--disable-gpu", *QUIET_BROWSER_FLAGS, f"--user-data-dir={profile}",
            "--no-pdf-header-footer", f"--print-to-pdf={pdf_file}", Path(html_file).resolve().as_uri(),
        ]
        try:
            done = subprocess.run(command, capture_output=True, timeout=PRINT_TIMEOUT_SECONDS, check=False)
        except (OSError, subprocess.TimeoutExpired) as err:
            raise PdfUnavailable(f"Chromium could not print the report: {err}") from err
    if done.returncode != 0 or not Path(pdf_file).is_file() or Path(pdf_file).stat().st_size == 0:
        tail = done.stderr.decode("utf-8", "replace")[-500:]
        raise PdfUnavailable(f"Chromium could not print the report (exit {done.returncode}): {tail}")
    return Path(pdf_file)


def render_pdf(report: FindingsReport, lang: str = "zh", baseline: FindingsReport | None = None,
               archive_dir: Path | None = None) -> bytes:
    from reports.html import render_html

    with tempfile.TemporaryDirectory(prefix="pathaudit-pdf-") as work:
        page = Path(work) / "report.html"
        page.write_text(render_html(report, lang, baseline, archive_dir), encoding="utf-8")
        return html_to_pdf(page, Path(work) / "report.pdf").read_bytes()
