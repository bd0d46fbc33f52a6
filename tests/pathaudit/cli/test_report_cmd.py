"""``pathaudit report``: formats, outputs, the --fail-on gate with a baseline, and bad input."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

from pathaudit.cli import main
from waiting import HANG_GUARD

SITE = "http://ljxq.cq.gov.cn"
GHXX = ["政府信息公开", "法定主动公开内容", "规划信息"]


def document(*, stale_zxgh: bool = True, fixed_image: bool = False) -> dict[str, Any]:
    """A small crawl of the Liangjiang portal: one missing column (error), one stale one (warning)."""
    def path(pid: str, segments: list[str], status: str, lead: str) -> dict[str, Any]:
        return {"id": pid, "path": segments, "status": status, "url": None if status == "missing" else f"{SITE}/{pid}/",
                "trail": [{"name": "首页", "url": f"{SITE}/"}], "items": None, "latest_date": None,
                "lead": [lead], "responsible": [lead], "clause": "一、（一）", "quote": "", "reason": None,
                "checked_media": []}

    findings = [
        {"kind": "missing_column", "severity": "error", "path": [*GHXX, "国土空间规划"], "path_id": "gtkj",
         "url": None, "page": f"{SITE}/ghxx/", "message": "未找到栏目“国土空间规划”",
         "evidence": {"stopped_at": {"name": "规划计划", "url": f"{SITE}/ghxx/"}, "segment": "国土空间规划"}},
    ]
    if stale_zxgh:
        findings.append({"kind": "stale_section", "severity": "warning", "path": [*GHXX, "专项规划"], "path_id": "zxgh",
                         "url": f"{SITE}/zxgh/", "page": None, "message": "栏目超过 365 天未更新",
                         "evidence": {"latest_date": "2020-05-10", "max_age_days": 365, "as_of": "2021-06-20"}})
    if not fixed_image:
        findings.append({"kind": "broken_image", "severity": "error", "path": [*GHXX, "国民经济和社会发展规划"],
                         "path_id": "gmjj", "url": f"{SITE}/gmjj/a.jpg", "page": f"{SITE}/gmjj/t1.html",
                         "message": "图片无法显示", "evidence": {"reason": "http_status", "http_status": 404}})
    return {
        "schema": "pathaudit/findings/1",
        "site": {"start_url": f"{SITE}/", "hosts": ["ljxq.cq.gov.cn"]},
        "spec": {"id": "liangjiang-2021", "title": "2021年两江新区政务公开工作要点任务分工",
                 "document_number": "渝两江管办发〔2021〕44号", "issued": "2021-06-06"},
        "started_at": "2021-06-20T09:00:00+08:00", "finished_at": "2021-06-20T09:03:00+08:00", "complete": True,
        "stats": {"requests": 40, "pages": 20, "media_checked": 3},
        "paths": [path("gtkj", [*GHXX, "国土空间规划"], "missing", "规划自然资源局"),
                  path("zxgh", [*GHXX, "专项规划"], "stale" if stale_zxgh else "ok", "经济运行局"),
                  path("gmjj", [*GHXX, "国民经济和社会发展规划"], "ok", "经济运行局")],
        "findings": findings,
    }


def write(path: Path, data: Any) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(data if isinstance(data, str) else json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def findings(tmp_path: Path) -> Path:
    return write(tmp_path / "crawl" / "findings.json", document())


def test_all_formats_beside_the_findings_by_default(findings: Path, capsys):
    code = main(["report", str(findings), "--fail-on", "never"])
    assert code == 0
    names = sorted(p.name for p in findings.parent.iterdir())
    assert names == sorted(["findings.json", "report.html", "junit.xml", "summary.md", "整改台账.xlsx"])
    assert "wrote" in capsys.readouterr().err


def test_one_format_to_a_file_or_a_directory(findings: Path, tmp_path: Path):
    target = tmp_path / "ci" / "pathaudit.xml"
    assert main(["report", str(findings), "--format", "junit", "--out", str(target), "--fail-on", "never"]) == 0
    assert target.read_bytes().startswith(b"<?xml")
    out_dir = tmp_path / "reports"
    out_dir.mkdir()
    assert main(["report", str(findings), "--format", "xlsx", "--lang", "en", "--out", str(out_dir),
                 "--fail-on", "never"]) == 0
    assert zipfile.is_zipfile(out_dir / "remediation-ledger.xlsx")
    assert main(["report", str(findings), "--out", str(tmp_path / "all") + "/", "--fail-on", "never"]) == 0
    assert (tmp_path / "all" / "report.html").is_file()


def test_markdown_to_standard_output(findings: Path, capsysbinary):
    assert main(["report", str(findings), "--format", "md", "--out", "-", "--fail-on", "never"]) == 0
    out = capsysbinary.readouterr().out.decode("utf-8")
    assert out.startswith("## ❌ PathAudit") and "国土空间规划" in out


@pytest.mark.parametrize(("zone", "shown"), [("Asia/Shanghai", "2021-06-20 09:00 UTC+8"),
                                            ("UTC", "2021-06-20 01:00 UTC")])
def test_times_are_shown_in_the_zone_asked_for_and_named(findings: Path, capsysbinary, monkeypatch, zone, shown):
    import time

    monkeypatch.setenv("TZ", "Pacific/Kiritimati")  # the machine's zone, which --timezone overrides
    time.tzset()
    try:
        assert main(["report", str(findings), "--format", "md", "--out", "-", "--fail-on", "never",
                     "--timezone", zone]) == 0
    finally:
        monkeypatch.undo()
        time.tzset()
    assert shown in capsysbinary.readouterr().out.decode("utf-8")


def test_an_unknown_timezone_is_one_clear_line(findings: Path, capsys):
    assert main(["report", str(findings), "--timezone", "Mars/Olympus"]) == 2
    assert "timezone must be a zone name" in capsys.readouterr().err


@pytest.mark.parametrize(("fail_on", "expected"), [("error", 1), ("warning", 1), ("never", 0)])
def test_fail_on(findings: Path, fail_on: str, expected: int):
    assert main(["report", str(findings), "--format", "md", "--out", "-", "--fail-on", fail_on]) == expected


def test_baseline_fails_only_on_new_findings(tmp_path: Path, capsysbinary):
    old = write(tmp_path / "old" / "findings.json", document(stale_zxgh=False))
    same = write(tmp_path / "same" / "findings.json", document(stale_zxgh=False))
    new_warning = write(tmp_path / "warn" / "findings.json", document(stale_zxgh=True))
    better = write(tmp_path / "better" / "findings.json", document(stale_zxgh=False, fixed_image=True))

    def run(current: Path, fail_on: str) -> int:
        return main(["report", str(current), "--baseline", str(old), "--format", "md", "--out", "-",
                     "--fail-on", fail_on])

    assert run(same, "warning") == 0  # known errors do not fail a release
    assert run(new_warning, "error") == 0
    assert run(new_warning, "warning") == 1
    out = capsysbinary.readouterr().out.decode("utf-8")
    assert "新增 1" in out
    assert run(better, "warning") == 0
    assert "已解决 1" in capsysbinary.readouterr().out.decode("utf-8")



def test_with_a_baseline_the_junit_file_fails_what_the_exit_code_fails(tmp_path: Path, capsysbinary):
    """A new warning: ``--fail-on error`` exits 0 and JUnit has no failure; ``--fail-on warning``
    exits 1 and JUnit fails that one case; the known findings are skipped, not failed."""
    old = write(tmp_path / "old" / "findings.json", document(stale_zxgh=False))
    new_warning = write(tmp_path / "warn" / "findings.json", document(stale_zxgh=True))

    def junit(fail_on: str) -> tuple[int, str]:
        code = main(["report", str(new_warning), "--baseline", str(old), "--format", "junit", "--out", "-",
                     "--fail-on", fail_on])
        return code, capsysbinary.readouterr().out.decode("utf-8")

    code, xml = junit("error")
    assert code == 0 and 'failures="0"' in xml.split("<testsuite ", 1)[0]
    assert "已知问题" in xml
    code, xml = junit("warning")
    assert code == 1 and 'failures="1"' in xml.split("<testsuite ", 1)[0]

@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "findings file not found"),
        ("{not json", "not valid JSON"),
        ("[]", "expected a JSON object"),
        (json.dumps({"schema": "other/1"}), "schema is 'other/1'"),
        (json.dumps({**document(), "paths": {}}), "'paths' must be a JSON array"),
        (json.dumps({**document(), "findings": [{"kind": "missing_column", "message": "x", "severity": "fatal"}]}),
         "severity is 'fatal'"),
        (json.dumps({**document(), "findings": [{"kind": "missing_column", "message": "x", "severity": "error"}]}),
         "malformed entry"),
    ],
)
def test_bad_findings_file_is_one_clear_line(tmp_path: Path, capsys, content: str | None, message: str):
    target = tmp_path / "findings.json"
    if content is not None:
        target.write_text(content, encoding="utf-8")
    assert main(["report", str(target)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert err.startswith("pathaudit report: error:") and message in err
    assert "Traceback" not in err


def test_bad_baseline_and_bad_output(findings: Path, tmp_path: Path, capsys):
    assert main(["report", str(findings), "--baseline", str(tmp_path / "nope.json")]) == 2
    assert "baseline file not found" in capsys.readouterr().err
    assert main(["report", str(findings), "--format", "xlsx", "--out", "-"]) == 2
    assert "one text format" in capsys.readouterr().err
    blocker = write(tmp_path / "blocker", "a file, not a directory")
    assert main(["report", str(findings), "--out", str(blocker / "sub") + "/"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("pathaudit report: error: cannot write the report") and len(err.strip().splitlines()) == 1


def test_the_installed_command_runs(findings: Path, tmp_path: Path, repo_root: Path):
    """The real entry point in a fresh interpreter: exit status and no traceback on bad input."""
    ok = subprocess.run([sys.executable, "-m", "pathaudit", "report", str(findings), "--format", "junit",
                         "--out", str(tmp_path / "j.xml")], capture_output=True, text=True, cwd=repo_root, timeout=HANG_GUARD)
    assert ok.returncode == 1, ok.stderr  # the fixture has errors and --fail-on defaults to error
    assert (tmp_path / "j.xml").is_file()
    bad = subprocess.run([sys.executable, "-m", "pathaudit", "report", str(tmp_path / "missing.json")],
                         capture_output=True, text=True, cwd=repo_root, timeout=HANG_GUARD)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr and "not found" in bad.stderr
