"""Files shaped like those in the bug trackers of the libraries we read with, each with what reading it must give.

Every shape is written by code here (python-docx, lxml, pypdfium2, PIL, the standard library), never copied
from a real report. `Shape.outcome` says what a reader must do with it: read every expected statistic,
load it with a warning naming what it could not read, or reject it with the reason. The two cases of
../shared/cases (docx_altchunk, docx_nested_table) are built by their own scripts.
"""

from __future__ import annotations

import io
import json
import quopri
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn

from tests.conftest import REPO, SHARED
from tests.support.readers_files import image_pdf, turned_pdf

SENTENCE = "全年开展法治宣传活动18次，发放宣传资料3000余份，调处矛盾纠纷52件。"
Stat = tuple[float, str, str, str]  # value, unit, qualifier, indicator
SENTENCE_STATS: frozenset[Stat] = frozenset({(18.0, "次", "exact", "publicity_events"),
                                             (3000.0, "份", "over", "publicity_materials"),
                                             (52.0, "件", "exact", "disputes_mediated")})
TABLE_ROWS = [("项目", "数量"), ("办理法律援助案件（件）", "9")]
TABLE_STATS: frozenset[Stat] = frozenset({(9.0, "件", "exact", "legal_aid_cases")})
SAMPLE_REPORTS = REPO / "samples" / "county" / "reports"


@dataclass(frozen=True)
class Shape:
    name: str  # the file name, extension included
    build: Callable[[Path], None]  # writes the file at the path given
    outcome: str  # read | warned | rejected
    title: str = ""  # township and year as the title says them ("" for traditional text and reference shapes)
    statistics: frozenset[Stat] = frozenset()  # read: at least these (value, unit, qualifier, indicator)
    values: frozenset[tuple[float, str]] = frozenset()  # read, traditional text: at least these (value, unit)
    reference: str | None = None  # read: the statistics of this sample report, read upright
    warning: str | None = None  # warned: a ReadWarning of this kind
    error_kind: str | None = None  # rejected: Unreadable of this kind

    def expected(self) -> frozenset[tuple[float, str]]:
        """The (value, unit) pairs a reading that lost nothing has (reference shapes: see the test)."""
        return frozenset((v, u) for v, u, _, _ in self.statistics) | self.values


# ---- .docx ----

def _report_docx(title: str, sentence: str = SENTENCE) -> docx.document.Document:
    d = docx.Document()
    d.add_paragraph(title)
    d.add_paragraph(sentence)
    return d


def _with_alt_chunks(d: docx.document.Document, chunks: list[tuple[str, str, bytes]]) -> None:
    """Append a w:altChunk per (part name, content type, bytes) to the body, as web exporters write them."""
    for partname, content_type, data in chunks:
        part = Part(PackURI(partname), content_type, data, d.part.package)
        alt = OxmlElement("w:altChunk")
        alt.set(qn("r:id"), d.part.relate_to(part, RT.A_F_CHUNK))
        d.element.body.sectPr.addprevious(alt)


def _html(title: str, charset: str = "utf-8") -> str:
    rows = "".join(f"<tr><td>{a}</td><td>{b}</td></tr>" for a, b in TABLE_ROWS)
    return (f"<html><head><meta http-equiv='Content-Type' content='text/html; charset={charset}'></head><body>"
            f"<p class=MsoNormal>{title}</p><p class=MsoNormal>{SENTENCE}</p><table>{rows}</table></body></html>")


def mhtml_bytes(title: str) -> bytes:
    """A Word "single file web page": MIME multipart/related, the page quoted-printable in gb2312."""
    page = quopri.encodestring(_html(title, "gb2312").encode("gb2312")).decode("ascii")
    boundary = "----=_NextPart_01DA2B3C.4D5E6F70"
    return (f'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="{boundary}"\r\n\r\n'
            "此文档为“单个文件网页”，也称为“Web 档案”文件。\r\n\r\n"
            f"--{boundary}\r\nContent-Location: file:///C:/report.htm\r\n"
            'Content-Transfer-Encoding: quoted-printable\r\nContent-Type: text/html; charset="gb2312"\r\n\r\n'
            f"{page}\r\n\r\n--{boundary}\r\nContent-Location: file:///C:/report.files/filelist.xml\r\n"
            'Content-Transfer-Encoding: quoted-printable\r\nContent-Type: text/xml; charset="utf-8"\r\n\r\n'
            f"<xml xmlns:o=3D\"urn:schemas-microsoft-com:office:office\"></xml>\r\n--{boundary}--\r\n"
            ).encode("gb2312")


