"""The defects planted in the sample portal, as data: what is wrong, where, and why it is realistic.

The generator reads this plan while it builds the site, and the manifest is written from the same
plan and the built site, so the ground truth cannot disagree with what is served. Targets are spec
keys (column segments as the spec writes them); a target the spec lacks is a build error.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Literal

from sample_portal.sitemap import FDZD, MULU, XXGK, YQFK, ContentMode

Key = tuple[str, ...]

#: how a medium is broken: the file the page points at, and what the server gives for it
MediaFlaw = Literal[
    "image_404", "image_html_200", "image_truncated_jpeg", "image_empty_png",
    "video_404", "video_truncated_mp4", "video_flash",
    "audio_404", "attachment_404",
]
#: flaw -> (finding kind, reason as the manifest states it)
MEDIA_FLAWS: dict[str, tuple[str, str]] = {
    "image_404": ("broken_image", "http_status"),
    "image_html_200": ("broken_image", "wrong_type"),
    "image_truncated_jpeg": ("broken_image", "truncated"),
    "image_empty_png": ("broken_image", "empty"),
    "video_404": ("broken_video", "http_status"),
    "video_truncated_mp4": ("broken_video", "truncated"),
    "video_flash": ("broken_video", "unplayable_format"),
    "audio_404": ("broken_audio", "http_status"),
    "attachment_404": ("broken_attachment", "http_status"),
}


@dataclass(frozen=True)
class Removal:
    """The column (and all below it) does not exist on the site."""

    target: Key
    note: str


@dataclass(frozen=True)
class Rename:
    """The column exists under another name, everywhere the site names it."""

    target: Key
    shown_as: str
    note: str


@dataclass(frozen=True)
class Emptiness:
    target: Key
    mode: ContentMode
    note: str


@dataclass(frozen=True)
class Staleness:
    target: Key
    newest: dt.date
    note: str


@dataclass(frozen=True)
class BrokenMedium:
    """One article of the column's first list page uses a broken medium (``nth`` newest article)."""

    target: Key
    flaw: MediaFlaw
    nth: int
    note: str


@dataclass(frozen=True)
class MissingField:
    """One item page of the column leaves out a field the spec requires."""

    target: Key
    field: str
    nth: int
    note: str


@dataclass(frozen=True)
class Behaviour:
    """How the server treats a column page of a healthy path: answers 500 once, slowly, or in GBK."""

    kind: Literal["server_error_once", "slow", "gbk"]
    target: Key
    note: str
    delay_seconds: float = 0.0


#: how a column breaks a clause of the task list (auditor/audit/clause_rules.py); each has its healthy
#: counterpart, built wherever the flaw is not planted:
#: no_document / no_backlink — the nth newest 解读 links no 政策文件 / its 政策文件 does not link back;
#: no_reply / reply_before_acceptance — the nth newest message has no reply / one dated before it
#: was accepted; few_press — 3 新闻发布会 解读 last year, not 4; late_report — last year's 年度报告
#: published in March, after 31 January; no_phone — 联系我们 shows an address and e-mail, no phone;
#: desktop_only — no 手机版, the platform's pages are 1200 px wide on a phone
ClauseFlaw = Literal["no_document", "no_backlink", "no_reply", "reply_before_acceptance", "few_press",
                     "late_report", "no_phone", "desktop_only"]
#: flaw -> (finding kind, finding code)
CLAUSE_FLAWS: dict[str, tuple[str, str]] = {
    "no_document": ("unlinked_interpretation", "unlinked_interpretation.no_document"),
    "no_backlink": ("unlinked_interpretation", "unlinked_interpretation.no_backlink"),
    "no_reply": ("unanswered_message", "unanswered_message.no_reply"),
    "reply_before_acceptance": ("unanswered_message", "unanswered_message.before_acceptance"),
    "few_press": ("below_yearly_count", "below_yearly_count"),
    "late_report": ("missing_yearly_item", "missing_yearly_item.late"),
    "no_phone": ("missing_phone", "missing_phone"),
    "desktop_only": ("not_mobile_ready", "not_mobile_ready.no_viewport"),
}


@dataclass(frozen=True)
class ClauseDefect:
    """A clause of the task list the column breaks (``nth``: which newest item, for item flaws)."""

    target: Key
    flaw: ClauseFlaw
    note: str
    nth: int = 0


@dataclass(frozen=True)
class DefectPlan:
    removals: tuple[Removal, ...]
    renames: tuple[Rename, ...]
    emptiness: tuple[Emptiness, ...]
    staleness: tuple[Staleness, ...]
    media: tuple[BrokenMedium, ...]
    fields: tuple[MissingField, ...]
    behaviours: tuple[Behaviour, ...]
    clauses: tuple[ClauseDefect, ...] = ()

    def flawed(self, target: Key, flaw: str) -> ClauseDefect | None:
        """The planted clause defect of this kind on this column, if any."""
        return next((c for c in self.clauses if c.target == target and c.flaw == flaw), None)

    def targets(self) -> list[Key]:
        groups = (self.removals, self.renames, self.emptiness, self.staleness, self.media, self.fields, self.behaviours,
                  self.clauses)
        return [item.target for group in groups for item in group]


ZCJD = (*MULU, "政策解读")
WMLY = ("互动交流", "网民留言")
NDBG = (*XXGK, "政府信息公开年报")
LXWM = (*FDZD, "机关简介", "联系我们")

