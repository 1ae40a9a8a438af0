"""Broken and hostile files: each one must come out as Unreadable with a Chinese reason, never a crash."""

from __future__ import annotations

import re
import struct
import zipfile
from pathlib import Path

import docx
import pytest

from extractors.readers.base import ReadOptions, Unreadable
from tests.conftest import REPO
from tests.support.readers_files import body_paragraph, copy_docx_with_part, hand_pdf, read

PAGE = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"]


@pytest.fixture(scope="module")
def good_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = docx.Document()
    body_paragraph(d, "全镇组织普法宣传活动共19次。")
    path = tmp_path_factory.mktemp("good") / "good.docx"
    d.save(path)
    return path


def rejected(path: Path, options: ReadOptions = ReadOptions()) -> Unreadable:
    with pytest.raises(Unreadable) as err:
        read(path, options)
    assert re.search(r"[\u4e00-\u9fff]", err.value.reason), "the reason is for a Chinese-speaking clerk"
    return err.value


@pytest.mark.parametrize("name", ["empty.docx", "empty.pdf", "empty.txt", "empty.doc"])
def test_empty(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"")
    assert rejected(path).kind == "empty"


def test_oversized(tmp_path: Path, good_docx: Path) -> None:
    assert rejected(good_docx, ReadOptions(max_bytes=100)).kind == "oversized"


def test_truncated_docx(tmp_path: Path, good_docx: Path) -> None:
    path = tmp_path / "cut.docx"
    path.write_bytes(good_docx.read_bytes()[: good_docx.stat().st_size // 2])
    err = rejected(path)
    assert err.kind == "corrupt"
    assert "损坏" in err.reason


def test_docx_with_garbage_part(tmp_path: Path, good_docx: Path) -> None:
    path = tmp_path / "garbage.docx"
    copy_docx_with_part(good_docx, path, "word/document.xml", b"<w:document><w:body><w:p>")
    assert rejected(path).kind == "corrupt"


@pytest.mark.parametrize(("name", "content", "says"), [
    ("photo.pdf", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "PNG 图片"),
    ("setup.docx", b"MZ\x90\x00" + b"\x00" * 64, "可执行程序"),
    ("page.pdf", b"<!DOCTYPE html><html><body>report</body></html>", "网页"),
    ("report.pdf", b"plain words, not a pdf at all", "纯文本"),
])
def test_mislabelled(tmp_path: Path, name: str, content: bytes, says: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    err = rejected(path)
    assert err.kind == "mislabelled"
    assert says in err.reason


def test_zip_and_xlsx_named_docx_are_mislabelled(tmp_path: Path) -> None:
    plain = tmp_path / "archive.docx"
    with zipfile.ZipFile(plain, "w") as zf:
        zf.writestr("报告.txt", "内容")
    assert "ZIP 压缩包" in rejected(plain).reason
    sheet = tmp_path / "sheet.docx"
    with zipfile.ZipFile(sheet, "w") as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
    err = rejected(sheet)
    assert err.kind == "mislabelled" and "Excel" in err.reason


def test_encrypted_docx(tmp_path: Path) -> None:
    path = tmp_path / "locked.docx"  # Word's encrypted OOXML: an OLE file with an EncryptedPackage stream
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + "EncryptedPackage".encode("utf-16-le"))
    err = rejected(path)
    assert err.kind == "encrypted" and "密码" in err.reason


def test_zip_bomb_by_ratio(tmp_path: Path, good_docx: Path) -> None:
    path = tmp_path / "bomb.docx"
    copy_docx_with_part(good_docx, path, "word/media/image1.png", b"\x00" * (8 * 1024 * 1024))
    err = rejected(path)
    assert err.kind == "zip_bomb" and "压缩炸弹" in err.reason


def test_zip_bomb_by_declared_size(tmp_path: Path, good_docx: Path) -> None:
    """An entry whose directory claims 3 GB: refused from the directory alone, nothing is inflated."""
    data = bytearray(good_docx.read_bytes())
    name = b"word/document.xml"
    pos = 0  # patch the uncompressed size in word/document.xml's central-directory record
    while (pos := data.find(b"PK\x01\x02", pos)) != -1:
        if data[pos + 46: pos + 46 + len(name)] == name:
            data[pos + 24: pos + 28] = struct.pack("<I", 3_000_000_000)
        pos += 4
    path = tmp_path / "declared.docx"
    path.write_bytes(bytes(data))
    err = rejected(path)
    assert err.kind == "zip_bomb"


def test_xml_entity_expansion(tmp_path: Path, good_docx: Path) -> None:
    laughs = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
              + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
                         for i in range(1, 10))
              + b']><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
              b"<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>")
    path = tmp_path / "laughs.docx"
    copy_docx_with_part(good_docx, path, "word/document.xml", laughs)
    err = rejected(path)
    assert err.kind == "unsafe_xml" and "DTD" in err.reason


