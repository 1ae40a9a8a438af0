"""Lines of a PDF page from pdfium's glyphs, in reading order.

pdfium's own text runs in content-stream order, so glyphs a PDF writer drew
later (fallback-font quotes “ ”, fake bold drawn twice) land in the wrong place.
Here every glyph is placed by its position instead: grouped into lines by
baseline, ordered by x, spaces only where there is a gap.
"""

from __future__ import annotations

import ctypes
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple, Protocol

import pypdfium2.raw as pdfium_c

from extractors.readers.cjk import GAP
from extractors.readers.layout import COLUMN_GAP, Line, join_columns

_NOT_TEXT = {0, 0x0A, 0x0D, 0x02, 0xFFFE, 0xFFFF}
_BAD = 0xFFFD
_MAP_CHECK_EVERY = 4  # FPDFText_HasUnicodeMapError is as costly as reading the glyph: sample it


class Glyph(NamedTuple):
    """One glyph; a NamedTuple because a page has hundreds and a frozen dataclass costs 2x to build."""

    ch: str
    left: float
    right: float
    bottom: float
    top: float
    baseline: float
    size: float
    index: int  # position in pdfium's char list: a ligature's letters are neighbours, a re-drawn copy is not


@dataclass(frozen=True)
class PageGlyphs:
    glyphs: tuple[Glyph, ...]
    usable: int  # glyphs with a real Unicode value
    unusable: int  # private-use, replacement or (sampled) unmappable glyphs: a font without a usable ToUnicode map


def page_glyphs(textpage: object) -> PageGlyphs:
    raw = textpage.raw  # type: ignore[attr-defined]
    count = pdfium_c.FPDFText_CountChars(raw)
    get_unicode, is_generated = pdfium_c.FPDFText_GetUnicode, pdfium_c.FPDFText_IsGenerated
    get_box, get_origin = pdfium_c.FPDFText_GetCharBox, pdfium_c.FPDFText_GetCharOrigin
    get_size, get_angle = pdfium_c.FPDFText_GetFontSize, pdfium_c.FPDFText_GetCharAngle
    map_error = pdfium_c.FPDFText_HasUnicodeMapError
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    ox, oy = ctypes.c_double(), ctypes.c_double()
    glyphs: list[Glyph] = []
    usable = unusable = 0
    for i in range(count):
        code = get_unicode(raw, i)
        if code in _NOT_TEXT or is_generated(raw, i):
            continue
        if code == _BAD or 0xE000 <= code <= 0xF8FF:
            unusable += 1
            continue
        if i % _MAP_CHECK_EVERY == 0 and map_error(raw, i) == 1:
            unusable += _MAP_CHECK_EVERY
        angle = get_angle(raw, i)
        if 0.02 < angle < 6.26:  # rotated text: watermarks and stamps
            continue
        get_box(raw, i, left, right, bottom, top)
        get_origin(raw, i, ox, oy)
        ch = chr(code)
        if not ch.isspace():
            usable += 1
        glyphs.append(Glyph(ch, left.value, right.value, bottom.value, top.value, oy.value, get_size(raw, i), i))
    return PageGlyphs(tuple(glyphs), usable, unusable)


def glyph_lines(glyphs: tuple[Glyph, ...], page_height: float) -> list[Line]:
    """Group glyphs into lines by baseline and order each line left to right."""
    ordered = sorted(glyphs, key=lambda g: (-g.baseline, g.left))
    groups: list[list[Glyph]] = []
    for g in ordered:
        em = _em(g)
        if groups and abs(groups[-1][0].baseline - g.baseline) <= 0.4 * em:
            groups[-1].append(g)
        else:
            groups.append([g])
    lines = [_line(sorted(group, key=lambda g: g.left), page_height) for group in groups]
    return [ln for ln in lines if ln.text]


def _em(g: Glyph) -> float:
    return g.size if g.size >= 3 else max(g.top - g.bottom, 1.0)


def _line(group: list[Glyph], page_height: float) -> Line:
    em = statistics.median(_em(g) for g in group)
    columns: list[list[str]] = [[]]
    last: Glyph | None = None
    for g in group:
        if g.ch.isspace():
            columns[-1].append(" ")
            continue
        if last is not None:
            if (g.ch == last.ch and abs(g.left - last.left) < max(0.3 * (last.right - last.left), 0.05 * em)
                    and abs(g.index - last.index) > 1):
                continue  # the same glyph drawn twice (simulated bold or shadow), not the "ff" of a ligature
            mark_gap(columns, g.left - last.right, em)
        columns[-1].append(g.ch)
        last = g
    return assembled_line(columns, [g for g in group if not g.ch.isspace()] or group, page_height, em)


class Inked(Protocol):
    """A glyph or a run of glyphs: its box in PDF coordinates (y up)."""

    @property
    def left(self) -> float: ...
    @property
    def right(self) -> float: ...
    @property
    def bottom(self) -> float: ...
    @property
    def top(self) -> float: ...


def mark_gap(columns: list[list[str]], gap: float, em: float) -> None:
    """A blank between two glyphs (or runs) on a line: a column break, a word gap (GAP), or nothing."""
    if gap > COLUMN_GAP * em:
        columns.append([])
    elif gap > 0.25 * em:
        columns[-1].append(GAP)


def assembled_line(columns: list[list[str]], ink: Sequence[Inked], page_height: float, em: float) -> Line:
    """The line's text from its columns, its box from its ink, turned to page top-left coordinates."""
    return Line(text=join_columns(["".join(c) for c in columns]), left=min(g.left for g in ink),
                right=max(g.right for g in ink), top=page_height - max(g.top for g in ink),
                bottom=page_height - min(g.bottom for g in ink), em=em)
