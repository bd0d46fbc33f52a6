"""``nfkc``: NFKC of a page's text, without decomposing a whole Chinese text for its punctuation."""

from __future__ import annotations

import unicodedata
from unittest import mock

from auditor.page import nfkc as module
from auditor.page.nfkc import nfkc

TEXTS = [
    "", "plain ascii: 1, 2", "索引号：11500000MB1，发布机构：（两江新区）！？；\u3000完",
    "全角ＡＢＣ１２３，半角ｶﾀｶﾅ", "组合\u0301：e\u0301，Ａ\u0301", "省略…和①②，㈠", "ʵ µ ͺ ﬁ ㎡，",
]


def test_nfkc_is_unicodedatas_nfkc():
    for text in TEXTS:
        assert nfkc(text) == unicodedata.normalize("NFKC", text), text


def test_chinese_punctuation_alone_needs_no_whole_normalisation():
    """A page's text whose only compatibility characters are the common full-width punctuation is
    not decomposed and recomposed whole (the quick check passes after the replacements)."""
    text = "索引号：11500000MB1，发布机构：两江新区（管委会）！" * 200
    expected = unicodedata.normalize("NFKC", text)
    with mock.patch.object(module.unicodedata, "normalize", wraps=unicodedata.normalize) as normalised:
        found = nfkc(text)
    assert found == expected and normalised.call_count == 0
