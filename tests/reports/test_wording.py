"""Every word of the reports exists in both languages; unknown codes fall back to themselves."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from auditor.model.findings import FINDING_KINDS, FindingsReport
from auditor.audit.wording import keys as audit_keys
from reports.wording import LANGS, Words as Translator, overlap, report_keys
from auditor.audit.inspection import inspect
from reports.view import BADGES

REPORTS = Path(__file__).resolve().parents[2] / "reports"


def empty_document() -> dict:
    return {"schema": "pathaudit/findings/1", "site": {}, "spec": {}, "started_at": "", "finished_at": "",
            "complete": True, "stats": {}, "paths": [], "findings": []}


@pytest.mark.parametrize("lang", LANGS)
def test_every_message_is_translated(lang):
    t = Translator(lang)
    for key in (*audit_keys(), *report_keys()):
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


def test_each_word_lives_in_one_table():
    """Finding words in the audit's table, report words in the reports': no key in both, no report
    word left in the audit's table (the rules need none of them)."""
    from auditor.audit import wording as audit_wording

    assert overlap() == set()
    chrome = ("report.", "header.", "xlsx.", "insp.", "fix.", "tree.", "glance.", "index.", "junit.", "md.",
              "verdict.", "counts.", "state.", "badge.", "archive.", "history.")
    assert not [key for key in audit_keys() if key.startswith(chrome)]
    with pytest.raises(KeyError):
        audit_wording.Words("zh")("report.title")


def test_unknown_codes_show_as_themselves():
    assert Translator("zh").kind("broken_map") == "broken_map"
    with pytest.raises(ValueError):
        Translator("fr")


def test_every_key_the_reports_use_exists():
    """Keys written literally in templates and modules (t('…')) must all be in the catalogue."""
    known = {*audit_keys(), *report_keys()}
    used: set[str] = set()
    for source in [*REPORTS.rglob("*.py"), *REPORTS.rglob("*.j2")]:
        used |= set(re.findall(r"""\bt\(\s*['"]([a-z_]+\.[a-z_.]+)['"]""", source.read_text(encoding="utf-8")))
    literal = {key for key in used if not key.endswith(".")}  # "insp.line." + id: checked above
    assert literal, "no keys found: the pattern is wrong"
    assert literal - known == set()


# --- every code worded in both languages, and no language leaks into the other ------------------------

from reports.wording import DEFAULT_DEADLINE_DAYS, Words, deadline_days  # noqa: E402
from auditor.model.findings import MEDIA_FINDING_KINDS  # noqa: E402

def crawl_reasons() -> list[dict]:
    """Every crawl reason code (auditor.model.reasons.WORDING), with numbers for its facts, and one
    resting on another (the home page's failure)."""
    import string

    from auditor.model.reasons import WORDING, Reason

    reasons = []
    for code, templates in WORDING.items():
        names = {field for template in templates for _, field, _, _ in string.Formatter().parse(template) if field}
        facts = {name: 7 for name in names if name not in ("within", "note_zh")}
        reasons.append(Reason(code, **facts).to_json())
    reasons.append(Reason("home_unreachable", within=(Reason("http_error", status=503, retries=2),)).to_json())
    return reasons


MEDIA_REASONS = ("http_status", "wrong_type", "empty", "undecodable", "truncated", "unplayable_format", "timeout")
#: words a Chinese report may carry: names, acronyms and formats an inspector reads as they are
ALLOWED_LATIN = {"PathAudit", "HTTP", "JavaScript", "robots.txt", "Flash", "PDF", "MP4", "JPEG", "PNG", "WARC",
                 "MB", "KB", "findings.json", "evidence.warc.gz", "HTML", "pathaudit", "TLS", "DNS", "URL", "IP", "ETag",
                 "UTC"}  # a time's zone (UTC+8), a symbol like MB
