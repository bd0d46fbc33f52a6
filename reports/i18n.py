"""The words of the reports, in Chinese (the default: the readers are inspectors) and English.

Finding messages come from ``findings.json`` and stay as written (Chinese); everything the report
itself says goes through :class:`Translator`. Unknown finding kinds or evidence keys (a newer crawler)
fall back to their raw names instead of failing.
"""

from __future__ import annotations

from dataclasses import dataclass

LANGS: tuple[str, ...] = ("zh", "en")
DEFAULT_LANG = "zh"

#: key -> (zh, en)
_MESSAGES: dict[str, tuple[str, str]] = {
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
    "verdict.unreachable": ("无法核查", "Could not be audited"),
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
    "counts.none": ("未发现问题。", "No findings."),
    "baseline.new": ("新增", "new"),
    "baseline.resolved": ("已解决", "resolved"),
    "baseline.unchanged": ("未变", "unchanged"),
    "baseline.resolved_title": ("已解决的问题（基线中有，本次未再发现）",
                                "Resolved (in the baseline, not found this time)"),
    # severities
    "severity.error": ("错误", "error"),
    "severity.warning": ("警告", "warning"),
    "severity.info": ("提示", "info"),
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
    # finding kinds
    "kind.missing_column": ("栏目缺失", "missing column"),
    "kind.renamed_column": ("栏目名称不规范", "renamed column"),
    "kind.missing_subcolumn": ("子栏目缺失", "missing sub-column"),
    "kind.empty_section": ("空白栏目", "empty section"),
    "kind.stale_section": ("栏目未更新", "stale section"),
    "kind.missing_field": ("缺少要素", "missing field"),
    "kind.deadline_missed": ("逾期未公开", "deadline missed"),
    "kind.broken_image": ("图片无法显示", "broken image"),
    "kind.broken_video": ("视频无法播放", "broken video"),
    "kind.broken_audio": ("音频无法播放", "broken audio"),
    "kind.broken_attachment": ("附件无法下载", "broken attachment"),
    "kind.unverified": ("无法核实", "unverified"),
    # media kinds
    "media.image": ("图片", "image"),
    "media.video": ("视频", "video"),
    "media.audio": ("音频", "audio"),
    "media.attachment": ("附件", "attachment"),
    # evidence keys and values
    "ev.stopped_at": ("停止于", "Stopped at"),
    "ev.searched": ("已查找页面", "Pages searched"),
    "ev.offered": ("该页提供的栏目", "That page offered"),
    "ev.segment": ("缺失的栏目", "Missing segment"),
    "ev.subcolumn": ("缺失的子栏目", "Missing sub-column"),
    "ev.mandated_name": ("规定名称", "Mandated name"),
    "ev.site_name": ("网站实际名称", "Name on the site"),
    "ev.similarity": ("相似度", "Similarity"),
    "ev.why": ("原因", "Why"),
    "ev.placeholder": ("占位文字", "Placeholder"),
    "ev.latest_date": ("最新信息日期", "Newest item"),
    "ev.age_days": ("未更新天数", "Days without an update"),
    "ev.max_age_days": ("更新时限（天）", "Update window (days)"),
    "ev.as_of": ("核查日期", "As of"),
    "ev.reason": ("原因", "Reason"),
    "ev.reason_zh": ("原因说明", "Reason (Chinese)"),
    "ev.http_status": ("HTTP 状态码", "HTTP status"),
    "ev.content_type": ("内容类型", "Content type"),
    "ev.detail": ("详情", "Detail"),
    "ev.size": ("文件大小（字节）", "Size (bytes)"),
    "ev.pages": ("所在页面", "Used on"),
    "ev.missing": ("缺少的要素", "Missing fields"),
    "ev.required": ("必备要素", "Required fields"),
    "ev.title": ("信息标题", "Item title"),
    "ev.deadline": ("公开期限", "Deadline"),
    "ev.earliest_date": ("最早信息日期", "Earliest item"),
    "why.no_items": ("栏目无任何信息", "the column lists no items"),
    "why.placeholder": ("栏目只显示占位文字", "the column shows only a placeholder"),
    "why.subcolumns_empty": ("子栏目全部为空", "every sub-column is empty"),
    "why.no_subcolumns": ("栏目下没有子栏目", "the column has no sub-columns"),
    "why.below_min_items": ("信息条数少于规定", "fewer items than required"),
    "why.no_dates": ("栏目信息均无发布日期", "no item shows a date"),
    "reason.http_status": ("HTTP 错误状态", "HTTP error status"),
    "reason.wrong_type": ("文件类型不符", "wrong content type"),
    "reason.empty": ("空文件", "empty file"),
    "reason.undecodable": ("无法解码", "cannot be decoded"),
    "reason.truncated": ("文件不完整", "truncated"),
    "reason.unplayable_format": ("格式无法播放", "unplayable format"),
    "reason.timeout": ("超时", "timed out"),
    "reason.refused": ("服务器未提供（无法核实）", "not served (unverified)"),
    "reason.unreachable": ("连接失败（无法核实）", "connection failed (unverified)"),
    "reason.too_large_decoded": ("解压后过大（无法核实）", "too large once decompressed (unverified)"),
    "reason.off_site": ("其他站点，未核查", "on another site, not checked"),
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
    "tree.reason": ("无法核实原因", "Why it could not be checked"),
    "tree.findings": ("问题", "Findings"),
    "tree.broken_media": ("损坏的媒体", "Broken media"),
    "tree.media_url": ("地址", "URL"),
    "tree.media_page": ("所在页面", "Used on"),
    "tree.loaded_images": ("正常显示的图片", "Images that loaded"),
    "tree.more_images": ("另有 {n} 张", "{n} more"),
    "tree.site_name": ("网站名称", "Site name"),
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
    "insp.broken": ("不可用链接与媒体（扣分项）", "Broken links and media (deductions)"),
    "insp.broken.total": ("合计", "total"),
    "insp.partial": ("抓取未完成：以上计数为下限。", "The crawl did not finish: these counts are lower bounds."),
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
    "xlsx.change": ("对比上次", "Since baseline"),
    "xlsx.fingerprint": ("问题标识", "Finding id"),
    "history.trend": ("历次检查趋势", "Trend across runs"),
    "index.title": ("网站检查总览", "Sites audited"),
    "index.generated": ("生成于", "Generated"),
    "index.sites": ("网站数", "Sites"),
    "index.failed_sites": ("未能检查", "Not audited"),
    "index.site": ("网站", "Site"),
    "index.report": ("检查报告", "Report"),
    "index.verdict.failed": ("未能检查", "not audited"),
    "history.first_seen": ("首次发现", "First seen"),
    "history.runs_seen": ("发现次数", "runs seen"),
    "xlsx.page": ("所在页面", "On page"),
    "xlsx.note": ("备注", "Notes"),
    "xlsx.fixed_on": ("整改日期", "Fixed on"),
    "xlsx.runs_seen": ("发现次数", "Runs seen"),
    "xlsx.state.open": ("未整改", "open"),
    "xlsx.state.in_progress": ("整改中", "in progress"),
    "xlsx.state.fixed": ("已整改", "fixed"),
    "xlsx.state.closed": ("已销号", "closed"),
    "xlsx.site": ("（站点级）", "(site-wide)"),
}

