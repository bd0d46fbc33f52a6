"""Lists as a person reads them: only visible content, every list block of the page, each entry's
date read in its own row (issue 10 kinds 3, 6 and 7), on generated markups and real pages."""

from __future__ import annotations

import datetime as dt

import pytest

from auditor.page.listing import read_listing
from auditor.page.tree import Page

AS_OF = dt.date(2026, 3, 31)
SEEDS = range(16)


def _listing(variants, seed, **kwargs):
    html, truth = variants.column_page(seed, **kwargs)
    return read_listing(Page.parse(html, variants.PAGE_URL), AS_OF), truth


@pytest.mark.parametrize("seed", SEEDS)
def test_every_visible_entry_is_counted_with_the_date_of_its_own_row(variants, seed):
    listing, truth = _listing(variants, seed)
    got = {item.url: item.date for item in listing.items}
    assert got == truth.entries, f"seed {seed}"
    assert all(item.date_source == "list" for item in listing.items), f"seed {seed}"


@pytest.mark.parametrize("seed", SEEDS)
def test_a_tab_block_parent_counts_every_block_and_names_its_subcolumns_by_their_headings(variants, seed):
    listing, truth = _listing(variants, seed, tabs=True)
    assert {item.url for item in listing.items} == set(truth.entries), f"seed {seed}"
    newest = max(item.date for item in listing.items)
    assert newest == max(truth.entries.values()) == "2026-03-28"
    assert set(truth.subcolumns) <= set(listing.subcolumns), f"seed {seed}"
    assert not [name for name, _ in listing.subcolumns if "更多" in name or name.lower().startswith("more")]


@pytest.mark.parametrize("seed", SEEDS)
def test_a_parent_whose_only_content_is_a_subcolumn_box_is_a_parent_whatever_is_hidden(variants, seed):
    listing, truth = _listing(variants, seed, tabs=False, hidden_only=True)
    assert (listing.kind, listing.items) == ("parent", []), f"seed {seed}"
    assert set(truth.subcolumns) <= set(listing.subcolumns)


@pytest.mark.parametrize("seed", SEEDS)
def test_toolbar_links_are_never_subcolumns(variants, seed):
    listing, truth = _listing(variants, seed)
    toolbar = {url for url, role in truth.roles.items() if role == "toolbar"}
    assert not toolbar & {url for _, url in listing.subcolumns}, f"seed {seed}"


def test_a_date_in_the_next_cell_of_a_definition_list_row():
    rows = "".join(
        f'<dl><dd><a href="/zwgk/ghxx/{k}/">规划信息第{k}号</a></dd><dd>2026-03-{10 + k}</dd></dl>' for k in range(1, 5)
    )
    flat = "".join(
        f'<dd><a href="/zwgk/ghxx/p{k}/">规划信息第{k}号</a></dd><dd>2026-02-{10 + k}</dd>' for k in range(1, 5)
    )
    for body in (f'<div class="list">{rows}</div>', f'<dl class="list">{flat}</dl>'):
        page = Page.parse(f"<html><body><div class='main'>{body}</div></body></html>", "http://x.gov.cn/zwgk/ghxx/")
        listing = read_listing(page, AS_OF)
        assert len(listing.items) == 4 and all(i.date_source == "list" for i in listing.items), body
        assert sorted(i.date for i in listing.items)[-1] in ("2026-03-14", "2026-02-14")


def test_the_real_handan_catalogue_dates_come_from_the_publication_date_cell(realgov_dir):
    source = (realgov_dir / "kevin3691-renmin" / "hdzfxxgk_list.jsp").read_text(encoding="utf-8")
    listing = read_listing(Page.parse(source, "http://hdzfxxgk.hd.gov.cn/zfwj/jinqixxgk/"), AS_OF)
    assert listing.items and all(item.date_source == "list" for item in listing.items)
    assert listing.items[0].date == "2020-08-05"
    assert all(item.date.startswith("2020-") for item in listing.items)


def test_the_real_handan_index_reads_every_tab_pane_of_its_file_block(realgov_dir):
    source = (realgov_dir / "kevin3691-renmin" / "hdzfxxgk_index.jsp").read_text(encoding="utf-8")
    listing = read_listing(Page.parse(source, "http://hdzfxxgk.hd.gov.cn/index.html"), AS_OF)
    dates = {item.date for item in listing.items}
    # the 市政府文件 / 办公室文件 / 市政府令 / 修订废止 panes, three of them hidden until their tab is clicked
    assert {"2020-07-29", "2020-07-27", "2020-01-23"} <= dates


@pytest.mark.parametrize("seed", range(8))
def test_every_block_counts_whether_drawn_from_a_datastore_or_shown_as_markup(seed):
    import random

    rng = random.Random(seed)
    expected: set[str] = set()

    def rows(col: int, count: int) -> list[tuple[str, str]]:
        out = [(f"/art/2026/3/{10 + k}/art_{col}_{k}.html", f"2026-03-{10 + k}") for k in range(count)]
        expected.update(url for url, _ in out)
        return out

    def datastore(col: int) -> str:
        records = "".join(
            f'<record><![CDATA[<li><a href="{u}">第{col}栏信息{n}</a><span>{d}</span></li>]]></record>'
            for n, (u, d) in enumerate(rows(col, rng.randint(0, 4)))
        )
        return f'<div id="{col}"><script type="text/xml"><datastore><recordset>{records}</recordset></datastore></script></div>'

    def dl_list(col: int) -> str:
        return "".join(f'<dl><dd class="t"><a href="{u}">第{col}栏信息{n}</a></dd><dd class="d">{d}</dd></dl>'
                       for n, (u, d) in enumerate(rows(col, rng.randint(1, 4))))

    def ul_list(col: int) -> str:
        return "<ul>" + "".join(f'<li><a href="{u}">第{col}栏信息{n}</a><span class="date">{d}</span></li>'
                                for n, (u, d) in enumerate(rows(col, rng.randint(1, 4)))) + "</ul>"

    makers = [datastore, dl_list, ul_list, rng.choice((datastore, dl_list, ul_list))]
    rng.shuffle(makers)
    mod, hd, bd = rng.choice((("main-mod", "main-mod-hd", "main-mod-bd"), ("tab-block", "tabs_header", "tabs_body"), ("box", "box-title", "box-con")))
    blocks = "".join(
        f'<div class="{mod}"><div class="{hd}"><a class="name" href="/col/col{41 + i}/index.html">栏目{i}</a>'
        f'<a class="more" href="/col/col{41 + i}/index.html">更多&gt;</a></div><div class="{bd}">{make(41 + i)}</div></div>'
        for i, make in enumerate(makers)
    )
    html = f'<html><body><div class="main-content"><h2>政策解读</h2>{blocks}</div></body></html>'
    listing = read_listing(Page.parse(html, "http://x.gov.cn/col/col40/index.html"), AS_OF)
    assert {item.url.split("x.gov.cn")[1] for item in listing.items} == expected, f"seed {seed}"
    assert len(listing.subcolumns) == 4