#: keys whose values are codes or sentences (worded by the report), not data the site or the spec wrote
NOT_DATA = {"kind", "severity", "status", "code", "why", "reason", "reason_zh", "reason_code",
            "message", "media_kind", "media_reason", "detail", "close_reason", "as_of", "file"}
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9.]*[A-Za-z0-9]|[A-Za-z]")
URL = re.compile(r"(?:https?|javascript)://?[^\s<>\"'）)，、]*|<urn:uuid:[0-9a-f-]+>")
#: the ledger's finding ids (hex fingerprints) are identifiers, not words
HEX_ID = re.compile(r"\b[0-9a-f]{12,}\b")


def every_code_document(liangjiang) -> dict:
    """The fixture's findings plus one unverified finding per crawl reason and one broken medium per
    media reason: every finding kind, message code and reason a crawl writes."""
    data = liangjiang()
    extra = []
    from auditor.model.reasons import Reason

    for n, reason in enumerate(crawl_reasons()):
        phrase = Reason.from_json(reason).phrase()
        extra.append({"kind": "unverified", "severity": "warning", "path": ["互动交流", "在线访谈"], "path_id": "zxft",
                      "url": f"http://ljxq.cq.gov.cn/r{n}/", "page": None, "message": "无法核实", "code": "unverified",
                      "params": {"path": "互动交流 > 在线访谈", "reason": reason},
                      "evidence": {"reason": phrase, "reason_code": reason["code"], "reason_data": reason}})
        extra.append({"kind": "unverified", "severity": "warning", "path": ["互动交流", "在线访谈"], "path_id": "zxft",
                      "url": f"http://ljxq.cq.gov.cn/m{n}.mp4", "page": "http://ljxq.cq.gov.cn/a.html",
                      "message": "无法核实", "code": "unverified_medium",
                      "params": {"media_kind": "video", "reason": reason},
                      "evidence": {"reason": phrase, "reason_code": reason["code"], "reason_data": reason,
                                   "media_kind": "video"}})
    for kind in MEDIA_FINDING_KINDS:
        for reason in MEDIA_REASONS:
            status = 404 if reason == "http_status" else 200
            code = "broken_medium.status" if status >= 400 else "broken_medium"
            extra.append({"kind": kind, "severity": "error", "path": ["新闻动态", "两江要闻"], "path_id": "ljyw",
                          "url": f"http://ljxq.cq.gov.cn/m/{kind}-{reason}", "page": "http://ljxq.cq.gov.cn/a.html",
                          "message": "媒体损坏", "code": code,
                          "params": {"media_kind": kind.removeprefix("broken_"), "media_reason": reason, "http_status": status},
                          "evidence": {"reason": reason, "http_status": status, "content_type": "text/html",
                                       "detail": "the server sent an HTML page instead of a file"}})
    for code in ("empty_section.no_subcolumns", "empty_section.below_min_items", "stale_section.no_dates"):
        extra.append({"kind": code.split(".")[0], "severity": "error", "path": ["新闻动态", "两江要闻"], "path_id": "ljyw",
                      "url": "http://ljxq.cq.gov.cn/xwdt/ljyw/", "page": None, "message": "栏目问题", "code": code,
                      "params": {"path": "新闻动态 > 两江要闻", "items": 1, "min_items": 3},
                      "evidence": {"why": code.split(".")[1], "items": 1, "min_items": 3}})
    # the clause rules (auditor/audit/clause_rules.py): one finding per message code
    clause_params = {"path": "互动交流 > 网民留言", "title": "关于路灯的留言", "year": 2025, "due": "2026-01-31",
                     "as_of": "2026-03-15", "date": "2026-02-03", "count": 2, "min_per_year": 4, "match": "新闻发布会",
                     "accepted": "2026-01-04", "replied": "2026-02-03", "days": 30, "limit": 15,
                     "document": "关于促进产业发展的若干措施", "rule": "min_per_year",
                     "width": 1200, "screen": 390, "home": "http://m.ljxq.cq.gov.cn/",
                     "reason": Reason("clause_year_not_covered", year=2025, oldest="2025-06-01").to_json()}
    for code in ("missing_yearly_item", "missing_yearly_item.late", "below_yearly_count", "missing_phone",
                 "unanswered_message.no_reply", "unanswered_message.before_acceptance", "unanswered_message.late",
                 "unlinked_interpretation.no_document", "unlinked_interpretation.no_backlink", "not_mobile_ready",
                 "not_mobile_ready.no_viewport", "not_mobile_ready.not_reachable", "not_mobile_ready.mobile_too_wide",
                 "unverified_clause"):
        kind = "unverified" if code == "unverified_clause" else code.split(".")[0]
        extra.append({"kind": kind, "severity": "error", "path": ["互动交流", "网民留言"], "path_id": "wmly",
                      "url": "http://ljxq.cq.gov.cn/hdjl/wmly/1.html", "page": None, "message": "条款问题", "code": code,
                      "params": clause_params, "evidence": {"title": "关于路灯的留言"}})
    extra.append({"kind": "misplaced_column", "severity": "error", "path": ["新闻动态", "两江要闻"], "path_id": "ljyw",
                  "url": "http://ljxq.cq.gov.cn/zwgk/ljyw/", "page": None, "message": "栏目位置不符", "code": "misplaced_column",
                  "params": {"path": "新闻动态 > 两江要闻", "segment": "两江要闻", "stopped_at": "新闻动态",
                             "found_under": "政务公开", "found_url": "http://ljxq.cq.gov.cn/zwgk/ljyw/"},
                  "evidence": {"segment": "两江要闻", "mandated_parent": {"name": "新闻动态", "url": "http://ljxq.cq.gov.cn/xwdt/"},
                               "found_at": {"url": "http://ljxq.cq.gov.cn/zwgk/ljyw/", "parent_name": "政务公开",
                                            "parent_url": "http://ljxq.cq.gov.cn/zwgk/"}, "offered": []}})
    # a column taken under another name by its headlines alone (auditor/walk/renaming.py)
    extra.append({"kind": "renamed_column", "severity": "warning", "path": ["互动交流", "在线访谈"], "path_id": "zxft",
                  "url": "http://ljxq.cq.gov.cn/hdjl/qzzs/", "page": None, "message": "栏目名称不规范",
                  "code": "renamed_column.headlines",
                  "params": {"mandated_name": "在线访谈", "site_name": "群众之声", "similarity": 0.0,
                             "headline": "区长在线访谈实录", "score": 0.92},
                  "evidence": {"mandated_name": "在线访谈", "site_name": "群众之声", "similarity": 0.0, "rename_form": None,
                               "rename_score": 0.92, "headlines": ["区长在线访谈实录"]}})
    data["findings"].extend(extra)
    data["stats"].update({"close_reason": "finished", "replayed": 0, "snapshot": False,
                          "archive": {"file": "evidence.warc.gz", "records": 3, "bytes": 2048, "left_out": 1,
                                      "cap_bytes": 1024}})
    return data


