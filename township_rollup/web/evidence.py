"""Where a number came from, shown as the report shows it: the sentence around it, and for a PDF the page.

The warehouse keeps each number's quote, page and character offsets into the report's extracted text
(core.records.Statistic); the text itself is not stored, so the report file is read again (the same reader as
ingestion, so the offsets point into the same text) and checked against the stored sha256 first: a file changed
or moved since it was loaded is said to be so, never shown as if it were the source. For a PDF, pdfium renders
the page and gives each character's box; the number's box is found by matching the quote in the page's text
with white space taken out (the PDF has "共 51 场次" where the extracted text has "共51场次").

A scanned page has no characters to ask pdfium for: the page is read again by the same OCR as ingestion
(extractors/readers/ocr.py: RapidOCR, else tesseract; seconds a page, so once per page and one page at a time,
then kept), and the number
is found in its lines, each of which carries its box in PDF points; within a line the number's place is
interpolated by character widths (a digit or Latin letter about half a Chinese character), so its box is close
but not glyph-exact.
"""

from __future__ import annotations

import hashlib
import io
import re
import threading
import unicodedata
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from core.records import Document, SourceFile
from extractors.grammar.quantities import find_quantities
from extractors.readers.base import ReadOptions, Unreadable
from extractors.readers.read import read_document
from warehouse.browse import DocumentInfo, Mention

_SENTENCE_END = "。！？；!?;"
_CONTEXT_CHARS = 160  # at most this much text either side of the quote
_WHITESPACE = re.compile(r"\s+")
PAGE_WIDTH_PX = 900  # a rendered page: readable at 1366x768 beside the quotes


@dataclass(frozen=True)
class Passage:
    """The text around a mention, in three parts: before the number, the number (highlighted), after it."""

    before: str
    number: str
    after: str
    paragraph_before: str = ""  # for a Word report: the paragraphs around, dimmed
    paragraph_after: str = ""


@dataclass(frozen=True)
class Box:
    """A rectangle on a rendered page, as fractions of the page's width and height from its top left."""

    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class SourceText:
    """The report's text as ingestion read it, or why it cannot be shown."""

    document: Document | None
    problem: str | None  # Chinese, when document is None


class _Cache:
    """A few recent items (reading a report costs ~15 ms; OCR far more): keyed, least recently used out."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[object, object] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: object) -> object | None:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
            return None

    def put(self, key: object, value: object) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)


_texts = _Cache(8)
_pages = _Cache(24)
_hashes = _Cache(256)
_ocr_pages = _Cache(32)
_ocr_lock = threading.Lock()  # one page at a time: OCR takes a core for seconds, and the office's CPU is shared


def file_problem(info: DocumentInfo) -> str | None:
    """None when the report file is still where it was loaded from and unchanged; else why not, in Chinese."""
    path = Path(info.path)
    try:
        stat = path.stat()
    except OSError:
        return f"原文件 {info.file_name} 已不在导入时的位置（{info.path}），无法显示原文。"
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    digest = _hashes.get(key)
    if digest is None:
        h = hashlib.sha256()
        with open(path, "rb") as fh:
            while chunk := fh.read(1 << 20):
                h.update(chunk)
        digest = h.hexdigest()
        _hashes.put(key, digest)
    if digest != info.sha256:
        return f"原文件 {info.file_name} 在导入后被修改过，与数据库中的版本不同，无法对照原文。"
    return None


def source_text(info: DocumentInfo, max_bytes: int) -> SourceText:
    """The report's text as ingestion read it (same reader, same options), or the reason it cannot be shown."""
    cached = _texts.get(info.sha256)
    if isinstance(cached, SourceText):
        return cached
    problem = file_problem(info)
    if problem is not None or info.ocr:  # a scan's text is OCR's, not in the file: the quote and the page say it
        return SourceText(None, problem)
    path = Path(info.path)
    source = SourceFile(path=path, sha256=info.sha256, size=path.stat().st_size,
                        kind=(info.format or path.suffix.lstrip(".")).lower())
    try:
        result = SourceText(read_document(source, ReadOptions(max_bytes=max_bytes, ocr=False)), None)
    except Unreadable as exc:
        result = SourceText(None, f"重新读取原文失败：{exc.reason}")
    _texts.put(info.sha256, result)
    return result


def number_span(quote: str, value: float) -> tuple[int, int] | None:
    """Where the number (with its measure word) stands in the quote, by the statistics grammar itself."""
    found = [q for q in find_quantities(quote) if abs(q.value - value) < 1e-9 * max(1.0, abs(value))]
    if found:
        return found[0].start, found[0].end
    return None


