"""PDF reports: pdfium for text and ruled tables (fast), OCR (RapidOCR, else tesseract) for scanned pages.

A page is read from pdfium's own lines when its text comes in reading order
(extractors/readers/pdf_lines.py, ~1 ms/page on top of pdfium's text page), otherwise glyph by
glyph (extractors/readers/pdf_chars.py, ~3-4 ms/page); pdfplumber's extract_text takes 16-32.
Ruled tables come from pdfium's path objects and the glyphs (extractors/readers/pdf_tables.py);
pdfplumber only reads a table drawn with curves or slants.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

import pypdfium2
import pypdfium2.raw as pdfium_c

from core.records import Document, ReadWarning
from extractors.readers import coverage, ocr
from extractors.readers.base import ReadOptions, Unreadable
from extractors.readers.cjk import tidy
from extractors.readers.headings import find_headings
from extractors.readers.layout import Line, Page, drop_furniture, paragraphs
from extractors.readers.pdf_chars import PageGlyphs, glyph_lines, page_glyphs
from extractors.readers.pdf_lines import FastPage, page_lines
from extractors.readers.pdf_tables import Table, find_tables, has_rules, page_tables

MIN_PAGE_CHARS = 10  # fewer usable characters than this on a page with an image: a scan
MIN_USABLE_SHARE = 0.7
_TAIL = 8192  # a complete PDF ends with %%EOF (writers may add a little junk after it)


def read(path: Path, options: ReadOptions) -> Document:
    pdf = open_pdf(path)
    try:
        n = len(pdf)
        if n == 0:
            raise Unreadable("corrupt", "PDF 文件没有任何页面（文件可能已损坏）；请让乡镇重新导出后发送")
        if n > options.max_pages:
            raise Unreadable("too_many_pages", f"PDF 有 {n} 页，超过上限 {options.max_pages} 页；请确认是否发错了文件")
        read_pages = _pages(pdf, path, options)
        title = _metadata_title(pdf)
    finally:
        pdf.close()
    pages = [r.page for r in read_pages]
    text, starts = paragraphs(pages)
    if not text.strip():
        raise Unreadable("no_text", "PDF 中没有可读取的文字；请让乡镇发送含文字的版本（Word 或导出的 PDF）")
    warnings = [r.warning for r in read_pages if r.warning is not None]
    warnings += _coverage(read_pages, drop_furniture(pages), text, starts)
    return Document(text=text, format="pdf", pages=n, page_starts=starts, headings=find_headings(text),
                    ocr=any(r.ocr for r in read_pages), title_hint=title, warnings=tuple(warnings),
                    ocr_pages=_partly_ocr(read_pages))


def _partly_ocr(read_pages: list[_ReadPage]) -> tuple[int, ...]:
    """The OCR'd pages when only some are (all of them: () and Document.ocr)."""
    pages = tuple(i + 1 for i, r in enumerate(read_pages) if r.ocr)
    return pages if len(pages) < len(read_pages) else ()


@dataclass(frozen=True)
class _ReadPage:
    page: Page
    held: str  # the characters pdfium holds for the page that its lines should hold ("" for an OCR'd page)
    copies: str = ""  # characters of `held` drawn twice (simulated bold), read once on purpose
    ocr: bool = False
    warning: ReadWarning | None = None  # the page could not be read (a scan without OCR)


def _coverage(read_pages: list[_ReadPage], kept: list[Page], text: str, starts: tuple[int, ...]) -> list[ReadWarning]:
    """A warning for each page whose text lacks characters pdfium holds for it (running headers, page numbers
    and stamps are left out on purpose and not counted)."""
    warnings = []
    ends = (*starts[1:], len(text))
    for i, (r, page) in enumerate(zip(read_pages, kept, strict=True)):
        if not r.held:
            continue
        dropped = {id(ln) for ln in page.lines}
        furniture = "".join(ln.text for ln in r.page.lines if id(ln) not in dropped)
        held = coverage.ink(r.held) - coverage.ink(furniture) - coverage.ink(r.copies)
        missing = coverage.unread(held, coverage.ink(text[starts[i]:ends[i]]))
        if coverage.significant(missing, sum(held.values())):
            warnings.append(coverage.page_warning(i + 1, missing, sum(held.values())))
    return warnings


def _metadata_title(pdf: pypdfium2.PdfDocument) -> str | None:
    try:
        title = tidy(pdf.get_metadata_value("Title") or "")
    except (pypdfium2.PdfiumError, UnicodeDecodeError, ValueError):
        return None
    return title if len(title) >= 4 and not title.lower().endswith((".doc", ".docx", ".wps")) else None


def open_pdf(path: Path) -> pypdfium2.PdfDocument:
    """Open with pdfium, refusing a truncated file (pdfium would quietly read what is left of it)."""
    with open(path, "rb") as fh:
        fh.seek(max(0, path.stat().st_size - _TAIL))
        if b"%%EOF" not in fh.read():
            raise Unreadable("corrupt", "PDF 文件不完整（缺少文件结尾，可能下载或传输中断）；请让乡镇重新发送")
    try:
        return pypdfium2.PdfDocument(str(path))
    except pypdfium2.PdfiumError as exc:
        message = str(exc).lower()
        if "password" in message:
            raise Unreadable("encrypted", "PDF 已加密，需要密码才能打开；请让乡镇发送未加密的版本") from exc
        if "security" in message or "handler" in message:
            raise Unreadable("encrypted", "PDF 使用了不支持的加密方式，无法打开；请让乡镇发送未加密的版本") from exc
        raise Unreadable("corrupt", "PDF 文件已损坏（可能未完整传输），无法打开；请让乡镇重新导出后发送") from exc


