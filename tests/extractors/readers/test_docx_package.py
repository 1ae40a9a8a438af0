"""The .docx package opened without python-docx: parts found through relationships, content types checked,
only the parts read are scanned for DTDs, optional parts may be missing. Files are python-docx output
rewritten with zipfile."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx
import pytest

from core.records import Document
from extractors.readers.base import ReadOptions, Unreadable
from extractors.readers.docx import read as read_docx
from tests.support.readers_files import read, rewrite_docx

TITLE = "2023年东关镇法治政府建设工作报告"
LISTED = "1.加强学习\n2.开展培训\n要点"  # "1." and "2." come from the List Number style's numbering
WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
DOCTYPE = b"<!DOCTYPE x [<!ENTITY e \"boom\">]>"


@pytest.fixture(scope="module")
def listed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A report whose labels need both the styles part (List Number) and the numbering part."""
    doc = docx.Document()
    doc.core_properties.title = TITLE
    doc.add_paragraph("加强学习", style="List Number")
    doc.add_paragraph("开展培训", style="List Number")
    doc.add_paragraph("要点", style="List Bullet")
    path = tmp_path_factory.mktemp("package") / "listed.docx"
    doc.save(path)
    return path


def part(path: Path, name: str) -> bytes:
    with zipfile.ZipFile(path) as zf:
        return zf.read(name)


def rewritten(src: Path, tmp_path: Path, parts: dict[str, bytes | None]) -> Path:
    dst = tmp_path / "rewritten.docx"
    rewrite_docx(src, dst, parts)
    return dst


def rejected(path: Path) -> Unreadable:
    with pytest.raises(Unreadable) as err:
        read(path)
    assert re.search(r"[\u4e00-\u9fff]", err.value.reason), "the reason is for a Chinese-speaking clerk"
    return err.value


def with_dtd(xml: bytes) -> bytes:
    return xml.replace(b"?>", b"?>" + DOCTYPE, 1)


def test_reads_labels_title_and_pages(listed: Path) -> None:
    doc = read(listed)
    assert (doc.text, doc.title_hint, doc.pages) == (LISTED, TITLE, 1)


@pytest.mark.parametrize(("target", "decoy_left"), [("word/document2.xml", True), ("/word/document2.xml", True),
                                                   ("word/document2.xml", False)])
def test_main_part_found_through_relationships(listed: Path, tmp_path: Path, target: str, decoy_left: bool) -> None:
    """The document moved to word/document2.xml (as Word for the web writes it), its styles and numbering
    moved too; word/document.xml either gone or left as a stale decoy that must not be read."""
    decoy = ('<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
             "<w:body><w:p><w:r><w:t>旧稿，不应读取</w:t></w:r></w:p></w:body></w:document>".encode())
    rels = (part(listed, "word/_rels/document.xml.rels")
            .replace(b'Target="styles.xml"', b'Target="/word/parts/styles-a.xml"')
            .replace(b'Target="numbering.xml"', b'Target="parts/../lists/numbering-a.xml"'))
    path = rewritten(listed, tmp_path, {
        "_rels/.rels": part(listed, "_rels/.rels").replace(b'Target="word/document.xml"',
                                                           f'Target="{target}"'.encode()),
        "[Content_Types].xml": part(listed, "[Content_Types].xml")
        .replace(b"/word/document.xml", b"/word/document2.xml")
        .replace(b"/word/styles.xml", b"/word/parts/styles-a.xml")
        .replace(b"/word/numbering.xml", b"/word/lists/numbering-a.xml"),
        "word/document.xml": decoy if decoy_left else None,
        "word/document2.xml": part(listed, "word/document.xml"),
        "word/_rels/document.xml.rels": None,
        "word/_rels/document2.xml.rels": rels,
        "word/styles.xml": None,
        "word/parts/styles-a.xml": part(listed, "word/styles.xml"),
        "word/numbering.xml": None,
        "word/lists/numbering-a.xml": part(listed, "word/numbering.xml"),
    })
    doc = read(path)
    assert doc.text == LISTED
    assert doc.title_hint == TITLE


@pytest.mark.parametrize(("content_type", "says"), [
    ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", "Excel 表格"),
    ("application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml", "PowerPoint"),
    ("application/xml", "application/xml"),
])
def test_main_part_of_another_content_type_is_corrupt(listed: Path, tmp_path: Path, content_type: str,
                                                      says: str) -> None:
    types = part(listed, "[Content_Types].xml").replace(WORD_MAIN.encode(), content_type.encode())
    err = rejected(rewritten(listed, tmp_path, {"[Content_Types].xml": types}))
    assert err.kind == "corrupt"
    assert "word/document.xml" in err.reason and content_type in err.reason and says in err.reason
    assert "不是 Word 正文" in err.reason


