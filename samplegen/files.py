"""Write generated reports as the files a county office receives: .docx, text .pdf, a scan, a broken file.

Layout follows the usual government style (公文格式): centred title, 黑体 part headings, 楷体
subsection headings, 仿宋 body with a two-character first-line indent, page numbers in the footer.
PDFs come from LibreOffice, many files per process (starting soffice costs seconds; a page costs ms).
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import math
import random
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.text.paragraph import Paragraph

from samplegen.report import ReportStyle
from samplegen.text import Block, Report, Span

_ZIP_DATE = (2020, 1, 1, 0, 0, 0)
_KEPT_STYLES = frozenset({"Normal", "TableGrid", "Header", "HeaderChar", "Footer", "FooterChar"})
_DROPPED_RELS = ("stylesWithEffects", "customXml", "metadata/thumbnail")  # template parts no report needs


@dataclass(frozen=True)
class Fonts:
    title: str
    heading: str
    subheading: str
    body: str
    bold_subheadings: bool = True


# What township offices use (substituted on machines without them).
OFFICE_FONTS = Fonts("方正小标宋简体", "黑体", "楷体_GB2312", "仿宋_GB2312")
# For files bound for PDF: one installed family, so LibreOffice embeds one small subset, not four.
PDF_FONTS = Fonts("Noto Sans CJK SC", "Noto Sans CJK SC", "Noto Sans CJK SC", "Noto Sans CJK SC", False)


def _font(target: object, name: str, size: float, bold: bool = False) -> None:
    """Font of a run or a style, East Asian face included (python-docx sets only the Latin one)."""
    target.font.size = Pt(size)  # type: ignore[attr-defined]
    target.font.bold = bold or None  # type: ignore[attr-defined]
    target.font.name = name  # type: ignore[attr-defined]
    target.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)  # type: ignore[attr-defined]


def _add_spans(p: Paragraph, spans: Sequence[Span], bold_numbers: bool, bold_headings: bool) -> None:
    """Spans as runs; with bold_numbers a numeral is its own bold run, as clerks often format them."""
    for span in spans:
        if bold_numbers and span.number:
            a, b = span.number
            for text, bold in ((span.text[:a], False), (span.text[a:b], True), (span.text[b:], False)):
                if text:
                    p.add_run(text).bold = bold or None
        else:
            p.add_run(span.text).bold = (span.bold and bold_headings) or None


@dataclass(frozen=True)
class _ParagraphStyles:
    """Paragraph styles made once per document: direct formatting on every run is 10x slower to write."""

    title: object
    heading: object
    subheading: object
    body: object
    sign: object
    cell: object


def _paragraph_styles(d: docx.document.Document, fonts: Fonts) -> _ParagraphStyles:
    def make(name: str, font: str, size: float, *, indent: bool = True, align: object = None,
             bold: bool = False) -> object:
        st = d.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        st.base_style = d.styles["Normal"]
        _font(st, font, size, bold)
        pf = st.paragraph_format
        pf.line_spacing = Pt(28) if size >= 16 else None
        pf.space_after = Pt(0)
        if indent:
            pf.first_line_indent = Pt(2 * size)
        if align is not None:
            pf.alignment = align
        return st

    return _ParagraphStyles(
        title=make("报告标题", fonts.title, 22, indent=False, align=WD_ALIGN_PARAGRAPH.CENTER),
        heading=make("一级标题", fonts.heading, 16),
        subheading=make("二级标题", fonts.subheading, 16, bold=fonts.bold_subheadings),
        body=make("报告正文", fonts.body, 16),
        sign=make("落款", fonts.body, 16, indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT),
        cell=make("表格文字", fonts.body, 14, indent=False, align=WD_ALIGN_PARAGRAPH.CENTER),
    )


def _page_number_field(p: Paragraph, font: str) -> None:
    """Footer "— 3 —": a PAGE field Word and LibreOffice fill in per page."""
    _font(p.add_run("— "), font, 14)
    run = p.add_run()
    _font(run, font, 14)
    for tag, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if tag:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), tag)
        else:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        run._element.append(el)
    _font(p.add_run(" —"), font, 14)


def _block(d: docx.document.Document, block: Block, style: ReportStyle, fonts: Fonts,
           styles: _ParagraphStyles) -> None:
    if block.kind == "table":
        table = d.add_table(rows=len(block.rows), cols=len(block.rows[0]))
        table.style = d.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        for r, row in enumerate(block.rows):
            for c, span in enumerate(row):
                cell_p = table.cell(r, c).paragraphs[0]
                cell_p.style = styles.cell
                cell_p.add_run(span.text).bold = r == 0 or None
        return
    if block.kind == "title":
        d.add_paragraph(block.spans[0].text, styles.title)
    elif block.kind == "heading":
        d.add_paragraph("".join(s.text for s in block.spans), styles.heading if block.level == 1 else styles.subheading)
    elif block.kind == "sign":
        d.add_paragraph(block.spans[0].text, styles.sign)
    else:
        _add_spans(d.add_paragraph(style=styles.body), block.spans, style.bold_numbers, fonts.bold_subheadings)


def write_docx(report: Report, style: ReportStyle, path: Path, fonts: Fonts = OFFICE_FONTS) -> Path:
    """The report as a Word file whose paragraph text (and table rows) is exactly `report.text()`."""
    d = docx.Document(io.BytesIO(_template()))
    section = d.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    if style.header_footer:
        header = section.header.paragraphs[0]
        header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _font(header.add_run(f"{report.county}{report.township}"), fonts.body, 10)
        footer = section.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _page_number_field(footer, fonts.body)
    styles = _paragraph_styles(d, fonts)
    for block in report.blocks:
        _block(d, block, style, fonts, styles)
    props = d.core_properties
    props.title = report.title
    props.author = report.township
    stamp = dt.datetime(report.year + 1, 1, 10, 9, 0, 0)
    props.created = props.modified = stamp
    props.last_modified_by = report.township
    props.revision = 1
    buf = io.BytesIO()
    d.save(buf)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(_stable_zip(buf.getvalue()))
    return path


@functools.cache
def _template() -> bytes:
    """python-docx's default template, slimmed once: parsing the full one per report costs 10 ms."""
    d = docx.Document()
    _slim(d)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _slim(d: docx.document.Document) -> None:
    """Drop template parts a report does not need (halves the file) and mark East Asian text as zh-CN."""
    for rels in (d.part.rels, d.part.package.rels):
        for rid, rel in list(rels.items()):
            if rel.reltype.endswith(_DROPPED_RELS):
                rels.pop(rid)
    rpr = d.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:eastAsia"), "zh-CN")
    _drop_unused_styles(d)


