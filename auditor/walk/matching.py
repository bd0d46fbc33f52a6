"""Find the link a person would click for a column name.

A person reads a link's text; when the text is cut short (``规划信…``) the full name sits in ``title``;
an image link is named by its ``alt``. Names compare after ``normalise_name`` plus removal of the
decoration CMSes put around column links (【】, », "更多"). When no name matches exactly, a close one
is accepted only if it keeps the name's topic: the same topic with another generic tail (``规划信息``
→ ``规划计划``), an abbreviation (``政府信息公开工作年度报告`` → ``政府信息公开年报``: every word kept,
by itself or by its first character, only generic words such as 工作 dropped) or a reordering of the
same words (``公共文化体育`` → ``公共体育文化``). 统计信息 is never taken for 规划信息, nor 政府信息公开
for 政府信息公开年报 (the head word 年报 is gone). Another word moved (财政预决算 → 预决算公开: the topic
预决算 kept whole) is a reordering too. Names compare in simplified characters (OpenCC), so a Big5
portal's 財政預決算 is the column itself. Whether a close or merely akin name is taken is weighed in
``auditor.walk.renaming``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from opencc import OpenCC
from rapidfuzz import fuzz

from auditor.model.observations import RenameEvidence
from auditor.specs.names import normalise_name
from auditor.page.links import Link, clean_link_name
from auditor.page.tree import CHROME

MatchKind = Literal["exact", "alias", "similar"]

#: generic tails of Chinese column names: what is left is the topic
_GENERIC_TAILS = (
    "信息公开", "信息", "公开", "栏目", "专栏", "专题", "内容", "目录", "情况", "工作", "管理",
    "计划", "动态", "资讯", "数据", "文件",
)

#: how much a region is worth when several links carry the same name (lower is better)
_REGION_RANK: dict[str, int] = {"tree": 0, "main": 1, "nav": 2, "header": 3}
#: regions whose links are site chrome, never a column's own link (friend links, search, share, footer)
PERIPHERAL_REGIONS: frozenset[str] = CHROME - {"header", "nav"}

SIMILARITY_FLOOR = 0.4


@dataclass(frozen=True)
class Match:
    link: Link
    kind: MatchKind
    similarity: float
    #: the site's name for the column (differs from the mandated one for alias/similar)
    site_name: str
    #: other links that matched as well (URLs), not taken
    alternates: tuple[str, ...] = ()
    #: the link's role does not say it is a column (an undated link of the content, whatever its
    #: URL looks like): only its page's own words (breadcrumb, meta, heading, title) can make it one
    tentative: bool = False
    #: for a renamed column: how the names differ, the weighed score, the confirming headlines
    rename: RenameEvidence | None = None


_T2S = OpenCC("t2s")


@lru_cache(maxsize=8192)
def simplified(name: str) -> str:
    """A name in simplified characters (a Big5 portal's 財政預決算 is 财政预决算): OpenCC's
    character table, so traditional and simplified pages compare alike."""
    return _T2S.convert(name) if name else name


def topic(name: str) -> str:
    """The topic of a column name: the name without its generic tail (规划信息 → 规划)."""
    core = name
    changed = True
    while changed:
        changed = False
        for tail in _GENERIC_TAILS:
            if core.endswith(tail) and len(core) - len(tail) >= 2:
                core = core[: -len(tail)]
                changed = True
    return core


def similarity(mandated: str, candidate: str) -> float:
    """How close a site's name is to the mandated one, 0..1; 0 unless they keep one topic.

    Keeping the topic means: the same name once the generic tails are off (规划信息 / 规划计划 →
    规划), or one name abbreviating the other (``is_abbreviation``), or the same words in another
    order (``is_reordering``). The score is then the share of characters the names have in common
    (difflib's ratio), never below ``SIMILARITY_FLOOR``.
    """
    a, b = simplified(normalise_name(mandated)), simplified(clean_link_name(candidate))
    if not a or not b or a == b:
        return 1.0 if a == b and a else 0.0
    ta = topic(a)
    same_topic = len(ta) >= 2 and ta == topic(b)
    if not (
        same_topic
        or is_abbreviation(a, b)
        or is_abbreviation(b, a)
        or is_reordering(a, b)
        or drops_a_word(a, b)
        or drops_a_word(b, a)
        or has_place_prefix(a, b)
        or has_place_prefix(b, a)
        or moves_a_word(a, b)
        or moves_a_word(b, a)
    ):
        return 0.0
    return round(max(char_ratio(a, b), SIMILARITY_FLOOR), 3)


def char_ratio(a: str, b: str) -> float:
    """The share of characters two names have in common, 0..1 (rapidfuzz's normalised Indel
    similarity, as difflib's ratio)."""
    return fuzz.ratio(a, b) / 100


def moves_a_word(long: str, short: str) -> bool:
    """Is ``short`` ``long`` with a leading word of two characters dropped and a generic tail put
    on (财政预决算 → 预决算公开: the topic 预决算 kept whole, of three characters or more)? Read
    as a reordering: the same topic named from another side."""
    core = topic(short)
    if core == short or len(core) < 3:
        return False
    return long.endswith(core) and len(long) - len(core) == 2


#: words a shortened column name may drop altogether
DROPPABLE_WORDS = ("工作", "信息", "相关", "有关", "情况", "专栏", "栏目", "内容", "事项", "管理")


#: words that name no topic: the generic tails and the words a shortened name may drop (a shared
#: one says nothing about two names, nor does a headline saying it)
GENERIC_WORDS: frozenset[str] = frozenset(_GENERIC_TAILS) | frozenset(DROPPABLE_WORDS)
#: tails that say nothing of what a column holds (every column is 信息 and 公开): two names sharing
#: one are no kin; a tail outside these (文件, 规划, 数据) names a kind of record
VAGUE_TAILS: frozenset[str] = frozenset(DROPPABLE_WORDS) | {tail for tail in _GENERIC_TAILS if "公开" in tail}


def is_abbreviation(long: str, short: str) -> bool:
    """Is ``short`` a shortening of ``long`` that keeps every word of it?

    ``short``'s characters appear in ``long`` in order, keeping at least half of them, starting
    with its first or second character (市政府规章 → 政府规章); what is left out of ``long`` comes in gaps that are each either one
    character after a kept one (年度报告 → 年报 leaves 度 and 告) or a word a name may drop (工作).
    So 政府信息公开工作年度报告 → 政府信息公开年报 passes, and 政府信息公开年报 → 政府信息公开 does not
    (the gap 年报 is the head word), nor 规划信息 → 统计信息 (no order of characters fits).
    """
    if len(short) < 2 or len(short) >= len(long) or 2 * len(short) < len(long):
        return False
    if short[0] == long[0]:
        return _aligns(long, short, 0, 0)
    # one leading character of place may go: 市政府规章 → 政府规章
    return long[1] == short[0] and _aligns(long, short, 1, 0)


def _aligns(long: str, short: str, i: int, j: int) -> bool:
    """Can ``short[j:]`` be kept from ``long[i:]`` with only allowed gaps (``long[i - 1]`` kept)?"""
    if j == len(short):
        return _allowed_gap(long[i:])
    for k in range(i, len(long)):
        if long[k] == short[j] and _allowed_gap(long[i:k]) and _aligns(long, short, k + 1, j + 1):
            return True
    return False


def _allowed_gap(gap: str) -> bool:
    if len(gap) <= 1:
        return True
    return gap in DROPPABLE_WORDS


def drops_a_word(long: str, short: str) -> bool:
    """Is ``short`` ``long`` with one word inside it left out (国土空间规划 → 国土规划; read the other
    way, a word inserted)? The kept start and the kept end (the head word) are two characters or
    more each: a name whose end is gone (政府信息公开年报 → 政府信息公开) is another, wider column."""
    gap = len(long) - len(short)
    if gap < 1 or gap > len(short) or len(short) < 4:
        return False
    return any(
        long[:cut] == short[:cut] and long[cut + gap :] == short[cut:] for cut in range(2, len(short) - 1)
    )


#: the last character of a place's name (两江新区, 重庆市, 渝北区, 某某县, 某某镇): a column named
#: with its place before the mandated name is that column (两江新区规划信息 for 规划信息)
_PLACE_ENDS = "市区县省镇乡州旗盟"


def has_place_prefix(long: str, short: str) -> bool:
    """Is ``long`` the name ``short`` with a place's name before it (两江新区规划信息), or one short
    word (本级政策文件, 最新通知公告) before a name of four characters or more?"""
    prefix = long[: len(long) - len(short)]
    if len(short) < 2 or not long.endswith(short) or not 1 <= len(prefix) <= 8:
        return False
    return (len(prefix) >= 2 and prefix[-1] in _PLACE_ENDS) or (len(prefix) == 2 and len(short) >= 4)


def is_reordering(a: str, b: str) -> bool:
    """The same two-character words in another order (公共文化体育 / 公共体育文化)."""
    if len(a) != len(b) or len(a) < 4 or len(a) % 2 or a == b:
        return False
    words = lambda name: sorted(name[i : i + 2] for i in range(0, len(name), 2))  # noqa: E731
    return words(a) == words(b)


def _in_section(link: Link, section_url: str | None) -> bool:
    """Is the link under the folder of the page the walk stands on?"""
    if not section_url:
        return False
    base = section_url.rsplit("/", 1)[0] + "/"
    return link.url.startswith(base) and link.url != section_url


#: how much a link's role is worth: the current column's own sub-column box and tab headings name its
#: children; the column tree may be the whole site's (a same-named column of another section)
ROLE_RANK: dict[str, int] = {"subcolumn": 0, "tab": 0, "tree": 1, "nav": 2}


def _rank(link: Link, section_url: str | None) -> tuple[int, int, int, int]:
    return (
        0 if _in_section(link, section_url) else 1,
        ROLE_RANK.get(link.role, 3),
        _REGION_RANK.get(link.region, 9),
        link.order,
    )


def find_column_link(
    segment: str,
    links: Sequence[Link],
    *,
    aliases: Iterable[str] = (),
    section_url: str | None = None,
    allow_similar: bool = True,
    exclude_names: Iterable[str] = (),
) -> Match | None:
    """The link for ``segment`` on a page, or None.

    Exact names win over aliases, aliases over similar names. Among links with the same name the one
    inside the current section (URL under ``section_url``'s folder), then the one of the current
    column's sub-column box or tab headings, then the column tree's, then the navigation's comes
    first; the others are returned as alternates (the walk checks their pages to choose).
    ``exclude_names`` are names that are themselves mandated elsewhere and so can never be a renamed
    form of ``segment``.
    """
    wanted = simplified(normalise_name(segment))
    alias_names = {simplified(normalise_name(a)) for a in aliases} - {wanted}
    links = [link for link in links if link.region not in PERIPHERAL_REGIONS]
    # a traditional-character page (財政預決算) names the column exactly as a simplified one
    exact = [link for link in links if wanted in simplified_names(link)]
    if exact:
        return _best(exact, "exact", 1.0, segment, section_url)
    by_alias = [link for link in links if simplified_names(link) & alias_names]
    if by_alias:
        best = min(by_alias, key=lambda link: _rank(link, section_url))
        return _best(by_alias, "alias", 1.0, best.label, section_url)
    if not allow_similar:
        return None
    excluded = {simplified(normalise_name(n)) for n in exclude_names} | {wanted}
    scored: list[tuple[float, Link]] = []
    for link in links:
        if link.region == "header" or simplified_names(link) & excluded:
            continue
        score = max((similarity(segment, name) for name in link.names()), default=0.0)
        if score >= SIMILARITY_FLOOR:
            scored.append((score, link))
    if not scored:
        return None
    top = max(score for score, _ in scored)
    candidates = [link for score, link in scored if score == top]
    best = min(candidates, key=lambda link: _rank(link, section_url))
    return _best(candidates, "similar", top, best.label, section_url)


def simplified_names(link: Link) -> frozenset[str]:
    """``Link.names`` in simplified characters: how a link's names compare with a column's."""
    return _simplified(link.names())


@lru_cache(maxsize=4096)
def _simplified(names: frozenset[str]) -> frozenset[str]:
    """The names in simplified characters, worked out once per set of names (a menu's links are
    compared with every column looked for, on every page that repeats the menu)."""
    return frozenset(simplified(name) for name in names)


def _best(
    candidates: list[Link], kind: MatchKind, score: float, site_name: str, section_url: str | None
) -> Match:
    ordered = sorted(candidates, key=lambda link: _rank(link, section_url))
    chosen = ordered[0]
    alternates = tuple(dict.fromkeys(link.url for link in ordered[1:] if link.url != chosen.url))
    return Match(link=chosen, kind=kind, similarity=score, site_name=site_name, alternates=alternates)
