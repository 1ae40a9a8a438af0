"""Lines of a PDF page placed a run of glyphs at a time, not a glyph at a time.

Reading every glyph's unicode, box, baseline, size and angle through ctypes
(extractors/readers/pdf_chars.py) costs ~3-4 ms a page, twice pdfium's own text read. Here
the text comes in one call, and the geometry from pdfium's text rectangles: one per
run of a text object's glyphs on a line (~100 a page, against ~500 glyphs). A run is
split only where pdfium generated a space inside it, so that gap can be measured.
The pieces are then placed exactly as the glyph reader places glyphs: grouped into
lines by baseline, ordered by x, GAP or a column break where the gap asks for one.
So a quote drawn last in a fallback font still lands where it is printed.

`page_lines` returns None, and the page is read glyph by glyph, when a run cannot be
placed as a whole: pieces drawn over each other (fake bold), rotated text (stamps,
watermarks), characters outside the BMP, or rectangles that do not match the runs.
tests/test_pdf_lines.py holds the two readers to the same lines.
"""

from __future__ import annotations

import ctypes
import itertools
import re
import statistics
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import NamedTuple

import pypdfium2
import pypdfium2.raw as pdfium_c

from extractors.readers.layout import Line
from extractors.readers.pdf_chars import assembled_line, mark_gap

_OVERDRAW = 0.3  # share of the previous piece's width a piece may start left of its end (the glyph reader's)
_SAME_LINE = 0.4  # ems between two baselines on one line (the glyph reader's)
_TALL = 1.2  # a run taller than this many ems may be rotated: only then is its angle asked for
_HIGH_BASELINE = 0.6  # share of a run's height its baseline sits above its bottom: upside down, if turned
_MAP_SAMPLES = 24  # FPDFText_HasUnicodeMapError is costly: sample this many glyphs a page
_UNUSABLE = re.compile("[\ufffd\ue000-\uf8ff]")  # replacement and private-use: a font without a usable map
_BLANK = re.compile(r"\s+")


@dataclass(frozen=True)
class FastPage:
    lines: list[Line]
    usable: int  # glyphs with a real Unicode value
    unusable: int  # private-use or replacement glyphs, or (sampled) unmappable ones
    held: str = ""  # pdfium's text of the page: every character the lines should hold


class _Piece(NamedTuple):
    """Glyphs of one text object on one line, up to a generated space; PDF coordinates (y up)."""

    text: str
    left: float
    right: float
    bottom: float
    top: float
    baseline: float
    size: float


def page_lines(textpage: pypdfium2.PdfTextPage, page_height: float) -> FastPage | None:
    """The page's lines, or None when it must be read glyph by glyph."""
    raw = textpage.raw
    count = pdfium_c.FPDFText_CountChars(raw)
    text = textpage.get_text_range() if count else ""
    if len(text) != count:  # characters beyond the BMP take two UTF-16 units: indices would drift
        return None
    pieces = _pieces(raw, text)
    if pieces is None:
        return None
    lines = []
    for group in _baseline_groups(pieces):
        line = _line(sorted(group, key=lambda p: p.left), page_height)
        if line is None:
            return None
        if line.text:
            lines.append(line)
    usable, unusable = _usable(raw, text)
    return FastPage(lines, usable, unusable, text)


def _pieces(raw: object, text: str) -> list[_Piece] | None:
    spans = _object_spans(text, raw)
    if pdfium_c.FPDFText_CountRects(raw, 0, len(text)) != len(spans):
        return None  # a text object spread over several lines: pdfium split it where we cannot see
    left, top, right, bottom = (ctypes.c_double() for _ in range(4))
    x, y = ctypes.c_double(), ctypes.c_double()
    pieces: list[_Piece] = []
    for k, (first, end) in enumerate(spans):
        pdfium_c.FPDFText_GetRect(raw, k, left, top, right, bottom)
        y0, y1 = bottom.value, top.value
        size = pdfium_c.FPDFText_GetFontSize(raw, first)
        size = size if size >= 3 else max(y1 - y0, 1.0)
        if y1 - y0 > _TALL * size and 0.02 < pdfium_c.FPDFText_GetCharAngle(raw, first) < 6.26:
            return None  # rotated text (a stamp or watermark, a sideways page): the glyph reader places it
        pdfium_c.FPDFText_GetCharOrigin(raw, first, x, y)
        if y.value - y0 > _HIGH_BASELINE * (y1 - y0) and 0.02 < pdfium_c.FPDFText_GetCharAngle(raw, first) < 6.26:
            return None  # a baseline at the top of its run: text upside down, which the glyph reader turns
        for piece_text, x0, x1 in _split(raw, text, first, end, left.value, right.value):
            pieces.append(_Piece(piece_text, x0, x1, y0, y1, y.value, size))
    return pieces


