"""Text decoded with the wrong charset is repaired from the bytes; text decoded right is kept."""

from __future__ import annotations

from w3lib.encoding import html_to_unicode

from auditor.page.charset import normal_encoding, repair_decoding

GBK_PAGE = '<html><head><meta charset="gbk"><title>规划信息</title></head><body>专项规划 朱镕基</body></html>'


def decode_as_a_browser(content_type: str, body: bytes) -> tuple[str, str]:
    """What Scrapy and browsers do: BOM, then the header's charset, then the page's own."""
    encoding, text = html_to_unicode(content_type, body)
    return text, encoding


def test_gbk_served_as_utf_8_is_decoded_with_the_pages_own_charset():
    body = GBK_PAGE.encode("gbk")
    text, encoding = decode_as_a_browser("text/html; charset=utf-8", body)
    assert "规划信息" not in text and "\ufffd" in text
    repaired = repair_decoding(body, text, encoding)
    assert "规划信息" in repaired.text and "朱镕基" in repaired.text
    assert (repaired.encoding, repaired.repaired_from) == ("gb18030", "utf-8")


def test_gbk_without_any_declaration_served_as_utf_8_falls_back_to_gb18030():
    body = GBK_PAGE.replace('<meta charset="gbk">', "").encode("gbk")
    text, encoding = decode_as_a_browser("text/html; charset=UTF-8", body)
    assert "专项规划" in repair_decoding(body, text, encoding).text


def test_utf_8_served_as_gbk_or_latin_1_is_read_as_utf_8():
    body = GBK_PAGE.replace("gbk", "utf-8").encode("utf-8")
    for header in ("text/html; charset=gbk", "text/html; charset=iso-8859-1"):
        text, encoding = decode_as_a_browser(header, body)
        assert "规划信息" not in text  # mojibake, often without a single replacement character
        repaired = repair_decoding(body, text, encoding)
        assert "规划信息" in repaired.text and repaired.encoding == "utf-8"


def test_a_right_decoding_is_kept_as_it_is():
    for body, header in (
        (GBK_PAGE.encode("gbk"), "text/html"),
        (GBK_PAGE.replace("gbk", "utf-8").encode("utf-8"), "text/html; charset=utf-8"),
        (b"\xef\xbb\xbf" + GBK_PAGE.replace("gbk", "gb2312").encode("utf-8"), "text/html"),
    ):
        text, encoding = decode_as_a_browser(header, body)
        repaired = repair_decoding(body, text, encoding)
        assert repaired.text == text and repaired.repaired_from is None
        assert "规划信息" in repaired.text


def test_a_replacement_character_a_utf_8_page_really_holds_is_kept():
    body = "<meta charset=\"gbk\"><p>规划信息 \ufffd</p>".encode("utf-8")
    text, encoding = decode_as_a_browser("text/html; charset=utf-8", body)
    assert repair_decoding(body, text, encoding).text == text


def test_charset_labels_map_to_codecs():
    assert normal_encoding("GB2312") == normal_encoding("gbk") == "gb18030"
    assert normal_encoding("x-gbk") == "gbk"
    assert normal_encoding("no-such-charset") is None and normal_encoding(None) is None


def test_gbk_served_as_iso_8859_1_is_read_in_its_own_charset():
    body = GBK_PAGE.encode("gbk")
    text, encoding = decode_as_a_browser("text/html; charset=ISO-8859-1", body)
    repaired = repair_decoding(body, text, encoding)
    assert "规划信息" in repaired.text and repaired.encoding == "gb18030"


def test_a_short_gbk_page_served_as_utf_8_is_repaired_even_with_few_replacements():
    body = '<html><head><meta charset="gbk"></head><body><a href="zxgh/">专项规划</a></body></html>'.encode("gbk")
    text, encoding = decode_as_a_browser("text/html; charset=utf-8", body)
    assert "专项规划" in repair_decoding(body, text, encoding).text
