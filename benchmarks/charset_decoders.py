"""PathAudit's charset repair (``auditor.page.charset``) beside Beautiful Soup's ``UnicodeDammit`` on the
mislabelled Chinese pages government servers send, to decide whether beautifulsoup4 earns its place.

    python benchmarks/charset_decoders.py [--repeat 20]

Each case is a page (a column list of about 60 KB, as portals serve them) in one charset, with what its
HTTP header and its ``<meta>`` say. A decoder is right when its text equals the page's text exactly;
the table gives each decoder's verdict per case and its CPU time per page (median of ``--repeat``).

Decoders:

* ``pathaudit``: what the page reader does (``auditor.page.answer``): decode in the header's charset
  (else the meta's, else UTF-8) with replacement, then ``repair_decoding``.
* ``dammit``: ``UnicodeDammit(body, known_definite_encodings=[header charset], is_html=True)``: the
  header's charset if the body decodes in it strictly, else the BOM, the meta, a guess
  (charset-normalizer, installed with Scrapy's dependencies), UTF-8, windows-1252.
* ``dammit-nohdr``: ``UnicodeDammit(body, is_html=True)``: the header ignored (the meta, then a guess).
* ``archive``: how the report decodes a saved page for its snapshot (``reports.archive.page_text``).

Figures only: nothing here asserts.
"""

from __future__ import annotations

import argparse
import logging
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bs4 import UnicodeDammit  # noqa: E402
from w3lib.encoding import html_body_declared_encoding  # noqa: E402

from auditor.page.charset import normal_encoding, repair_decoding  # noqa: E402

#: characters outside GB2312 that GBK pages carry (names: 镕 朱镕基, 堃, 喆, 珺, 昇; 㛃 is GBK only)
GBK_ONLY = "朱镕基 王堃 李喆 张珺 陈昇"
#: characters only GB18030 encodes (four-byte forms: CJK Extension B, 𠮷 of 吉, and the euro sign)
GB18030_ONLY = "𠮷野家 €"
SIMPLIFIED = "两江新区政务公开工作要点 政府信息公开 法定主动公开内容 规划信息 专项规划 通知公告 政策解读"
TRADITIONAL = "臺北市政府 資訊公開 法規命令 施政計畫 預算決算 公告事項 新聞稿 市政信箱"


@dataclass(frozen=True)
class Case:
    name: str
    text: str
    #: the charset the bytes are in ("utf-8+gbk": a UTF-8 page with a GBK include)
    charset: str
    #: what the HTTP header says (None: no charset parameter)
    header: str | None
    #: what the page's own <meta> says (None: nothing)
    meta: str | None

    def body(self) -> bytes:
        page = self.expected(marked=True)
        if self.charset == "utf-8+gbk":
            head, tail = page.split("<!--include-->")
            return head.encode("utf-8") + tail.encode("gbk")
        return self.expected().encode(self.charset)

    def expected(self, marked: bool = False) -> str:
        page = _page(self.text, self.meta, traditional=self.charset == "big5")
        return page if marked else page.replace("<!--include-->", "")


def _page(words: str, meta: str | None, traditional: bool) -> str:
    head = f'<meta charset="{meta}">' if meta else ""
    number, rights = ("號", "版權所有") if traditional else ("号", "版权所有")
    rows = "".join(f'<li><a href="/a/{i}.html">{words} 第{i}{number}</a><span>2021-06-{i % 28 + 1:02d}</span></li>\n'
                   for i in range(400))
    return (f"<!DOCTYPE html><html><head>{head}<title>{words[:8]}</title></head><body><ul>{rows}</ul>"
            f"<!--include--><div class=footer>{words[-10:]} {rights}</div></body></html>")


