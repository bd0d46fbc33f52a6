"""Dates as portals write them, in text and in article URLs."""

from __future__ import annotations

import datetime as dt

import pytest

from auditor.page.dates import date_from_url, find_date, resolve_month_day

AS_OF = dt.date(2024, 3, 10)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2021-06-01", dt.date(2021, 6, 1)),
        ("[2021-06-01]", dt.date(2021, 6, 1)),
        ("（2021-06-01）", dt.date(2021, 6, 1)),
        ("2021/6/1", dt.date(2021, 6, 1)),
        ("2021.06.01", dt.date(2021, 6, 1)),
        ("2021年06月01日", dt.date(2021, 6, 1)),
        ("2021年6月1日", dt.date(2021, 6, 1)),
        ("2021 年 6 月 1 日", dt.date(2021, 6, 1)),
        ("2021-06-01 10:20:30", dt.date(2021, 6, 1)),
        ("2021-06-01-10:20:30", dt.date(2021, 6, 1)),  # gov.cn firstpublishedtime
        ("发布时间：2023-05-16 12:34:05", dt.date(2023, 5, 16)),
    ],
)
def test_full_date_forms(text: str, expected: dt.date) -> None:
    assert find_date(text, AS_OF) == expected


def test_month_day_takes_the_latest_year_not_after_as_of() -> None:
    assert find_date("关于开展安全检查的通知 03-08", AS_OF) == dt.date(2024, 3, 8)
    assert find_date("12-28", AS_OF) == dt.date(2023, 12, 28)
    assert find_date("03-10", AS_OF) == dt.date(2024, 3, 10)
    assert find_date("03-11", AS_OF) == dt.date(2023, 3, 11)


def test_month_day_needs_an_as_of_date() -> None:
    assert find_date("06-01", None) is None


def test_29_february_looks_back_to_a_leap_year() -> None:
    assert resolve_month_day(2, 29, dt.date(2023, 6, 1)) == dt.date(2020, 2, 29)
    assert find_date("02-29", dt.date(2024, 3, 1)) == dt.date(2024, 2, 29)


def test_full_date_wins_over_an_earlier_month_day() -> None:
    assert find_date("阅读 12-01 发布于 2021-06-01", AS_OF) == dt.date(2021, 6, 1)


@pytest.mark.parametrize("text", ["2021-02-30", "2021-13-01", "2021年2月30日", "2021/00/10", "06-31", "13-01"])
def test_impossible_dates_are_rejected(text: str) -> None:
    assert find_date(text, AS_OF) is None


def test_an_impossible_date_does_not_hide_a_real_one() -> None:
    assert find_date("2021-02-30 改为 2021-03-02", AS_OF) == dt.date(2021, 3, 2)


@pytest.mark.parametrize(
    "text",
    [
        "000014348/2020-35428",  # 索引号 (hdzfxxgk.hd.gov.cn)
        "0795-8819792",  # a phone number
        "（2023-2035年）",  # a plan's horizon
        "10:20",
        "第1-2季度",
        "",
    ],
)
def test_numbers_that_are_not_dates(text: str) -> None:
    assert find_date(text, AS_OF) is None


def test_an_index_number_does_not_hide_the_date_beside_it() -> None:
    text = "000014348/2020-35428 邯郸市教育局 2020-08-05"
    assert find_date(text, AS_OF) == dt.date(2020, 8, 5)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://hdzfxxgk.hd.gov.cn/gszbm/auto23716/202008/t20200805_1353179.html", dt.date(2020, 8, 5)),
        ("./202106/t20210601_123456.html", dt.date(2021, 6, 1)),
        ("https://www.example.gov.cn/zwgk/t20210601_123456.shtml", dt.date(2021, 6, 1)),
        ("http://www.jiangsu.gov.cn/art/2021/6/1/art_76841_9876543.html", dt.date(2021, 6, 1)),
        ("http://www.gov.cn/xinwen/2021-06/01/content_5614684.htm", dt.date(2021, 6, 1)),
    ],
)
def test_dates_in_article_urls(url: str, expected: dt.date) -> None:
    assert date_from_url(url) == expected


@pytest.mark.parametrize(
    "url",
    [
        "http://www.example.gov.cn/zwgk/202106/9c059bf058ef4db8b3c8f920e22186fe.shtml",  # month folder only
        "http://www.example.gov.cn/zwgk/202106/",
        "http://www.example.gov.cn/zwgk/ghxx/index.html",
        "http://www.example.gov.cn/zwgk/202102/t20210230_1.html",  # 30 February
        "http://www.example.gov.cn/art/2021/13/1/art_1_2.html",
        "http://www.example.gov.cn/list.html?t20210601_1=1",  # not in the path
        "",
    ],
)
def test_urls_without_a_usable_date(url: str) -> None:
    assert date_from_url(url) is None
