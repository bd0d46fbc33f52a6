"""One crawl of the clause-rule portal (``portal_lab.mandate``) over HTTP with the command line, for
the clause-rule and the mobile tests, which crawl it alike (the mobile one lets the crawl render);
and both builds of one style crawled at once (``crawl_both_builds``)."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from portal_lab.mandate.portal import SPEC, build_portal
from portal_lab.mandate.server import serve
from waiting import HANG_GUARD

REPO = Path(__file__).resolve().parents[1]
AS_OF = dt.date(2026, 3, 15)


def crawl_mandate_portal(defective: bool, style: str, folder: Path, *options: str, timeout: float = HANG_GUARD) -> Path:
    """Crawl the healthy or the defective build in ``style``; the output folder (asserted to exit 0)."""
    out = folder / ("defective" if defective else "healthy")
    spec = folder / f"{out.name}-spec.yaml"  # one per build: the two builds may be crawled at once
    spec.write_text(SPEC, encoding="utf-8")
    with serve(build_portal(defective, AS_OF, style)) as base:
        proc = subprocess.run(
            [sys.executable, "-m", "pathaudit", "crawl", base, "--spec", str(spec), "--out", str(out),
             "--as-of", AS_OF.isoformat(), "--fail-on", "never", *options, "-q"],
            cwd=REPO, capture_output=True, text=True, timeout=timeout,
            env={**os.environ, "PYTHONIOENCODING": "utf-8", "PYTHONPATH": str(REPO)},
        )
    assert proc.returncode == 0, proc.stderr[-3000:]
    return out


def crawl_both_builds(style: str, folder: Path, *options: str, timeout: float = HANG_GUARD) -> tuple[Path, Path]:
    """The healthy and the defective build of ``style``, crawled at once: each its own server,
    process and output folder, so neither crawl can see the other; (healthy, defective) folders."""
    with ThreadPoolExecutor(max_workers=2) as pool:
        healthy, defective = (pool.submit(crawl_mandate_portal, build, style, folder, *options, timeout=timeout)
                              for build in (False, True))
        return healthy.result(), defective.result()