def rtf_bytes(title: str) -> bytes:
    """RTF as Word writes Chinese: \\uN escapes, a table of \\cell ... \\row."""
    def esc(text: str) -> str:
        return "".join(c if ord(c) < 128 else f"\\u{ord(c) - 65536 if ord(c) > 32767 else ord(c)}?" for c in text)
    rows = "".join(f"\\trowd\\cellx3000\\cellx5000 {esc(a)}\\cell {esc(b)}\\cell\\row " for a, b in TABLE_ROWS)
    body = f"{{\\rtf1\\ansi\\ansicpg936\\uc1 {esc(title)}\\par {esc(SENTENCE)}\\par {rows}}}"
    return body.encode("ascii")


def _docx_bytes(title: str) -> bytes:
    buffer = io.BytesIO()
    _report_docx(title).save(buffer)
    return buffer.getvalue()


def _altchunk(kind: str, title: str) -> Callable[[Path], None]:
    def build(path: Path) -> None:
        d = docx.Document()
        chunk = {"mhtml": ("/word/afchunk.mht", "message/rfc822", mhtml_bytes(title)),
                 "rtf": ("/word/afchunk.rtf", "application/rtf", rtf_bytes(title)),
                 "text": ("/word/afchunk.txt", "text/plain", f"{title}\n{SENTENCE}\n".encode()),
                 "docx": ("/word/afchunk.docx",
                          "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                          _docx_bytes(title)),
                 "pdf": ("/word/afchunk.pdf", "application/pdf", (SAMPLE_REPORTS / "baisha-2022.pdf").read_bytes()),
                 }[kind]
        if kind == "pdf" and title:
            d.add_paragraph(title)
        _with_alt_chunks(d, [chunk])
        d.save(path)
    return build


def controls_fields_links(title: str) -> Callable[[Path], None]:
    """The title in a block content control; numbers in an inline control, a simple field, a hyperlink and
    a complex field's result (what templates and OA systems write)."""
    def build(path: Path) -> None:
        d = docx.Document()
        w = nsdecls("w", "r")
        d.element.body.sectPr.addprevious(parse_xml(
            f"<w:sdt {w}><w:sdtPr><w:alias w:val='标题'/></w:sdtPr><w:sdtContent><w:p><w:r><w:t>{title}</w:t></w:r>"
            "</w:p></w:sdtContent></w:sdt>"))
        rid = d.part.relate_to("http://www.example.gov.cn/", RT.HYPERLINK, is_external=True)
        d.element.body.sectPr.addprevious(parse_xml(
            f"<w:p {w}><w:r><w:t>全年开展法治宣传活动</w:t></w:r>"
            "<w:sdt><w:sdtPr/><w:sdtContent><w:r><w:t>18</w:t></w:r></w:sdtContent></w:sdt>"
            "<w:r><w:t>次，发放宣传资料</w:t></w:r>"
            "<w:fldSimple w:instr=' DOCPROPERTY 资料 '><w:r><w:t>3000</w:t></w:r></w:fldSimple>"
            "<w:r><w:t>余份，调处矛盾纠纷</w:t></w:r>"
            f"<w:hyperlink r:id='{rid}'><w:r><w:t>52</w:t></w:r></w:hyperlink>"
            "<w:r><w:t>件，办理法律援助案件</w:t></w:r>"
            "<w:r><w:fldChar w:fldCharType='begin'/></w:r><w:r><w:instrText> = 4 + 5 </w:instrText></w:r>"
            "<w:r><w:fldChar w:fldCharType='separate'/></w:r><w:r><w:t>9</w:t></w:r>"
            "<w:r><w:fldChar w:fldCharType='end'/></w:r><w:r><w:t>件。</w:t></w:r></w:p>"))
        d.save(path)
    return build


def unknown_container(title: str) -> Callable[[Path], None]:
    """The statistics paragraph inside a block-level element no Word schema defines (a producer's own
    wrapper): the reader cannot know it holds body text, the coverage check must say so."""
    def build(path: Path) -> None:
        d = docx.Document()
        d.add_paragraph(title)
        d.element.body.sectPr.addprevious(parse_xml(
            f"<x:region xmlns:x='urn:example:oa-export' {nsdecls('w')}><w:p><w:r><w:t>{SENTENCE}</w:t></w:r></w:p>"
            "</x:region>"))
        d.save(path)
    return build


def case(script: str) -> Callable[[Path], None]:
    """A file built by ../shared/cases/NAME.py, renamed to `path`."""
    def build(path: Path) -> None:
        assert SHARED is not None, "../shared/cases is not beside the checkout"
        out = path.parent / f".{script}"
        out.mkdir(exist_ok=True)
        subprocess.run([sys.executable, str(SHARED / "cases" / f"{script}.py"), str(out)], check=True,
                       capture_output=True, timeout=60)
        next(out.glob("*.docx")).rename(path)
    return build


def case_statistics(script: str) -> frozenset[Stat]:
    if SHARED is None:
        return frozenset()
    expected = json.loads((SHARED / "cases" / f"{script}.json").read_text(encoding="utf-8"))["expected"]
    return frozenset((float(s["value"]), s["unit"], s["qualifier"], s["indicator"]) for s in expected["statistics"])


# ---- .doc / .wps that are something else ----

def word2003_xml(title: str) -> bytes:
    """Word 2003 XML (另存为 XML 文档), as Word writes it."""
    def p(text: str) -> str:
        return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"
    rows = "".join(f"<w:tr><w:tc><w:tcPr><w:tcW w:w='3000' w:type='dxa'/></w:tcPr>{p(a)}</w:tc>"
                   f"<w:tc><w:tcPr><w:tcW w:w='2000' w:type='dxa'/></w:tcPr>{p(b)}</w:tc></w:tr>"
                   for a, b in TABLE_ROWS)
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<?mso-application progid="Word.Document"?>\n'
            '<w:wordDocument xmlns:w="http://schemas.microsoft.com/office/word/2003/wordml" '
            'xmlns:wx="http://schemas.microsoft.com/office/word/2003/auxHint" xml:space="preserve">'
            f"<w:body><wx:sect>{p(title)}{p(SENTENCE)}<w:tbl><w:tblPr><w:tblW w:w='5000' w:type='dxa'/></w:tblPr>"
            f"<w:tblGrid><w:gridCol w:w='3000'/><w:gridCol w:w='2000'/></w:tblGrid>{rows}</w:tbl>"
            "<w:sectPr/></wx:sect></w:body></w:wordDocument>").encode()