CASES: tuple[Case, ...] = (
    Case("GBK page labelled gb2312 (header and meta)", SIMPLIFIED + GBK_ONLY, "gbk", "gb2312", "gb2312"),
    Case("GB18030 page labelled gbk", SIMPLIFIED + GB18030_ONLY, "gb18030", "gbk", "gbk"),
    Case("GBK page served as utf-8, meta gbk", SIMPLIFIED + GBK_ONLY, "gbk", "utf-8", "gbk"),
    Case("GBK page served as utf-8, no meta", SIMPLIFIED, "gbk", "utf-8", None),
    Case("GBK page, no label anywhere", SIMPLIFIED, "gbk", None, None),
    Case("UTF-8 page served as gbk", SIMPLIFIED + GBK_ONLY, "utf-8", "gbk", None),
    Case("UTF-8 page served as iso-8859-1, meta utf-8", SIMPLIFIED, "utf-8", "iso-8859-1", "utf-8"),
    Case("UTF-8 page with a GBK include, served as utf-8", SIMPLIFIED, "utf-8+gbk", "utf-8", "utf-8"),
    Case("Big5 page labelled big5", TRADITIONAL, "big5", "big5", "big5"),
    Case("Big5 page served as utf-8, no meta", TRADITIONAL, "big5", "utf-8", None),
    Case("Big5 page, no label anywhere", TRADITIONAL, "big5", None, None),
    Case("GBK page served as gb2312, meta big5 (a template copied across sites)", SIMPLIFIED, "gbk", "gb2312", "big5"),
)


def pathaudit(body: bytes, header: str | None) -> str:
    label = header or html_body_declared_encoding(body) or "utf-8"
    encoding = normal_encoding(label) or "utf-8"
    return repair_decoding(body, body.decode(encoding, errors="replace"), encoding).text


def dammit(body: bytes, header: str | None) -> str:
    return UnicodeDammit(body, known_definite_encodings=[header] if header else [], is_html=True).unicode_markup or ""


def dammit_nohdr(body: bytes, header: str | None) -> str:
    return UnicodeDammit(body, is_html=True).unicode_markup or ""


def archive(body: bytes, header: str | None) -> str:
    """How the report decodes a saved page for its snapshot (``reports.archive.page_text``)."""
    from reports.archive import SavedRecord, page_text

    content_type = f"text/html; charset={header}" if header else "text/html"
    return page_text(SavedRecord("id", "http://x/", "", 200, content_type, body, False))


DECODERS: dict[str, Callable[[bytes, str | None], str]] = {
    "pathaudit": pathaudit, "dammit": dammit, "dammit-nohdr": dammit_nohdr, "archive": archive,
}


def cpu_ms(decode: Callable[[bytes, str | None], str], body: bytes, header: str | None, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.process_time()
        decode(body, header)
        times.append(time.process_time() - start)
    return statistics.median(times) * 1000


def wrong_chars(got: str, expected: str) -> int:
    """Characters that differ (position by position, plus the length difference): 0 when right."""
    return sum(1 for a, b in zip(got, expected) if a != b) + abs(len(got) - len(expected))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    logging.disable(logging.WARNING)  # UnicodeDammit logs every replacement it makes
    names = list(DECODERS)
    print(f"| case | KB | " + " | ".join(f"{n} ok | {n} ms" for n in names) + " |")
    print("| --- | ---: | " + " | ".join("---: | ---:" for _ in names) + " |")
    totals = {n: [0, 0.0] for n in names}
    for case in CASES:
        body, expected = case.body(), case.expected()
        cells = []
        for name in names:
            got = DECODERS[name](body, case.header)
            wrong = wrong_chars(got, expected)
            ms = cpu_ms(DECODERS[name], body, case.header, args.repeat)
            totals[name][0] += wrong == 0
            totals[name][1] += ms
            cells.append(f"{'✓' if wrong == 0 else f'✗ {wrong}'} | {ms:.2f}")
        print(f"| {case.name} | {len(body) // 1024} | " + " | ".join(cells) + " |")
    print(f"| **right / total ms** | | " + " | ".join(f"**{ok}/{len(CASES)}** | **{ms:.1f}**"
                                                    for ok, ms in totals.values()) + " |")


if __name__ == "__main__":
    main()
