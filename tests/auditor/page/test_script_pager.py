"""A pager drawn by a script under names nobody told the reader (issue 17): the page count is read
from what the script's data says (a call of literals, a loop's bound, a guard of the page a 下一页
button asks for); when the data does not say, the count is a floor with a note, never a confident
small count."""

from __future__ import annotations

import datetime as dt

from auditor.page.listing import read_listing
from auditor.page.tree import Page

URL = "http://www.portal.gov.cn/qxzk/tzgg/index.html"
FOLDER = "http://www.portal.gov.cn/qxzk/tzgg/"


def _listing(pager: str):
    rows = "".join(
        f'<li><a href="./202603/t202603{10 + k}_{k}.html">通知第{k}号</a><span>2026-03-{10 + k}</span></li>' for k in range(5)
    )
    html = f'<html><body><div class="zq"><ul class="vx">{rows}</ul>{pager}</div></body></html>'
    return read_listing(Page.parse(html, URL), dt.date(2026, 3, 31))


def test_a_call_of_literals_with_an_unfamiliar_name_declares_the_page_count_and_total():
    listing = _listing("<div id='qv7'></div><script>zqPager('qv7', 4, 0, 'lbv', 'shtml', 47);</script>")
    assert (listing.page_count, listing.declared_total) == (4, 47)
    assert {f"{FOLDER}lbv_{n}.shtml" for n in (1, 2, 3)} <= set(listing.maybe_pages)
    assert not listing.notes


def test_a_loop_that_writes_the_page_links_says_how_many_pages_there_are():
    script = ("<script>var q7x = 3; for (var kk = 2; kk <= q7x; kk++) "
              "{ document.write('<a href=\"zt' + kk + '.html\">' + kk + '</a> '); }</script>")
    listing = _listing(script)
    assert listing.page_count == 3
    assert listing.maybe_pages == [f"{FOLDER}zt2.html", f"{FOLDER}zt3.html"]


def test_a_next_page_button_whose_script_guards_the_last_page():
    pager = ("<button onclick=\"tz(2)\">下一页</button><script>var mx = '5'; function tz(n) { if (n > mx) return; "
             "location.href = 'pg_' + n + '.htm'; }</script>")
    listing = _listing(pager)
    assert listing.page_count == 5
    assert f"{FOLDER}pg_5.htm" in listing.maybe_pages and f"{FOLDER}pg_6.htm" not in listing.maybe_pages


def test_a_pager_whose_script_says_nothing_readable_leaves_the_count_a_floor():
    pager = ('<a href="javascript:void(0)" onclick="kz(2)">往后</a>'
             "<script>function kz(n) { vq.load(n); }</script>")
    listing = _listing(pager)
    assert listing.page_count is None
    assert [note.code for note in listing.notes] == ["pager_unread"]
    assert listing.notes[0].facts == {"shown": 5}


def test_a_print_button_is_no_pager():
    listing = _listing('<a href="javascript:void(0)" onclick="window.print()">打印</a><a href="javascript:void(0)">关闭</a>')
    assert listing.page_count is None and not listing.notes and not listing.maybe_pages


def test_a_call_given_names_the_script_assigns_reads_as_its_literals():
    """``fn(count, current, stem, ext)`` with the count in a variable nobody named to the reader."""
    listing = _listing("<script>var zovu = 4, juqa = 0; xoPager('qv7', zovu, juqa, 'lbv', 'shtml');</script>")
    assert listing.page_count == 4
    assert {f"{FOLDER}lbv_{n}.shtml" for n in (1, 2, 3)} <= set(listing.maybe_pages)
    assert not listing.notes


def test_the_last_pages_address_computed_from_a_variable_gives_the_count_beside_the_drawn_links():
    """The 尾页 link written from ``kuxo = qozu - 1`` (names drawn from an alphabet the reader does
    not use): the pager's own links show pages 2 to 4, the script says the last one is index_55."""
    links = "".join(f'<a href="index_{n}.html">{n + 1}</a>' for n in range(1, 4))
    script = ('<script>var qozu=56\nvar kuxo=qozu-1\nvar vaxo=0\n'
              'document.write("<a href=\\"index_"+kuxo+".html\\">尾页</a>");</script>')
    listing = _listing(links + script)
    assert listing.page_count == 56
    assert listing.next_pages[0] == f"{FOLDER}index_1.html" and listing.next_pages[-1] == f"{FOLDER}index_55.html"


def test_a_last_page_of_another_file_family_says_nothing():
    links = "".join(f'<a href="index_{n}.html">{n + 1}</a>' for n in range(1, 4))
    script = '<script>var qozu=9; document.write("<a href=\\"zt_"+qozu+".html\\">专题</a>");</script>'
    assert _listing(links + script).page_count is None