def _bytes(data: Callable[[], bytes]) -> Callable[[Path], None]:
    def build(path: Path) -> None:
        path.write_bytes(data())
    return build


# ---- PDF ----

def _turned(source: str, quarter_turns: int, shown_upright: bool) -> Callable[[Path], None]:
    def build(path: Path) -> None:
        turned_pdf(SAMPLE_REPORTS / source, path, quarter_turns, shown_upright=shown_upright)
    return build


def with_pasted_page(source: str, pasted: str, quarter_turns: float, scale: float, page_of_pasted: int = 0
                     ) -> Callable[[Path], None]:
    """Page 1 of `source` with a page of `pasted` drawn on it, turned by `quarter_turns` and scaled: a
    sideways table pasted onto a report page (1.0), or a watermark across it (0.5 = 45°)."""
    import math

    import pypdfium2
    import pypdfium2.raw as pdfium_c

    def build(path: Path) -> None:
        pdf = pypdfium2.PdfDocument(str(SAMPLE_REPORTS / source))
        other = pypdfium2.PdfDocument(str(SAMPLE_REPORTS / pasted))
        page = pdf[0]
        xobject = pdfium_c.FPDF_NewXObjectFromPage(pdf.raw, other.raw, page_of_pasted)
        form = pdfium_c.FPDF_NewFormObjectFromXObject(xobject)
        angle = quarter_turns * math.pi / 2
        a, b = scale * math.cos(angle), scale * math.sin(angle)
        pdfium_c.FPDFPageObj_Transform(form, a, b, -b, a, 420.0, 120.0)
        pdfium_c.FPDFPage_InsertObject(page.raw, form)
        assert pdfium_c.FPDFPage_GenerateContent(page.raw)
        pdfium_c.FPDF_CloseXObject(xobject)
        page.close()
        pdf.save(str(path))
        pdf.close()
        other.close()
    return build


def with_scanned_page(source: str, lines: list[str]) -> Callable[[Path], None]:
    """A text PDF with a scanned page (an image, no text layer) as its page 2: a page printed, signed and
    scanned back in."""
    import pypdfium2

    def build(path: Path) -> None:
        scan = path.with_suffix(".scan.pdf")
        image_pdf(lines, scan, dpi=100)
        pdf = pypdfium2.PdfDocument(str(SAMPLE_REPORTS / source))
        image = pypdfium2.PdfDocument(str(scan))
        pdf.import_pages(image, index=1)
        pdf.save(str(path))
        pdf.close()
        image.close()
        scan.unlink()
    return build


# ---- .txt ----

def _text(title: str, codec: str, text: str = "") -> Callable[[Path], None]:
    def build(path: Path) -> None:
        path.write_bytes((text or f"{title}\n{SENTENCE}\n").encode(codec))
    return build


TRADITIONAL = "紅岩鎮2024年法治政府建設年度報告\n全年開展法治宣傳活動18次，發放宣傳資料3000餘份，調處矛盾糾紛52件。\n"
SCANNED_PAGE = ["（八）加强法律服务", "全年开展法治讲座26场，办理法律援助案件17件。"]

