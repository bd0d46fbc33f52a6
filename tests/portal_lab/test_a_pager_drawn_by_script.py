"""Later list pages behind a pager drawn by script (issue 17), on the plain lab portal with every
list's pager of page numbers rewritten as a script under made-up names: a loop that writes the
page links up to a bound in a variable is read, and the items of every list page are counted; a
button whose script says nothing readable leaves the count a floor, said in a note."""

from __future__ import annotations

from dataclasses import replace

import lxml.html

from portal_lab.disjoint import build_disjoint_portal
from portal_lab.disjoint.plain import ALL_OK, PATH_IDS, PLAIN, LabWalk
from portal_lab.disjoint.walking import walk_lab_portal
from portal_lab.metamorphic import transform_portal


def _pagers(root: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement]:
    """The lab's pagers of page numbers: a block of number links and the current page's number."""
    return [div for div in root.iter("div") if len(div) >= 2 and all(
        child.tag in ("a", "span") and (child.text or "").strip().isdigit() for child in div)]


def _walk(readable: bool) -> LabWalk:
    lab = build_disjoint_portal(3, ALL_OK, **{**PLAIN, "per_page": 4})
    transform = _as_script_transform(readable)
    lab = replace(lab, portal=transform_portal(lab.portal, transform))
    return LabWalk(lab, walk_lab_portal(lab))


def _as_script_transform(readable: bool):
    def transform(html: str) -> str:
        root = lxml.html.document_fromstring(html)
        for pager in _pagers(root):
            links = {int(a.text): a.get("href") for a in pager.iter("a")}
            pages = max([*links, *(int(s.text) for s in pager.iter("span"))])
            later = sorted((n, href) for n, href in links.items() if n >= 2)
            for child in list(pager):
                pager.remove(child)
            if not later:
                continue
            number, href = later[0]
            cut = href.rindex(str(number))
            head, tail = href[:cut], href[cut + len(str(number)):]
            if readable:
                code = (f"var q7x = {pages}; for (var kk = 2; kk <= q7x; kk++) "
                        f"{{ document.write('<a href=\"{head}' + kk + '{tail}\">' + kk + '</a> '); }}")
                pager.append(lxml.html.fragment_fromstring(f"<script>{code}</script>"))
            else:
                pager.append(lxml.html.fragment_fromstring('<a href="javascript:void(0)" onclick="vz(2)">往后</a>'))
                pager.append(lxml.html.fragment_fromstring("<script>function vz(n) { qk.draw(n); }</script>"))
        return lxml.html.tostring(root, encoding="unicode", doctype="<!DOCTYPE html>")

    return transform


def _paged(walk: LabWalk) -> list[str]:
    """The paths whose lists run over more than one page."""
    return [p for p in PATH_IDS if (walk.truth(p)["items"] or 0) > 4]


def test_a_loop_drawn_pager_is_read_and_every_page_counted():
    walk = _walk(readable=True)
    paged = _paged(walk)
    assert len(paged) >= 3
    assert walk.statuses() == {p: "ok" for p in PATH_IDS}, walk.errors()
    assert {p: walk.row(p)["items"] for p in paged} == {p: walk.truth(p)["items"] for p in paged}


def test_a_pager_whose_script_cannot_be_read_leaves_a_note_not_a_confident_count():
    walk = _walk(readable=False)
    paged = _paged(walk)
    assert walk.statuses() == {p: "ok" for p in PATH_IDS}, walk.errors()
    for path_id in paged:
        row = walk.row(path_id)
        assert row["items"] < walk.truth(path_id)["items"]
        assert "pager_unread" in [n["code"] for n in row.get("notes_data") or []], (path_id, row)
