"""The manifest is true of the portal as served over HTTP: every planted defect is what it claims,
and every path it calls healthy can be reached by clicking link texts from the home page and shows
items fresh enough for its staleness window."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import struct
from collections.abc import Callable
from urllib.parse import urljoin, urlsplit

import lxml.html
import pytest
from PIL import Image, UnidentifiedImageError

from sample_portal.generator import load_default_spec
from auditor.specs import normalise_name

_DATES = re.compile(r"(?<!\d)(20\d\d)[-年](\d\d)[-月](\d\d)日?|(?<![\d-])(\d\d)-(\d\d)(?![\d-])")


def defects_of(manifest: dict, kind: str) -> list[dict]:
    found = [d for d in manifest["defects"] if d["kind"] == kind]
    assert found, f"the manifest plants no {kind}"
    return found


_RECORD = re.compile(r"<record><!\[CDATA\[(.*?)\]\]></record>", re.S)


def links(answer) -> list[tuple[str, str, str]]:
    """(text, title, absolute URL) of every link of an HTML answer, in page order, with those of the
    records of a Hanweb datastore (which sit as CDATA inside a <script type="text/xml">)."""
    text = answer.text()
    trees = [lxml.html.fromstring(text)]
    records = "".join(_RECORD.findall(text))
    if records:
        trees.append(lxml.html.fragment_fromstring(records, create_parent="ul"))
    out = []
    for a in (a for tree in trees for a in tree.iter("a")):
        href = (a.get("href") or "").strip()
        if href and not href.startswith(("javascript:", "#", "mailto:")):
            out.append((a.text_content().strip(), (a.get("title") or "").strip(), urljoin(answer.url, href)))
    return out


def names_of(answer) -> set[str]:
    return {normalise_name(n) for text, title, _ in links(answer) for n in (text, title) if n}


def fetch_retrying(fetch: Callable, url: str):
    """As a crawler does: a server error is retried once."""
    answer = fetch(url)
    return fetch(url) if answer.status >= 500 else answer


class Clicker:
    """A small breadth-first clicker, independent of the product's crawler: from the home page, follow
    the link whose text or title is the next segment; a segment not linked from the page is looked for
    on the pages it links to (one intermediate page at most)."""

    def __init__(self, fetch: Callable, base: str, shown_as: dict[str, str]) -> None:
        self.fetch, self.base, self.shown_as = fetch, base, shown_as
        self.cache: dict[str, object] = {}

    def get(self, url: str):
        if url not in self.cache:
            self.cache[url] = fetch_retrying(self.fetch, url)
        return self.cache[url]

    def _find(self, page_url: str, segment: str) -> str | None:
        wanted = normalise_name(self.shown_as.get(segment, segment))
        answer = self.get(page_url)
        if answer.status != 200 or not answer.content_type.startswith("text/html"):
            return None
        for text, title, url in links(answer):
            if wanted in (normalise_name(text), normalise_name(title)) and self._local(url):
                return url
        return None

    def _local(self, url: str) -> bool:
        return url.startswith(self.base)

    def walk(self, segments: list[str]) -> list[str]:
        """The URLs clicked, home page first; fails with the segment that could not be found."""
        trail = [self.base]
        for segment in segments:
            found = self._find(trail[-1], segment)
            if found is None:
                for _, _, via in links(self.get(trail[-1])):
                    if self._local(via) and urlsplit(via).path.endswith(("/", ".html")):
                        found = self._find(via, segment)
                        if found is not None:
                            trail.append(via)
                            break
            assert found is not None, f"cannot click {segment!r} from {trail[-1]} ({segments})"
            trail.append(found)
        assert self.get(trail[-1]).status == 200, trail
        return trail


@pytest.fixture(scope="module")
def manifest(sample_portal) -> dict:
    return sample_portal.portal.manifest


@pytest.fixture(scope="module")
def clicker(sample_portal, fetch, manifest) -> Clicker:
    shown_as = {d["path"][-1]: d["site_name"] for d in manifest["defects"] if d["kind"] == "renamed_column"}
    return Clicker(fetch, sample_portal.base_url, shown_as)


def same(url_a: str, url_b: str) -> bool:
    """Same page: a directory and its index.html are one page."""
    def clean(url: str) -> str:
        path = urlsplit(url).path
        return path[: -len("index.html")] if path.endswith("/index.html") else path
    return clean(url_a) == clean(url_b)


# --- healthy paths --------------------------------------------------------------------------------

def test_the_manifest_is_served(sample_portal, fetch, manifest):
    answer = fetch(sample_portal.url("/__pathaudit__/manifest.json"))
    assert answer.status == 200 and json.loads(answer.body) == manifest


def test_every_healthy_path_is_reached_by_clicking_link_texts(sample_portal, clicker, manifest):
    where = {tuple(c["path"]): c["url"] for c in manifest["columns"]}
    for path in manifest["healthy_paths"]:
        trail = clicker.walk(path)
        assert same(trail[-1], sample_portal.url(where[tuple(path)])), (path, trail)


def test_the_disclosure_catalogue_is_reached_only_through_zwgk(sample_portal, fetch, clicker):
    home = fetch(sample_portal.base_url)
    assert normalise_name("政府信息公开目录") not in names_of(home)
    trail = clicker.walk(["政府信息公开目录"])
    assert len(trail) == 3 and same(trail[1], sample_portal.url("/zwgk/"))


def page_dates(text: str, as_of: dt.date) -> list[dt.date]:
    out = []
    for year, month, day, short_month, short_day in _DATES.findall(text):
        if year:
            out.append(dt.date(int(year), int(month), int(day)))
        else:
            out.append(dt.date(as_of.year, int(short_month), int(short_day)))
    return out


def listed_dates(fetch, page_url: str, as_of: dt.date) -> list[dt.date]:
    """Dates a column page shows, with those of a JavaScript list's endpoint."""
    answer = fetch_retrying(fetch, page_url)
    text = answer.text()
    dates = page_dates(text, as_of)
    endpoint = re.search(r'"(/api/list\?channel=)"\s*\+\s*channelId', text)
    if endpoint:
        channel = re.search(r'var channelId = "(\d+)"', text).group(1)
        data = json.loads(fetch(urljoin(page_url, endpoint.group(1) + channel)).body)
        dates += [dt.date.fromisoformat(doc["pubDate"][:10]) for doc in data["list"]]
    return dates