def passage(doc: Document | None, m: Mention) -> Passage:
    """The sentence (PDF) or paragraph (Word and others) around a mention, the number split out; from the quote
    alone when the report's text is not at hand."""
    quote = m.quote or ""
    span = number_span(quote, m.value) or (0, 0)
    if doc is None or m.start is None or m.end is None or doc.text[m.start:m.end] != quote:
        return Passage(quote[:span[0]], quote[span[0]:span[1]], quote[span[1]:])
    text = doc.text
    a, b = m.start + span[0], m.start + span[1]
    if doc.format == "pdf":  # a PDF's line breaks are only where its lines wrapped: the sentence is the unit
        begin = 1 + max(text.rfind(ch, 0, m.start) for ch in _SENTENCE_END)
        finish = min((i + 1 for ch in _SENTENCE_END if (i := text.find(ch, m.end)) >= 0), default=len(text))
    else:
        begin = text.rfind("\n", 0, m.start) + 1
        newline = text.find("\n", m.end)
        finish = newline if newline >= 0 else len(text)
    begin, finish = max(begin, m.start - _CONTEXT_CHARS), min(finish, m.end + _CONTEXT_CHARS)
    before, number, after = text[begin:a], text[a:b], text[b:finish]
    if doc.format == "pdf":
        return Passage(_unwrap(before), number, _unwrap(after))
    previous = text[text.rfind("\n", 0, begin - 1) + 1:begin - 1] if begin > 0 else ""
    following = ""
    if finish < len(text) and text[finish] == "\n":
        end = text.find("\n", finish + 1)
        following = text[finish + 1:end if end >= 0 else len(text)]
    return Passage(_cells(before), number, _cells(after), _cells(previous[-_CONTEXT_CHARS:]),
                   _cells(following[:_CONTEXT_CHARS]))


def _unwrap(s: str) -> str:
    return s.replace("\r", "").replace("\n", "")


def _cells(s: str) -> str:
    """A table row's cells are joined by tabs in the extracted text."""
    return s.replace("\t", " ｜ ")


@contextmanager
def _pdf_page(path: Path, page: int) -> Iterator[Any]:
    """Page `page` (1-based) of the PDF at `path` (a pypdfium2 page), the document closed afterwards.
    Raises ValueError for a page the PDF lacks."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        if not 1 <= page <= len(pdf):
            raise ValueError(f"the PDF has {len(pdf)} pages, not {page}")
        yield pdf[page - 1]
    finally:
        pdf.close()


def render_page(path: Path, page: int) -> bytes:
    """Page `page` (1-based) of a PDF as PNG, PAGE_WIDTH_PX wide. Raises ValueError for a page it lacks."""
    key = (str(path), page)
    cached = _pages.get(key)
    if isinstance(cached, bytes):
        return cached
    with _pdf_page(path, page) as p:
        width, _ = p.get_size()
        image = p.render(scale=PAGE_WIDTH_PX / width).to_pil()
        out = io.BytesIO()
        image.save(out, format="PNG", optimize=False)
    data = out.getvalue()
    _pages.put(key, data)
    return data


def number_boxes(path: Path, page: int, quote: str, value: float) -> tuple[Box, ...]:
    """The boxes of the number (and its measure word) of `quote` on the PDF page; () when it cannot be found
    (a scanned page has no text layer; a quote split oddly across columns)."""
    span = number_span(quote, value)
    target = _WHITESPACE.sub("", quote)
    if span is None or not target:
        return ()
    number = _WHITESPACE.sub("", quote[span[0]:span[1]])
    offset = _WHITESPACE.sub("", quote[:span[0]]).__len__()
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        if not 1 <= page <= len(pdf):
            return ()
        p = pdf[page - 1]
        width, height = p.get_size()
        textpage = p.get_textpage()
        chars = _page_chars(textpage)
        squeezed = [(i, ch) for i, ch in enumerate(chars) if ch and not ch.isspace()]
        flat = "".join(ch for _, ch in squeezed)
        at = flat.find(target)
        if at >= 0:
            first = at + offset
        else:  # the quote is not on the page as one run: look for the number with its measure word alone
            first = flat.find(number)
            if first < 0:
                return ()
        indices = [squeezed[k][0] for k in range(first, min(first + len(number), len(squeezed)))]
        rects = [textpage.get_charbox(i) for i in indices]
    finally:
        pdf.close()
    return _line_boxes(rects, width, height)


def _page_chars(textpage: object) -> list[str]:
    n = textpage.count_chars()  # type: ignore[attr-defined]
    text = textpage.get_text_range(0, n)  # type: ignore[attr-defined]
    if len(text) == n:
        return list(text)
    out = []
    for i in range(n):  # pdfium left a character out or put one in: one at a time keeps indices true
        try:
            out.append(textpage.get_text_range(i, 1)[:1])  # type: ignore[attr-defined]
        except (IndexError, ValueError):
            out.append("")
    return out


def _line_boxes(rects: list[tuple[float, float, float, float]], width: float, height: float) -> tuple[Box, ...]:
    """Character boxes (left, bottom, right, top in PDF points) merged per line, padded a little."""
    lines: list[list[float]] = []
    for left, bottom, right, top in rects:
        if lines and abs(lines[-1][1] - bottom) < (top - bottom) * 0.6 + 1:
            line = lines[-1]
            line[0], line[1], line[2], line[3] = min(line[0], left), min(line[1], bottom), max(line[2], right), \
                max(line[3], top)
        else:
            lines.append([left, bottom, right, top])
    pad = 2.0
    return tuple(Box((lft - pad) / width, (height - top - pad) / height, (rgt - lft + 2 * pad) / width,
                     (top - bot + 2 * pad) / height) for lft, bot, rgt, top in lines)


@dataclass(frozen=True)
class OcrLine:
    """A line as OCR read it: its text and its box in PDF points from the page's top left."""

    text: str
    left: float
    right: float
    top: float
    bottom: float


