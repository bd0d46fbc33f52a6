"""The site's own column map in the HTML report, read in headless Chromium: every column of
findings.json's ``column_map`` drawn once, under its parent, the mandated ones marked, and the
national veto lines (空白栏目, 栏目不更新) counted over all of the site's columns — a blank column no
mandate names counts as an inspector counts it.

The map is the reports' Liangjiang findings document with a column map (``liangjiang_mapped`` in
conftest.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from auditor.model.findings import FindingsReport
from reports import render

AS_OF = dt.date(2021, 7, 1)


@pytest.fixture(scope="module")
def mapped(tmp_path_factory, liangjiang_mapped) -> tuple[Path, dict[str, Any]]:
    document = liangjiang_mapped()
    folder = tmp_path_factory.mktemp("site-map")
    target = folder / "report.html"
    target.write_text(render(FindingsReport.from_dict(document), "html", "zh"), encoding="utf-8")
    return target, document


@pytest.fixture
def opened(open_report: Callable[..., Any], mapped: tuple[Path, dict[str, Any]]) -> Iterator[Any]:
    page = open_report(mapped[0].as_uri(), "file:")
    yield page
    page.close()


def test_every_column_of_the_map_is_drawn_once_under_its_parent(opened: Any, mapped: tuple[Path, dict[str, Any]],
                                                                 capture_screenshot: Callable[..., Path]):
    _, document = mapped
    columns = document["column_map"]["columns"]
    page = opened.page
    drawn = page.eval_on_selector_all(
        "#site-map-tree li.map-node",
        "els => els.map(e => [e.dataset.url, e.parentElement.closest('li.map-node')?.dataset.url ?? null])",
    )
    assert sorted(url for url, _ in drawn) == sorted(c["url"] for c in columns)
    parent_of = dict(drawn)
    for column in columns:
        assert parent_of[column["url"]] == column["parent_url"], column["name"]
    assert opened.problems == [] and opened.blocked == []
    capture_screenshot(page.locator("#site-map"), "site-map.png")


def test_the_mandated_columns_are_marked_and_no_other(opened: Any, mapped: tuple[Path, dict[str, Any]]):
    _, document = mapped
    mandated = {p["url"] for p in document["paths"] if p.get("url") and p["status"] != "missing"}
    marked = opened.page.eval_on_selector_all("#site-map-tree li.mandated", "els => els.map(e => e.dataset.url)")
    assert set(marked) == mandated and len(marked) == len(mandated)


def test_the_veto_lines_count_every_column_of_the_site_not_only_the_mandated(opened: Any,
                                                                              mapped: tuple[Path, dict[str, Any]]):
    _, document = mapped
    columns = document["column_map"]["columns"]
    mandated = {p["url"] for p in document["paths"] if p.get("url")}
    blank = [c for c in columns if c["state"] == "empty"]
    horizon = (AS_OF - dt.timedelta(days=365)).isoformat()
    stale = [c for c in columns if c["state"] == "list" and c["newest"] and c["newest"] < horizon]
    assert [c for c in blank if c["url"] not in mandated] and [c for c in stale if c["url"] not in mandated]
    page = opened.page
    assert page.get_attribute("#map-line-blank", "data-count") == str(len(blank))
    assert page.get_attribute("#map-line-long_stale", "data-count") == str(len(stale))
    # each counted column wears its line's mark in the tree
    worn = page.eval_on_selector_all("#site-map-tree li[data-veto~='blank']", "els => els.map(e => e.dataset.url)")
    assert sorted(worn) == sorted(c["url"] for c in blank)
    assert "征集调查" in (page.text_content("#map-line-blank") or "")


def test_what_the_map_did_not_read_is_said(opened: Any):
    page = opened.page
    assert "普查另读 7 页（上限 120 页）" in page.inner_text("#map-coverage")
    assert "未读取的栏目链接（1 个）" in page.inner_text("#site-map details.map-not-read summary")


def test_a_parent_outside_the_map_or_a_loop_of_parents_leaves_a_column_at_the_top():
    """The map's parents come from the site's own words (breadcrumbs), which may name a page the
    census did not read or point in a circle: every column is still drawn once."""
    from reports.view import site_map_view

    def col(name: str, url: str, parent: str | None) -> dict[str, Any]:
        return {"name": name, "url": url, "parent_name": None, "parent_url": parent, "items": None, "newest": None,
                "state": "page", "named_by": "title"}

    view = site_map_view({"columns": [col("甲", "/a/", "/b/"), col("乙", "/b/", "/a/"), col("丙", "/c/", "/gone/"),
                                      col("丁", "/d/", "/c/")], "coverage": {}, "veto": {}}, [])
    assert view is not None

    def drawn(nodes: list[Any]) -> list[str]:
        return [name for node in nodes for name in (node.name, *drawn(node.children))]

    assert sorted(drawn(view.roots)) == ["丁", "丙", "乙", "甲"]
    assert [n.name for n in view.roots if n.name == "丙"] and view.roots[[n.name for n in view.roots].index("丙")].children[0].name == "丁"