PLAN = DefectPlan(
    removals=(
        Removal((*FDZD, "机关简介"), "整个“机关简介”栏目（含“联系我们”）不存在"),
        Removal((*FDZD, "规划信息", "国土空间规划"), "“规划计划”下没有“国土空间规划”子栏目"),
        Removal((*YQFK, "防疫服务", "疫苗接种点"), "“防疫服务”下只有核酸检测点、发热门诊，缺“疫苗接种点”"),
        Removal((*ZCJD, "视频"), "“政策解读”只设“图片”“文字”两个子栏目，缺“视频”"),
    ),
    renames=(
        Rename((*FDZD, "规划信息"), "规划计划", "“规划信息”在全站（导航、栏目树、面包屑）均称“规划计划”"),
    ),
    emptiness=(
        Emptiness((*FDZD, "履职依据", "市政府规章"), "empty_list", "列表为空的 <ul></ul>，没有任何条目"),
        Emptiness((*MULU, "地方政府债务"), "placeholder", "列表只显示“暂无信息”"),
        Emptiness((*MULU, "法治政府建设年度报告"), "js_empty", "列表由 JavaScript 从 /api/list 加载，接口返回 0 条"),
        Emptiness((*FDZD, "履职依据", "规范性文件"), "children_empty",
                  "子栏目“现行有效”“失效/废止”均无内容"),
    ),
    staleness=(
        Staleness((*FDZD, "预算"), dt.date(2019, 3, 28), "最新一条发布于 2019 年"),
    ),
    media=(
        BrokenMedium((*ZCJD, "图片"), "image_404", 0, "图解中的图片地址返回 404"),
        BrokenMedium((*ZCJD, "图片"), "image_html_200", 1, "“.jpg”地址以 200 返回一张 HTML 错误页"),
        BrokenMedium((*ZCJD, "图片"), "image_empty_png", 2, "PNG 图片为 0 字节"),
        BrokenMedium((*YQFK, "政策解读"), "image_truncated_jpeg", 0, "JPEG 图片被截断（没有 EOI）"),
        BrokenMedium((*YQFK, "政策解读"), "video_truncated_mp4", 1, "MP4 上传中断：只有 ftyp 和部分 mdat，没有 moov"),
        BrokenMedium((*YQFK, "政策解读"), "video_404", 2, "<video> 的地址返回 404"),
        BrokenMedium(("政府信息公开目录", "健康科普"), "video_flash", 0,
                     "视频以 Flash（.swf）播放器提供，现代浏览器无法播放"),
        BrokenMedium(("政府信息公开目录", "健康科普"), "audio_404", 1, "<audio> 的地址返回 404"),
        BrokenMedium((*FDZD, "履职依据", "行政法规"), "attachment_404", 0, "附件 PDF 返回 404"),
    ),
    fields=(
        MissingField(("互动交流", "网民留言"), "答复部门", 1, "一条留言详情页缺“答复部门”"),
    ),
    behaviours=(
        Behaviour("server_error_once", (*FDZD, "规划信息", "专项规划"), "栏目页第一次请求返回 500，之后 200"),
        Behaviour("slow", (*YQFK, "防疫服务", "发热门诊"), "栏目页 1.5 秒后才响应", delay_seconds=1.5),
        Behaviour("gbk", ("政府信息公开目录", "爱国卫生运动"),
                  "栏目及其文章以 GBK 编码，仅 <meta charset=\"gbk\"> 声明"),
    ),
    # the clauses (the other 解读 link their 政策文件 both ways, the other messages are answered in
    # time, the 年报 is on time; 联系我们 is missing here, see MENDED_PLAN and LAPSED_PLAN)
    clauses=(
        ClauseDefect(ZCJD, "no_document", "一篇解读未链接其解读的政策文件", nth=1),
        ClauseDefect(ZCJD, "no_backlink", "一篇解读所链接的政策文件未回链该解读", nth=3),
        ClauseDefect(ZCJD, "few_press", "上一年度仅 3 次新闻发布会解读，少于每年 4 次"),
        ClauseDefect(WMLY, "no_reply", "一条留言答复内容为“暂无”，无答复日期", nth=2),
        ClauseDefect(WMLY, "reply_before_acceptance", "一条留言的答复日期早于受理日期", nth=4),
        ClauseDefect(XXGK, "desktop_only", "没有手机版，信息公开专栏在手机上按 1200 像素宽显示"),
    ),
)


#: the portal a month later, for scheduled-audit demos and tests: the broken attachment under
#: 行政法规 was fixed, and a newly uploaded 图解 image is truncated
NEXT_PLAN = replace(
    PLAN,
    media=tuple(m for m in PLAN.media if m.flaw != "attachment_404")
    + (BrokenMedium((*ZCJD, "图片"), "image_truncated_jpeg", 3, "新上传的图解 JPEG 被截断（没有 EOI）"),),
)

_CONTACT_PAGE_BACK = tuple(r for r in PLAN.removals if r.target != (*FDZD, "机关简介"))

#: every clause of the task list met: the healthy case of each clause rule (机关简介 is back, its
#: 联系我们 shows a phone; a 手机版 links the 信息公开 column)
MENDED_PLAN = replace(PLAN, removals=_CONTACT_PAGE_BACK, clauses=())

#: every clause broken: the defective case of each clause rule
LAPSED_PLAN = replace(
    PLAN,
    removals=_CONTACT_PAGE_BACK,
    clauses=PLAN.clauses + (
        ClauseDefect(NDBG, "late_report", "上一年度的政府信息公开工作年度报告于 3 月公开，晚于 1 月 31 日"),
        ClauseDefect(LXWM, "no_phone", "“联系我们”只有地址和电子邮箱，没有联系电话"),
    ),
)

#: the defect plans the sample server can serve (``serve-sample --variant NAME``)
VARIANTS: dict[str, DefectPlan] = {"default": PLAN, "next": NEXT_PLAN, "mended": MENDED_PLAN,
                                   "lapsed": LAPSED_PLAN}