def test_truncated_pdf(tmp_path: Path) -> None:
    pdf = hand_pdf(PAGE)
    path = tmp_path / "cut.pdf"
    path.write_bytes(pdf[: len(pdf) // 2])
    err = rejected(path)
    assert err.kind == "corrupt" and "不完整" in err.reason


def test_corrupt_pdf(tmp_path: Path) -> None:
    path = tmp_path / "junk.pdf"
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 20 + b"\n%%EOF\n")
    assert rejected(path).kind == "corrupt"


def test_encrypted_pdf(tmp_path: Path) -> None:
    """Standard security handler with a user password: pdfium cannot open it without the password."""
    encrypt = b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P -4 >>" % (b"11" * 32, b"22" * 32)
    path = tmp_path / "locked.pdf"
    path.write_bytes(hand_pdf([*PAGE, encrypt], b"/Encrypt 4 0 R /ID [<%s> <%s>]" % (b"ab" * 16, b"ab" * 16)))
    err = rejected(path)
    assert err.kind == "encrypted"
    assert err.reason == "PDF 已加密，需要密码才能打开；请让乡镇发送未加密的版本"


def test_pdf_with_page_tree_loop(tmp_path: Path) -> None:
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
               b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>"]
    path = tmp_path / "loop.pdf"
    path.write_bytes(hand_pdf(objects))
    assert rejected(path).kind in ("corrupt", "no_text")


def test_pdf_with_deeply_nested_objects(tmp_path: Path) -> None:
    depth = 20000
    nested = b"[" * depth + b"]" * depth
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Deep %s /Contents 4 0 R >>" % nested
    content = b"BT /F1 12 Tf 72 700 Td (hello) Tj ET " + b"q " * 5000 + b"Q " * 5000
    stream = b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content)
    path = tmp_path / "deep.pdf"
    path.write_bytes(hand_pdf([PAGE[0], PAGE[1], page, stream]))
    assert read(path).text == "hello"  # pdfium bounds its recursion; the page's text still reads


def test_pdf_without_text(tmp_path: Path) -> None:
    path = tmp_path / "blank.pdf"
    path.write_bytes(hand_pdf(PAGE))
    err = rejected(path)
    assert err.kind == "no_text" and "没有可读取的文字" in err.reason


def test_every_kind_raised_is_listed() -> None:
    from extractors.readers.base import ERROR_KINDS

    raised = set()
    for path in (REPO / "extractors").rglob("*.py"):
        raised |= set(re.findall(r'Unreadable\("([a-z_]+)"', path.read_text(encoding="utf-8")))
    assert raised == set(ERROR_KINDS)


def test_pdf_with_thousands_of_paths_reads_text_without_table_search(tmp_path: Path) -> None:
    from extractors.readers.pdf_tables import MAX_PATHS

    font = b"<< /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >>"
    rules = b"".join(b"%d 100 m %d 110 l S " % (i % 500, i % 500) for i in range(MAX_PATHS + 1000))
    content = rules + b"BT /F1 12 Tf 72 700 Td (report text) Tj ET"
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources %s /Contents 4 0 R >>" % font
    stream = b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content)
    path = tmp_path / "paths.pdf"
    path.write_bytes(hand_pdf([PAGE[0], PAGE[1], page, stream]))
    assert read(path).text == "report text"


W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _body(xml: str) -> bytes:
    return f'<w:document {W_NS}><w:body>{xml}</w:body></w:document>'.encode()


def test_a_paragraph_past_the_parsers_limit_says_the_limit_not_damaged(tmp_path: Path, good_docx: Path) -> None:
    import os

    path = tmp_path / "long.docx"
    text = os.urandom(5_100_000).hex()  # 10.2 MB in one w:t, not so repetitive that it looks like a zip bomb
    copy_docx_with_part(good_docx, path, "word/document.xml", _body(f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"))
    err = rejected(path)
    assert err.kind == "unsafe_xml" and "一段文字超过 10 MB" in err.reason and "损坏" not in err.reason


def test_tables_nested_past_the_parsers_limit_say_the_limit_not_damaged(tmp_path: Path, good_docx: Path) -> None:
    cell = "<w:p><w:r><w:t>全年调解纠纷5件。</w:t></w:r></w:p>"
    for _ in range(120):
        cell = f"<w:tbl><w:tr><w:tc>{cell}</w:tc></w:tr></w:tbl><w:p/>"
    path = tmp_path / "nested.docx"
    copy_docx_with_part(good_docx, path, "word/document.xml", _body(cell))
    err = rejected(path)
    assert err.kind == "unsafe_xml" and "嵌套过深（超过 256 层" in err.reason and "损坏" not in err.reason