def data_strings(value, key: str | None = None) -> set[str]:
    """Every string the site or the spec wrote (names, titles, placeholders, units...)."""
    found: set[str] = set()
    if isinstance(value, dict):
        for k, v in value.items():
            if k not in NOT_DATA:
                found |= data_strings(v, k)
    elif isinstance(value, list):
        for item in value:
            found |= data_strings(item, key)
    elif isinstance(value, str) and value:
        found.add(value)
    return found


def without(text: str, strings: set[str]) -> str:
    for piece in sorted(strings, key=len, reverse=True):
        text = text.replace(piece, " ")
    return HEX_ID.sub(" ", URL.sub(" ", text))


def rendered_texts(report, lang: str, tmp_path) -> dict[str, str]:
    """What a reader sees in each format: the HTML page's text (and its titles), JUnit's messages and
    output, the Markdown, every ledger cell."""
    import lxml.etree
    import lxml.html
    import openpyxl

    from reports import render

    page = lxml.html.document_fromstring(render(report, "html", lang))
    for element in page.xpath("//script|//style"):
        element.drop_tree()
    html_text = page.text_content() + " ".join(page.xpath("//@title|//@alt|//@aria-label|//@data-label"))
    junit = lxml.etree.fromstring(render(report, "junit", lang))
    # what a CI view shows: case names, failure and skip messages, the output (property names are keys)
    junit_text = " ".join([*junit.xpath("//testcase/@name|//failure/@message|//skipped/@message"),
                           *junit.xpath("//text()")])
    book = openpyxl.load_workbook(io.BytesIO(render(report, "xlsx", lang)))
    cells = " ".join(str(c.value) for sheet in book for row in sheet.iter_rows() for c in row if c.value is not None)
    markdown = re.sub(r"\\(.)", r"\1", render(report, "md", lang)).replace("<br>", " ")  # as GitHub shows it
    return {"html": html_text, "junit": junit_text, "md": markdown, "xlsx": cells}


