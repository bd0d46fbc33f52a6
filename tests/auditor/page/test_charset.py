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
    assert normal_encoding("x-gbk") == normal_encoding("cp936") == "gb18030"  # however spelled, and whatever w3lib maps
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


# --- pages whose parts or labels disagree (issue 11) ---------------------------------------------
NAV = '<div class="nav"><a href="/a/">政务公开</a><a href="/b/">规划信息</a><a href="/c/">统计信息</a><a href="/d/">财政预决算</a></div>'


def test_a_utf_8_page_with_one_gbk_fragment_keeps_its_utf_8_and_reads_the_fragment():
    for fragment in ("主办：邯郸市人民政府办公室", "<p>版权所有 示例县人民政府 技术支持：信息中心</p>"):
        body = (
            ('<html><head><meta charset="utf-8"><title>规划信息</title></head><body>' + NAV).encode("utf-8")
            + fragment.encode("gbk")
            + "<p>政府信息公开年报</p></body></html>".encode("utf-8")
        )
        text, encoding = decode_as_a_browser("text/html; charset=utf-8", body)
        repaired = repair_decoding(body, text, encoding)
        assert "规划信息" in repaired.text and "财政预决算" in repaired.text and "政府信息公开年报" in repaired.text
        assert fragment in repaired.text


def test_a_utf_16_label_over_a_gbk_body_is_ignored():
    body = ('<html><head><meta charset="gbk"><title>规划信息</title></head><body>' + NAV + "</body></html>").encode("gbk")
    for label in ("utf-16", "UTF-16LE", "utf-32"):
        # w3lib < 2.6 believed the label (garbage); 2.6 ignores it as browsers do: either way the
        # text PathAudit reads is the page's
        text, encoding = decode_as_a_browser(f"text/html; charset={label}", body)
        repaired = repair_decoding(body, text, encoding)
        assert "规划信息" in repaired.text and "财政预决算" in repaired.text, label


def test_big5_labelled_gbk_is_read_as_big5():
    page = ('<html><head><meta charset="gbk"><title>規劃信息</title></head><body><a href="/a/">政務公開</a>'
            '<a href="/b/">規劃信息</a><a href="/c/">統計信息</a><p>關於印發學校安全工作目標管理考核辦法的通知</p></body></html>')
    body = page.encode("big5")
    for header in ("text/html; charset=gbk", "text/html; charset=gb2312", "text/html"):
        text, encoding = decode_as_a_browser(header, body)
        repaired = repair_decoding(body, text, encoding)
        assert "規劃信息" in repaired.text and "統計信息" in repaired.text, header


def test_repair_never_makes_a_readable_page_worse():
    # a GBK page with a few rare characters (人名 用字) and a replacement character of its own
    page = '<html><head><meta charset="gbk"></head><body>' + NAV + "<p>朱镕基 𠮷 喆 堃 犇</p></body></html>"
    body = page.encode("gb18030")
    for header in ("text/html; charset=gbk", "text/html; charset=gb18030"):
        text, encoding = decode_as_a_browser(header, body)
        repaired = repair_decoding(body, text, encoding)
        assert repaired.text == text and repaired.repaired_from is None


def test_a_short_big5_list_labelled_gbk_is_read_as_big5():
    rows = "".join(f'<li><a href="/a/{k}.html">政務動態資訊第{k}則</a><span>2021-11-2{k}</span></li>' for k in range(1, 7))
    page = f'<html><head><meta charset="gbk"><title>政務動態</title></head><body><div>首頁 &gt; 政務動態</div><ul>{rows}</ul></body></html>'
    body = page.encode("big5")
    text, encoding = decode_as_a_browser("text/html; charset=gbk", body)
    assert "政務動態" not in text
    assert "政務動態資訊第6則" in repair_decoding(body, text, encoding).text


def _badness_by_character(text: str) -> int:
    """The definition ``badness`` implements with the regex engine, one character at a time."""

    def common(char: str) -> bool:
        for encoding, low, high in (("gb2312", 0xB0A1, 0xD7FE), ("big5", 0xA440, 0xC67E)):
            try:
                encoded = char.encode(encoding)
            except UnicodeEncodeError:
                continue
            if len(encoded) == 2 and low <= (encoded[0] << 8 | encoded[1]) <= high:
                return True
        return False

    def plausible(char: str) -> bool:
        code = ord(char)
        return common(char) or any(
            low <= code <= high
            for low, high in ((0x3000, 0x303F), (0xFF00, 0xFFEF), (0x2000, 0x206F), (0x00A0, 0x00FF), (0x2100, 0x2BFF))
        )

    bad = 0
    non_ascii = [char for char in text if char >= "\x80"][:4000]
    for char in non_ascii:
        bad += 2 if char == "\ufffd" else (0 if plausible(char) else 1)
    return bad


def test_badness_counts_rare_and_replacement_characters_as_its_definition_says():
    import random

    from auditor.page.charset import badness

    rng = random.Random(20261201)
    pool = [chr(c) for c in [*range(0x20, 0x7F)] * 3 + [*range(0x4E00, 0x9FFF)] + [*range(0xA0, 0x3FF)]
            + [*range(0x3000, 0x3100)] + [0xFFFD] * 50 + [*range(0xE000, 0xE100)] + [*range(0x2000, 0x2C00)]
            + [*range(0xFF00, 0xFFF0)]]
    for _ in range(120):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(0, 9000)))
        assert badness(text) == _badness_by_character(text)
    assert badness("两江新区政府信息公开") == 0
    assert badness("\ufffd") == 2


def test_the_scored_sample_ends_at_the_sample_th_non_ascii_character_as_a_plain_count_finds():
    """``badness`` scores the text up to its ``_SAMPLE``-th non-ASCII character (counted run by run
    since the pattern repeated ``_SAMPLE`` times cost ~10 times more): the same end as one count."""
    from auditor.page.charset import _SAMPLE, _sample_end

    def counted(text: str) -> int | None:
        seen = 0
        for at, char in enumerate(text):
            seen += not char.isascii()
            if seen == _SAMPLE:
                return at + 1
        return None

    texts = ["", "ascii only " * 900, "中" * (_SAMPLE - 1) + "a", "中" * _SAMPLE, "中" * _SAMPLE + "文",
             "a" * 10 + "中文" * _SAMPLE + "b", "<p>" + "政务公开 ab\u00e9 " * 1200 + "</p>",
             ("x" * 7 + "é") * (_SAMPLE + 3)]
    for text in texts:
        assert _sample_end(text) == counted(text)