def test_healthy_columns_show_items_inside_their_staleness_window(sample_portal, fetch, manifest):
    spec = {p.segments: p for p in load_default_spec().paths}
    as_of = dt.date.fromisoformat(manifest["as_of"])
    checked = 0
    for column in manifest["columns"]:
        rules = spec[tuple(column["path"])].rules
        if not column["healthy"] or rules.min_items == 0:
            continue
        dates = listed_dates(fetch, sample_portal.url(column["url"]), as_of)
        assert dates, column["path"]
        newest = max(dates)
        assert newest <= as_of
        if rules.effective_max_age_days is not None:
            assert (as_of - newest).days <= rules.effective_max_age_days, column["path"]
        checked += 1
    assert checked >= 10


# --- structure ------------------------------------------------------------------------------------

def test_missing_columns_are_absent_where_the_walk_stops_and_one_level_further(sample_portal, fetch, manifest):
    for defect in defects_of(manifest, "missing_column"):
        stop = fetch(sample_portal.url(defect["url"]))
        assert stop.status == 200
        missing_name = normalise_name(defect["missing"][-1])
        assert missing_name not in names_of(stop)
        for _, _, url in links(stop):
            if url.startswith(sample_portal.base_url) and urlsplit(url).path.endswith("/"):
                assert missing_name not in names_of(fetch(url)), url


def test_a_missing_subcolumn_leaves_its_siblings(sample_portal, fetch, manifest):
    spec = {p.segments: p for p in load_default_spec().paths}
    for defect in defects_of(manifest, "missing_subcolumn"):
        names = names_of(fetch(sample_portal.url(defect["url"])))
        children = spec[tuple(defect["path"])].rules.children
        assert normalise_name(defect["subcolumn"]) not in names
        assert {normalise_name(c) for c in children if c != defect["subcolumn"]} <= names