def test_every_kind_has_advice_and_a_default_deadline():
    zh, en = Words("zh"), Words("en")
    for kind in FINDING_KINDS:
        assert zh.has(f"advice.{kind}") and en.has(f"advice.{kind}"), kind
        assert DEFAULT_DEADLINE_DAYS[kind] > 0
    assert zh.advice("missing_column") == "补建栏目并发布信息"
    assert zh.advice("stale_section").startswith("更新栏目内容")
    assert zh.advice("broken_video") == "替换可播放的视频文件"
    assert deadline_days("missing_column", {"missing_column": 10}) == 10  # a spec's own figure wins
    assert deadline_days("missing_column", {"stale_section": 5}) == 30


def test_every_message_code_reads_in_both_languages(liangjiang):
    report = FindingsReport.from_dict(every_code_document(liangjiang))
    codes = {f.code for f in report.findings}
    wording_codes = {key.removeprefix("msg.") for key in audit_keys() if key.startswith("msg.")}
    assert wording_codes <= codes, f"codes never exercised: {wording_codes - codes}"
    for finding in report.findings:
        for lang in LANGS:
            sentence = Words(lang).message(finding.code, finding.params)
            assert sentence and "{" not in sentence, (lang, finding.code)


@pytest.mark.parametrize("lang", LANGS)
def test_a_report_speaks_only_its_own_language(liangjiang, lang, tmp_path):
    """Rendered from findings with every kind and reason, in every format: an English report holds no
    Chinese but the site's and the mandate's own text; a Chinese one no English word but names and
    acronyms (HTTP, JavaScript, PDF...)."""
    document = every_code_document(liangjiang)
    report = FindingsReport.from_dict(document)
    data = data_strings(document) | {"http(s)"}  # the scheme, as an inspector reads it
    problems = []
    for fmt, text in rendered_texts(report, lang, tmp_path).items():
        rest = without(text, data)
        if lang == "en":
            leaks = sorted(set(CJK.findall(rest)))
            if leaks:
                at = CJK.search(rest).start()
                problems.append(f"{fmt}: Chinese {''.join(leaks)[:20]} near {rest[max(0, at - 40):at + 20]!r}")
        else:
            words = sorted(set(LATIN_WORD.findall(rest)) - ALLOWED_LATIN)
            if words:
                problems.append(f"{fmt}: English {words[:12]}")
    assert problems == [], "\n".join(problems)


# --- the wording slips of issue 20 ---------------------------------------------------------------------
GOLDEN = Path(__file__).resolve().parents[1] / "data" / "golden" / "findings.json"


@pytest.fixture(scope="module")
def demo_outputs() -> dict[str, str]:
    from reports import render

    report = FindingsReport.read(GOLDEN)
    return {fmt: render(report, fmt, "zh").decode("utf-8") if fmt == "junit" else render(report, fmt, "zh")
            for fmt in ("html", "md", "junit")}