def _drop_unused_styles(d: docx.document.Document) -> None:
    """The default template defines ~160 styles (330 kB of XML); keep the handful a report uses."""
    root = d.styles.element
    latent = root.find(qn("w:latentStyles"))
    if latent is not None:
        root.remove(latent)
    for style in root.findall(qn("w:style")):
        if style.get(qn("w:styleId")) not in _KEPT_STYLES and style.get(qn("w:default")) != "1":
            root.remove(style)


def _stable_zip(data: bytes) -> bytes:
    """Same content, same bytes: fixed member timestamps so a seed regenerates identical files."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=_ZIP_DATE)
            member.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(member, src.read(info.filename))
    return out.getvalue()


def soffice_binary() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if not found:
        raise RuntimeError("LibreOffice (soffice) is needed to write PDF reports")
    return found


def convert_to_pdf(docx_paths: Sequence[Path], outdir: Path, *, batch: int = 100, workers: int = 2,
                   progress: Callable[[int, int], None] | None = None, timeout: float = 1800) -> list[Path]:
    """Convert many .docx to .pdf with LibreOffice: `batch` files per soffice call, `workers` calls at once.

    Each worker has its own user profile, so concurrent soffice processes do not share a lock.
    """
    outdir.mkdir(parents=True, exist_ok=True)
    soffice = soffice_binary()
    batch = max(1, min(batch, math.ceil(len(docx_paths) / max(1, workers))))  # keep every worker busy
    batches = [list(docx_paths[i:i + batch]) for i in range(0, len(docx_paths), batch)]
    done = 0
    with tempfile.TemporaryDirectory(prefix="samplegen-lo-") as tmp:
        profiles = [Path(tmp) / f"profile{w}" for w in range(max(1, workers))]
        pending = list(batches)
        running: list[tuple[subprocess.Popen[bytes], int, int]] = []
        free = list(range(len(profiles)))
        while pending or running:
            while pending and free:
                w = free.pop()
                files = pending.pop(0)
                cmd = [soffice, f"-env:UserInstallation=file://{profiles[w]}", "--headless", "--norestore",
                       "--convert-to", "pdf", "--outdir", str(outdir), *map(str, files)]
                proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
                running.append((proc, w, len(files)))
            proc, w, n = running.pop(0)
            _, err = proc.communicate(timeout=timeout)
            if proc.returncode != 0:
                raise RuntimeError(f"soffice failed ({proc.returncode}): {err.decode(errors='replace')[-500:]}")
            free.append(w)
            done += n
            if progress:
                progress(done, len(docx_paths))
    out = [outdir / (p.stem + ".pdf") for p in docx_paths]
    missing = [p.name for p in out if not p.exists()]
    if missing:
        raise RuntimeError(f"soffice wrote no PDF for: {', '.join(missing[:5])}")
    return out


def write_scanned_pdf(source_pdf: Path, path: Path, *, seed: int = 0, dpi: int = 100, quality: int = 25) -> Path:
    """An image-only PDF that looks photocopied: pages rendered, slightly rotated, speckled, greyscale."""
    import numpy as np
    import pypdfium2
    from PIL import Image

    rng = random.Random(f"scan:{seed}")
    noise_rng = np.random.default_rng(seed)
    pages = []
    pdf = pypdfium2.PdfDocument(str(source_pdf))
    try:
        for page in pdf:
            img = page.render(scale=dpi / 72).to_pil().convert("L")
            img = img.rotate(rng.uniform(-0.8, 0.8), resample=Image.Resampling.BICUBIC, expand=False, fillcolor=255)
            arr = np.asarray(img, dtype=np.int16)
            arr = arr + noise_rng.normal(0, 3, arr.shape).astype(np.int16) - 4
            specks = noise_rng.random(arr.shape) < 0.0008
            arr[specks] = 40
            pages.append(Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), mode="L"))
    finally:
        pdf.close()
    path.parent.mkdir(parents=True, exist_ok=True)
    pages[0].save(path, "PDF", save_all=True, append_images=pages[1:], resolution=dpi, quality=quality)
    return path


def write_truncated(source: Path, path: Path, keep: float = 0.4) -> Path:
    """A file cut short in transit: the first `keep` of the bytes (a .docx so cut is not a valid zip)."""
    data = source.read_bytes()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data[: max(1, int(len(data) * keep))])
    return path


def print_progress(label: str) -> Callable[[int, int], None]:
    """A progress callback printing "label: done/total (seconds since the first call)" to stderr."""
    start = time.perf_counter()

    def show(done: int, total: int) -> None:
        print(f"{label}: {done}/{total} ({time.perf_counter() - start:.1f} s)", file=sys.stderr, flush=True)

    return show