def _pages(pdf: pypdfium2.PdfDocument, path: Path, options: ReadOptions) -> list[_ReadPage]:
    read: list[FastPage | PageGlyphs] = []
    sizes: list[tuple[float, float]] = []
    grids: dict[int, list[Table]] = {}
    fallback: list[int] = []  # tabular pages the ruling-line grid cannot read: pdfplumber's
    scanned: list[int] = []
    for i in range(len(pdf)):
        page = pdf[i]
        width, height = page.get_size()
        if page.get_rotation() % 180:
            width, height = height, width  # pdfium gives the size as shown; text positions are unrotated
        sizes.append((width, height))
        textpage = page.get_textpage()
        ruled = has_rules(page)
        # a page shown through /Rotate may hold its text turned: the glyph reader turns it upright
        fast = None if ruled or page.get_rotation() else page_lines(textpage, height)
        g = fast or page_glyphs(textpage, (width, height))
        textpage.close()
        read.append(g)
        if _needs_ocr(page, g):
            scanned.append(i)
        elif isinstance(g, PageGlyphs) and ruled and g.turn == 0:
            found = page_tables(page, g.glyphs)
            if found is None:
                fallback.append(i)
            elif found:
                grids[i] = found
        page.close()
    ocr_lines, unread = _ocr(pdf, scanned, len(pdf), options)
    tables = grids | find_tables(path, fallback)
    pages = []
    for i, (g, (width, height)) in enumerate(zip(read, sizes, strict=True)):
        if i in ocr_lines:
            pages.append(_ReadPage(Page(tuple(ocr_lines[i]), width, height), "", ocr=True))
        elif i in unread:
            pages.append(_ReadPage(Page((), width, height), "", warning=unread[i]))
        elif isinstance(g, FastPage):
            pages.append(_ReadPage(Page(tuple(g.lines), width, height), g.held))
        else:
            if g.turn:
                width, height = g.width, g.height
            copies: list[str] = []  # a glyph drawn twice (simulated bold) is read once
            lines = _with_tables(glyph_lines(g.glyphs, height, copies), tables.get(i, []))
            pages.append(_ReadPage(Page(tuple(lines), width, height), g.held, "".join(copies)))
    return pages


def _needs_ocr(page: pypdfium2.PdfPage, g: FastPage | PageGlyphs) -> bool:
    total = g.usable + g.unusable
    if g.usable >= MIN_PAGE_CHARS and g.usable >= MIN_USABLE_SHARE * total:
        return False
    return g.unusable > 0 or _has_image(page)


def _has_image(page: pypdfium2.PdfPage) -> bool:
    count = pdfium_c.FPDFPage_CountObjects(page.raw)
    return any(pdfium_c.FPDFPageObj_GetType(pdfium_c.FPDFPage_GetObject(page.raw, i)) == pdfium_c.FPDF_PAGEOBJ_IMAGE
               for i in range(count))


def _ocr(pdf: pypdfium2.PdfDocument, scanned: list[int], n: int, options: ReadOptions
         ) -> tuple[dict[int, list[Line]], dict[int, ReadWarning]]:
    """OCR the scanned pages, or refuse the file when most of it is scanned and OCR cannot run.

    Returns each OCR'd page's lines, and a warning for each scanned page that could not be OCR'd (a few
    scanned pages of a text report without OCR: the text pages are read, the scanned ones reported).
    """
    if not scanned:
        return {}, {}
    if not options.ocr or not ocr.ocr_ready(options.ocr_engine):
        if len(scanned) * 2 < n:
            why = "当前设置未启用文字识别（OCR）" if not options.ocr else "本机的文字识别不可用"
            return {}, {i: ReadWarning("page_unread", f"第{i + 1}页是扫描图片（没有文字层），{why}，"
                                                      "该页文字未能读取，请核对原件", i + 1) for i in scanned}
        if not options.ocr:
            raise Unreadable("scanned", "这是扫描版 PDF（页面是图片，没有文字层），当前设置未启用文字识别（OCR）；"
                                        "请开启 OCR 或让乡镇发送 Word 版本")
        raise Unreadable("ocr_unavailable", "这是扫描版 PDF（页面是图片，没有文字层），需要文字识别（OCR），"
                                            "但本机的文字识别不可用（RapidOCR 未能加载，也未安装 tesseract 中文识别）；"
                                            "请重新运行 scripts/setup，或安装：apt-get install "
                                            "tesseract-ocr tesseract-ocr-chi-sim，或让乡镇发送 Word 版本")
    out: dict[int, list[Line]] = {}
    for i in scanned:
        page = pdf[i]
        try:
            out[i] = ocr.ocr_page(page, options.ocr_engine)
        except (OSError, subprocess.SubprocessError) as exc:
            raise Unreadable("ocr_failed", f"扫描版 PDF 第 {i + 1} 页文字识别失败（{type(exc).__name__}）；"
                                           "请让乡镇发送 Word 版本") from exc
        finally:
            page.close()
    return out, {}


def _with_tables(lines: list[Line], tables: list[Table]) -> list[Line]:
    """Glyph lines outside every table, plus the tables' rows, top to bottom."""
    if not tables:
        return lines
    def inside(ln: Line) -> bool:
        cy = (ln.top + ln.bottom) / 2
        return any(t.bbox[1] <= cy <= t.bbox[3] and ln.left >= t.bbox[0] - 2 and ln.right <= t.bbox[2] + 2
                   for t in tables)
    kept = [ln for ln in lines if not inside(ln)]
    rows = [row for t in tables for row in t.rows]
    return sorted(kept + rows, key=lambda ln: ln.top)
