"""Which images a page shows as the site's own (``image_names``): the ones an article's image is
told apart from when its body was not recognised (``content_media``). A picture that links another
page (an article's thumbnail in a list) is that page's, so the order in which list pages and
articles are read cannot turn an article's own broken image into chrome."""

from __future__ import annotations

from auditor.page.answer import Answer, judge_answer
from auditor.walk.media_check import image_names


def _page(url: str, body: str):
    html = f"<html><head><meta charset='utf-8'></head><body>{body}</body></html>".encode()
    return judge_answer(Answer(url, 200, {"content-type": "text/html; charset=utf-8"}, html))


def test_a_logo_linking_home_and_a_bare_badge_are_the_sites_own_images():
    page = _page("http://portal.test/xw/", "<div><a href='/'><img src='img/logo1.png'></a></div>"
                                           "<p><img src='/img/badge.gif'></p>")
    assert image_names(page) == {"logo1.png", "badge.gif"}


def test_a_thumbnail_linking_its_article_is_the_articles_not_the_sites():
    page = _page("http://portal.test/zcjd/tp/",
                 "<ul><li><a href='202110/t20211030_1.html'><img src='202110/W0211030.png'></a>"
                 "<a href='202110/t20211030_1.html'>图解：政策要点</a></li></ul>"
                 "<a href='http://portal.test/index.html'><img src='/img/logo.png'></a>")
    assert image_names(page) == {"logo.png"}