def test_main_part_without_a_content_type_is_corrupt(listed: Path, tmp_path: Path) -> None:
    types = re.sub(rb'<Override PartName="/word/document.xml"[^>]*/>', b"", part(listed, "[Content_Types].xml"))
    types = types.replace(b'<Default Extension="xml" ContentType="application/xml"/>', b"")
    err = rejected(rewritten(listed, tmp_path, {"[Content_Types].xml": types}))
    assert err.kind == "corrupt" and "没有声明内容类型" in err.reason


@pytest.mark.parametrize("content_type", [
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
])
def test_templates_and_macro_enabled_documents_are_read(listed: Path, tmp_path: Path, content_type: str) -> None:
    """A .dotx/.docm renamed .docx holds the same WordprocessingML body (python-docx refused these)."""
    types = part(listed, "[Content_Types].xml").replace(WORD_MAIN.encode(), content_type.encode())
    assert read(rewritten(listed, tmp_path, {"[Content_Types].xml": types})).text == LISTED


@pytest.mark.parametrize("name", ["word/document.xml", "word/styles.xml", "_rels/.rels", "docProps/core.xml"])
def test_dtd_in_a_part_that_is_parsed_is_unsafe(listed: Path, tmp_path: Path, name: str) -> None:
    err = rejected(rewritten(listed, tmp_path, {name: with_dtd(part(listed, name))}))
    assert err.kind == "unsafe_xml"
    assert name in err.reason and "DTD" in err.reason


def test_dtd_in_a_part_never_parsed_is_left_alone(listed: Path, tmp_path: Path) -> None:
    """word/settings.xml is not read at all, so no parser can expand what it declares."""
    path = rewritten(listed, tmp_path, {"word/settings.xml": with_dtd(part(listed, "word/settings.xml"))})
    assert read(path).text == LISTED


def test_missing_styles_and_numbering_parts_and_relationships(listed: Path, tmp_path: Path) -> None:
    rels = re.sub(rb'<Relationship [^>]*/(styles|numbering)"[^>]*/>', b"",
                  part(listed, "word/_rels/document.xml.rels"))
    assert rels.count(b"<Relationship ") == 6
    path = rewritten(listed, tmp_path, {"word/styles.xml": None, "word/numbering.xml": None,
                                        "word/_rels/document.xml.rels": rels})
    assert read(path).text == "加强学习\n开展培训\n要点"


def test_dangling_relationships_to_optional_parts(listed: Path, tmp_path: Path) -> None:
    """Styles, numbering and core properties named by relationships but missing from the zip: the body reads."""
    path = rewritten(listed, tmp_path, {"word/styles.xml": None, "word/numbering.xml": None,
                                        "docProps/core.xml": None, "docProps/app.xml": None})
    doc = read(path)
    assert (doc.text, doc.title_hint, doc.pages) == ("加强学习\n开展培训\n要点", None, None)


def test_no_document_relationships_at_all(listed: Path, tmp_path: Path) -> None:
    path = rewritten(listed, tmp_path, {"word/_rels/document.xml.rels": None})
    assert read(path).text == "加强学习\n开展培训\n要点"


@pytest.mark.parametrize(("name", "data"), [
    ("_rels/.rels", None),
    ("[Content_Types].xml", None),
    ("word/styles.xml", b"<w:styles"),
    ("_rels/.rels", b"<Relationships"),
])
def test_missing_or_broken_required_parts(listed: Path, tmp_path: Path, name: str, data: bytes | None) -> None:
    err = rejected(rewritten(listed, tmp_path, {name: data}))
    assert err.kind == "corrupt" and "缺少必要部分" in err.reason


def test_strict_open_xml_body_is_named(listed: Path, tmp_path: Path) -> None:
    """Word's "Strict Open XML" uses another namespace the reader does not know: say so instead of no text."""
    strict = part(listed, "word/document.xml").replace(
        b"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
        b"http://purl.oclc.org/ooxml/wordprocessingml/main")
    err = rejected(rewritten(listed, tmp_path, {"word/document.xml": strict}))
    assert err.kind == "corrupt" and "Strict Open XML" in err.reason


def test_main_part_away_from_word_document_xml_read_directly(listed: Path, tmp_path: Path) -> None:
    """Without a decoy the content sniffer calls such a zip a plain archive; the reader itself still reads it."""
    path = rewritten(listed, tmp_path, {
        "_rels/.rels": part(listed, "_rels/.rels").replace(b"word/document.xml", b"content/main.xml"),
        "[Content_Types].xml": part(listed, "[Content_Types].xml").replace(b"/word/document.xml",
                                                                           b"/content/main.xml"),
        "word/document.xml": None,
        "content/main.xml": part(listed, "word/document.xml"),
        "word/_rels/document.xml.rels": None,
        "content/_rels/main.xml.rels": part(listed, "word/_rels/document.xml.rels").replace(
            b'Target="', b'Target="../word/'),
    })
    doc: Document = read_docx(path, ReadOptions())
    assert doc.text == LISTED