def test_no_report_names_a_findings_kind_twice(demo_outputs):
    for fmt, text in demo_outputs.items():
        for kind in ("栏目缺失", "栏目名称不规范"):
            assert not re.search(f"{kind}[:：]\\s*{kind}", text), fmt


def test_an_image_is_not_played_and_a_video_not_displayed():
    zh, en = Words("zh"), Words("en")
    for media, verb_zh, verb_en in (("image", "无法正常显示", "does not display"), ("video", "无法正常播放", "does not play"),
                                    ("audio", "无法正常播放", "does not play"), ("attachment", "无法正常打开", "does not open")):
        params = {"media_kind": media, "media_reason": "truncated"}
        assert zh.message("broken_medium", params).startswith(zh.media(media) + verb_zh + "：")
        assert f"The {en.media(media)} {verb_en}: " in en.message("broken_medium", params)
    assert "播放" not in zh.message("broken_medium", {"media_kind": "image", "media_reason": "empty"})


def test_a_similarity_says_of_what_as_a_percentage():
    params = {"mandated_name": "规划信息", "site_name": "规划计划", "similarity": 0.5}
    assert "（两个名称的相似度 50%）" in Words("zh").message("renamed_column", params)
    assert "(the two names are 50% alike)" in Words("en").message("renamed_column", params)
    assert Words("zh")("ev.similarity") == "名称相似度"


def test_a_document_number_keeps_its_hexagonal_brackets(demo_outputs):
    """﹝﹞ (small-form variants, which print as tiny marks that read as （）) are shown as 〔〕."""
    for fmt in ("html", "md"):
        assert "渝两江管办发〔2021〕44号" in demo_outputs[fmt], fmt
        assert "﹝" not in demo_outputs[fmt]


def test_the_trend_speaks_the_reports_language():
    from reports.trend import trend_chart

    runs = [{"run_id": 1, "finished_at": "2026-12-01T01:30:00+08:00", "error": 3, "warning": 1, "info": 0},
            {"run_id": 2, "finished_at": "2026-12-02T01:30:00+08:00", "problem": "site unreachable: refused"}]
    chart = trend_chart(runs, lang="zh")
    tooltips = re.findall(r"<title>([^<]*)</title>", chart)
    assert tooltips == ["各次检查发现的问题数", "2026-12-01 01:30 UTC+8：错误 3、警告 1、提示 0", "2026-12-02 01:30 UTC+8：无法核查"]
    assert "error" not in " ".join(tooltips) and "refused" not in chart


def test_chinese_sentences_in_every_format_use_full_width_punctuation():
    """No half-width colon, comma or parenthesis right after a Chinese character in what the inspector
    reads (URLs and code spans aside): the demo's HTML report, summary, JUnit file and ledger."""
    import lxml.html

    from openpyxl import load_workbook

    from reports import render

    report = FindingsReport.read(GOLDEN)
    page = lxml.html.fromstring(render(report, "html", "zh"))
    for node in page.xpath("//script|//style"):
        node.drop_tree()
    texts = {
        "html": page.text_content(),
        "md": re.sub(r"\]\([^)]*\)|`[^`]*`|https?://\S+", "", render(report, "md", "zh")),
        "junit": render(report, "junit", "zh").decode("utf-8"),
        "xlsx": " ".join(str(cell.value) for sheet in load_workbook(io.BytesIO(render(report, "xlsx", "zh")))
                         for row in sheet.iter_rows() for cell in row if cell.value),
    }
    slip = re.compile(r"[\u4e00-\u9fff][:(,;]|[\u4e00-\u9fff] \((?!http)")
    for fmt, text in texts.items():
        assert not slip.findall(text), (fmt, [text[max(0, m.start() - 12):m.end() + 12] for m in slip.finditer(text)][:5])