#: evidence keys whose values are codes with their own labels (``why.*``, ``reason.*``)
VALUE_LABEL_PREFIX = {"why": "why", "reason": "reason"}


@dataclass(frozen=True)
class Translator:
    """``t(key, **fields)`` in one language; ``t.kind()``, ``t.badge()``... for data-driven labels."""

    lang: str = DEFAULT_LANG

    def __post_init__(self) -> None:
        if self.lang not in LANGS:
            raise ValueError(f"unknown report language {self.lang!r} (choose from {', '.join(LANGS)})")

    def __call__(self, key: str, **fields: object) -> str:
        text = _MESSAGES[key][LANGS.index(self.lang)]
        return text.format(**fields) if fields else text

    def has(self, key: str) -> bool:
        return key in _MESSAGES

    def label(self, prefix: str, code: str) -> str:
        """The label of a code (finding kind, badge, severity...), or the code itself if unknown."""
        key = f"{prefix}.{code}"
        return self(key) if key in _MESSAGES else code

    def kind(self, code: str) -> str:
        return self.label("kind", code)

    def badge(self, code: str) -> str:
        return self.label("badge", code)

    def severity(self, code: str) -> str:
        return self.label("severity", code)

    def media(self, code: str) -> str:
        return self.label("media", code)

    def reason(self, result: object) -> str:
        """Why a path is unverified, in this language (from its ``reason_data`` code and facts;
        the crawler's English phrase only for a findings file older than the codes)."""
        from auditor.model.reasons import explain

        data = getattr(result, "reason_data", None)
        if data:
            return explain(data, self.lang)
        return str(getattr(result, "reason", "") or "")


def message_keys() -> tuple[str, ...]:
    return tuple(_MESSAGES)