@dataclass(frozen=True)
class OcrPage:
    lines: tuple[OcrLine, ...]
    width: float  # points
    height: float


def ocr_page(path: Path, sha256: str, page: int) -> OcrPage:
    """Page `page` (1-based) of a scanned PDF read by the ingestion's OCR, kept for the next look.
    Raises ValueError for a page the PDF lacks, OSError when no OCR engine can read it."""
    key = (sha256, page)
    cached = _ocr_pages.get(key)
    if isinstance(cached, OcrPage):
        return cached
    from extractors.readers import ocr

    with _ocr_lock:
        cached = _ocr_pages.get(key)  # read meanwhile by the request that held the lock
        if isinstance(cached, OcrPage):
            return cached
        with _pdf_page(path, page) as p:
            width, height = p.get_size()
            lines = ocr.ocr_page(p, ReadOptions().ocr_engine)  # the engine ingestion uses (its setting)
    result = OcrPage(tuple(OcrLine(ln.text, ln.left, ln.right, ln.top, ln.bottom) for ln in lines), width, height)
    _ocr_pages.put(key, result)
    return result


def _plain(ch: str) -> str:
    """One character as matching sees it: full-width digits and letters as ASCII (OCR reads either)."""
    folded = unicodedata.normalize("NFKC", ch)
    return folded if len(folded) == 1 else ch


def _advance(ch: str) -> float:
    """A character's width in ems: a digit, Latin letter or half-width sign is about half a Chinese character."""
    return 1.0 if unicodedata.east_asian_width(ch) in ("W", "F") else 0.55


def ocr_number_boxes(page: OcrPage, quote: str, value: float) -> tuple[Box, ...]:
    """The boxes of the number (and its measure word) of `quote` on an OCR'd page; () when it cannot be found."""
    span = number_span(quote, value)
    target = "".join(_plain(c) for c in _WHITESPACE.sub("", quote))
    if span is None or not target:
        return ()
    number = "".join(_plain(c) for c in _WHITESPACE.sub("", quote[span[0]:span[1]]))
    offset = len(_WHITESPACE.sub("", quote[:span[0]]))
    texts = [_WHITESPACE.sub("", ln.text) for ln in page.lines]
    where = [(i, k) for i, s in enumerate(texts) for k in range(len(s))]  # (line, character) of each one
    flat = "".join(_plain(c) for s in texts for c in s)
    at = flat.find(target)
    first = at + offset if at >= 0 else flat.find(number)  # the quote not as one run: the number alone
    if first < 0:
        return ()
    by_line: dict[int, list[int]] = {}
    for i, k in where[first:first + len(number)]:
        by_line.setdefault(i, []).append(k)
    boxes = []
    for i, ks in by_line.items():
        line, s = page.lines[i], texts[i]
        widths = [_advance(c) for c in s]
        total = sum(widths) or 1.0
        scale = (line.right - line.left) / total
        left = line.left + sum(widths[:min(ks)]) * scale
        right = line.left + sum(widths[:max(ks) + 1]) * scale
        pad = 0.15 * (line.bottom - line.top)  # the interpolation is close, not exact: a little room either side
        boxes.append(Box((left - pad) / page.width, (line.top - pad) / page.height,
                         (right - left + 2 * pad) / page.width, (line.bottom - line.top + 2 * pad) / page.height))
    return tuple(boxes)
