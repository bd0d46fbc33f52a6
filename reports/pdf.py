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

from auditor.model.findings import FindingsReport

#: a browser PathAudit starts talks to the portal or to nothing: Chromium's own services are off.
#: ``--disable-background-networking`` alone still let Debian's Chromium 156 ask clients2.google.com
#: for the time, update.googleapis.com for components and accounts.google.com for sign-in while
#: printing (seen through a logging proxy, tests/reports/test_bad_input_pdf.py). The component
#: updater and the sign-in service ignore their "disable" switches there, so their servers are
#: pointed at a closed port of this machine: they reach nothing.
_NOWHERE = "http://127.0.0.1:9"
QUIET_BROWSER_FLAGS = (
    f"--gaia-url={_NOWHERE}", f"--component-updater=url-source={_NOWHERE}",
    "--no-first-run", "--no-default-browser-check", "--disable-sync", "--disable-background-networking",
    "--disable-component-update", "--disable-default-apps", "--disable-extensions", "--disable-domain-reliability",
    "--disable-client-side-phishing-detection", "--no-pings", "--disable-breakpad", "--metrics-recording-only",
    "--safebrowsing-disable-auto-update",
    "--disable-features=NetworkTimeServiceQuerying,OptimizationHints,OptimizationGuideModelDownloading,Translate,"
    "MediaRouter,AutofillServerCommunication,CertificateTransparencyComponentUpdater,DialMediaRouteProvider,"
    "SafeBrowsing,InterestFeedContentSuggestions,ChromeSignin,AccountConsistency,SigninInterception",
)
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
