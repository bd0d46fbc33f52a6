"""Is a page's content drawn by script? Weighed cues, with an unsure outcome; and column addresses
that are URL fragments (``index.html#c101``) kept as addresses of their own.

Many provincial 政府信息公开 platforms send a shell: a mount point (``<div id="app">``), a few
script files, an inline JSON config holding the directory tree, and list containers the scripts fill
from a JSON API, each column addressed by a fragment of one page. Read as static HTML, such a page
shows no columns and no items, and a walk standing on it would call every column below it missing
or empty. A person's browser shows them all. This module tells such a page from a static one so that
the crawl renders it (or reads its data) before judging, or else says the columns are unverified
because the page is drawn by script.

The judgement weighs cues rather than trusting one: portals add analytics scripts, empty ``<div
id="app">`` wrappers and ``#top`` anchors to perfectly static pages. Each cue carries a weight;
static content (a list of dated links, a long text, many links) counts against. The outcome is
``scripted``, ``static`` or ``unsure``, with the cues that decided it, so a crawl can spend a
browser on doubt when it has one and never blank a static page's findings because of doubt when it
has none. No Scrapy here: the spider asks, this module answers from the page alone.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Literal
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from lxml.html import HtmlElement

from auditor.page.tree import Page

Verdict = Literal["scripted", "static", "unsure"]
#: how a column's page was read: as the server sent it, from the JSON data it loads, or rendered
ReadMode = Literal["static", "data", "rendered"]

#: a score at or above this is ``scripted``; below ``UNSURE_AT`` it is ``static``
SCRIPTED_AT = 5
UNSURE_AT = 3

#: ids and attributes single-page frameworks mount on
_MOUNT_IDS = frozenset({"app", "root", "main-app", "vue-app", "react-root", "__next", "__nuxt", "xxgk-app", "app-root"})
_MOUNT_ATTRS = ("data-reactroot", "ng-app", "data-v-app", "v-cloak", "x-data")
#: what a list container or a placeholder says while the script has not filled it
_LOADING = re.compile(r"^\s*(?:加载中|正在加载|数据加载中|loading)[.。…\s]*$", re.IGNORECASE)
#: template placeholders a script replaces ({{ item.title }}, ${title})
_TEMPLATE = re.compile(r"\{\{\s*[\w.$\[\]'\"]+\s*\}\}|\$\{\s*\w+(?:\.\w+)*\s*\}")
#: class or id tokens of containers lists are drawn into
_LIST_TOKENS = frozenset({"list", "lists", "datalist", "newslist", "news", "xxgk", "infolist", "items", "table", "tbody", "content", "con"})
_TOKEN_SPLIT = re.compile(r"[\s_\-]+|(?<=[a-z])(?=[A-Z])")
#: an inline script that assigns a JSON-like object literal with names and children (a tree config)
_CONFIG = re.compile(r"""["']?(?:children|nodes|columns|tree|catalog|menu)["']?\s*:\s*\[""", re.IGNORECASE)
#: a script that asks for data
_FETCH = re.compile(r"\b(?:fetch\s*\(|XMLHttpRequest|\$\.(?:ajax|get|getJSON|post)\s*\(|axios\.|\.load\s*\()")
_NOSCRIPT = re.compile(r"(?:启用|开启|打开|支持)\s*JavaScript|enable\s+JavaScript", re.IGNORECASE)
#: a page with at least this many followable links shows its content (a portal's chrome alone has
#: a dozen or two; a shell has a handful)
FEW_LINKS = 8
MANY_LINKS = 40
#: visible characters of a page that shows content of its own
LONG_TEXT = 1500
#: the query name a fragment-addressed column's URL carries inside the walk (see ``view_url``)
VIEW_PARAM = "pa_view"


@dataclass(frozen=True)
class ScriptJudgement:
    """What the page is, its score and the cues that made it (codes, for logs and tests)."""

    verdict: Verdict
    score: int
    cues: tuple[str, ...]
    #: fragments the page's links address inside the app (``c101`` of ``index.html#c101``)
    fragments: tuple[str, ...] = ()

    @property
    def scripted(self) -> bool:
        return self.verdict == "scripted"


def judge_scripted(page: Page) -> ScriptJudgement:
    """Weigh the cues of ``page`` (the parsed static answer)."""
    root = page.root
    cues: list[tuple[str, int]] = []
    scripts = [s for s in root.iter("script") if (s.get("type") or "text/javascript").lower() in _JS_TYPES]
    if not scripts:
        return ScriptJudgement("static", 0, ("no_script",))
    sources = [s for s in scripts if s.get("src")]
    inline = "\n".join(s.text or "" for s in scripts if not s.get("src"))
    links = list(page.link_elements())
    text_chars = len(re.sub(r"\s+", "", page.text()))
    ids = {element.get("id") for element in root.iter() if isinstance(element.tag, str) and element.get("id")}

    mount = _empty_mount(root)
    if mount:
        cues.append(("mount_point", 3))
    if any(element.get(attr) is not None for element in root.iter() if isinstance(element.tag, str) for attr in _MOUNT_ATTRS):
        cues.append(("framework_attribute", 2))
    if _CONFIG.search(inline) and _has_json_object(inline):
        cues.append(("inline_config", 2))
    loads = bool(_FETCH.search(inline))
    if loads:
        cues.append(("loads_data", 1))
    if _script_filled_lists(root):
        # an empty list container is an empty list unless something on the page fills it
        cues.append(("list_filled_by_script", 3) if loads or mount else ("empty_list_container", 1))
    if _TEMPLATE.search(page.text()):
        cues.append(("template_placeholders", 3))
    noscript = " ".join((n.text_content() or "") for n in root.iter("noscript"))
    if _NOSCRIPT.search(noscript):
        cues.append(("noscript_notice", 2))
    fragments = _app_fragments(root, page.url, ids)
    if len(fragments) >= 2:
        cues.append(("fragment_addressed_columns", 3))
    if len(sources) + (1 if inline.strip() else 0) >= 1 and len(links) < FEW_LINKS:
        cues.append(("scripts_with_few_links", 2))
    # what a static page shows of its own
    if len(links) >= MANY_LINKS:
        cues.append(("many_links", -4))
    if text_chars >= LONG_TEXT:
        cues.append(("long_text", -3))
    if _dated_entries(page) >= 5:
        cues.append(("dated_list_shown", -4))
    score = sum(weight for _, weight in cues)
    verdict: Verdict = "scripted" if score >= SCRIPTED_AT else "unsure" if score >= UNSURE_AT else "static"
    return ScriptJudgement(verdict, score, tuple(code for code, _ in cues), tuple(fragments))


def judge_html(html: str, url: str) -> ScriptJudgement:
    """``judge_scripted`` of a page given as text; a page with no ``<script`` is static unparsed (the
    crawl asks this of every page it reads)."""
    lowered = html.lower()
    if "<script" not in lowered:
        return ScriptJudgement("static", 0, ("no_script",))
    if lowered.count("<a ") >= FEW_LINKS and not _has_strong_cue(lowered):
        # no cue but the weak ones (an empty list container), and links enough: no parse needed
        return ScriptJudgement("static", 0, ("no_strong_cue",))
    return judge_scripted(Page.parse(html, url))


#: the cues that can make a page with links look drawn by script, found in the raw text: each with
#: what the lowered text cannot lack if the cue is there (literals, or a pattern with a literal to
#: look for first). The crawl asks this of every page it reads, and one pattern of all the cues
#: together has no literal to look for first: it tried every alternative at every character of the
#: page (1.2 CPU s of a 7 CPU s demo crawl). Looking for what each cue needs first finds the same.
_STRONG_CUES: tuple[tuple[str, tuple[str, ...] | re.Pattern[str]], ...] = (
    (r"""\bid\s*=\s*["']?(?:""" + "|".join(re.escape(i) for i in sorted(_MOUNT_IDS)) + r""")["'\s>]""",
     ("app", "root", "__next", "__nuxt")),
    ("|".join(re.escape(a) for a in _MOUNT_ATTRS), _MOUNT_ATTRS),
    (_FETCH.pattern, ("fetch", "xmlhttprequest", "$.", "axios.", ".load")),
    (_CONFIG.pattern, re.compile(r":\s*\[")),
    (r"<noscript", ("<noscript",)),
    (r"\{\{|\$\{", ("{{", "${")),
    (r"""href\s*=\s*["'][^"'#]*#[^"'\s]""", ("#",)),
)
_STRONG = re.compile("|".join(pattern for pattern, _ in _STRONG_CUES), re.IGNORECASE)
#: the same patterns lowered, for the lowered text (no escape in them is upper case: \s, \b, \[)
_STRONG_PARTS = tuple((re.compile(pattern.lower()), needs) for pattern, needs in _STRONG_CUES)


def _has_strong_cue(lowered: str) -> bool:
    """``_STRONG.search`` of the page, fast: a cue's pattern runs only on a page that has what it
    needs, and on the lowered text (case-blind matching costs more)."""
    for pattern, needs in _STRONG_PARTS:
        present = needs.search(lowered) is not None if isinstance(needs, re.Pattern) else any(n in lowered for n in needs)
        if present and pattern.search(lowered):
            return True
    return False


_JS_TYPES = frozenset({"text/javascript", "application/javascript", "module", "text/ecmascript", "application/ecmascript"})


def _empty_mount(root: HtmlElement) -> bool:
    """An element a framework mounts on (by its id), holding no text of its own yet."""
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        ident = (element.get("id") or "").lower()
        if ident in _MOUNT_IDS and len(re.sub(r"\s+", "", element.text_content() or "")) < 40:
            return True
    return False


def _tokens(element: HtmlElement) -> set[str]:
    words = f"{element.get('class') or ''} {element.get('id') or ''}"
    return {t.lower() for t in _TOKEN_SPLIT.split(words) if t}


def _script_filled_lists(root: HtmlElement) -> list[HtmlElement]:
    """List containers that are empty or say 加载中, with no link inside: a script fills them."""
    found = []
    for element in root.iter("ul", "ol", "div", "tbody", "table", "section"):
        if not (_tokens(element) & _LIST_TOKENS):
            continue
        if any(True for _ in element.iter("a")):
            continue
        text = (element.text_content() or "").strip()
        if not text or _LOADING.match(text) or _TEMPLATE.search(text):
            found.append(element)
    return found


def _app_fragments(root: HtmlElement, url: str, ids: set[str | None]) -> list[str]:
    """Fragments the page's links address on this same page that no element of it carries: views
    of an app (an in-page anchor names an element that exists)."""
    here = urlsplit(url)
    found: list[str] = []
    for anchor in root.iter("a"):
        href = (anchor.get("href") or "").strip()
        if "#" not in href or href.startswith(("javascript:", "mailto:")):
            continue
        before, _, fragment = href.partition("#")
        fragment = fragment.strip()
        if not fragment or fragment in ids or fragment.lstrip("/") in ids:
            continue
        if before:
            target = urlsplit(before)
            if target.netloc and target.netloc != here.netloc:
                continue
            path = target.path
            if path and path.rsplit("/", 1)[-1] != here.path.rsplit("/", 1)[-1]:
                continue
        if fragment not in found:
            found.append(fragment)
    return found


def _has_json_object(code: str) -> bool:
    """Some object literal in ``code`` parses as JSON with a list in it (a config, not a one-liner)."""
    for start in (m.start() for m in re.finditer(r"\{", code)):
        blob = _balanced(code, start)
        if blob is None or len(blob) < 40:
            continue
        try:
            value = json.loads(blob)
        except ValueError:
            continue
        if isinstance(value, dict) and any(isinstance(v, list) for v in value.values()):
            return True
    return False


def _balanced(code: str, start: int) -> str | None:
    """The ``{…}`` literal starting at ``start`` (strings honoured), or None when it never closes."""
    depth, quote, escaped = 0, "", False
    for index in range(start, min(len(code), start + 200_000)):
        char = code[index]
        if quote:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == quote:
                quote = ""
            continue
        if char in "\"'":
            quote = char
        elif char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return code[start : index + 1]
    return None


def inline_json_objects(page: Page) -> list[dict[str, object]]:
    """The JSON objects the page's inline scripts assign (``window.CONFIG = {...}``), outermost only."""
    found: list[dict[str, object]] = []
    for _, code in page.inline_scripts():
        index = 0
        while True:
            start = code.find("{", index)
            if start < 0:
                break
            blob = _balanced(code, start)
            if blob is None:
                break
            try:
                value = json.loads(blob)
            except ValueError:
                index = start + 1
                continue
            if isinstance(value, dict):
                found.append(value)
            index = start + len(blob)
    return found


_DATE = re.compile(r"(?:19|20)\d{2}[-/.年]\d{1,2}[-/.月]\d{1,2}")


def _dated_entries(page: Page) -> int:
    """Links whose row shows a date: a list the server drew itself."""
    count = 0
    for element, _ in page.link_elements():
        row = element.getparent()
        if row is not None and _DATE.search(row.text_content() or ""):
            count += 1
            if count >= 5:
                break
    return count


# --- fragment-addressed columns ------------------------------------------------------------------
def view_url(url: str, fragment: str) -> str:
    """The walk's address of the column ``url#fragment``: the fragment as a query value, because a
    fragment is no address to HTTP (pages are keyed without it) while here each ``#id`` is its own
    column. The crawl never sends this URL: it renders (or reads the data of) ``real_url(view)``."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != VIEW_PARAM]
    query.append((VIEW_PARAM, fragment))
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), ""))


def split_view(url: str) -> tuple[str, str | None]:
    """``(page URL, fragment)`` of a walk address; the fragment is None for a plain URL."""
    parts = urlsplit(url)
    if VIEW_PARAM not in parts.query:
        return url, None
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    fragment = next((v for k, v in pairs if k == VIEW_PARAM), None)
    rest = urlencode([(k, v) for k, v in pairs if k != VIEW_PARAM])
    return urlunsplit((parts.scheme, parts.netloc, parts.path, rest, "")), fragment


def real_url(url: str) -> str:
    """The URL a person's browser shows for a walk address (``index.html#c101``)."""
    page, fragment = split_view(url)
    return f"{page}#{fragment}" if fragment is not None else url


def addressed_fragments(html: str, url: str) -> str:
    """The rendered DOM with every link to a view of this same page (``#c101``, ``index.html#c101``)
    rewritten to the view's walk address, so the page reader keeps each column apart."""
    here = urlsplit(split_view(url)[0])
    leaf = here.path.rsplit("/", 1)[-1]
    anchors = set(_ID.findall(html))  # an in-page anchor (#top) names an element that exists

    def rewrite(match: re.Match[str]) -> str:
        quote, href = match.group(1), match.group(2)
        before, _, fragment = href.partition("#")
        fragment = fragment.strip()
        if not fragment or fragment in anchors or before.startswith(("javascript:", "mailto:")):
            return match.group(0)
        if before:
            target = urlsplit(before)
            if target.netloc and target.netloc != here.netloc:
                return match.group(0)
            if target.path and target.path.rsplit("/", 1)[-1] != leaf:
                return match.group(0)
        address = view_url(urlunsplit((here.scheme, here.netloc, here.path, here.query, "")), fragment)
        return f"href={quote}{address.replace('&', '&amp;')}{quote}"

    return _HREF.sub(rewrite, html)


_ID = re.compile(r"""\sid=["']([^"']+)["']""", re.IGNORECASE)
_HREF = re.compile(r"""href=(["'])([^"'<>]*#[^"'<>]*)\1""", re.IGNORECASE)
