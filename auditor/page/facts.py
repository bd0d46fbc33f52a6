"""The facts of a page that the clause rules read: phone numbers, labelled values, related links, the
mobile viewport (``PageFacts``).

Read from the page the walk already fetched (a column page or an item page), so a rule on a message's
reply date or a 联系我们 phone costs no request. Only the page's own text counts: the footer of every
page of a portal carries the site's 联系电话, which says nothing about a 联系我们 page.
"""

from __future__ import annotations

import re
import unicodedata

from auditor.model.observations import PageFacts
from auditor.page.nfkc import nfkc
from auditor.page.tree import TEXT_CHROME, Page, collapse
from auditor.page.urlshapes import media_kind_of

#: labels whose values the rules read, grouped by what they mean (the first of a group is the one
#: the README names); a page may use any of them
ACCEPTED_LABELS = ("受理日期", "受理时间", "留言日期", "留言时间", "来信日期", "提问时间")
REPLIED_LABELS = ("答复日期", "答复时间", "回复日期", "回复时间", "办结日期", "办理时间")
REPLY_LABELS = ("答复内容", "回复内容", "答复意见", "办理结果", "回复意见")
STATE_LABELS = ("办理状态", "状态")
LABELS = (*ACCEPTED_LABELS, *REPLIED_LABELS, *REPLY_LABELS, *STATE_LABELS)
#: a label of any kind starting a new element (white space before it, a colon after): 回复单位：
_OTHER_LABEL = re.compile(r"(?<=\s)[\u4e00-\u9fff]{2,6}\s*[:：]")
#: how far after a label its value may run, in characters
_VALUE_CHARS = 300

#: the words that mark a block relating a page to another one: a 解读's 原文 and a file's 解读
RELATED_MARKERS = ("相关解读", "政策解读", "解读材料", "图解", "原文链接", "政策原文", "文件原文", "原文",
                   "相关文件", "相关政策", "政策文件", "关联文件", "关联解读", "解读")

# 023-67667000, (023)67667000, 023 6766 7000, 13800138000, 400-810-1234, 12345 热线
# (the look-ahead names the characters a number can start with: the other places of a page's text
# are passed over at once, not tried against every alternative)
_PHONE = re.compile(
    r"(?=[(（0148])(?<![\d-])(?:"
    r"[(（]?0\d{2,3}[)）]?[\s\-－—–]?\d{3,4}[\s\-－—–]?\d{4}"  # fixed line with its area code
    r"|1[3-9]\d[\s\-]?\d{4}[\s\-]?\d{4}"  # mobile
    r"|[48]00[\s\-]?\d{3}[\s\-]?\d{4}"  # 400 / 800 service numbers
    r")(?![\d-])"
)
#: a number without its area code counts only after a phone label
_LABELLED_PHONE = re.compile(r"(?:电话|热线|联系方式|咨询电话|值班电话)\s*[:：]?\s*((?:\d[\s\-]?){4,7}\d)(?!\d)")


def read_facts(page: Page) -> PageFacts:
    """Phones, labelled values, related links and the viewport of one parsed page."""
    text = nfkc(page.text_outside(TEXT_CHROME))
    return PageFacts(
        phones=find_phones(text),
        labelled={**labelled_values(text), **cell_values(page)},
        related=related_links(page),
        viewport=_has_mobile_viewport(page),
        mobile_links=_mobile_links(page),
    )


def find_phones(text: str) -> list[str]:
    """Phone numbers in ``text``, in order, each once: with an area code, mobile, 400/800, or any
    5-8 digit number right after 电话/热线 (a 12345 hotline, a number written without its area code).
    Dates (2021-05-31) and document numbers never match: a fixed line starts with 0."""
    found: list[str] = []
    for match in _PHONE.finditer(text):
        found.append(match.group(0).strip())
    for match in _LABELLED_PHONE.finditer(text):
        number = match.group(1).strip()
        if not any(number in seen or seen in number for seen in found):
            found.append(number)
    return list(dict.fromkeys(found))


def labelled_values(text: str) -> dict[str, str]:
    """``label -> value`` for each known label the text shows: what follows it (after a colon, or a
    table header's cell) up to the next known label."""
    positions: list[tuple[int, int, str]] = []
    for label in LABELS:
        if label not in text:
            continue  # most pages show few of them: no pattern is built or run for the others
        for match in re.finditer(rf"{re.escape(label)}\s*[:：]?", text):
            # 状态 inside 办理状态 is the longer label's
            if any(start <= match.start() < end for start, end, _ in positions):
                continue
            positions.append((match.start(), match.end(), label))
    positions.sort()
    values: dict[str, str] = {}
    for index, (_, end, label) in enumerate(positions):
        stop = positions[index + 1][0] if index + 1 < len(positions) else len(text)
        value = text[end : min(stop, end + _VALUE_CHARS)]
        # another label the rules do not read (回复单位：) ends the value too, when it starts a new cell
        other = _OTHER_LABEL.search(value)
        value = collapse(value[: other.start()] if other else value)
        if label not in values or (not values[label] and value):
            values[label] = value
    return values