def test_a_renamed_column_shows_its_other_name_everywhere(sample_portal, fetch, manifest, built_portal):
    for defect in defects_of(manifest, "renamed_column"):
        page = fetch(sample_portal.url(defect["url"]))
        crumb = lxml.html.fromstring(page.text()).cssselect(".position a, .crumb a")
        assert crumb[-1].text_content() == defect["site_name"]
        old = defect["path"][-1]
        for url, resource in built_portal.files.items():
            if resource.content_type.startswith("text/html"):
                assert f">{old}<".encode() not in resource.body, url


# --- emptiness and staleness ----------------------------------------------------------------------

def list_entries(answer) -> list:
    tree = lxml.html.fromstring(answer.text())
    return tree.cssselect("#list li, #docList li, .list-table tbody tr, .news-list li")


def test_empty_sections_are_empty_in_each_planted_way(sample_portal, fetch, manifest):
    modes = {}
    for defect in defects_of(manifest, "empty_section"):
        answer = fetch(sample_portal.url(defect["url"]))
        assert answer.status == 200
        text = answer.text()
        mode = modes[defect["mode"]] = defect["mode"]
        if mode == "empty_list":
            assert re.search(r'<ul class="news-list" id="list">\s*</ul>', text)
            assert list_entries(answer) == []
        elif mode == "placeholder":
            assert "暂无信息" in text and list_entries(answer) == []
        elif mode == "js_empty":
            assert re.search(r'<ul class="news-list" id="docList">\s*</ul>', text)
            channel = re.search(r'var channelId = "(\d+)"', text).group(1)
            data = json.loads(fetch(sample_portal.url(f"/api/list?channel={channel}")).body)
            assert data["total"] == 0 and data["list"] == []
        elif mode == "children_empty":
            assert defect["subcolumns"]
            for name, url in defect["subcolumns"].items():
                assert normalise_name(name) in names_of(answer)
                assert list_entries(fetch(sample_portal.url(url))) == [], name
    assert set(modes) == {"empty_list", "placeholder", "js_empty", "children_empty"}


def test_the_stale_section_has_nothing_newer_than_its_stated_newest(sample_portal, fetch, manifest):
    as_of = dt.date.fromisoformat(manifest["as_of"])
    spec = {p.segments: p for p in load_default_spec().paths}
    for defect in defects_of(manifest, "stale_section"):
        first = fetch(sample_portal.url(defect["url"]))
        dates = page_dates(first.text(), as_of)
        assert dates and max(dates) == dt.date.fromisoformat(defect["newest"])
        window = spec[tuple(defect["path"])].rules.effective_max_age_days
        assert (as_of - max(dates)).days > window
        assert dt.date.fromisoformat(defect["newest"]).year == 2019


# --- item pages and media -------------------------------------------------------------------------

def test_the_item_page_lacks_only_the_field_that_is_said_to_be_missing(sample_portal, fetch, manifest):
    spec = {p.segments: p for p in load_default_spec().paths}
    for defect in defects_of(manifest, "missing_field"):
        text = fetch(sample_portal.url(defect["url"])).text()
        assert defect["field"] not in text
        for field in spec[tuple(defect["path"])].rules.required_fields:
            if field != defect["field"]:
                assert field in text
        column = next(c for c in manifest["columns"] if c["path"] == defect["path"])
        sibling = next(url for _, _, url in links(fetch(sample_portal.url(column["url"])))
                       if re.search(r"/t\d{8}_\d+\.html$", url) and not url.endswith(defect["url"]))
        assert defect["field"] in fetch(sibling).text()


def media_defects(manifest: dict) -> list[dict]:
    return [d for d in manifest["defects"] if d["kind"].startswith("broken_")]


def test_each_broken_medium_is_used_by_its_page_listed_on_the_first_page_of_its_column(sample_portal, fetch, manifest):
    def linked_paths(url: str) -> set[str]:
        return {urlsplit(target).path for _, _, target in links(fetch(url))}

    for defect in media_defects(manifest):
        page = fetch(sample_portal.url(defect["page"]))
        assert page.status == 200 and defect["url"] in page.text()
        column_url = sample_portal.url(next(c["url"] for c in manifest["columns"] if c["path"] == defect["path"]))
        first_pages = [column_url] + [  # a parent column: its sub-columns' first pages too
            target for _, _, target in links(fetch(column_url))
            if target.startswith(column_url) and target.endswith("/") and target != column_url
        ]
        assert any(defect["page"] in linked_paths(url) for url in first_pages), (defect["page"], column_url)


