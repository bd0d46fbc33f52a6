"""The reports' own words: titles, headings, labels, path states and badges, the ledger's columns, the
index page, the evidence archive — every word a report prints that is not a finding's. Finding words
(kinds, messages, severities, evidence keys, reasons, advice) stay in the audit's table
(``auditor.audit.wording``), which the rules write findings.json with; :class:`Words` here reads both.

One zh/en table each, so a report word and a finding word never disagree, and a new finding kind
needs no report change.
"""

from __future__ import annotations

from collections import ChainMap
from collections.abc import Mapping
from dataclasses import dataclass

from auditor.audit import wording as audit_wording
from auditor.audit.wording import DEFAULT_DEADLINE_DAYS, DEFAULT_LANG, LANGS, VALUE_LABEL_PREFIX, deadline_days

#: key -> (zh, en)
_REPORT_WORDS: dict[str, tuple[str, str]] = {
    # report chrome
    "report.title": ("栏目核查报告", "Column audit report"),
    "report.tool": ("PathAudit 政府网站栏目核查", "PathAudit government portal audit"),
    "report.generated_from": ("本报告由 findings.json 生成，可随时重建。", "Rebuilt from findings.json at any time."),
    "header.site": ("站点", "Site"),
    "header.hosts": ("抓取范围", "Hosts"),
    "header.spec": ("核查依据", "Mandate"),
    "header.issued": ("印发日期", "Issued"),
    "header.when": ("抓取时间", "Crawled"),
    "header.duration": ("用时", "Duration"),
    "header.completeness": ("完整性", "Completeness"),
    "header.complete": ("完整抓取", "complete"),
    "header.partial": ("部分结果（抓取未完成）", "partial (the crawl did not finish)"),
    "header.unreachable": ("无法核查（首页无法访问，未抓取任何栏目）", "not audited (the home page could not be read; no column was crawled)"),
    "header.stats": ("抓取统计", "Crawl statistics"),
    "header.verdict": ("结论", "Verdict"),
    "header.paths": ("规定栏目路径", "Mandated paths"),
    "header.findings": ("问题", "Findings"),
    "header.baseline": ("与基线比较", "Against the baseline"),
    "header.baseline_of": ("基线抓取时间", "Baseline crawled"),
    "stats.requests": ("请求数", "requests"),
    "stats.pages": ("页面数", "pages"),
    "stats.media_checked": ("检查媒体数", "media checked"),
    "stats.responses": ("响应数", "responses"),
    "stats.item_pages": ("信息页面数", "item pages"),
    "stats.columns_observed": ("核查栏目数", "columns observed"),
    "stats.as_of": ("核查日期", "as of"),
    "stats.close_reason": ("结束原因", "ended"),
    "stats.replayed": ("重放响应数", "replayed"),
    "stats.run_id": ("运行编号", "run id"),
    "close.finished": ("正常结束", "finished"),
    "close.shutdown": ("被中断", "interrupted"),
    "close.cancelled": ("被取消", "cancelled"),
    "close.other": ("其他原因", "other"),
    "verdict.unreachable": ("无法核查", "Not audited"),
    "verdict.unreachable.why": ("网站首页无法访问，本次未能核查任何栏目，不能据此判定合格或不合格。",
                                "The portal's home page could not be read: no column was checked, so "
                                "the site neither passes nor fails."),
    "verdict.fail": ("不合格", "Fail"),
    "verdict.warn": ("需整改", "Needs fixing"),
    "verdict.incomplete": ("未完成（结果不完整）", "Incomplete (partial results)"),
    "verdict.pass": ("合格", "Pass"),
    "verdict.fail.why": ("存在错误级问题或触及单项否决指标。", "There are errors, or a veto line is crossed."),
    "verdict.warn.why": ("存在警告级问题或单项否决预警。", "There are warnings, or a veto line is close."),
    "verdict.incomplete.why": ("抓取未完成，未发现错误，但不能据此判定合格。",
                               "The crawl did not finish: no errors so far, but no pass either."),
    "verdict.pass.why": ("规定栏目均已核查，未发现问题。", "Every mandated path was checked; nothing is wrong."),
    "counts.severity": ("按严重程度", "By severity"),
    "counts.kind": ("按问题类型", "By kind"),
    "counts.status": ("按栏目状态", "By path status"),
    "counts.count": ("数量", "Count"),
    "counts.new": ("新增", "New"),
    "counts.kind_columns": ("{n} 条（{columns} 个栏目）", "{n} ({columns} columns)"),
    "counts.none": ("未发现问题。", "No findings."),
    "baseline.new": ("新增", "new"),
    "baseline.resolved": ("已解决", "resolved"),
    "baseline.unchanged": ("未变", "unchanged"),
    "baseline.resolved_title": ("已解决的问题（基线中有，本次未再发现）",
                                "Resolved (in the baseline, not found this time)"),
    # path badges
    "badge.ok": ("正常", "ok"),
    "badge.missing": ("缺失", "missing"),
    "badge.renamed": ("名称不规范", "renamed"),
    "badge.empty": ("空白", "empty"),
    "badge.stale": ("未更新", "stale"),
    "badge.missing_field": ("缺少要素", "missing field"),
    "badge.broken_media": ("媒体损坏", "broken media"),
    "badge.unverified": ("无法核实", "unverified"),
    "badge.other": ("其他问题", "other issues"),
    # path tree
    "tree.title": ("规定栏目路径", "Mandated paths"),
    "tree.clause": ("依据条款", "Clause"),
    "tree.quote": ("规定原文", "Mandate text"),
    "tree.lead": ("牵头单位", "Lead unit"),
    "tree.responsible": ("责任单位", "Responsible units"),
    "tree.url": ("栏目页面", "Column page"),
    "tree.trail": ("访问路径", "Links followed"),
    "tree.items": ("信息条数", "Items"),
    "tree.latest_date": ("最新信息日期", "Newest item"),
    "tree.notes": ("计数说明", "About the count"),
    "tree.reason": ("无法核实原因", "Why it could not be checked"),
    "tree.findings": ("问题", "Findings"),
    "tree.broken_media": ("损坏的媒体", "Broken media"),
    "tree.media_url": ("地址", "URL"),
    "tree.media_page": ("所在页面", "Used on"),
    # a media verdict a re-crawl replayed from its cache (the page was unchanged): said, with its time
    "media.replayed": ("此结论依据 {at} 取得的文件：所在页面未变，本次沿用缓存，未重新下载。",
                       "This verdict rests on the file as answered at {at}: its page was unchanged, so this "
                       "crawl replayed it from the cache instead of fetching it again."),
    "tree.loaded_images": ("正常显示的图片", "Images that loaded"),
    "tree.more_images": ("另有 {n} 张", "{n} more"),
    "tree.site_name": ("网站名称", "Site name"),
    # how a column's page was read (paths[].read): said in the reports when it was not static
    "read.static": ("静态页面", "static page"),
    "read.data": ("经页面数据接口读取", "read from the data its page loads"),
    "read.rendered": ("经浏览器渲染读取", "read rendered in a browser"),
    "read.summary": ("由脚本生成的栏目：{rendered} 个经浏览器渲染读取，{data} 个经页面数据接口读取。",
                     "Columns drawn by script: {rendered} read rendered in a browser, {data} read from the data their pages load."),
    "tree.none": ("无", "none"),
    "tree.unknown": ("未知", "unknown"),
    "tree.site_findings": ("站点级问题（不属于具体栏目）", "Site-wide findings (no mandated path)"),
    # filters
    "filter.title": ("筛选", "Filter"),
    "filter.status": ("状态", "Status"),
    "filter.unit": ("单位", "Unit"),
    "filter.kind": ("问题类型", "Kind"),
    "filter.all": ("全部", "all"),
    "filter.reset": ("重置", "Reset"),
    "filter.shown": ("显示", "Showing"),
    # national inspection view
    "insp.title": ("国家检查指标（单项否决）", "National inspection (veto lines)"),
    "insp.intro": ("对照《政府网站与政务新媒体检查指标》中可由抓取判定的单项否决项。",
                   "The veto items of the national government website inspection index that a crawl can judge."),
    "insp.line": ("指标", "Line"),
    "insp.count": ("本次计数", "Count"),
    "insp.veto_at": ("否决线", "Veto at"),
    "insp.warn_at": ("预警线", "Warn at"),
    "insp.state": ("状态", "State"),
    "insp.columns": ("涉及栏目", "Columns"),
    "insp.line.blank_columns": ("空白栏目", "Blank columns"),
    "insp.line.stale_columns": ("栏目不更新（动态类 2 周、通知公告/政策文件类 6 个月）",
                                "Stale columns (news 2 weeks, notices/policy 6 months)"),
    "insp.line.long_stale_columns": ("应更新而长期未更新的栏目", "Should-update columns stale for long"),
    "insp.state.crossed": ("已触及否决线", "veto line crossed"),
    "insp.state.warning": ("预警", "early warning"),
    "insp.state.clear": ("正常", "clear"),
    "insp.state.not_checked": ("无法核查", "not checked"),
    "insp.broken": ("不可用链接与媒体（扣分项）", "Broken links and media (deductions)"),
    "insp.broken.total": ("合计", "total"),
    "insp.partial": ("抓取未完成：以上计数为下限。", "The crawl did not finish: these counts are lower bounds."),
    "insp.counted": ("计数口径：规定栏目及其规则要求的子栏目中，状态为空白或未更新的栏目各计一次，与栏目总览中的「空白」「未更新」一致；空白的上级栏目与其空白子栏目分别计数。",
                     "What counts: each mandated path and each sub-column its rule requires, once, when its state is blank or stale — the same columns the overview counts as blank and stale; a blank parent and its blank sub-columns count separately."),
    "insp.outside": ("互动回应、安全等其他否决项无法由抓取判定，不在此列。",
                     "Other veto items (replies to the public, security...) cannot be judged by a crawl."),
    # remediation list
    "fix.title": ("整改清单", "Remediation list"),
    "fix.intro": ("按牵头单位列出须整改的栏目和问题，每个单位可单独打印。",
                  "What each lead unit must fix; each unit's list prints on its own."),
    "fix.print": ("打印本单位整改清单", "Print this unit's list"),
    "fix.unassigned": ("未指定牵头单位", "No lead unit"),
    "fix.path": ("栏目路径", "Path"),
    "fix.problem": ("问题", "Problem"),
    "fix.link": ("链接", "Link"),
    "fix.responsible": ("责任单位", "Responsible"),
    "fix.count": ("{n} 项", "{n} item(s)"),
    "fix.nothing": ("没有须整改的问题。", "Nothing to fix."),
    "fix.not_audited": ("无法核查：网站首页无法访问，本次未核查任何栏目，不发出整改通知。",
                        "Not audited: the home page could not be read, no column was checked, and no remediation notice is sent."),
    "nav.summary": ("概况", "Summary"),
    "nav.inspection": ("检查指标", "Inspection"),
    "nav.tree": ("栏目路径", "Paths"),
    "nav.fix": ("整改清单", "Remediation"),
    "nav.print": ("打印", "Print"),
    # markdown and junit
    "md.failing_paths": ("未通过的栏目路径", "Failing paths"),
    "md.status": ("状态", "Status"),
    "md.path": ("栏目路径", "Path"),
    "md.problems": ("问题", "Problems"),
    "md.lead": ("牵头单位", "Lead"),
    "md.more_rows": ("另有 {n} 行未列出，见 HTML 报告。", "{n} more rows: see the HTML report."),
    "md.all_paths_ok": ("所有规定栏目路径均通过。", "Every mandated path passes."),
    "md.site_findings": ("站点级问题", "Site-wide findings"),
    "junit.site": ("站点", "site"),
    "junit.media_case": ("{kind} {url}", "{kind} {url}"),
    "junit.known": ("（基线中已有）", "(known in the baseline)"),
    "junit.unreachable_case": ("无法核查：{why}", "not audited: {why}"),
    "junit.known_since": ("已知问题（{date} 首次发现），不计入本次门禁：{message}",
                          "known since {date}, not counted by the gate: {message}"),
    # ledger (xlsx)
    "xlsx.sheet": ("整改台账", "Remediation ledger"),
    "xlsx.no": ("序号", "No."),
    "xlsx.path": ("栏目路径", "Path"),
    "xlsx.kind": ("问题类型", "Kind"),
    "xlsx.message": ("问题描述", "Description"),
    "xlsx.url": ("页面链接", "Page link"),
    "xlsx.lead": ("牵头单位", "Lead unit"),
    "xlsx.responsible": ("责任单位", "Responsible units"),
    "xlsx.found": ("发现时间", "Found"),
    "xlsx.state": ("整改状态", "Status"),
    "xlsx.severity": ("严重程度", "Severity"),
    "xlsx.clause": ("依据条款", "Clause"),
    "xlsx.change": ("对比上次", "Since baseline"),
    "xlsx.fingerprint": ("问题标识", "Finding id"),
    "xlsx.page": ("所在页面", "On page"),
    "xlsx.note": ("备注", "Notes"),
    "xlsx.fixed_on": ("整改日期", "Fixed on"),
    "xlsx.runs_seen": ("发现次数", "Runs seen"),
    "history.trend": ("历次检查趋势", "Trend across runs"),
    "history.trend_title": ("各次检查发现的问题数", "Findings per run"),
    "history.trend_run": ("{when}：{counts}", "{when}: {counts}"),
    "history.first_seen": ("首次发现", "First seen"),
    "history.runs_seen": ("发现次数", "runs seen"),
    "index.title": ("网站检查总览", "Sites audited"),
    "index.generated": ("生成于", "Generated"),
    "index.sites": ("网站数", "Sites"),
    "index.failed_sites": ("无法核查", "Not audited"),
    "index.problem": ("本次核查未能完成，原因见运行日志（FAILED.txt）。", "The audit did not complete; the run's log (FAILED.txt) says why."),
    "index.problem_detail": ("日志原文", "Log line"),
    "index.site": ("网站", "Site"),
    "index.report": ("检查报告", "Report"),
    "index.verdict.failed": ("无法核查", "Not audited"),
    "xlsx.state.open": ("未整改", "open"),
    "xlsx.state.in_progress": ("整改中", "in progress"),
    "xlsx.state.fixed": ("已整改", "fixed"),
    "xlsx.state.closed": ("已销号", "closed"),
    "xlsx.state.fix_failed": ("整改未通过", "fix not confirmed"),
    "xlsx.site": ("（站点级）", "(site-wide)"),
    # path states: one per path, what the tree colours and every count counts
    "state.ok": ("正常", "ok"),
    "state.flawed": ("存在问题", "has problems"),
    "state.missing": ("缺失", "missing"),
    "state.empty": ("空白", "empty"),
    "state.stale": ("未更新", "stale"),
    "state.unverified": ("无法核实", "unverified"),
    "state.flawed.why": ("栏目存在，但有名称、子栏目、要素或媒体问题", "the column exists but has other problems"),
    "counts.paths": ("栏目路径", "Mandated paths"),
    "counts.findings": ("问题", "Findings"),
    "counts.total": ("合计", "total"),
    # the column tree at a glance
    "glance.title": ("栏目总览", "The columns at a glance"),
    "glance.intro": ("按网站栏目层级列出规定栏目，颜色表示状态；点击栏目查看详情。",
                     "The mandated columns as the site's tree, coloured by state; click a column for its card."),
    "glance.home": ("首页", "Home"),
    "glance.missing_parent": ("上级栏目缺失", "parent column missing"),
    "glance.missing_below": ("网站上没有该栏目，其下 {n} 个规定栏目无法到达", "not on the site: {n} mandated column(s) below cannot be reached"),
    "glance.unreachable": ("无法到达：上级栏目「{name}」缺失", "unreachable: its parent \"{name}\" is missing"),
    "glance.not_mandated": ("（非规定栏目）", "(not mandated itself)"),
    "glance.legend": ("图例", "Legend"),
    "glance.below": ("下级规定栏目", "mandated columns below"),
    # remediation
    "fix.advice": ("整改建议", "What to do"),
    "fix.deadline": ("整改时限", "Fix by"),
    "fix.deadline_value": ("{date}前（{days} 天内）", "by {date} (within {days} days)"),
    "fix.policy": ("整改时限自抓取之日起计算：{policy}。", "Deadlines count from the day of the crawl: {policy}."),
    "fix.policy_item": ("{kind} {days} 天", "{kind} {days} days"),
    "fix.policy_spec": ("（依据核查依据中的规定）", "(as the mandate states)"),
    "fix.policy_default": ("（默认时限，核查依据可另行规定）", "(default deadlines; a mandate may set its own)"),
    "fix.notice": ("整改通知", "Remediation notice"),
    "fix.notice_to": ("致：{unit}", "To: {unit}"),
    "fix.notice_body": ("经对 {site} 的栏目核查，贵单位负责的以下栏目存在问题，请按整改建议在整改时限前完成整改，并反馈整改情况。",
                        "An audit of {site} found the problems below in the columns your unit is responsible for. "
                        "Please fix them as advised, by the dates given, and report back."),
    "fix.notice_sign": ("核查日期：{date}", "Audit date: {date}"),
    # evidence kept with the run (WARC)
    "archive.title": ("存档证据", "Saved evidence"),
    "archive.record": ("证据记录", "Evidence record"),
    "archive.saved_at": ("存档时间", "Saved at"),
    "archive.snapshot": ("页面快照（抓取当日网站显示的内容，离线查看）", "Page snapshot (what the site showed on the day, offline)"),
    "archive.open": ("查看存档", "Show the saved copy"),
    "archive.first_bytes": ("文件开头字节", "First bytes of the file"),
    "archive.sniffed": ("按内容识别为", "Its bytes say"),
    "archive.verdict": ("判定", "Verdict"),
    "archive.truncated": ("存档只保留了前 {n} 字节", "only the first {n} bytes were saved"),
    "archive.not_saved": ("未存档（超出存档容量上限）", "not saved (the archive's size cap was reached)"),
    "archive.none": ("本次抓取未保存存档", "this crawl kept no archive"),
    "archive.summary": ("存档 {records} 条记录，共 {size}；文件 {file}", "{records} records saved, {size}, in {file}"),
    "archive.left_out": ("因容量上限（{cap}）有 {n} 条响应未存档", "{n} responses were left out by the size cap ({cap})"),
    "archive.failed": ("存档因写入失败而中止，其后的响应未存档", "the archive stopped when a write failed; later answers were not saved"),
    "archive.list_items": ("列表页显示的信息条数", "Items the list page shows"),
    "archive.placeholder_seen": ("页面中的占位文字", "Placeholder on the page"),
    "archive.thumb_saved": ("缩略图取自存档", "thumbnails from the saved copies"),
    "sniff.html": ("网页（HTML）", "a web page (HTML)"),
    "sniff.empty": ("空文件", "an empty file"),
    "sniff.unknown": ("无法识别的内容", "unrecognised content"),
    # PDF and printing
    "nav.pdf": ("PDF", "PDF"),
    "nav.glance": ("总览", "Overview"),
    # what fails, by media kind: an image does not display, a video does not play
    "xlsx.advice": ("整改建议", "What to do"),
    "xlsx.deadline": ("整改时限", "Fix by"),
    "xlsx.record": ("证据记录", "Evidence record"),
    "xlsx.kind_columns": ("问题 · {kind}（栏目数）", "Findings · {kind} (columns)"),
    "xlsx.summary_sheet": ("概况", "Summary"),
    "xlsx.item": ("项目", "Item"),
    "xlsx.count": ("数量", "Count"),
}

#: the reports' words over the audit's (a key in both would be a mistake: see tests/reports/test_wording.py)
_ALL: Mapping[str, tuple[str, str]] = ChainMap(_REPORT_WORDS, audit_wording._WORDS)


@dataclass(frozen=True)
class Words(audit_wording.Words):
    """The audit's words and the reports' in one language."""

    def table(self) -> Mapping[str, tuple[str, str]]:
        return _ALL


def report_keys() -> tuple[str, ...]:
    """The keys of the reports' own table."""
    return tuple(_REPORT_WORDS)


def overlap() -> set[str]:
    """Keys in both tables (none: each word lives in one)."""
    return set(_REPORT_WORDS) & set(audit_wording._WORDS)


__all__ = ["DEFAULT_DEADLINE_DAYS", "DEFAULT_LANG", "LANGS", "VALUE_LABEL_PREFIX", "Words", "deadline_days",
           "overlap", "report_keys"]
