"""The defects planted in the sample portal, as data: what is wrong, where, and why it is realistic.

The generator reads this plan while it builds the site, and the manifest is written from the same
plan and the built site, so the ground truth cannot disagree with what is served. Targets are spec
keys (column segments as the spec writes them); a target the spec lacks is a build error.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Literal

from sample_portal.sitemap import FDZD, MULU, YQFK, ContentMode

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


@dataclass(frozen=True)
class DefectPlan:
    removals: tuple[Removal, ...]
    renames: tuple[Rename, ...]
    emptiness: tuple[Emptiness, ...]
    staleness: tuple[Staleness, ...]
    media: tuple[BrokenMedium, ...]
    fields: tuple[MissingField, ...]
    behaviours: tuple[Behaviour, ...]

    def targets(self) -> list[Key]:
        groups = (self.removals, self.renames, self.emptiness, self.staleness, self.media, self.fields, self.behaviours)
        return [item.target for group in groups for item in group]


ZCJD = (*MULU, "政策解读")

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
)


#: the portal a month later, for scheduled-audit demos and tests: the broken attachment under
#: 行政法规 was fixed, and a newly uploaded 图解 image is truncated
NEXT_PLAN = replace(
    PLAN,
    media=tuple(m for m in PLAN.media if m.flaw != "attachment_404")
    + (BrokenMedium((*ZCJD, "图片"), "image_truncated_jpeg", 3, "新上传的图解 JPEG 被截断（没有 EOI）"),),
)

#: the defect plans the sample server can serve (``serve-sample --variant NAME``)
VARIANTS: dict[str, DefectPlan] = {"default": PLAN, "next": NEXT_PLAN}
