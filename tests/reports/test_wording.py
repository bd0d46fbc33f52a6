"""Every word of the reports exists in both languages; unknown codes fall back to themselves."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from auditor.model.findings import FINDING_KINDS, FindingsReport
from auditor.audit.wording import LANGS, Words as Translator, keys as message_keys
from auditor.audit.inspection import inspect
from reports.view import BADGES

REPORTS = Path(__file__).resolve().parents[2] / "reports"


def empty_document() -> dict:
    return {"schema": "pathaudit/findings/1", "site": {}, "spec": {}, "started_at": "", "finished_at": "",
            "complete": True, "stats": {}, "paths": [], "findings": []}


@pytest.mark.parametrize("lang", LANGS)
def test_every_message_is_translated(lang):
    t = Translator(lang)
    for key in message_keys():
        assert t(key).strip(), key
    for kind in FINDING_KINDS:
        assert t.has(f"kind.{kind}"), kind
    for badge in BADGES:
        assert t.has(f"badge.{badge}"), badge
    for verdict in ("fail", "warn", "incomplete", "pass"):
        assert t.has(f"verdict.{verdict}") and t.has(f"verdict.{verdict}.why")
    for line in inspect(FindingsReport.from_dict(empty_document())).lines:
        assert t.has(f"insp.line.{line.id}")
    for state in ("crossed", "warning", "clear"):
        assert t.has(f"insp.state.{state}")


def test_languages_differ():
    zh, en = Translator("zh"), Translator("en")
    assert zh("verdict.fail") == "不合格" and en("verdict.fail") == "Fail"
    assert zh("fix.count", n=3) == "3 项"


def test_unknown_codes_show_as_themselves():
    assert Translator("zh").kind("broken_map") == "broken_map"
    with pytest.raises(ValueError):
        Translator("fr")


def test_every_key_the_reports_use_exists():
    """Keys written literally in templates and modules (t('…')) must all be in the catalogue."""
    known = set(message_keys())
    used: set[str] = set()
    for source in [*REPORTS.rglob("*.py"), *REPORTS.rglob("*.j2")]:
        used |= set(re.findall(r"""\bt\(\s*['"]([a-z_]+\.[a-z_.]+)['"]""", source.read_text(encoding="utf-8")))
    literal = {key for key in used if not key.endswith(".")}  # "insp.line." + id: checked above
    assert literal, "no keys found: the pattern is wrong"
    assert literal - known == set()
