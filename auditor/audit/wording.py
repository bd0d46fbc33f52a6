"""The audit's wording table: the words of findings (finding kinds and their message codes, severities,
media, evidence keys, crawl reasons, remediation advice) turned into sentences, in Chinese (the
default: the readers are inspectors) and English. The reports' own words (titles, headings, the
ledger's columns, path states, badges …) are in ``reports/wording.py``, which extends this table.

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
    # the clause rules: a report overdue is published at once, like deadline_missed; a phone number
    # is one line on a page; answering messages and linking 解读 to their files take longer
    "missing_yearly_item": 7,
    "below_yearly_count": 30,
    "missing_phone": 7,
    "unanswered_message": 15,
    "unlinked_interpretation": 15,
    "not_mobile_ready": 30,
}

#: key -> (zh, en)
_WORDS: dict[str, tuple[str, str]] = {
    # severities
    "severity.error": ("错误", "error"),
    "severity.warning": ("警告", "warning"),
    "severity.info": ("提示", "info"),
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
    "kind.missing_yearly_item": ("年度信息逾期未公开", "yearly item overdue"),
    "kind.below_yearly_count": ("年度发布次数不足", "too few a year"),
    "kind.missing_phone": ("未公开联系电话", "no contact phone"),
    "kind.unanswered_message": ("留言未答复", "message not answered"),
    "kind.unlinked_interpretation": ("解读与文件未关联", "interpretation not linked"),
    "kind.not_mobile_ready": ("未适配移动端", "not made for phones"),
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
    "ev.similarity": ("名称相似度", "Name similarity"),
    "ev.rename_form": ("名称差异", "How the names differ"),
    "ev.rename_score": ("综合评分", "Score of every cue"),
    "ev.headlines": ("印证的信息标题", "Confirming headlines"),
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
    # remediation
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
    "advice.missing_yearly_item": ("立即公开上一年度的年度报告，今后于法定期限前公开",
                                   "Publish last year's report at once, and by the legal date from now on"),
    "advice.below_yearly_count": ("按要求的次数开展并在栏目中集中展示",
                                  "Hold as many as required and show them all in the column"),
    "advice.missing_phone": ("在页面公开对外联系电话，并在工作时间保持畅通",
                             "Show the office's contact phone number on the page and answer it in working hours"),
    "advice.unanswered_message": ("及时答复留言，注明答复日期，做到件件有回音",
                                  "Answer every message, date each reply, and reply in time"),
    "advice.not_mobile_ready": ("优化政府网站手机适配版，使信息公开专栏在移动端完整展示",
                                "Make the site fit phones, so the disclosure column shows in full on a phone"),
    "advice.unlinked_interpretation": ("在解读页面链接对应的政策文件，并在政策文件页面链接其解读",
                                       "Link each interpretation to its policy file, and the file back to it"),
    # finding messages: code -> sentence with {params}
    "msg.missing_column": ("「{path}」中的「{segment}」未找到；走查止于「{stopped_at}」，已查找 {searched} 个页面。",
                           "\"{segment}\" of {path} was not found; the walk stopped at \"{stopped_at}\" "
                           "after searching {searched} pages."),
    "msg.renamed_column": ("要求的「{mandated_name}」在网站上名为「{site_name}」（两个名称的相似度 {similarity}）。",
                           "The mandated \"{mandated_name}\" is called \"{site_name}\" on the site "
                           "(the two names are {similarity} alike)."),
    "msg.renamed_column.headlines": (
        "要求的「{mandated_name}」在网站上名为「{site_name}」：该栏目的信息标题属于规定内容（如「{headline}」；综合评分 {score}）。",
        "The mandated \"{mandated_name}\" is called \"{site_name}\" on the site: its headlines are the "
        "mandated topic's (e.g. \"{headline}\"; score {score})."),
    "msg.misplaced_column": ("「{path}」中的「{segment}」不在「{stopped_at}」下，网站将其设在「{found_under}」下（{found_url}）。",
                             "\"{segment}\" of {path} is not under \"{stopped_at}\"; the site has it "
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
    "msg.broken_medium": ("{media_kind}{media_fails}：{media_reason}。", "The {media_kind} {media_fails}: {media_reason}."),
    "msg.broken_medium.status": ("{media_kind}{media_fails}：{media_reason}，HTTP {http_status}。",
                                 "The {media_kind} {media_fails}: {media_reason}, HTTP {http_status}."),
    # what fails, by media kind: an image does not display, a video does not play
    "media_fails.image": ("无法正常显示", "does not display"),
    "media_fails.video": ("无法正常播放", "does not play"),
    "media_fails.audio": ("无法正常播放", "does not play"),
    "media_fails.attachment": ("无法正常打开", "does not open"),
    "media_fails.other": ("无法正常显示或播放", "does not display or play"),
    "msg.unverified_medium": ("{media_kind}无法核实：{reason}。本项不计为损坏。",
                              "The {media_kind} could not be checked: {reason}. It is not counted as broken."),
    "msg.unverified": ("「{path}」无法核实：{reason}。本项不计为缺失或空白。",
                       "{path} could not be checked: {reason}. It is not counted as missing or empty."),
    "msg.missing_yearly_item": ("「{path}」栏目应于 {due} 前公开 {year} 年度的信息，截至 {as_of} 未见。",
                                "{path} had to publish its item for {year} by {due}; none is there on {as_of}."),
    "msg.missing_yearly_item.late": ("「{path}」栏目 {year} 年度的信息「{title}」于 {date} 公开，晚于 {due} 的期限。",
                                     "{path} published its item for {year} (\"{title}\") on {date}, after the {due} deadline."),
    "msg.below_yearly_count": ("「{path}」栏目 {year} 年仅有 {count} 条「{match}」信息，少于要求的每年 {min_per_year} 条。",
                               "{path} shows only {count} items matching \"{match}\" in {year}, fewer than the "
                               "{min_per_year} required each year."),
    "msg.missing_phone": ("「{path}」页面未公开对外联系电话。", "{path} shows no contact phone number."),
    "msg.unanswered_message.no_reply": ("「{path}」的留言「{title}」未见答复。", "The message \"{title}\" in {path} has no reply."),
    "msg.unanswered_message.before_acceptance": (
        "「{path}」的留言「{title}」答复日期 {replied} 早于受理日期 {accepted}。",
        "The message \"{title}\" in {path} was answered on {replied}, before it was accepted on {accepted}."),
    "msg.unanswered_message.late": (
        "「{path}」的留言「{title}」于 {accepted} 受理、{replied} 答复，用时 {days} 天，超过 {limit} 天的时限。",
        "The message \"{title}\" in {path} was accepted on {accepted} and answered on {replied}: {days} days, "
        "more than the {limit} allowed."),
    "msg.unlinked_interpretation.no_document": (
        "「{path}」的解读「{title}」未链接其解读的政策文件。",
        "The interpretation \"{title}\" in {path} does not link the policy file it explains."),
    "msg.unlinked_interpretation.no_backlink": (
        "「{path}」的解读「{title}」所解读的政策文件「{document}」未链接回该解读。",
        "The policy file \"{document}\" does not link back to its interpretation \"{title}\" in {path}."),
    "msg.not_mobile_ready": ("「{path}」页面在 {screen} 像素宽的手机屏幕上宽 {width} 像素，超出屏幕，且未找到适配的手机版。",
                             "{path} is {width} px wide on a {screen} px phone screen, wider than the screen, and no mobile version fits."),
    "msg.not_mobile_ready.no_viewport": (
        "「{path}」页面未适配移动端：未声明移动端视口，在 {screen} 像素宽的手机屏幕上宽 {width} 像素，且未找到适配的手机版。",
        "{path} is not made for phones: no mobile viewport, {width} px wide on a {screen} px screen, and no mobile version fits."),
    "msg.not_mobile_ready.not_reachable": (
        "「{path}」在手机版（{home}）上找不到入口。",
        "{path} cannot be reached from the mobile version ({home})."),
    "msg.not_mobile_ready.mobile_too_wide": (
        "「{path}」在手机版（{home}）上的页面宽 {width} 像素，超出 {screen} 像素宽的手机屏幕。",
        "{path} on the mobile version ({home}) is {width} px wide, wider than a {screen} px phone screen."),
    "msg.unverified_clause": ("「{path}」的条款要求（{rule}）无法核实：{reason}。本项不计为问题。",
                              "The clause rule {rule} of {path} could not be checked: {reason}. It is not counted as a problem."),
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

    def table(self) -> Mapping[str, tuple[str, str]]:
        """The words this table knows: the audit's (finding words); the reports extend it with their own
        (``reports.wording``), so each word lives in one table."""
        return _WORDS

    def __call__(self, key: str, **fields: object) -> str:
        text = self.table()[key][LANGS.index(self.lang)]
        return text.format(**fields) if fields else text

    @property
    def sep(self) -> str:
        """The list separator of the language (、 or a comma)."""
        return "、" if self.lang == "zh" else ", "

    @property
    def colon(self) -> str:
        """The colon after a label: full-width in a Chinese sentence."""
        return "：" if self.lang == "zh" else ": "

    def paren(self, text: object) -> str:
        """``text`` in the language's parentheses: （…） in Chinese, `` (…)`` in English."""
        return f"（{text}）" if self.lang == "zh" else f" ({text})"

    def has(self, key: str) -> bool:
        return key in self.table()

    def label(self, prefix: str, code: object) -> str:
        """The label of a code (finding kind, badge, severity...), or the code itself if unknown."""
        key = f"{prefix}.{code}"
        return self(key) if key in self.table() else str(code)

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
        if f"media_reason.{reason}" in self.table():
            return self(f"media_reason.{reason}")
        return str(reason)

    def advice(self, kind: str) -> str:
        """整改建议: what the responsible unit should do about a finding of this kind."""
        return self(f"advice.{kind}") if f"advice.{kind}" in self.table() else self("advice.other")

    def message(self, code: str | None, params: Mapping[str, Any] | None, fallback: str = "") -> str:
        """A finding's sentence from its code and parameters; ``fallback`` when the code is unknown
        (a finding written before codes, or by a newer crawler)."""
        key = f"msg.{code}"
        if not code or key not in self.table():
            return fallback
        values = {name: self._param(name, value) for name, value in (params or {}).items()}
        if params and "media_kind" in params:  # the verb that fits the medium (an image is not played)
            kind = params["media_kind"]
            values["media_fails"] = self(f"media_fails.{kind}") if f"media_fails.{kind}" in self.table() else self("media_fails.other")
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
            return f"{value:.0%}"
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
