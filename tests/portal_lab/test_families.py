"""The generated portals of every CMS family: deterministic per seed, covering the spec, and each
manifest true of the portal as served over HTTP (what a person reading the visible pages finds).

The checks read the pages as a visitor does: hidden blocks (``display:none``) and HTML comments are
not content; a Hanweb datastore's records are (the page's script shows them).
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urljoin, urlsplit

import lxml.html
import pytest

from portal_lab.families import FAMILY_NAMES, ORIGIN_TOKEN, build_family_portal, family_for_seed
from sample_portal.generator import load_default_spec
from sample_portal.server import serve_portal
from auditor.specs import normalise_name

SEEDS = range(8)
_RECORDS = re.compile(r"<record><!\[CDATA\[(.*?)\]\]></record>", re.S)
_ITEM_DATE = re.compile(r"(?:发布日期|生成日期|PubDate\" content=\")(?:[：:\s]|</th><td>)*(20\d\d-\d\d-\d\d)")


@pytest.fixture(scope="module")
def spec():
    return load_default_spec()


def visible_links(html: str, base: str) -> list[tuple[str, str]]:
    """(text or image alt, absolute URL) of the links a visitor sees."""
    tree = lxml.html.fromstring(html)
    for hidden in tree.xpath('//*[contains(translate(@style, " ", ""), "display:none")]'):
        hidden.drop_tree()
    trees = [tree]
    records = "".join(_RECORDS.findall(html))
    if records:
        trees.append(lxml.html.fragment_fromstring(records, create_parent="div"))
    out = []
    for node in trees:
        for a in node.iter("a"):
            href = (a.get("href") or "").strip()
            if not href or href.startswith(("javascript:", "#")):
                continue
            text = a.text_content().strip() or " ".join(img.get("alt", "") for img in a.iter("img"))
            out.append((text, urljoin(base, href)))
    return out


def item_prefix(family: str, column_url: str) -> str:
    """Where a column's item pages live, by the family's URL shape."""
    if family == "hanweb":
        number = re.search(r"/col/col(\d+)/", column_url).group(1)  # type: ignore[union-attr]
        return f"art_{number}_"
    path = urlsplit(column_url).path
    if family == "provincial":
        return path.rsplit("/", 1)[0] + "/"
    return path


def column_items(family: str, html: str, page_url: str, column_url: str) -> list[str]:
    """The column's own items among the page's visible links (item URLs carry a year folder)."""
    prefix = item_prefix(family, column_url)
    own = urlsplit(column_url).path
    found = set()
    for _, url in visible_links(html, page_url):
        path = urlsplit(url).path
        mine = prefix in path if family == "hanweb" else path.startswith(prefix)
        if mine and path != own and not path.endswith("/index.html") and re.search(r"/20\d\d", path):
            found.add(url)
    return sorted(found)


def _names(html: str) -> set[str]:
    """Every visible text of the page, normalised: link texts, headings, image alts."""
    tree = lxml.html.fromstring(html)
    for hidden in tree.xpath('//*[contains(translate(@style, " ", ""), "display:none")]'):
        hidden.drop_tree()
    texts = {node.text_content() for node in tree.iter("a", "span", "h1", "h2", "h3", "li")}
    texts |= {img.get("alt", "") for img in tree.iter("img")}
    return {normalise_name(t) for t in texts if t and t.strip()}


@pytest.mark.parametrize("seed", SEEDS)
def test_every_column_is_linked_where_a_visitor_looks_and_named_as_the_manifest_says(seed: int, fetch):
    """Each existing column is linked from its parent's page (home for the top ones), or, when the
    manifest says so, only from its siblings' pages; the linking page shows the column's name."""
    portal = build_family_portal(seed)
    columns = portal.manifest["columns"]
    by_url = {}
    with serve_portal(portal) as running:
        def page(url: str) -> tuple[list[str], set[str]]:
            if url not in by_url:
                html = fetch(running.url(url)).text()
                by_url[url] = ([u for _, u in visible_links(html, running.url(url))], _names(html))
            return by_url[url]

        for column in columns:
            site_path = column["site_path"]
            parent = next((c for c in columns if c["site_path"] == site_path[:-1]), None)
            parent_url = parent["url"] if parent else ("/" if len(site_path) == 1 else None)
            if parent_url is None:
                continue  # the parent is one of the site's own columns, outside the manifest
            target = running.url(column["url"])
            if column["only_in_sibling_trees"]:
                siblings = [c["url"] for c in columns if c["site_path"][:-1] == site_path[:-1] and c is not column]
                where = [u for u in siblings if target in page(u)[0]]
            else:
                where = [parent_url] if target in page(parent_url)[0] else []
            assert where, (column["path"], "not linked where a visitor looks")
            assert normalise_name(column["shown"]) in page(where[0])[1], (column["path"], column["shown"])


def test_a_seed_always_builds_the_same_portal_and_seeds_differ():
    first, again, other = build_family_portal(5), build_family_portal(5), build_family_portal(9)
    assert first.files.keys() == again.files.keys()
    assert all(first.files[k].body == again.files[k].body for k in first.files)
    assert first.manifest == again.manifest
    assert first.manifest["family"] == other.manifest["family"] == "hanweb"
    assert first.manifest["defects"] != other.manifest["defects"]


def test_consecutive_seeds_cover_every_family_and_every_path_of_the_spec(spec):
    assert {family_for_seed(s) for s in range(len(FAMILY_NAMES))} == set(FAMILY_NAMES)
    ids = [p.id for p in spec.paths]
    for seed in range(len(FAMILY_NAMES)):
        manifest = build_family_portal(seed).manifest
        assert [e["id"] for e in manifest["expected_paths"]] == ids
        assert {e["status"] for e in manifest["expected_paths"]} >= {"ok", "missing", "empty"}


def test_the_bundled_demo_portal_is_not_a_generated_one():
    from sample_portal.server import default_portal

    demo = default_portal()
    assert demo.origin_token is None and "family" not in demo.manifest


def test_features_can_be_left_out_one_by_one_and_unknown_ones_are_refused():
    full = build_family_portal(10)
    assert "tab_blocks" in full.manifest["features"] and "toolbar" in full.manifest["features"]
    lean = build_family_portal(10, without=["tab_blocks"])
    assert "tab_blocks" not in lean.manifest["features"] and "toolbar" in lean.manifest["features"]
    assert all(c["sub_region"] != "tabs" for c in lean.manifest["columns"])
    assert [e["path"] for e in lean.manifest["expected_paths"]] == [e["path"] for e in full.manifest["expected_paths"]]
    with pytest.raises(ValueError, match="unknown portal feature"):
        build_family_portal(10, without=["marquee"])


def test_a_gbk_portal_names_its_charset_only_in_the_page():
    portal = next(p for p in map(build_family_portal, range(40)) if "gbk" in p.manifest["features"])
    home = portal.files["/index.html"]
    assert home.content_type == "text/html"
    assert b'<meta charset="gbk" />' in home.body
    assert "政府信息公开".encode("gbk") in home.body and "政府信息公开".encode("utf-8") not in home.body


def test_an_unknown_family_is_refused_with_its_name():
    with pytest.raises(ValueError, match="unknown portal family 'joomla'"):
        build_family_portal(1, "joomla")


def _newest_item_date(fetch, urls: list[str]) -> dt.date | None:
    dates = []
    for url in urls:
        answer = fetch(url)
        assert answer.status == 200, url
        found = _ITEM_DATE.search(answer.text())
        assert found, f"no publication date on {url}"
        dates.append(dt.date.fromisoformat(found.group(1)))
    return max(dates) if dates else None


@pytest.mark.parametrize("seed", SEEDS)
def test_the_manifest_is_true_of_the_portal_served_over_http(seed: int, spec, fetch):
    portal = build_family_portal(seed)
    manifest, family = portal.manifest, portal.manifest["family"]
    as_of = dt.date.fromisoformat(manifest["as_of"])
    rules = {p.id: p.rules for p in spec.paths}
    columns = {tuple(c["path"]): c for c in manifest["columns"]}
    with serve_portal(portal) as running:
        base = running.base_url
        home = fetch(base)
        assert home.status == 200 and ORIGIN_TOKEN not in home.text()
        for entry in manifest["expected_paths"]:
            status, url = entry["status"], running.url(entry["url"])
            answer = fetch(url)
            assert answer.status == 200, (entry["path"], url)
            column = columns.get(tuple(entry["path"]))
            if status == "missing":
                continue
            assert column is not None
            if column["kind"] != "leaf":
                continue
            items = column_items(family, answer.text(), url, url)
            if status == "empty":
                assert items == [], (entry["path"], items[:3])
                continue
            assert items, (entry["path"], "no visible items")
            window = rules[entry["id"]].effective_max_age_days
            newest = _newest_item_date(fetch, items)
            if window is not None and newest is not None:
                age = (as_of - newest).days
                assert (age > window) == (status == "stale"), (entry["path"], status, newest)
        for behaviour in manifest["behaviours"]:
            # a refused page is a sibling the walk may meet, never part of a mandated path's answer
            assert fetch(running.url(behaviour["url"])).status == 403
            assert not any(e["path"][: len(behaviour["path"])] == behaviour["path"] for e in manifest["expected_paths"])
        for defect in manifest["defects"]:
            kind = defect["kind"]
            if kind == "missing_column":
                assert fetch(running.url(defect["absent_url"])).status == 404
                assert fetch(running.url(defect["url"])).status == 200
            elif kind.startswith("broken_"):
                page = fetch(running.url(defect["page"]))
                assert page.status == 200 and defect["url"] in page.text()
                medium = fetch(running.url(defect["url"]))
                assert medium.status == 404 or len(medium.body) == 0 or medium.content_type.startswith("text/html") \
                    or defect["reason"] in ("truncated", "unplayable_format"), defect
            elif kind == "missing_field":
                assert defect["field"] not in fetch(running.url(defect["url"])).text()
            elif kind == "renamed_column":
                page = fetch(running.url(defect["url"])).text()
                assert defect["site_name"] in page and defect["site_name"] != defect["path"][-1]


@pytest.mark.parametrize("seed", [s for s in range(40) if family_for_seed(s) in ("hanweb", "provincial")][:6])
def test_a_column_linked_only_from_its_siblings_trees_is_there_and_not_on_its_parents_page(seed: int, fetch):
    portal = build_family_portal(seed)
    hidden = [c for c in portal.manifest["columns"] if c["only_in_sibling_trees"]]
    if not hidden:
        pytest.skip("this seed hides no column")
    by_path = {tuple(c["path"]): c for c in portal.manifest["columns"]}
    with serve_portal(portal) as running:
        for column in hidden:
            target = running.url(column["url"])
            parent = by_path.get(tuple(column["path"][:-1]))
            siblings = [c for c in portal.manifest["columns"] if c["path"][:-1] == column["path"][:-1] and c is not column]
            if parent is not None:
                parent_links = [u for _, u in visible_links(fetch(running.url(parent["url"])).text(), target)]
                assert target not in parent_links
            sibling_links = {u for s in siblings for _, u in visible_links(fetch(running.url(s["url"])).text(), target)}
            assert target in sibling_links
