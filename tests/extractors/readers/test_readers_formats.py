"""What a "Word" file really is (Word 2003 XML, a single-file web page, RTF, HTML), and the coverage arithmetic.

The files themselves are read end to end in tests/pipeline/test_reader_shapes.py.
"""

from __future__ import annotations

import base64
from collections import Counter
from pathlib import Path

import pytest

from extractors.readers import coverage, mhtml
from extractors.readers.base import Unreadable
from extractors.readers.sniff import sniff_bytes
from tests.support.readers_files import read
from tests.support.shapes import SENTENCE, mhtml_bytes, word2003_xml


@pytest.mark.parametrize(("head", "kind"), [
    (word2003_xml("报告"), "word_xml"),
    (b'\xef\xbb\xbf<?xml version="1.0"?><?mso-application progid="Word.Document"?><pkg:package>', "word_xml"),
    (b'<?xml version="1.0"?><rss version="2.0"></rss>', "text"),
    (mhtml_bytes("报告"), "mhtml"),
    (b"From: <Saved by Blink>\r\nSnapshot-Content-Location: http://x\r\nSubject: a\r\nMIME-Version: 1.0\r\n"
     b'Content-Type: multipart/related;\r\n\ttype="text/html";\r\n\tboundary="----MultipartBoundary"\r\n\r\n', "mhtml"),
    (b"Subject: notes\r\nContent-Type: text/plain\r\n\r\n", "text"),
    (b"<html xmlns:o='urn:schemas-microsoft-com:office:office'><head>", "html"),
    (b"{\\rtf1\\ansi", "rtf"),
])
def test_word_formats_sniffed_by_content(head: bytes, kind: str) -> None:
    assert sniff_bytes(head[:2048]) == kind


def test_mhtml_root_is_the_start_part_and_its_charset_is_honoured() -> None:
    data = (b'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="b"; start="<page@x>"\r\n\r\n'
            b"--b\r\nContent-Type: text/html; charset=utf-8\r\nContent-ID: <ad@x>\r\n\r\n<p>ad</p>\r\n"
            b"--b\r\nContent-Type: text/html; charset=gb2312\r\nContent-ID: <page@x>\r\n"
            b"Content-Transfer-Encoding: base64\r\n\r\n" + base64.b64encode("<p>正文</p>".encode("gb2312"))
            + b"\r\n--b--\r\n")
    assert mhtml.root_html(data).decode("utf-8") == "<p>正文</p>"


def test_mhtml_without_a_page_is_rejected_with_the_reason(tmp_path: Path) -> None:
    path = tmp_path / "empty.doc"
    path.write_bytes(b'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="b"\r\n\r\n'
                     b"--b\r\nContent-Type: image/png\r\n\r\nxx\r\n--b--\r\n")
    with pytest.raises(Unreadable) as err:
        read(path)
    assert err.value.kind == "corrupt"
    assert "单个文件网页（MHTML）中没有网页正文" in err.value.reason


def test_single_file_web_page_read_as_a_web_page(tmp_path: Path) -> None:
    path = tmp_path / "report.doc"
    path.write_bytes(mhtml_bytes("东溪镇2024年法治政府建设年度报告"))
    doc = read(path)
    assert doc.format == "mhtml"
    assert doc.text.split("\n") == ["东溪镇2024年法治政府建设年度报告", SENTENCE, "项目\t数量",
                                    "办理法律援助案件（件）\t9"]


def test_a_txt_that_is_a_web_archive_is_mislabelled(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(mhtml_bytes("东溪镇2024年法治政府建设年度报告"))
    with pytest.raises(Unreadable) as err:
        read(path)
    assert err.value.kind == "mislabelled"
    assert "单个文件网页（MHTML）" in err.value.reason


def test_coverage_counts_only_missing_characters() -> None:
    held = coverage.ink("调处矛盾纠纷 52 件，⼯作")  # a Kangxi radical is folded as readers fold it
    assert coverage.unread(held, coverage.ink("调处矛盾纠纷52件，工作（一）")) == 0
    assert coverage.unread(held, coverage.ink("调处矛盾纠纷件，工作")) == 2
    assert coverage.unread(Counter("5522"), Counter("52")) == 2  # a multiset: a second 5 is not the first
    assert not coverage.significant(2, 10)  # a stray character or two is not a lost number and unit
    assert coverage.significant(3, 1000)
    assert not coverage.significant(3, 2000)  # nor a share too small to be a row of a table


@pytest.mark.parametrize(("original", "renamed"), [("baisha-2024.docx", "白沙镇报告.pdf"),
                                                   ("baisha-2023.pdf", "白沙镇报告.docx"),
                                                   ("baisha-2023.pdf", "白沙镇报告.wps")])
def test_a_report_renamed_between_word_and_pdf_is_read_for_what_it_is(tmp_path: Path, original: str,
                                                                     renamed: str) -> None:
    from tests.conftest import SAMPLE

    path = tmp_path / renamed
    path.write_bytes((SAMPLE / "reports" / original).read_bytes())
    doc, as_sent = read(path), read(SAMPLE / "reports" / original)
    assert doc.text == as_sent.text and "白沙镇" in doc.text
