"""Real files for the reader tests: built with python-docx, LibreOffice, PIL and zipfile."""

from __future__ import annotations

import copy
import shutil
import subprocess
import tempfile
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt
from PIL import Image, ImageDraw, ImageFont

from core.records import Document
from extractors.readers.base import ReadOptions
from extractors.readers.read import read_document
from pipeline.discover import source_file

FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def read(path: Path, options: ReadOptions = ReadOptions()) -> Document:
    return read_document(source_file(path), options)


def body_paragraph(doc: docx.document.Document, text: str) -> None:
    """A body paragraph as offices write them: 仿宋 16pt, two-character first-line indent."""
    p = doc.add_paragraph()
    p.paragraph_format.first_line_indent = Pt(32)
    run = p.add_run(text)
    run.font.size = Pt(16)
    run.font.name = "Noto Serif CJK SC"
    run._element.rPr.rFonts.set(qn("w:eastAsia"), "Noto Serif CJK SC")


def heading_paragraph(doc: docx.document.Document, text: str) -> None:
    p = doc.add_paragraph()
    run = p.add_run(text)
    run.font.size = Pt(16)
    run.font.bold = True


def add_chinese_numbering(doc: docx.document.Document) -> str:
    """An abstract numbering with 一、 at level 0 and （一） at level 1; returns its numId."""
    numbering = doc.part.numbering_part.element
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>'
        '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>'
        "</w:abstractNum>")
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    return "90"


def numbered_paragraph(doc: docx.document.Document, text: str, num_id: str, level: int) -> None:
    p = doc.add_paragraph(text)
    p_pr = p._p.get_or_add_pPr()
    p_pr.append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'))


def tracked_change_paragraph(doc: docx.document.Document, kept: str, inserted: str, deleted: str, tail: str) -> None:
    p = doc.add_paragraph(kept)
    p._p.append(parse_xml(f'<w:ins {nsdecls("w")} w:id="1" w:author="a" w:date="2024-01-01T00:00:00Z">'
                          f"<w:r><w:t>{inserted}</w:t></w:r></w:ins>"))
    p._p.append(parse_xml(f'<w:del {nsdecls("w")} w:id="2" w:author="a" w:date="2024-01-01T00:00:00Z">'
                          f"<w:r><w:delText>{deleted}</w:delText></w:r></w:del>"))
    p._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:t>{tail}</w:t></w:r>'))


def deleted_mark_paragraph(doc: docx.document.Document, text: str) -> None:
    """A paragraph whose mark was deleted with tracking: accepted, it runs on into the next paragraph."""
    p = doc.add_paragraph(text)
    p._p.get_or_add_pPr().append(parse_xml(
        f'<w:rPr {nsdecls("w")}><w:del w:id="3" w:author="a" w:date="2024-01-01T00:00:00Z"/></w:rPr>'))


def text_box_paragraph(doc: docx.document.Document, anchor: str, box_text: str) -> None:
    """A text box as Word writes it: a DrawingML copy in mc:Choice and a VML copy in mc:Fallback."""
    content = f'<w:txbxContent><w:p><w:r><w:t>{box_text}</w:t></w:r></w:p></w:txbxContent>'
    p = doc.add_paragraph(anchor)
    p._p.append(parse_xml(
        f'<w:r {nsdecls("w")} xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
        'xmlns:v="urn:schemas-microsoft-com:vml">'
        '<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:wsp><wps:txbx>'
        f"{content}</wps:txbx></wps:wsp></w:drawing></mc:Choice>"
        f"<mc:Fallback><w:pict><v:shape><v:textbox>{content}</v:textbox></v:shape></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r>"))


def merged_table(doc: docx.document.Document) -> None:
    """Header row plus two rows whose first cell is merged vertically."""
    t = doc.add_table(rows=3, cols=3)
    t.style = "Table Grid"
    for r, row in enumerate([("项目", "次数", "人数"), ("普法宣传", "19次", "2000余人次"), ("", "9次", "500人")]):
        for c, value in enumerate(row):
            if value:
                t.cell(r, c).text = value
    t.cell(1, 0).merge(t.cell(2, 0))


def page_number_footer(section: object, text_before: str = "- ", text_after: str = " -") -> None:
    footer = section.footer  # type: ignore[attr-defined]
    p = footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.add_run(text_before)
    p._p.append(parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr="PAGE"><w:r><w:t>1</w:t></w:r></w:fldSimple>'))
    p.add_run(text_after)


def soffice_convert(files: list[Path], to: str, outdir: Path) -> None:
    """One LibreOffice run for many files (its start-up is the slow part)."""
    exe = shutil.which("soffice")
    assert exe, "LibreOffice (soffice) is required for these tests"
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([exe, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", to,
                        "--outdir", str(outdir), *map(str, files)], check=True, capture_output=True, timeout=300)


def image_pdf(lines: list[str], path: Path, dpi: int = 150) -> None:
    """A scanned-looking PDF: the text drawn into an image, no text layer."""
    width, height = int(8.27 * dpi), int(11.69 * dpi)
    img = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(FONT, size=int(dpi * 16 / 72))
    y = int(dpi * 1.2)
    for line in lines:
        draw.text((int(dpi * 1.0), y), line, fill=0, font=font)
        y += int(dpi * 28 / 72)
    img.save(path, "PDF", resolution=dpi)


def copy_docx_with_part(src: Path, dst: Path, part: str, data: bytes) -> None:
    """The same docx with one part replaced (or added)."""
    rewrite_docx(src, dst, {part: data})


def rewrite_docx(src: Path, dst: Path, parts: dict[str, bytes | None]) -> None:
    """The same docx with parts replaced, added (a new name) or removed (None)."""
    import zipfile

    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            if item.filename not in parts:
                zout.writestr(copy.copy(item), zin.read(item.filename))
        for name, data in parts.items():
            if data is not None:
                zout.writestr(name, data)


def hand_pdf(objects: list[bytes], trailer: bytes = b"") -> bytes:
    """A PDF from numbered object bodies (1 0 obj is the catalog), with a correct xref table."""
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R %s >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, trailer, xref)
    return bytes(out)


def turned_pdf(src: Path, dst: Path, quarter_turns: int, *, shown_upright: bool) -> None:
    """`src` with every page's content turned counter-clockwise by `quarter_turns` (1 = text reading upward), as
    PDF writers draw a landscape annex on a portrait sheet. `shown_upright` adds the /Rotate that shows it
    upright again (what a clerk sees); without it the page is shown sideways (a scanned or merged annex)."""
    import ctypes

    import pypdfium2
    import pypdfium2.raw as pdfium_c

    pdf = pypdfium2.PdfDocument(str(src))
    for i in range(len(pdf)):
        page = pdf[i]
        w, h = page.get_size()
        a, b, c, d, e, f = {1: (0, 1, -1, 0, h, 0), 2: (-1, 0, 0, -1, w, h), 3: (0, -1, 1, 0, 0, w)}[quarter_turns]
        matrix = pdfium_c.FS_MATRIX(a, b, c, d, e, f)
        assert pdfium_c.FPDFPage_TransFormWithClip(page.raw, ctypes.byref(matrix), None)
        size = (h, w) if quarter_turns % 2 else (w, h)
        pdfium_c.FPDFPage_SetMediaBox(page.raw, 0, 0, *size)
        pdfium_c.FPDFPage_SetCropBox(page.raw, 0, 0, *size)
        if shown_upright:
            page.set_rotation(90 * quarter_turns)  # /Rotate turns clockwise: undoes the counter-clockwise turn
        page.close()
    pdf.save(str(dst))
    pdf.close()
