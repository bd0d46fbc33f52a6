"""The one wording table: every code PathAudit writes (finding kinds and their message codes, badges,
path states, severities, evidence keys, crawl reasons, remediation advice) turned into sentences, in
Chinese (the default: the readers are inspectors) and English.

Findings carry a message ``code`` and its ``params`` (plain data); a report renders the message in its
own language with :meth:`Words.message`, so an English report shows no Chinese sentence and a Chinese
report no English one. The rules still write the Chinese ``message`` into findings.json (the findings
contract) from this same table. Crawl reasons (why a column could not be checked) are codes with facts,
worded by ``auditor.model.reasons`` (:meth:`Words.reason`). Unknown codes (a newer crawler) fall back to their raw names, never fail.

Remediation (整改建议 and 整改时限) is here too: what the responsible unit should do about each kind
of finding, and how many days it has by default (:data:`DEFAULT_DEADLINE_DAYS`, overridable per spec).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from auditor.model.reasons import Reason, explain

LANGS: tuple[str, ...] = ("zh", "en")
DEFAULT_LANG = "zh"

#: Default 整改时限 in calendar days from the day of the crawl, by finding kind. Inspection notices
#: (通报) after the national 政府网站与政务新媒体检查指标 commonly give a month to rectify what was found
#: and demand that unusable links be fixed at once; the figures follow that practice: a column to build
#: and fill 30 days, a column to bring up to date or name correctly 15, an overdue publication, a broken
#: link or medium and a manual check 7. They are this tool's defaults, not figures the index sets: a spec
#: states its own under ``mandate: remediation_days`` (path_specs/README.md), and findings.json carries
#: them in ``spec.remediation_days``.
DEFAULT_DEADLINE_DAYS: dict[str, int] = {
    "missing_column": 30,
    "missing_subcolumn": 30,
    "misplaced_column": 15,
    "empty_section": 30,
    "stale_section": 15,
    "renamed_column": 15,
    "missing_field": 15,
    "deadline_missed": 7,
    "broken_image": 7,
    "broken_video": 7,
    "broken_audio": 7,
    "broken_attachment": 7,
    "unverified": 7,
}

#: key -> (zh, en)
_WORDS: dict[str, tuple[str, str]] = {
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
    "stats.replayed": ("重放响应数", "replayed"),
    "stats.run_id": ("运行编号", "run id"),
    "close.finished": ("正常结束", "finished"),
    "close.shutdown": ("被中断", "interrupted"),
    "close.cancelled": ("被取消", "cancelled"),
    "close.other": ("其他原因", "other"),
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
    "kind.misplaced_column": ("栏目位置不符", "misplaced column"),
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
    "ev.mandated_parent": ("规定的上级栏目", "Mandated parent"),
    "ev.found_at": ("网站上的位置", "Where the site has it"),
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
    "xlsx.page": ("所在页面", "On page"),
    "xlsx.note": ("备注", "Notes"),
    "xlsx.fixed_on": ("整改日期", "Fixed on"),
    "xlsx.runs_seen": ("发现次数", "Runs seen"),
    "history.trend": ("历次检查趋势", "Trend across runs"),
    "history.first_seen": ("首次发现", "First seen"),
    "history.runs_seen": ("发现次数", "runs seen"),
    "index.title": ("网站检查总览", "Sites audited"),
    "index.generated": ("生成于", "Generated"),
    "index.sites": ("网站数", "Sites"),
    "index.failed_sites": ("未能检查", "Not audited"),
    "index.site": ("网站", "Site"),
    "index.report": ("检查报告", "Report"),
    "index.verdict.failed": ("未能检查", "not audited"),
    "xlsx.state.open": ("未整改", "open"),
    "xlsx.state.in_progress": ("整改中", "in progress"),
    "xlsx.state.fixed": ("已整改", "fixed"),
    "xlsx.state.closed": ("已销号", "closed"),
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
    "advice.missing_column": ("补建栏目并发布信息", "Create the column and publish its information"),
    "advice.missing_subcolumn": ("补建子栏目并发布信息", "Create the sub-column and publish its information"),
    "advice.renamed_column": ("按规定名称规范栏目名称", "Rename the column to the mandated name"),
    "advice.misplaced_column": ("将栏目调整到规定的上级栏目下", "Move the column under its mandated parent"),
    "advice.empty_section": ("补充发布栏目信息，不得保留空白栏目", "Publish the column's information; leave no column blank"),
    "advice.stale_section": ("更新栏目内容，并注明信息发布时间", "Update the column and date every item"),
    "advice.missing_field": ("补全信息页面的必备要素", "Add the missing fields to the item pages"),
    "advice.deadline_missed": ("立即补充公开逾期信息", "Publish the overdue information at once"),
    "advice.broken_image": ("替换可正常显示的图片文件", "Replace the image with one that displays"),
    "advice.broken_video": ("替换可播放的视频文件", "Replace the video with a playable file"),
    "advice.broken_audio": ("替换可播放的音频文件", "Replace the audio with a playable file"),
    "advice.broken_attachment": ("替换可下载的附件文件", "Replace the attachment with a downloadable file"),
    "advice.unverified": ("人工核实该栏目，确保页面可正常访问", "Check the column by hand and make sure its pages can be read"),
    "advice.other": ("核实并整改", "Check and fix"),
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
    # finding messages: code -> sentence with {params}
    "msg.missing_column": ("栏目缺失：「{path}」中的「{segment}」未找到；走查止于「{stopped_at}」，已查找 {searched} 个页面。",
                           "Missing column: \"{segment}\" of {path} was not found; the walk stopped at \"{stopped_at}\" "
                           "after searching {searched} pages."),
    "msg.renamed_column": ("栏目名称不规范：要求的「{mandated_name}」在网站上名为「{site_name}」（相似度 {similarity}）。",
                           "Column misnamed: the mandated \"{mandated_name}\" is called \"{site_name}\" on the site "
                           "(similarity {similarity})."),
    "msg.misplaced_column": ("栏目位置不符：「{path}」中的「{segment}」不在「{stopped_at}」下，网站将其设在「{found_under}」下（{found_url}）。",
                             "Misplaced column: \"{segment}\" of {path} is not under \"{stopped_at}\"; the site has it "
                             "under \"{found_under}\" ({found_url})."),
    "msg.missing_subcolumn": ("「{path}」栏目缺少规定的子栏目「{subcolumn}」。",
                              "{path} lacks the mandated sub-column \"{subcolumn}\"."),
    "msg.empty_section.placeholder": ("「{path}」栏目为空，页面显示“{placeholder}”。",
                                      "{path} is empty: the page shows \"{placeholder}\"."),
    "msg.empty_section.subcolumns_empty": ("「{path}」栏目的子栏目均无内容。", "Every sub-column of {path} is empty."),
    "msg.empty_section.no_subcolumns": ("「{path}」栏目既无信息也无子栏目。", "{path} has neither items nor sub-columns."),
    "msg.empty_section.no_items": ("「{path}」栏目为空，没有任何信息。", "{path} is empty: it lists no items."),
    "msg.empty_section.below_min_items": ("「{path}」栏目仅有 {items} 条信息，少于要求的 {min_items} 条。",
                                          "{path} lists only {items} items, fewer than the {min_items} required."),
    "msg.stale_section.no_dates": ("「{path}」栏目的信息均未注明发布日期，按检查指标视为未更新。",
                                   "No item of {path} shows a publication date: the inspection index counts it as not updated."),
    "msg.stale_section.age": ("「{path}」栏目最近一条信息发布于 {latest_date}，已 {age_days} 天未更新（要求 {max_age_days} 天内）。",
                              "The newest item of {path} is from {latest_date}: {age_days} days without an update "
                              "(the limit is {max_age_days} days)."),
    "msg.deadline_missed": ("「{path}」栏目应于 {deadline} 前发布信息，未见该日期前发布的内容。",
                            "{path} had to publish by {deadline}; nothing published before that date was found."),
    "msg.missing_field": ("「{path}」的信息页面缺少必备要素：{missing}。", "An item page of {path} lacks required fields: {missing}."),
    "msg.broken_medium": ("{media_kind}无法正常显示或播放：{media_reason}。", "The {media_kind} does not display or play: {media_reason}."),
    "msg.broken_medium.status": ("{media_kind}无法正常显示或播放：{media_reason}，HTTP {http_status}。",
                                 "The {media_kind} does not display or play: {media_reason}, HTTP {http_status}."),
    "msg.unverified_medium": ("{media_kind}无法核实：{reason}。本项不计为损坏。",
                              "The {media_kind} could not be checked: {reason}. It is not counted as broken."),
    "msg.unverified": ("「{path}」无法核实：{reason}。本项不计为缺失或空白。",
                       "{path} could not be checked: {reason}. It is not counted as missing or empty."),
    "word.home": ("首页", "the home page"),
    "word.unknown_reason": ("原因不明", "reason unknown"),
    "media_reason.http_status": ("无法访问（HTTP 错误）", "it cannot be fetched (HTTP error)"),
    "media_reason.wrong_type": ("内容类型错误（例如以图片地址返回网页）", "wrong content type (a web page where a file should be)"),
    "media_reason.empty": ("文件为空（0 字节）", "the file is empty (0 bytes)"),
    "media_reason.undecodable": ("无法解码显示", "it cannot be decoded"),
    "media_reason.truncated": ("文件不完整（被截断）", "the file is truncated"),
    "media_reason.unplayable_format": ("格式已不被浏览器支持（如 Flash）", "browsers no longer play its format (such as Flash)"),
    "media_reason.timeout": ("访问超时", "it timed out"),
    "media_reason.refused": ("服务器未提供该文件（无法核实）", "the server did not serve it (unverified)"),
    "media_reason.unreachable": ("连接失败（无法核实）", "no connection could be made (unverified)"),
    "media_reason.too_large_decoded": ("解压后过大（无法核实）", "too large once decompressed (unverified)"),
    "media_reason.off_site": ("位于其他站点，未核查", "it is on another site and was not checked"),
    "media_reason.other": ("无法使用", "it cannot be used"),
    "xlsx.advice": ("整改建议", "What to do"),
    "xlsx.deadline": ("整改时限", "Fix by"),
    "xlsx.record": ("证据记录", "Evidence record"),
    "xlsx.summary_sheet": ("概况", "Summary"),
    "xlsx.item": ("项目", "Item"),
    "xlsx.count": ("数量", "Count"),
    "ev.record": ("证据记录", "Evidence record"),
    "ev.media_kind": ("媒体类型", "Medium"),
    "ev.items": ("信息条数", "Items"),
    "ev.min_items": ("要求条数", "Items required"),
    "ev.segment_missing_parent": ("缺失的上级栏目", "Missing parent"),
}

#: evidence keys whose values are codes with their own labels (``why.*``)
VALUE_LABEL_PREFIX = {"why": "why"}
#: message parameters that are codes or need the language's own punctuation
_CODE_PARAMS = {"media_kind": "media", "media_reason": "media_reason"}


@dataclass(frozen=True)
class Words:
    """The table in one language: ``w(key, **fields)``, and ``w.kind()``, ``w.message()``… for data."""

    lang: str = DEFAULT_LANG

    def __post_init__(self) -> None:
        if self.lang not in LANGS:
            raise ValueError(f"unknown report language {self.lang!r} (choose from {', '.join(LANGS)})")

    def __call__(self, key: str, **fields: object) -> str:
        text = _WORDS[key][LANGS.index(self.lang)]
        return text.format(**fields) if fields else text

    @property
    def sep(self) -> str:
        """The list separator of the language (、 or a comma)."""
        return "、" if self.lang == "zh" else ", "

    def has(self, key: str) -> bool:
        return key in _WORDS

    def label(self, prefix: str, code: object) -> str:
        """The label of a code (finding kind, badge, severity...), or the code itself if unknown."""
        key = f"{prefix}.{code}"
        return self(key) if key in _WORDS else str(code)

    def kind(self, code: str) -> str:
        return self.label("kind", code)

    def badge(self, code: str) -> str:
        return self.label("badge", code)

    def state(self, code: str) -> str:
        return self.label("state", code)

    def severity(self, code: str) -> str:
        return self.label("severity", code)

    def media(self, code: str) -> str:
        return self.label("media", code)

    def reason(self, reason: object) -> str:
        """Why something could not be checked or used, in this language: a crawl reason (a ``Reason``, its
        findings.json form, or a path result or evidence carrying ``reason_data``) or a media reason code.
        A bare English phrase (a findings file older than the codes) is shown as written."""
        data = reason.get("reason_data") if isinstance(reason, Mapping) and "reason_data" in reason else None
        data = data or getattr(reason, "reason_data", None)
        if data:
            return explain(data, self.lang)
        if isinstance(reason, (Reason, Mapping)) and not (isinstance(reason, Mapping) and "reason" in reason):
            return explain(reason, self.lang)
        if hasattr(reason, "reason_data") or (isinstance(reason, Mapping) and "reason" in reason):
            reason = getattr(reason, "reason", None) if not isinstance(reason, Mapping) else reason.get("reason")
        if not reason:
            return self("word.unknown_reason")
        if f"media_reason.{reason}" in _WORDS:
            return self(f"media_reason.{reason}")
        return str(reason)

    def advice(self, kind: str) -> str:
        """整改建议: what the responsible unit should do about a finding of this kind."""
        return self(f"advice.{kind}") if f"advice.{kind}" in _WORDS else self("advice.other")

    def message(self, code: str | None, params: Mapping[str, Any] | None, fallback: str = "") -> str:
        """A finding's sentence from its code and parameters; ``fallback`` when the code is unknown
        (a finding written before codes, or by a newer crawler)."""
        key = f"msg.{code}"
        if not code or key not in _WORDS:
            return fallback
        values = {name: self._param(name, value) for name, value in (params or {}).items()}
        try:
            return self(key, **values)
        except (KeyError, IndexError, ValueError):
            return fallback

    def _param(self, name: str, value: Any) -> str:
        if name in _CODE_PARAMS:
            return self.label(_CODE_PARAMS[name], value)
        if name == "reason":
            return self.reason(value)
        if name == "stopped_at" and not value:
            return self("word.home")
        if name == "similarity" and isinstance(value, (int, float)):
            return f"{value:.2f}"
        if isinstance(value, (list, tuple)):
            return self.sep.join(str(v) for v in value)
        return "" if value is None else str(value)


def words(lang: str = DEFAULT_LANG) -> Words:
    return Words(lang)


def deadline_days(kind: str, overrides: Mapping[str, Any] | None = None) -> int | None:
    """整改时限 in days for a finding kind: the spec's own figure, else the default policy."""
    if overrides and isinstance(overrides.get(kind), int) and not isinstance(overrides.get(kind), bool):
        return int(overrides[kind])
    return DEFAULT_DEADLINE_DAYS.get(kind)


def deadline_date(start: dt.date, days: int) -> dt.date:
    return start + dt.timedelta(days=days)


def keys() -> tuple[str, ...]:
    return tuple(_WORDS)
