"""``pathaudit spec draft`` on documents it cannot read: one line on standard error, exit status 2."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from auditor.specs.draft import DocumentError, read_document
from pathaudit.cli import main


def pdf_bytes(objects: list[bytes], trailer_extra: bytes = b"") -> bytes:
    """A PDF of the given objects (1 0 obj is the catalog) with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R " % (len(objects) + 1) + trailer_extra + b">>\n"
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def encrypted_pdf() -> bytes:
    """A one-page PDF protected by a user password (Standard security handler, RC4 40-bit): the
    /U entry does not match the empty password, so no reader opens it without the password."""
    encrypt = (
        b"<< /Filter /Standard /V 1 /R 2 /Length 40 /P -44 "
        b"/O <" + b"7a" * 32 + b"> /U <" + b"3c" * 32 + b"> >>"
    )
    return pdf_bytes(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
            encrypt,
        ],
        trailer_extra=b"/Encrypt 4 0 R /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>] ",
    )


def scanned_pdf() -> bytes:
    """A page that is one picture, as a scanner makes: Pillow writes the image as a PDF, no text."""
    image = Image.new("L", (200, 280), color=255)
    for x in range(20, 180):
        image.putpixel((x, 40), 0)
    buffer = io.BytesIO()
    image.save(buffer, format="PDF")
    return buffer.getvalue()


def zip_without_word() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "not a Word document")
    return buffer.getvalue()


CASES = {
    "encrypted.pdf": (encrypted_pdf, "encrypted PDF"),
    "scan.pdf": (scanned_pdf, "scanned PDF"),
    "photo.docx": (lambda: Image.new("RGB", (4, 4)).tobytes() + b"\x00" * 64, "not a document"),
    "archive.docx": (zip_without_word, "not a Word document"),
    "empty.txt": (lambda: b"", "empty"),
    "old.doc": (lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, ".doc"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_an_unreadable_document_is_one_line_and_exit_2(name, tmp_path: Path, capsys):
    make, words = CASES[name]
    file = tmp_path / name
    file.write_bytes(make())
    with pytest.raises(DocumentError, match=words):
        read_document(file)
    assert main(["spec", "draft", str(file)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.strip().split("\n")
    assert len(lines) == 1, captured.err
    assert lines[0].startswith(f"pathaudit spec draft: {file}: ")
    assert "Traceback" not in captured.err


def test_a_text_file_without_a_task_table_says_so(tmp_path: Path, capsys):
    file = tmp_path / "letter.txt"
    file.write_text("关于召开会议的通知\n请准时参加。\n", encoding="utf-8")
    assert main(["spec", "draft", str(file)]) == 2
    assert "no task table" in capsys.readouterr().err
