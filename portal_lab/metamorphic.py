"""Changes to a page a person would not notice, as functions from HTML to HTML, and the same over
every page of a built portal. The metamorphic tests apply them and demand identical findings.

Every transform parses with lxml and writes back with lxml; ``roundtrip`` does only that, so a test
compares a transformed page with the round-tripped original, never with bytes lxml would write
differently anyway.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import replace

import lxml.html
from lxml.html import HtmlElement

from pathaudit.loopback.model import Portal, Resource
from portal_lab.disjoint.tokens import TokenPool

Transform = Callable[[str], str]
_SELECTOR = re.compile(r"([.#])(-?[_a-zA-Z][\w-]*)")
#: separators between breadcrumb links as sites write them
CRUMB_SEPARATORS = frozenset({">", "＞", "->", "→", "»", "›", "/", "-", ">>", "》"})


def _parse(html: str) -> HtmlElement:
    return lxml.html.document_fromstring(html)


def _write(root: HtmlElement) -> str:
    return "<!DOCTYPE html>\n" + lxml.html.tostring(root, encoding="unicode")


def roundtrip(html: str) -> str:
    return _write(_parse(html))


def rename_classes_and_ids(seed: int) -> Transform:
    """Every class and id (and the ``<style>`` selectors naming them) given a fresh random token."""

    def transform(html: str) -> str:
        root = _parse(html)
        pool = TokenPool(random.Random(f"rename:{seed}"))
        names: dict[str, str] = {}

        def new(name: str) -> str:
            if name not in names:
                names[name] = pool.take(3)
            return names[name]

        for element in root.iter():
            if not isinstance(element.tag, str):
                continue
            if element.get("class"):
                element.set("class", " ".join(new(c) for c in element.get("class", "").split()))
            if element.get("id"):
                element.set("id", new(element.get("id", "")))
        for style in root.iter("style"):
            style.text = _SELECTOR.sub(lambda m: m.group(1) + (names.get(m.group(2)) or m.group(2)), style.text or "")
        return _write(root)

    return transform


def swap_lists(to: str) -> Transform:
    """Every ``ul``/``ol`` list of ``li`` rows rebuilt as ``div``s, a ``table`` or a ``dl``."""
    if to not in ("div", "table", "dl"):
        raise ValueError(to)

    def transform(html: str) -> str:
        root = _parse(html)
        for holder in list(root.iter("ul", "ol")):
            rows = [c for c in holder if isinstance(c.tag, str) and c.tag == "li"]
            if not rows:
                continue
            holder.tag = {"div": "div", "table": "table", "dl": "dl"}[to]
            for row in rows:
                if to == "div":
                    row.tag = "div"
                elif to == "dl":
                    row.tag = "dd"
                else:
                    cell = lxml.html.Element("td")
                    cell.text, row.text = row.text, None
                    for child in list(row):
                        cell.append(child)
                    row.tag = "tr"
                    row.append(cell)
                    row.attrib.clear()
        return _write(root)

    return transform


def change_crumb_separators(separator: str) -> Transform:
    """Text between two links that is only a separator (``>``, ``->`` …) becomes ``separator``."""

    def transform(html: str) -> str:
        root = _parse(html)
        for anchor in root.iter("a"):
            tail = anchor.tail or ""
            nxt = anchor.getnext()
            if tail.strip() in CRUMB_SEPARATORS and nxt is not None and nxt.tag in ("a", "span"):
                anchor.tail = tail.replace(tail.strip(), separator)
        return _write(root)

    return transform


def replace_crumb_label(seed: int) -> Transform:
    """The label before a line of links (``您当前所在位置：``: a few words closed by a colon, right
    before the line's first link) replaced by random words and a colon: text no list of label words
    holds, CJK or Latin as the seed picks."""

    def transform(html: str) -> str:
        root = _parse(html)
        rng = random.Random(f"crumb-label:{seed}")
        for element in root.iter():
            children = [c for c in element if isinstance(c.tag, str)]
            if len([c for c in children if c.tag == "a"]) < 2:
                continue
            # the label is the element's own text, or a link-less element's, right before the first link
            first = next(i for i, c in enumerate(children) if c.tag == "a")
            holder = children[first - 1] if first and children[first - 1].find(".//a") is None else None
            owner, text = (holder, holder.text_content()) if holder is not None else (element, element.text or "")
            label = text.strip()
            if not label or label[-1] not in "：:" or len(label) > 16:
                continue
            if rng.random() < 0.5:
                words = "".join(chr(rng.randint(0x4E00, 0x9FA5)) for _ in range(rng.randint(2, 6))) + "："
            else:
                words = "".join(chr(rng.randint(0x61, 0x7A)) for _ in range(rng.randint(3, 8))).capitalize() + ": "
            if holder is not None:
                for child in list(holder):
                    holder.remove(child)
            owner.text = text.replace(label, words)
        return _write(root)

    return transform


def compose(*transforms: Transform) -> Transform:
    """The transforms applied one after the other."""

    def transform(html: str) -> str:
        for step in transforms:
            html = step(html)
        return html

    return transform


def into_hover_menu(pick: Callable[[HtmlElement], HtmlElement | None], seed: int) -> Transform:
    """The element ``pick`` chooses wrapped in a menu that shows it only under the pointer."""

    def transform(html: str) -> str:
        root = _parse(html)
        target = pick(root)
        if target is None:
            return _write(root)
        pool = TokenPool(random.Random(f"hover:{seed}"))
        menu, drop = pool.take(3), pool.take(3)
        wrapper = lxml.html.Element("div", {"class": menu})
        label = lxml.html.Element("span")
        label.text = "栏目导航"
        wrapper.append(label)
        target.addprevious(wrapper)
        wrapper.append(target)
        target.set("class", (target.get("class", "") + " " + drop).strip())
        style = lxml.html.Element("style")
        style.text = f".{drop}{{display:none}}.{menu}:hover .{drop}{{display:block}}"
        head = root.find("head")
        (head if head is not None else root).append(style)
        return _write(root)

    return transform


class _TransformedFiles(dict):  # type: ignore[type-arg]
    """A portal's files whose UTF-8 HTML pages are transformed when first asked for: a walk reads a
    few dozen of a family portal's thousands of pages."""

    def __init__(self, files: dict[str, Resource], transform: Transform) -> None:
        super().__init__(files)
        self._transform = transform
        self._done: set[str] = set()

    def __getitem__(self, key: str) -> Resource:
        resource = super().__getitem__(key)
        if key not in self._done:
            self._done.add(key)
            if resource.content_type.startswith("text/html") and "charset=utf-8" in resource.content_type:
                resource = replace(resource, body=self._transform(resource.body.decode("utf-8")).encode("utf-8"))
                super().__setitem__(key, resource)
        return resource


def transform_portal(portal: Portal, transform: Transform) -> Portal:
    """The portal with every UTF-8 HTML page passed through ``transform`` (other files kept)."""
    return replace(portal, files=_TransformedFiles(portal.files, transform))


def _anchors(block: HtmlElement) -> list[tuple[str, str]]:
    return [(a.get("href", ""), " ".join(a.text_content().split())) for a in block.iter("a") if a.get("href")]


def rebuild_block(pick: Callable[[HtmlElement], HtmlElement | None], kind: str, seed: int) -> Transform:
    """The links of the element ``pick`` chooses offered another way a person clicks just as well:
    a navigating ``<select>`` (``select``), tiles named in ``a[title] > span > em`` (``tiles``), or
    an image map (``imagemap``)."""
    if kind not in ("select", "tiles", "imagemap"):
        raise ValueError(kind)

    def transform(html: str) -> str:
        from html import escape

        root = _parse(html)
        target = pick(root)
        if target is None:
            return _write(root)
        links = _anchors(target)
        name = TokenPool(random.Random(f"block:{seed}")).take(3)
        if kind == "select":
            options = "".join(f'<option value="{escape(u)}">{escape(t)}</option>' for u, t in links)
            markup = (f'<select onchange="window.location.href=this.value"><option value="">请选择</option>'
                      f"{options}</select>")
        elif kind == "tiles":
            markup = "<div>" + "".join(f'<a href="{escape(u)}" title="{escape(t)}"><span><em>{escape(t)}</em></span></a>'
                                       for u, t in links) + "</div>"
        else:
            areas = "".join(f'<area shape="rect" coords="{i * 90},0,{i * 90 + 80},30" href="{escape(u)}" '
                            f'alt="{escape(t)}" />' for i, (u, t) in enumerate(links))
            markup = f'<div><img src="{name}.png" usemap="#{name}" alt="" /><map name="{name}">{areas}</map></div>'
        replacement = lxml.html.fragment_fromstring(markup)
        replacement.tail = target.tail
        target.getparent().replace(target, replacement)
        return _write(root)

    return transform

