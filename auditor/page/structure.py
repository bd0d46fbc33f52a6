"""Regions a page shows by its structure and its own words, whatever its classes are called.

Class names name a page's footer and its links to other sites on most templates, but not on all,
and a renamed class must not turn a footer's 关于我们 or a list of other departments' sites into the
site's columns. Two cues a person reads instead:

* the **closing block**: the block at the end of the page that carries the site's colophon (the
  ICP and public-security filing numbers, 网站标识码, 版权所有, ©), grown outwards while it stays a
  small share of the page's text and nothing of weight follows it;
* **links to other sites**: a block whose every link leads off the page's own host, to three
  sites or more, about one link per site (市直部门, 县区政府 lists and drop-downs).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from urllib.parse import urlsplit

from lxml.html import HtmlElement

from auditor.page.canonical import INDEX_FILE
from auditor.page.urlshapes import site_of

#: what the national rules put into every government site's colophon
_COLOPHON = re.compile(r"ICP备|公网安备|网站标识码|版权所有|Copyright|©", re.IGNORECASE)
#: the closing block holds at most this share of the page's text …
_CLOSING_SHARE = 0.3
#: … and at most this share follows it
_TRAILING_SHARE = 0.1


def closing_block(body: HtmlElement, lengths: dict[HtmlElement, int]) -> HtmlElement | None:
    """The page's closing block (its footer), or None. ``lengths``: visible characters under each
    visible element (``tree.text_lengths``); an element missing from it is not seen."""
    total = lengths.get(body, 0)
    if not total:
        return None
    marker = None
    for element in body.iter():
        if not isinstance(element.tag, str):
            continue
        # the last one wins: the colophon ends the page (a tail's text belongs to the parent)
        if element.tail and _COLOPHON.search(element.tail) and element.getparent() in lengths:
            marker = element.getparent()
        if element.text and element in lengths and _COLOPHON.search(element.text):
            marker = element
    if marker is None or _following(marker, body, lengths) > total * _TRAILING_SHARE:
        return None
    block = marker
    for parent in marker.iterancestors():
        if parent is body or lengths.get(parent, 0) > total * _CLOSING_SHARE:
            break
        if _following(parent, body, lengths) > total * _TRAILING_SHARE:
            break
        block = parent
    return block if lengths.get(block, 0) <= total * _CLOSING_SHARE else None


def _following(element: HtmlElement, body: HtmlElement, lengths: dict[HtmlElement, int]) -> int:
    """Visible characters after ``element`` inside ``body`` (in the following siblings of it and
    of its ancestors)."""
    after = 0
    node: HtmlElement | None = element
    while node is not None and node is not body:
        after += sum(lengths.get(sibling, 0) for sibling in node.itersiblings())
        node = node.getparent()
    return after


def other_sites_blocks(links: Iterable[tuple[HtmlElement, str]], page_url: str,
                       region_of: Callable[[HtmlElement], str], lengths: dict[HtmlElement, int]) -> list[HtmlElement]:
    """The outermost blocks of the main area that are made of links (most of their text is link
    text: an article's paragraph is not) and whose links all lead to other sites: to three hosts or
    more (two for a navigating ``<select>``), about one link per host, or to two registrable sites
    or more none of which is the page's own (中国政府网 | 省政府网). ``links``: (element, URL) of
    every link of the page; ``lengths``: visible characters under each visible element."""
    own = (urlsplit(page_url).hostname or "").lower()
    own_site = site_of(page_url)
    counts: dict[HtmlElement, list[int]] = {}
    hosts: dict[HtmlElement, set[str]] = {}
    sites: dict[HtmlElement, set[str]] = {}
    for element, url in links:
        if region_of(element) != "main":
            continue
        try:
            host = (urlsplit(url).hostname or "").lower()
        except ValueError:
            continue
        site = site_of(url)
        for holder in element.iterancestors():
            if holder.tag == "body" or (holder not in lengths and holder.tag not in ("select", "optgroup")):
                break  # the whole page, or hidden (a navigating <select>'s text is no text, yet a menu)
            count = counts.setdefault(holder, [0, 0, 0])
            count[0] += 1
            count[2] += lengths.get(element, 0)
            if host and host != own:
                count[1] += 1
                hosts.setdefault(holder, set()).add(host)
                if site != own_site:
                    sites.setdefault(holder, set()).add(site)
    found = []
    for holder, (total, off_site, link_text) in counts.items():
        if off_site != total or region_of(holder) != "main" or link_text * 5 < lengths.get(holder, 0) * 3 or (
                holder.tag == "optgroup"):
            continue
        other_hosts, other_sites = len(hosts.get(holder, ())), len(sites.get(holder, ()))
        # a navigating <select> is one menu however short: two other sites make it a list of sites
        least = 2 if holder.tag == "select" else 3
        if (total >= least and other_hosts >= least and other_hosts * 2 >= total) or (
                other_sites >= 2 and other_sites == other_hosts):
            found.append(holder)
    chosen = set(found)
    return [h for h in found if not any(a in chosen for a in h.iterancestors())]


def leading_logo(links: Iterable[tuple[HtmlElement, str]]) -> HtmlElement | None:
    """The page's first link when it is an image alone leading to a site's home page: the logo at
    the top of every page, which a person reads as the page's header."""
    for element, url in links:
        if element.tag != "a" or "".join(element.itertext()).strip() or element.find(".//img") is None:
            return None
        path = urlsplit(url).path
        return element if path in ("", "/") or INDEX_FILE.search(path) else None
    return None


def search_forms(body: HtmlElement, lengths: dict[HtmlElement, int]) -> list[HtmlElement]:
    """Forms a person types a query into (a visible text or search field), holding a small share of
    the page: the site search, whatever its class is called (a form around the whole page, as
    ASP.NET writes one, is no search box)."""
    total = lengths.get(body, 0)
    found = []
    for form in body.iter("form"):
        fields = [i for i in form.iter("input") if (i.get("type") or "text").lower() in ("text", "search") and i in lengths]
        if fields and lengths.get(form, 0) <= total * _TRAILING_SHARE:
            found.append(form)
    return found