def check_medium(defect: dict, answer) -> None:
    reason, body = defect["reason"], answer.body
    if reason == "http_status":
        assert answer.status == 404
        return
    assert answer.status == 200
    if reason == "wrong_type":
        assert body.lstrip().startswith(b"<") and answer.content_type.startswith("text/html")
        with pytest.raises(UnidentifiedImageError):
            Image.open(io.BytesIO(body))
    elif reason == "empty":
        assert body == b"" and answer.headers["content-length"] == "0"
        assert answer.content_type.startswith(("image/", "video/", "audio/"))
    elif reason == "truncated" and defect["kind"] == "broken_image":
        assert body.startswith(b"\xff\xd8") and not body.rstrip(b"\0").endswith(b"\xff\xd9")
        with pytest.raises(OSError):
            Image.open(io.BytesIO(body)).load()
    elif reason == "truncated" and defect["kind"] == "broken_video":
        kinds, offset, declared = [], 0, 0
        while offset + 8 <= len(body):
            size, kind = struct.unpack(">I4s", body[offset : offset + 8])
            kinds.append(kind)
            declared = offset + size
            offset += size
        assert kinds[0] == b"ftyp" and b"moov" not in kinds
        assert declared > len(body)
    elif reason == "unplayable_format":
        assert body[:3] in (b"FWS", b"CWS")
        assert answer.content_type == "application/x-shockwave-flash"
    else:
        raise AssertionError(f"unexpected reason {reason}")


def test_every_broken_medium_is_broken_as_the_manifest_says(sample_portal, fetch, manifest):
    reasons = set()
    for defect in media_defects(manifest):
        check_medium(defect, fetch(sample_portal.url(defect["url"])))
        reasons.add((defect["kind"], defect["reason"]))
    assert len(reasons) >= 8


def test_healthy_media_on_the_pages_of_broken_ones_do_load(sample_portal, fetch, manifest):
    broken = {d["url"] for d in media_defects(manifest)}
    for page_url in {d["page"] for d in media_defects(manifest)}:
        tree = lxml.html.fromstring(fetch(sample_portal.url(page_url)).text())
        for src in tree.xpath("//img/@src | //img/@data-src | //video/@src | //source/@src | //audio/@src"):
            if src not in broken and not src.startswith("/images/"):
                assert fetch(sample_portal.url(src)).status == 200, (page_url, src)


def test_a_video_player_configured_by_script_points_at_a_playable_mp4(sample_portal, fetch, built_portal):
    page = next(url for url, r in built_portal.files.items() if b"new Player({" in r.body)
    text = fetch(sample_portal.url(page)).text()
    video = re.search(r'new Player\(\{[^}]*url: "([^"]+\.mp4)"', text).group(1)
    answer = fetch(sample_portal.url(video), headers={"Range": "bytes=0-31"})
    assert answer.status == 206 and answer.body[4:8] == b"ftyp"


# --- behaviours -----------------------------------------------------------------------------------

def test_the_gbk_section_is_served_in_gbk_with_no_charset_header(sample_portal, fetch, manifest):
    behaviour = next(b for b in manifest["behaviours"] if b["kind"] == "gbk")
    answer = fetch(sample_portal.url(behaviour["url"]))
    assert answer.status == 200
    assert answer.content_type == "text/html"
    with pytest.raises(UnicodeDecodeError):
        answer.body.decode("utf-8")
    text = answer.body.decode("gbk")
    assert '<meta charset="gbk">' in text and behaviour["path"][-1] in text
    article = next(url for _, _, url in links(answer) if re.search(r"/t\d{8}_\d+\.html$", url))
    item = fetch(article)
    assert item.content_type == "text/html" and "发布时间" in item.body.decode("gbk")
