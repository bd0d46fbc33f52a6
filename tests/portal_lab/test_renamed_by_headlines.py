"""A column under another name on the plain lab portal (markup from pools disjoint from the reader's
vocabulary): taken when its items' headlines speak of the mandated topic, not when they do not, and
never when its name is mandated elsewhere in the spec (``auditor.walk.renaming``)."""

from __future__ import annotations

from pathlib import Path

from auditor.specs import load_spec
from portal_lab.disjoint.build import SPEC_FILE
from portal_lab.disjoint.plain import lab_walk


def test_a_column_named_unrelatedly_whose_headlines_speak_of_the_topic_is_renamed_with_them():
    """意见征集 shown as 群众之声: its headlines (公开征求意见的公告, 征求意见稿 …) are the topic's."""
    walk = lab_walk({"consultations": "renamed"}, renames={"consultations": "群众之声"})
    assert walk.status("consultations") == "ok", walk.errors()
    renamed = walk.findings("consultations", "renamed_column")
    assert len(renamed) == 1
    evidence = renamed[0]["evidence"]
    assert (evidence["mandated_name"], evidence["site_name"], evidence["rename_form"]) == ("意见征集", "群众之声", None)
    assert evidence["headlines"] and all("意见" in h for h in evidence["headlines"])
    assert evidence["rename_score"] >= 0.6 and "群众之声" in renamed[0]["message"]
    assert not walk.errors()


def test_a_column_named_unrelatedly_whose_headlines_do_not_speak_of_the_topic_is_not_taken():
    """人事信息 shown as 综合服务: its headlines (任职的通知, 公开招聘, 干部任前公示) never say 人事 —
    nothing a person reads says it is that column."""
    walk = lab_walk({"personnel": "renamed"}, renames={"personnel": "综合服务"})
    assert walk.status("personnel") in ("missing", "unverified")
    assert not walk.findings("personnel", "renamed_column")


def test_a_name_mandated_elsewhere_in_the_spec_is_never_taken(tmp_path: Path):
    """人事任免 is taken for 人事信息 (the same first word, at its place) until the spec mandates
    人事任免 itself, elsewhere: then it is never a renamed 人事信息."""
    walk = lab_walk({"personnel": "renamed"}, renames={"personnel": "人事任免"})
    assert walk.findings("personnel", "renamed_column")
    text = SPEC_FILE.read_text(encoding="utf-8").replace("互动交流>意见征集", "互动交流>人事任免")
    (tmp_path / "spec.yaml").write_text(text, encoding="utf-8")
    walk = lab_walk({"personnel": "renamed"}, renames={"personnel": "人事任免"}, spec=load_spec(tmp_path / "spec.yaml"))
    assert walk.status("personnel") in ("missing", "unverified")
    assert not walk.findings("personnel", "renamed_column")