SHAPES: tuple[Shape, ...] = (
    Shape("altchunk-html.docx", case("docx_altchunk"), "read", "柳溪乡2024", case_statistics("docx_altchunk")),
    Shape("nested-table.docx", case("docx_nested_table"), "read", "金坪镇2024",
          case_statistics("docx_nested_table")),
    Shape("altchunk-mhtml.docx", _altchunk("mhtml", "白石镇2024年法治政府建设年度报告"), "read", "白石镇2024",
          SENTENCE_STATS | TABLE_STATS),
    Shape("altchunk-rtf.docx", _altchunk("rtf", "红岩镇2024年法治政府建设年度报告"), "read", "红岩镇2024",
          SENTENCE_STATS | TABLE_STATS),
    Shape("altchunk-text.docx", _altchunk("text", "石门镇2024年法治政府建设年度报告"), "read", "石门镇2024",
          SENTENCE_STATS),
    Shape("altchunk-docx.docx", _altchunk("docx", "龙泉镇2024年法治政府建设年度报告"), "read", "龙泉镇2024",
          SENTENCE_STATS),
    Shape("altchunk-pdf.docx", _altchunk("pdf", "桃源镇2024年法治政府建设年度报告"), "warned", "桃源镇2024",
          warning="part_unread"),
    Shape("altchunk-pdf-only.docx", _altchunk("pdf", ""), "rejected", error_kind="unsupported"),
    Shape("controls-fields-links.docx", controls_fields_links("青松镇2024年法治政府建设年度报告"), "read", "青松镇2024",
          SENTENCE_STATS | {(9.0, "件", "exact", "legal_aid_cases")}),
    Shape("unknown-container.docx", unknown_container("云溪镇2024年法治政府建设年度报告"), "warned", "云溪镇2024",
          SENTENCE_STATS, warning="text_unread"),
    Shape("word2003-xml.wps", _bytes(lambda: word2003_xml("长岭镇2024年法治政府建设年度报告")), "read", "长岭镇2024",
          SENTENCE_STATS | TABLE_STATS),
    Shape("single-file-web-page.doc", _bytes(lambda: mhtml_bytes("东溪镇2024年法治政府建设年度报告")), "read",
          "东溪镇2024", SENTENCE_STATS | TABLE_STATS),
    Shape("web-page.wps", _bytes(lambda: _html("西溪镇2024年法治政府建设年度报告", "gb2312").encode("gb2312")), "read",
          "西溪镇2024", SENTENCE_STATS | TABLE_STATS),
    Shape("rtf.wps", _bytes(lambda: rtf_bytes("南溪镇2024年法治政府建设年度报告")), "read", "南溪镇2024",
          SENTENCE_STATS | TABLE_STATS),
    Shape("landscape-shown-upright.pdf", _turned("baisha-2022.pdf", 1, True), "read",
          reference="baisha-2022.pdf"),
    Shape("landscape-sideways.pdf", _turned("maan-2022.pdf", 3, False), "read",
          reference="maan-2022.pdf"),
    Shape("upside-down.pdf", _turned("nanmen-2022.pdf", 2, False), "read",
          reference="nanmen-2022.pdf"),
    Shape("watermarked.pdf", with_pasted_page("donggang-2022.pdf", "yunwu-2022.pdf", 0.5, 0.6), "read",
          reference="donggang-2022.pdf"),
    Shape("sideways-block.pdf", with_pasted_page("liuhe-2023.pdf", "yunwu-2022.pdf", 1.0, 0.35, 2), "warned",
          "柳河镇2023", warning="text_unread"),
    Shape("scanned-page.pdf", with_scanned_page("baisha-2023.pdf", SCANNED_PAGE), "read", "白沙镇2023",
          frozenset({(26.0, "场", "exact", "legal_lectures"), (17.0, "件", "exact", "legal_aid_cases")})),
    Shape("utf16-no-bom.txt", _text("金川镇2024年法治政府建设年度报告", "utf-16-le"), "read", "金川镇2024",
          SENTENCE_STATS),
    Shape("gb18030.txt", _text("兴隆镇2024年法治政府建设年度报告\n填报人：𬌗宁", "gb18030"), "read", "兴隆镇2024",
          SENTENCE_STATS),
    # Traditional text: the reader's part is the decoding (the test compares the text); 3000餘份 needs 餘
    # read as 余, which is the grammar's (matching on a simplified view), not the reader's.
    Shape("big5.txt", _text("", "big5", TRADITIONAL), "read", values=frozenset({(18.0, "次"), (52.0, "件")})),
    Shape("gbk-traditional.txt", _text("", "gbk", TRADITIONAL.replace("紅岩", "翠屏")), "read",
          values=frozenset({(18.0, "次"), (52.0, "件")})),
)
TEXTS = {"big5.txt": TRADITIONAL, "gbk-traditional.txt": TRADITIONAL.replace("紅岩", "翠屏")}
