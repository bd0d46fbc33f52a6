"""Readers of task-list files: Word (.docx, python-docx), PDF (pdfplumber) and plain text.

The format is told by the file's first bytes, not its name: a task list forwarded by mail is as often
``通知.pdf.docx`` or has no extension. A file none of them can read raises :class:`DocumentError`
with one sentence saying why (encrypted, a scan without text, not a document), which the command
prints as its one-line error.
"""

from __future__ import annotations

import logging
import re
import unicodedata
import zipfile
from pathlib import Path

from auditor.specs.draft.document import TaskDocument, rows_from_grid, rows_from_text

_PDF_MAGIC = b"%PDF-"
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"
#: Kangxi radicals and compatibility ideographs: PDF fonts often map 大, 目, 革 … to these look-alikes
_LOOK_ALIKES = re.compile("[\u2e80-\u2fdf\uf900-\ufaff]")
#: radicals-supplement forms NFKC leaves alone, as fonts of Chinese PDFs use them
_RADICAL_FORMS = str.maketrans("⺠⻓⻔⻅⻘⻝⻢⻛⻜⻋⻆⻰⻳⻬⺁⺇⺌⺮⻊⻚⻤", "民长门见青食马风飞车角龙龟齐厂几小竹足页鬼")
#: a wrapped line that starts a clause ("2." or "（1）") keeps its line break; others join the line before
_CLAUSE_START = re.compile(r"^(?:\d{1,2}[.．、](?!\d)|[（(]\d{1,2}[)）])")


class DocumentError(Exception):
    """A file that holds no task list PathAudit can read; the message says why in one sentence."""


def read_document(path: str | Path) -> TaskDocument:
    """The text and table rows of a task-list file of any supported format."""
    path = Path(path)
    try:
        head = path.open("rb").read(8)
    except OSError as exc:
        raise DocumentError(f"cannot open the file ({exc.strerror or exc})") from None
    if not head:
        raise DocumentError("the file is empty")
    if head.startswith(_PDF_MAGIC):
        return read_pdf(path)
    if head.startswith(_ZIP_MAGIC):
        return read_docx(path)
    if head.startswith(_OLE_MAGIC):
        raise DocumentError("an old binary Word (.doc) or Excel file: save it as .docx and draft from that")
    return read_text(path)


def read_text(path: Path) -> TaskDocument:
    """A text export (UTF-8, or GB 18030 as Chinese Windows saves it)."""
    data = path.read_bytes()
    if b"\x00" in data[:4096]:
        raise DocumentError("not a document: binary data, neither .docx, .pdf nor text")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _control_share(text) > 0.01:
            break
        return rows_from_text(text)
    raise DocumentError("not a document: neither .docx, .pdf nor readable text (UTF-8 or GB 18030)")


def _control_share(text: str) -> float:
    sample = text[:4096]
    controls = sum(1 for char in sample if ord(char) < 32 and char not in "\t\n\r\f")
    return controls / max(len(sample), 1)


def read_docx(path: Path) -> TaskDocument:
    """A Word document: paragraphs outside tables are the notice, every table's rows the tasks.

    python-docx repeats a merged cell in each grid position it covers, which is what the extraction
    wants: a 牵头单位 cell merged over three rows applies to each of them.
    """
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise DocumentError(f"not a Word document: a ZIP file without a readable word/document.xml ({exc})") from None
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    grid: list[list[str]] = []
    for table in document.tables:
        for row in table.rows:
            grid.append([cell.text for cell in row.cells])
    if not grid:
        raise DocumentError("the Word document has no table: a 任务分工 lists its tasks in a table")
    return TaskDocument(text=text, rows=tuple(rows_from_grid(grid)))


def read_pdf(path: Path) -> TaskDocument:
    """A PDF with a text layer: its tables (pdfplumber's ruling-line detection), the text around them.

    A table continued over pages is read as one: a page's table without a header row continues the
    previous page's columns. Line breaks inside a cell are the printer's wrapping, not paragraphs,
    except before a numbered clause ("2." or "（1）").
    """
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError

    # pdfminer logs every font quirk as a warning: noise for a user who asked for a draft
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    try:
        with pdfplumber.open(str(path)) as pdf:
            texts: list[str] = []
            grid: list[list[str]] = []
            characters = images = 0
            for page in pdf.pages:
                characters += len(page.chars)
                images += len(page.images)
                texts.append(ideographs(page.extract_text() or ""))
                for table in page.extract_tables():
                    grid.extend([_unwrap(cell or "") for cell in row] for row in table)
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise DocumentError("an encrypted PDF: it needs a password to be read; ask for an unprotected copy") from None
    except PDFSyntaxError as exc:
        raise DocumentError(f"a damaged PDF that cannot be parsed ({exc})") from None
    except Exception as exc:  # pdfminer raises bare exceptions of its own on broken files
        if "password" in str(exc).lower() or "encrypt" in type(exc).__name__.lower():
            raise DocumentError(
                "an encrypted PDF: it needs a password to be read; ask for an unprotected copy"
            ) from None
        raise DocumentError(f"a PDF that cannot be read ({type(exc).__name__}: {exc})") from None
    if characters == 0:
        if images:
            raise DocumentError("a scanned PDF: its pages are images without a text layer; run OCR on it first")
        raise DocumentError("a PDF without any text")
    text = "\n".join(texts)
    if not grid:
        # a PDF printed without ruling lines: read its text as a text export
        return rows_from_text(text)
    return TaskDocument(text=text, rows=tuple(rows_from_grid(grid)))


def ideographs(text: str) -> str:
    """Text with look-alike radicals (⼤, ⽬) replaced by the ideographs they stand for (大, 目)."""
    return _LOOK_ALIKES.sub(lambda match: unicodedata.normalize("NFKC", match.group(0)), text).translate(_RADICAL_FORMS)


def _unwrap(cell: str) -> str:
    lines = [line.strip() for line in ideographs(cell).split("\n")]
    out = ""
    for line in lines:
        if not out:
            out = line
        elif _CLAUSE_START.match(line):
            out += "\n" + line
        else:
            out += line
    return out
