"""Fixtures of the spider tests: the bad-input corpus served on 127.0.0.1, and crawls of it.

The corpus server lives in tests/spiders/badsite/server.py (loaded here by path: with
``--import-mode=importlib`` test modules cannot import each other). ``badsite_crawl`` runs the CLI
once per session over the whole corpus with the corpus's settings; each test_bad_input_* file reads
the findings.json and the server's request log of that one crawl.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from by_path import load_module
from session_once import once_per_session
from waiting import HANG_GUARD

REPO = Path(__file__).resolve().parents[2]
BADSITE_SERVER = Path(__file__).resolve().parent / "badsite" / "server.py"


def _load_badsite() -> ModuleType:
    return load_module(BADSITE_SERVER, "pathaudit_badsite_server")


@dataclass
class CrawlResult:
    """One CLI crawl: its process, its findings.json, and what the corpus's servers saw of it."""

    proc: subprocess.CompletedProcess[str]
    findings: dict[str, Any]
    #: (method, raw request target, status, body bytes sent) of this crawl's requests
    requests: list[tuple[str, str, int, int]]
    #: the corpus's address and port during this crawl
    base_url: str
    port: int
    #: request targets the other port (a decoy of another site) was asked for by the end of the crawl
    other_log: list[str]
    #: the Accept-Encoding each target was last asked with, by the end of the crawl
    accept_encoding: dict[str, str]

    def dump(self, folder: Path) -> None:
        """Keep this crawl in ``folder`` for another worker of the session (``load``)."""
        kept = {key: value for key, value in vars(self).items() if key != "proc"}
        kept["proc"] = {"args": self.proc.args, "returncode": self.proc.returncode,
                        "stdout": self.proc.stdout, "stderr": self.proc.stderr}
        (folder / "crawl.json").write_text(json.dumps(kept, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> CrawlResult:
        kept = json.loads((folder / "crawl.json").read_text(encoding="utf-8"))
        kept["proc"] = subprocess.CompletedProcess(**kept["proc"])
        kept["requests"] = [tuple(request) for request in kept["requests"]]
        return cls(**kept)

    def path(self, *segments: str) -> dict[str, Any]:
        matches = [p for p in self.findings["paths"] if tuple(p["path"]) == segments]
        assert len(matches) == 1, f"{' > '.join(segments)}: {len(matches)} path results"
        return matches[0]

    def findings_for(self, *segments: str, kind: str | None = None) -> list[dict[str, Any]]:
        return [
            f for f in self.findings["findings"]
            if tuple(f["path"] or ()) == segments and (kind is None or f["kind"] == kind)
        ]

    def unverified_reason(self, *segments: str) -> str:
        """The reason the inspector reads: the path's unverified finding's evidence.reason, which
        must also be the path's own reason."""
        found = self.findings_for(*segments, kind="unverified")
        assert len(found) == 1, f"{' > '.join(segments)}: {len(found)} unverified findings"
        reason = found[0]["evidence"]["reason"]
        assert self.path(*segments)["reason"] == reason
        return reason

    def targets(self, prefix: str) -> list[str]:
        """Request targets of this crawl that start with ``prefix``."""
        return [target for _, target, _, _ in self.requests if target.startswith(prefix)]


def run_cli(*args: str, timeout: float = HANG_GUARD) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "pathaudit", *args],
        cwd=REPO, capture_output=True, text=True, timeout=timeout, env=env,
    )


@pytest.fixture(scope="session")
def badsite_module() -> ModuleType:
    return _load_badsite()


@pytest.fixture(scope="session")
def badsite(badsite_module: ModuleType, realgov_dir: Path) -> Iterator[Any]:
    """The corpus, served for the whole session; its 521 answer wraps the real 加速乐 challenge."""
    challenge = (realgov_dir / "0rzOday-mps-jsl" / "challenge1_raw.js").read_text(encoding="utf-8")
    with badsite_module.serve_badsite(challenge) as running:
        yield running


@pytest.fixture(scope="session")
def crawl_badsite(badsite: Any, badsite_module: ModuleType, tmp_path_factory: pytest.TempPathFactory):
    """``crawl_badsite(spec, *extra_settings)``: crawl the corpus with its settings plus ``extra``."""

    def crawl(spec: Path, *extra: str) -> CrawlResult:
        out = tmp_path_factory.mktemp("badsite-crawl")
        first = len(badsite.log)
        settings: Sequence[str] = (*badsite_module.CRAWL_SETTINGS, *extra)
        proc = run_cli(
            "crawl", badsite.base_url, "--spec", str(spec), "--out", str(out),
            "--as-of", badsite_module.AS_OF, "-q", *[arg for s in settings for arg in ("--set", s)],
        )
        findings_file = out / "findings.json"
        assert findings_file.exists(), proc.stderr[-3000:]
        findings = json.loads(findings_file.read_text(encoding="utf-8"))
        return CrawlResult(proc, findings, list(badsite.log[first:]), badsite.base_url, badsite.port,
                           badsite.other_log, dict(badsite.accept_encoding))

    return crawl


@pytest.fixture(scope="session")
def badsite_crawl(request: pytest.FixtureRequest, badsite_module: ModuleType,
                  tmp_path_factory: pytest.TempPathFactory) -> CrawlResult:
    """The whole corpus, crawled once with robots.txt obeyed (the default): once per session, not per
    xdist worker (tests/session_once.py); the tests read its findings and what the servers saw, so
    they ask no server of their own (its address and port are the crawl's)."""

    def build(folder: Path) -> None:
        request.getfixturevalue("crawl_badsite")(badsite_module.SPEC).dump(folder)

    return CrawlResult.load(once_per_session(tmp_path_factory, "badsite-crawl", build))