def _object_spans(text: str, raw: object) -> list[tuple[int, int]]:
    """[start, end) of each run of one text object's characters, blank runs left out (they have no rectangle)."""
    handle = ctypes.cast(raw, ctypes.c_void_p)  # type: ignore[call-overload]
    spans: list[list[int]] = []
    current = None
    for i, obj in enumerate(map(_text_object, itertools.repeat(handle), range(len(text)))):
        if obj is None:
            continue  # a space or line break pdfium generated belongs to no object
        if obj != current:
            spans.append([i, i + 1])
            current = obj
        else:
            spans[-1][1] = i + 1
    return [(a, b) for a, b in spans if not text[a:b].isspace()]


def _text_object_function() -> Callable[[ctypes.c_void_p, int], int | None]:
    """FPDFText_GetTextObject returning a plain address: pypdfium2's binding returns a pointer
    object that takes a ctypes.cast per character to compare (~4x the cost). A prototype of our own
    is made from the public binding's address (plain ctypes), so pypdfium2's binding is left as it is."""
    address = ctypes.cast(pdfium_c.FPDFText_GetTextObject, ctypes.c_void_p).value
    prototype = ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int)
    return prototype(address)  # type: ignore[return-value]


_text_object = _text_object_function()


def _split(raw: object, text: str, start: int, end: int, left: float, right: float
           ) -> Iterator[tuple[str, float, float]]:
    """The run's text without the spaces pdfium generated, cut where they were, with each piece's x extent."""
    chunk = text[start:end]
    if " " not in chunk:
        yield chunk, left, right
        return
    box = [ctypes.c_double() for _ in range(4)]  # left, right, bottom, top
    kept: list[str] = []
    piece_left = left
    for i in range(start, end):
        if text[i] != " " or not pdfium_c.FPDFText_IsGenerated(raw, i):
            kept.append(text[i])
            continue
        before = _ink(text, range(i - 1, start - 1, -1))
        after = _ink(text, range(i + 1, end))
        if before is None or after is None:
            continue  # a space at a run's edge: the gap to the next run is measured anyway
        pdfium_c.FPDFText_GetCharBox(raw, before, *box)
        yield "".join(kept), piece_left, box[1].value
        pdfium_c.FPDFText_GetCharBox(raw, after, *box)
        kept, piece_left = [], box[0].value
    yield "".join(kept), piece_left, right


def _ink(text: str, indexes: range) -> int | None:
    return next((j for j in indexes if not text[j].isspace()), None)


def _baseline_groups(pieces: list[_Piece]) -> list[list[_Piece]]:
    """Pieces grouped into lines by baseline, top line first (as the glyph reader groups glyphs)."""
    groups: list[list[_Piece]] = []
    for p in sorted(pieces, key=lambda p: (-p.baseline, p.left)):
        if groups and abs(groups[-1][0].baseline - p.baseline) <= _SAME_LINE * p.size:
            groups[-1].append(p)
        else:
            groups.append([p])
    return groups


def _line(pieces: list[_Piece], page_height: float) -> Line | None:
    """One line, its gaps read as the glyph reader reads them; None when pieces are drawn over each other."""
    em = _median_size(pieces)
    columns: list[list[str]] = [[]]
    last: _Piece | None = None
    for p in pieces:
        if last is not None:
            if p.left < last.right - _OVERDRAW * min(p.right - p.left, last.right - last.left):
                return None  # the same text drawn twice (simulated bold): the glyph reader drops the copy
            mark_gap(columns, p.left - last.right, em)
        columns[-1].append(p.text)
        last = p
    return assembled_line(columns, pieces, page_height, em)


def _median_size(pieces: list[_Piece]) -> float:
    """The glyph-weighted median font size, as the glyph reader takes it."""
    if len(pieces) == 1:
        return pieces[0].size
    return statistics.median(s for p in pieces for s in itertools.repeat(p.size, max(1, len(p.text))))


def _usable(raw: object, text: str) -> tuple[int, int]:
    bad = len(_UNUSABLE.findall(text))
    good = len(_BLANK.sub("", text)) - bad
    sample = range(0, len(text), max(1, len(text) // _MAP_SAMPLES))
    errors = sum(1 for i in sample if not text[i].isspace() and pdfium_c.FPDFText_HasUnicodeMapError(raw, i) == 1)
    unmapped = round(errors * len(text) / max(1, len(sample)))
    return max(0, good - unmapped), bad + unmapped
