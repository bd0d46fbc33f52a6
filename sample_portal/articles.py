"""The items of each list column: titles, dates, URLs in the column's CMS style, media and attachments.

Media and attachment files are published in ``files`` as the articles are made; the planted media
flaws (a 404, an HTML page as ``.jpg``, a cut MP4…) are made here too, on the given article, and
reported back so the manifest can name their exact URLs.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from sample_portal import documents, ole2
from sample_portal.assets import MediaLibrary
from sample_portal.defects import MEDIA_FLAWS, BrokenMedium, MissingField
from pathaudit.loopback.model import CONTENT_TYPES, Resource
from sample_portal.pages import soft_error_page
from sample_portal.profiles import DISEASES, ISSUES, SEASONS, SUB_ACTIONS, Profile, profile_for
from sample_portal.sitemap import Article, Attachment, Column, MediaUse
from sample_portal.text import DEPARTMENTS, OFFICE, Writer

FIRST_ARTICLE_SERIAL = 9_126_000
#: where the serials of articles added after the build (``ArticleFactory.add``) start
ADDED_ARTICLE_SERIAL = 9_990_000
#: rows a netizen message page shows, in order
MESSAGE_FIELDS = ("留言时间", "留言摘要", "受理日期", "答复部门", "答复日期", "答复内容")
#: extra facts unit-like items show besides the required ones
UNIT_EXTRAS = ("资质或者等级", "服务区域")
_ATTACHMENT_NAMES = {"pdf": "全文", "doc": "文件", "docx": "附件", "xls": "明细表"}


@dataclass(frozen=True)
class PlantedMedium:
    """A broken medium as made: where it is and which article page uses it."""

    flaw: BrokenMedium
    url: str
    page: str
    kind: str
    reason: str


@dataclass
class ColumnPlan:
    """What the generator decided for one list column before its items are made."""

    column: Column
    newest: dt.date
    required_fields: tuple[str, ...] = ()
    deadline: dt.date | None = None
    flaws: tuple[BrokenMedium, ...] = ()
    missing_fields: tuple[MissingField, ...] = ()


class ArticleFactory:
    def __init__(self, files: dict[str, Resource], library: MediaLibrary) -> None:
        self.files = files
        self.library = library
        self._serial = FIRST_ARTICLE_SERIAL
        self._added = 0
        self.planted: list[PlantedMedium] = []

    # --- the column's items -------------------------------------------------------------------------

    def fill(self, plan: ColumnPlan) -> None:
        column = plan.column
        profile = profile_for(column.site_key)
        rng = random.Random(f"liangjiang:{'>'.join(column.site_key)}")
        writer = Writer(rng)
        dates = item_dates(rng, profile, plan.newest, plan.deadline, column.layout.date_format == "short")
        titles: set[str] = set()
        articles = [self._article(column, profile, writer, rng, index, day, plan.required_fields, titles)
                    for index, day in enumerate(dates)]
        for flaw in plan.flaws:
            self._plant(articles[flaw.nth], flaw, rng)
        for missing in plan.missing_fields:
            target = articles[missing.nth]
            target.fields = [(label, value) for label, value in target.fields if label != missing.field]
        if column.layout.pinned and len(articles) > 4:
            pinned = articles.pop(len(articles) // 2)
            pinned.pinned = True
            articles.insert(0, pinned)
        column.articles = articles

    def add(self, column: Column, title: str, day: dt.date, rng: random.Random) -> Article:
        """One more plain article (text only) in a filled column, such as a clause case needs. Its
        serial comes from a range of its own, so the other articles keep theirs (and their URLs)."""
        self._added += 1
        serial = ADDED_ARTICLE_SERIAL + self._added * 17
        writer = Writer(rng)
        article = Article(
            column=column, serial=serial, title=title, date=day, url=_article_url(column, day, serial, rng),
            publisher=f"重庆两江新区{writer.pick(DEPARTMENTS)}", index_no=writer.index_number(day.year, serial % 100000),
            doc_no="", paragraphs=writer.paragraphs(rng.randint(3, 6)),
        )
        column.articles.append(article)
        return article

    def _next_serial(self, rng: random.Random) -> int:
        self._serial += rng.randint(3, 97)
        return self._serial

    def _article(self, column: Column, profile: Profile, writer: Writer, rng: random.Random, index: int,
                 day: dt.date, required: tuple[str, ...], titles: set[str]) -> Article:
        serial = self._next_serial(rng)
        unit = profile.units[index % len(profile.units)] if profile.units else ""
        title = distinct_title(item_title(profile.titles[index % len(profile.titles)], writer, day, unit, index), day,
                          serial, titles)
        paragraphs = writer.long_document() if index < profile.long_articles else \
            writer.paragraphs(rng.randint(*profile.paragraphs))
        article = Article(
            column=column,
            serial=serial,
            title=title,
            date=day,
            url=_article_url(column, day, serial, rng),
            publisher=f"重庆两江新区{writer.pick(DEPARTMENTS)}" if column.style != "messages" else OFFICE,
            index_no=writer.index_number(day.year, serial % 100000),
            doc_no=writer.document_number(day.year) if rng.random() < 0.6 else "",
            paragraphs=paragraphs,
        )
        article.fields = _fields(column, required, writer, rng, day, unit, title)
        for token in profile.media[index % len(profile.media)].split("+"):
            if token:
                self._add_medium(article, token, rng)
        for token in profile.attachments[index % len(profile.attachments)].split("+"):
            if token:
                self._add_attachment(article, token, rng)
        return article

    # --- media ---------------------------------------------------------------------------------------

    def _media_url(self, article: Article, ext: str, rng: random.Random, attachment: bool = False) -> str:
        day = article.date
        hex_id = f"{rng.getrandbits(64):016x}"
        if article.column.style == "hanweb":
            if ext in ("mp4", "mp3", "swf"):
                return f"/{'audio' if ext == 'mp3' else 'video'}/{day:%Y%m}/{hex_id}.{ext}"
            folder = "attach" if attachment else "picture"
            return f"/{folder}/{article.column.column_id}/{hex_id}.{ext}"
        directory = article.url.rsplit("/", 1)[0]
        prefix = "P0" if attachment else "W0"
        number = len(article.media) + len(article.attachments)
        return f"{directory}/{prefix}{day:%Y%m%d}{article.serial}{number:02d}{rng.randint(10, 99)}.{ext}"

    def _publish(self, url: str, body: bytes, content_type: str | None = None) -> None:
        self.files[url] = Resource(body, content_type or CONTENT_TYPES[url.rsplit(".", 1)[1]])

    def _add_medium(self, article: Article, token: str, rng: random.Random) -> None:
        variant = rng.randrange(12)
        lib = self.library
        caption = article.title[:18]
        if token in ("photo", "lazy", "chart", "gif", "webp", "icon"):
            maker, ext = {
                "photo": (lib.photo, "jpg"), "lazy": (lib.photo, "jpg"), "chart": (lib.chart, "png"),
                "gif": (lib.gif, "gif"), "webp": (lib.webp, "webp"), "icon": (lib.icon, "png"),
            }[token]
            url = self._media_url(article, ext, rng)
            self._publish(url, maker(variant))
            article.media.append(MediaUse("image", url, "lazy" if token == "lazy" else "img", caption))
        elif token in ("video", "source", "player"):
            url = self._media_url(article, "mp4", rng)
            self._publish(url, lib.video())
            poster = None
            if token != "video":
                poster = self._media_url(article, "jpg", rng)
                self._publish(poster, lib.photo(variant))
            article.media.append(MediaUse("video", url, token, caption, poster))
        elif token == "audio":
            url = self._media_url(article, "mp3", rng)
            self._publish(url, lib.sound())
            article.media.append(MediaUse("audio", url, "audio", caption))
        else:
            raise ValueError(f"unknown media token {token!r}")

    def _add_attachment(self, article: Article, ext: str, rng: random.Random, publish: bool = True) -> Attachment:
        url = self._media_url(article, ext, rng, attachment=True)
        name = f"{article.title[:30]}（{_ATTACHMENT_NAMES[ext]}）.{ext}"
        if publish:
            self._publish(url, attachment_bytes(ext, article))
        attachment = Attachment(name, url)
        article.attachments.append(attachment)
        return attachment

    def _plant(self, article: Article, flaw: BrokenMedium, rng: random.Random) -> None:
        """Give the article one broken medium of the planned kind."""
        lib = self.library
        kind, reason = MEDIA_FLAWS[flaw.flaw]
        caption = article.title[:18]
        if flaw.flaw == "attachment_404":
            url = self._add_attachment(article, "pdf", rng, publish=False).url
        else:
            ext, medium, via = {
                "image_404": ("jpg", "image", "img"),
                "image_html_200": ("jpg", "image", "img"),
                "image_truncated_jpeg": ("jpg", "image", "img"),
                "image_empty_png": ("png", "image", "img"),
                "video_404": ("mp4", "video", "video"),
                "video_truncated_mp4": ("mp4", "video", "source"),
                "video_flash": ("swf", "flash", "embed"),
                "audio_404": ("mp3", "audio", "audio"),
            }[flaw.flaw]
            url = self._media_url(article, ext, rng)
            body = flawed_body(flaw.flaw, url, lib)
            if body is not None:
                content_type = CONTENT_TYPES["html"] if flaw.flaw == "image_html_200" else None
                self._publish(url, body, content_type)
            article.media.insert(0, MediaUse(medium, url, via, caption))  # type: ignore[arg-type]
        self.planted.append(PlantedMedium(flaw, url, article.url, kind, reason))


def flawed_body(flaw: str, url: str, lib: MediaLibrary) -> bytes | None:
    """The bytes a planted broken medium is served with (an HTML page behind a .jpg, a truncated
    JPEG or MP4, an empty PNG, a Flash movie); ``None`` where the flaw is that nothing is served."""
    return {
        "image_html_200": soft_error_page(url),
        "image_truncated_jpeg": lib.truncated_photo(),
        "image_empty_png": b"",
        "video_truncated_mp4": lib.truncated_video(),
        "video_flash": lib.flash_movie(),
    }.get(flaw)


def newest_days_ago(rng: random.Random, window: int | None, days_ago: tuple[int, int] | None) -> int:
    """How many days before the portal's date a healthy column's newest item is: the profile's range
    when it has one, well inside the staleness window, else a few weeks."""
    if days_ago is not None:
        days = rng.randint(*days_ago)
        return min(days, window - 1) if window is not None else days
    if window is not None:
        return rng.randint(1, max(1, min(window // 3, 20)))
    return rng.randint(3, 45)


def distinct_title(title: str, day: dt.date, serial: int, seen: set[str]) -> str:
    """A title that comes round again in a column gets its date, as editors tell repeated notices apart."""
    if title in seen:
        title = f"{title}（{day.month}月{day.day}日）"
    if title in seen:
        title = f"{title}（{serial % 1000}）"
    seen.add(title)
    return title


def item_dates(rng: random.Random, profile: Profile, newest: dt.date, deadline: dt.date | None,
               same_year_only: bool) -> list[dt.date]:
    """Publication dates, newest first. A list that writes ``06-01`` keeps to one year; a column with
    a deadline gets an item published in the weeks before it."""
    dates = [newest]
    while len(dates) < profile.count:
        dates.append(dates[-1] - dt.timedelta(days=rng.randint(*profile.gap_days)))
    if same_year_only:
        dates = [d for d in dates if d.year == newest.year]
    if deadline is not None and deadline < newest and not any(deadline - dt.timedelta(days=30) <= d <= deadline
                                                              for d in dates):
        dates[-1] = deadline - dt.timedelta(days=rng.randint(1, 25))
        dates.sort(reverse=True)
    return dates


def _article_url(column: Column, day: dt.date, serial: int, rng: random.Random) -> str:
    if column.style == "hanweb":
        return f"/art/{day.year}/{day.month}/{day.day}/art_{column.column_id}_{serial}.html"
    if column.style == "json":
        return f"{column.directory}{day:%Y%m}/{rng.getrandbits(64):016x}.shtml"
    return f"{column.directory}{day:%Y%m}/t{day:%Y%m%d}_{serial}.html"


def item_title(template: str, writer: Writer, day: dt.date, unit: str, index: int) -> str:
    rng = writer.rng
    return template.format(
        year=day.year, prev=day.year - 1, next=day.year + 2, topic=writer.topic if index % 3 else writer.pick(
            ("优化营商环境", "稳就业", "数字经济", "生态环境保护", "科技创新", "城市更新", "消费提质")),
        dept=writer.pick(DEPARTMENTS), street=writer.pick(("人和街道", "礼嘉街道", "金山街道", "康美街道", "鸳鸯街道")),
        road=writer.pick(("金开大道", "星光大道", "黄山大道", "金渝大道", "汇流路")), reg=writer.regulation(),
        n=rng.randint(2, 88), unit=unit, month=day.month, day=day.day, issue=writer.pick(ISSUES),
        disease=writer.pick(DISEASES), season=writer.pick(SEASONS), sub=writer.pick(SUB_ACTIONS),
        kind=writer.pick(("主动公开", "依申请公开", "保密审查", "发布协调", "考核评议")),
    )


def _fields(column: Column, required: tuple[str, ...], writer: Writer, rng: random.Random, day: dt.date,
            unit: str, title: str) -> list[tuple[str, str]]:
    if column.style == "messages":
        labels = list(dict.fromkeys((*MESSAGE_FIELDS, *required)))
    elif required:
        labels = list(dict.fromkeys((*required, *UNIT_EXTRAS)))
    else:
        return []
    return fields_for(labels, writer, rng, day, unit, title)


def fields_for(labels: list[str], writer: Writer, rng: random.Random, day: dt.date, unit: str,
               title: str) -> list[tuple[str, str]]:
    """Plausible values for the facts rows of an item page (unit facts, a netizen message's rows)."""
    received = day - dt.timedelta(days=rng.randint(3, 12))
    values = {
        "名称": unit or title,
        "地址": writer.address(),
        "办公地址": writer.address(),
        "联系电话": writer.phone(),
        "办公时间": writer.pick(("周一至周五 9:00—12:00，14:00—17:30", "每日 8:00—17:30（节假日不休）", "24小时")),
        "资质或者等级": writer.pick(("三级甲等", "二级甲等", "一级", "—", "AAA级")),
        "服务区域": f"两江新区{writer.pick(('人和街道', '礼嘉街道', '金山街道', '全域'))}",
        "留言时间": f"{received - dt.timedelta(days=1):%Y-%m-%d} {rng.randint(8, 22):02d}:{rng.randint(0, 59):02d}",
        "留言摘要": f"网友反映{title.removeprefix('关于').removesuffix('的问题').rstrip('？')}，希望有关部门尽快处理。",
        "受理日期": f"{received:%Y-%m-%d}",
        "答复部门": f"两江新区{writer.pick(DEPARTMENTS)}",
        "答复日期": f"{day:%Y-%m-%d}",
        "答复内容": "您好！您反映的问题已收悉。" + writer.paragraph(3) + "感谢您对两江新区工作的关心和支持！",
    }
    return [(label, values.get(label) or writer.sentence()) for label in labels]


def attachment_bytes(ext: str, article: Article) -> bytes:
    paragraphs = article.paragraphs[:6]
    if ext == "pdf":
        return documents.pdf_document(article.title, paragraphs)
    if ext == "docx":
        return documents.docx_document(article.title, paragraphs)
    if ext == "doc":
        return ole2.doc_document(article.title, paragraphs)
    if ext == "xls":
        rows = [(f"{name}支出", round(100 + (article.serial % 97) * 3.5 + i * 12.25, 2),
                 round(110 + (article.serial % 89) * 2.5 + i * 11.75, 2)) for i, name in enumerate(DEPARTMENTS)]
        header = ["项目", f"{article.date.year - 1}年（万元）", f"{article.date.year}年（万元）"]
        return ole2.xls_document("预算明细", header, rows)
    raise ValueError(f"unknown attachment type {ext!r}")