def cell_values(page: Page) -> dict[str, str]:
    """``label -> value`` where the page sets a known label in a cell of its own and the value in the
    next (``<th>答复内容</th><td>暂无</td>``, ``<dt>…</dt><dd>…</dd>``): the cell's edge ends the value,
    which the text alone cannot tell (a reply of 暂无 followed by the page's 【打印本页】)."""
    values: dict[str, str] = {}
    for cell in page.root.iter("th", "td", "dt"):
        label = unicodedata.normalize("NFKC", collapse(cell.text_content())).rstrip(":：").replace(" ", "")
        if label not in LABELS or label in values:
            continue
        value = cell.getnext()
        if value is not None and value.tag in ("td", "dd"):
            values[label] = collapse(value.text_content())  # as written: a reply is quoted in evidence
    return values


def related_links(page: Page) -> list[list[str]]:
    """Links a related-block marker introduces, however the block is marked up: a heading or label
    before the links (``<h3>相关解读</h3><ul>…``, ``原文：<a>``, ``【相关文件】<a>``), or the marker in
    the link's own title attribute. Site chrome is left out."""
    related: list[list[str]] = []
    seen: set[str] = set()
    #: whether a container's text holds a marker at all (most hold none: then its links need no look)
    holds: dict[object, bool] = {}
    for anchor, url in page.link_elements():
        # a file under 相关文件 is an attachment (the media check's), not a page that can link back
        if page.region(anchor) in TEXT_CHROME or url in seen or media_kind_of(url) is not None:
            continue
        marker = _marker_before(anchor, holds)
        if marker is None:
            continue
        seen.add(url)
        related.append([marker, collapse(anchor.text_content()), url])
    return related


def _marker_before(anchor, holds: dict[object, bool]) -> str | None:  # type: ignore[no-untyped-def]
    """The related-block marker nearest before ``anchor`` within its nearest containers, never past
    a paragraph: a marker in an earlier paragraph introduces that paragraph's links, not this one's.

    ``holds`` keeps, per container, whether its whole text (a superset of the text before any of its
    links) holds a marker: a container without one is not walked for each of its links."""
    element = anchor
    for _ in range(4):
        parent = element.getparent()
        if parent is None or (element is not anchor and element.tag in ("p", "h1", "h2", "h3", "h4")):
            return None
        held = holds.get(parent)
        if held is None:
            whole = parent.text_content()
            held = holds[parent] = any(marker in whole for marker in RELATED_MARKERS)
        if not held:
            element = parent
            continue
        before = _text_before(parent, anchor)
        tail = before[-40:]
        # the marker ending nearest the link; of two ending there, the longer (政策原文 over 原文)
        hits = [(tail.rfind(marker) + len(marker), len(marker), marker) for marker in RELATED_MARKERS if marker in tail]
        if hits:
            return max(hits)[2]
        element = parent
    return None


def _text_before(container, anchor) -> str:  # type: ignore[no-untyped-def]
    """The text of ``container`` that comes before ``anchor`` in document order (the head, scripts
    and link texts left out)."""
    parts: list[str] = []

    def walk(node, in_link: bool = False) -> bool:  # type: ignore[no-untyped-def]
        if node is anchor:
            return True
        # a marker is a heading or a label, never a link's own text: 政策解读 in a column tree or a
        # menu (<a>政策解读</a> over its sub-columns' links) introduces no related block
        in_link = in_link or node.tag == "a"
        if not isinstance(node.tag, str) or node.tag in ("head", "title", "script", "style"):
            return False  # the page's title (…政策解读_网站名) introduces nothing
        if node.text and not in_link:
            parts.append(node.text)
        for child in node:
            if walk(child, in_link):
                return True
            if child.tail:
                parts.append(child.tail)
        return False

    walk(container)
    return collapse(" ".join(parts))


def _has_mobile_viewport(page: Page) -> bool:
    for meta in page.root.iter("meta"):
        if (meta.get("name") or "").strip().lower() == "viewport" and "device-width" in (meta.get("content") or ""):
            return True
    return False


def _mobile_links(page: Page) -> list[str]:
    links: list[str] = []
    for link in page.root.iter("link"):
        if (link.get("rel") or "").lower() == "alternate" and "max-width" in (link.get("media") or ""):
            url = page.absolute(link.get("href"))
            if url:
                links.append(url)
    for anchor, url in page.link_elements():
        name = anchor.text_content()  # the words hold no white space: collapsing it changes no answer
        if "手机版" in name or "移动版" in name or url.startswith(("http://m.", "https://m.")):
            links.append(url)
    return list(dict.fromkeys(links))
