"""The detector of pages drawn by script: the lab's shell and its data-loaded list are scripted, every
page of the bundled demo and of the four generated CMS families is not (the demo's two lists drawn
from /api/list are the only pages it is unsure of), and fragment views round-trip."""

from __future__ import annotations

import pytest

from auditor.page.scripted import (
    _STRONG,
    _has_strong_cue,
    addressed_fragments,
    judge_html,
    judge_scripted,
    real_url,
    split_view,
    view_url,
)
from auditor.page.tree import Page
from portal_lab.families import FAMILY_NAMES, build_family_portal
from sample_portal.server import default_portal
from portal_lab.scripted import build_site

LAB = "http://127.0.0.1:8"


def html_pages(files: dict) -> dict[str, str]:
    return {
        key: resource.body.decode("utf-8", "replace")
        for key, resource in files.items()
        if resource.content_type.startswith("text/html")
    }


@pytest.fixture(scope="module")
def lab() -> dict[str, str]:
    return {path: body.decode("utf-8") for path, (kind, body) in build_site().items() if kind.startswith("text/html")}


def test_the_platform_shell_is_drawn_by_script_for_its_mount_point_config_and_notice(lab):
    judged = judge_html(lab["/xxgk/index.html"], LAB + "/xxgk/index.html")
    assert judged.verdict == "scripted"
    assert {"mount_point", "inline_config", "noscript_notice", "scripts_with_few_links"} <= set(judged.cues)


def test_a_list_its_own_script_fills_from_json_is_drawn_by_script(lab):
    judged = judge_html(lab["/tzgg/index.html"], LAB + "/tzgg/index.html")
    assert judged.verdict == "scripted"
    assert "list_filled_by_script" in judged.cues and "loads_data" in judged.cues


def test_the_lab_s_static_pages_are_static(lab):
    for path, html in lab.items():
        if path.startswith(("/xxgk/index", "/tzgg/index")):
            continue
        assert judge_html(html, LAB + path).verdict == "static", path


def test_links_to_views_of_an_app_are_cues_and_in_page_anchors_are_not():
    shell = (
        "<html><body><div id='app'><ul><li><a href='index.html#c1'>规划信息</a></li>"
        "<li><a href='#c2'>财政资金</a></li></ul></div><a href='#top'>返回顶部</a><div id='top'></div>"
        "<script src='/app.js'></script></body></html>"
    )
    judged = judge_scripted(Page.parse(shell, LAB + "/xxgk/index.html"))
    assert judged.fragments == ("c1", "c2")
    assert "fragment_addressed_columns" in judged.cues and judged.verdict == "scripted"


def test_an_empty_list_container_alone_is_an_empty_list_not_a_script():
    page = (
        "<html><body><ul class='nav'>" + "".join(f"<li><a href='/c{i}/'>栏目{i}</a></li>" for i in range(12))
        + "</ul><ul class='news-list' id='list'></ul><script>document.title = '规章';</script></body></html>"
    )
    assert judge_html(page, LAB + "/gz/").verdict == "static"


def test_a_page_without_script_is_static_unparsed():
    assert judge_html("<html><body><div id='app'></div></body></html>", LAB + "/").cues == ("no_script",)


def test_no_page_of_the_demo_or_the_four_families_is_called_scripted():
    """``--render auto`` must leave static portals alone: no page of theirs may be judged scripted.
    The demo's two lists drawn from /api/list are the only ones the detector is unsure of."""
    unsure: list[str] = []
    portals = [("demo", default_portal().files)] + [(f, build_family_portal(1, f).files) for f in FAMILY_NAMES]
    for name, files in portals:
        for key, html in html_pages(files).items():
            judged = judge_html(html, "http://127.0.0.1:8" + key)
            assert judged.verdict != "scripted", (name, key, judged)
            if judged.verdict == "unsure":
                unsure.append(f"{name}{key}")
    assert sorted(unsure) == ["demo/hdjl/zjdc/index.html", "demo/zwgk/zfxxgkml/fzzfjsndbg/index.html"]


#: one snippet per strong cue, in the cases pages write them, and near misses of each
STRONG_SNIPPETS = [
    '<div ID = "App">', "<main id='__NUXT'>", '<div id=react-root>', '<div data-ReactRoot="">', '<html NG-APP="x">',
    "var x = new XMLHttpRequest();", "$.getJSON ('/api')", "axios.get(u)", "$('#l').load (u)", "Fetch (url)",
    'var t = {"Children" : [1]}', "menu:\n[", "<NOSCRIPT>", "{{ item.title }}", "${title}", '<A HREF = "index.html#C101">',
    # near misses: no cue
    '<div id="apps">', "<div class=app>", "prefetch(url)", "fetchAll", "children: 3", "{ {", '<a href="#">',
    '<a href="x.html#">', "ng_app", "id=approot", "",
]


def test_the_fast_strong_cue_check_finds_what_the_one_pattern_finds():
    """The crawl's fast check (each cue only where what it needs is) agrees with the one pattern of
    all cues, case-blind, on every snippet and on every page of the demo, the families and the lab."""
    lab_pages = {k: b.decode("utf-8") for k, (kind, b) in build_site().items() if kind.startswith("text/html")}
    texts = STRONG_SNIPPETS + [f"<p>{s}</p>" for s in STRONG_SNIPPETS] + list(lab_pages.values())
    for files in [default_portal().files] + [build_family_portal(1, f).files for f in FAMILY_NAMES]:
        texts += list(html_pages(files).values())
    found = 0
    for text in texts:
        expected = _STRONG.search(text) is not None
        assert _has_strong_cue(text.lower()) is expected, text[:200]
        found += expected
    assert found >= 2 * 16  # each cue snippet, bare and wrapped, is a cue


def test_a_view_address_round_trips_to_the_fragment_a_browser_shows():
    view = view_url(LAB + "/xxgk/index.html?site=1", "c101")
    assert view == LAB + "/xxgk/index.html?site=1&pa_view=c101"
    assert split_view(view) == (LAB + "/xxgk/index.html?site=1", "c101")
    assert real_url(view) == LAB + "/xxgk/index.html?site=1#c101"
    assert real_url(LAB + "/xwdt/") == LAB + "/xwdt/"


def test_rendered_links_to_views_are_rewritten_and_other_links_kept():
    html = (
        "<a href='index.html#c1'>A</a><a href=\"#c2\">B</a><a href='/other.html#c3'>C</a>"
        "<a href='#top'>top</a><div id='top'></div><a href='http://else.example/xxgk/index.html#c4'>D</a>"
    )
    out = addressed_fragments(html, LAB + "/xxgk/index.html")
    assert f"href='{LAB}/xxgk/index.html?pa_view=c1'" in out
    assert f'href="{LAB}/xxgk/index.html?pa_view=c2"' in out
    assert "href='/other.html#c3'" in out and "href='#top'" in out and "else.example/xxgk/index.html#c4" in out
