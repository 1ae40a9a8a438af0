"""Lines of a PDF page from pdfium's glyphs, in reading order.

pdfium's own text runs in content-stream order, so glyphs a PDF writer drew
later (fallback-font quotes “ ”, fake bold drawn twice) land in the wrong place.
Here every glyph is placed by its position instead: grouped into lines by
baseline, ordered by x, spaces only where there is a gap.

A page whose text runs sideways or upside down (a landscape annex drawn turned on a
portrait page, shown upright through /Rotate or not) is read turned upright: the
right angle most of its characters share is the page's, and their positions are
turned by it. Slanted glyphs (stamps, watermarks) are left out, as are a few
characters at another right angle (a stamp's); more of them are text this reader
cannot place, and are reported as unread (`PageGlyphs.held`).
"""

from __future__ import annotations

import ctypes
import math
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
_RIGHT_ANGLE = 0.035  # radians (2°): a glyph this close to a right angle is turned text; else slanted
MIN_TURNED = 8  # fewer characters than this at another right angle than the page's: a stamp's, left out


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
    glyphs: tuple[Glyph, ...]  # the page's text, upright (turned by `turn` quarter turns)
    usable: int  # glyphs with a real Unicode value
    unusable: int  # private-use, replacement or (sampled) unmappable glyphs: a font without a usable ToUnicode map
    turn: int = 0  # quarter turns (counter-clockwise) of the page's text: 1 reads upward, 2 upside down
    width: float = 0.0  # the page turned upright, in points (0 when not known: upright pages only)
    height: float = 0.0
    held: str = ""  # the characters the text should hold: the glyphs', and those at another right angle


def page_glyphs(textpage: object, size: tuple[float, float] | None = None) -> PageGlyphs:
    """The page's glyphs, upright. `size` is the page's unrotated width and height (its MediaBox): with it a
    page whose text runs sideways or upside down is turned upright; without it only upright text is read."""
    raw = textpage.raw  # type: ignore[attr-defined]
    count = pdfium_c.FPDFText_CountChars(raw)
    get_unicode, is_generated = pdfium_c.FPDFText_GetUnicode, pdfium_c.FPDFText_IsGenerated
    get_box, get_origin = pdfium_c.FPDFText_GetCharBox, pdfium_c.FPDFText_GetCharOrigin
    get_size, get_angle = pdfium_c.FPDFText_GetFontSize, pdfium_c.FPDFText_GetCharAngle
    map_error = pdfium_c.FPDFText_HasUnicodeMapError
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    ox, oy = ctypes.c_double(), ctypes.c_double()
    by_turn: tuple[list[tuple[Glyph, float]], ...] = ([], [], [], [])  # (glyph, origin x) by quarter turn
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
        turn = _quarter_turn(get_angle(raw, i))
        if turn is None or (turn and size is None):
            continue  # slanted text (watermarks and stamps), or turned text nobody asked to turn
        get_box(raw, i, left, right, bottom, top)
        get_origin(raw, i, ox, oy)
        ch = chr(code)
        if not ch.isspace():
            usable += 1
        by_turn[turn].append((Glyph(ch, left.value, right.value, bottom.value, top.value, oy.value,
                                    get_size(raw, i), i), ox.value))
    inked = [sum(1 for g, _ in group if not g.ch.isspace()) for group in by_turn]
    page_turn = max(range(4), key=lambda k: (inked[k], k == 0))
    width, height = size or (0.0, 0.0)
    glyphs = tuple(_turned(g, x, page_turn, width, height) for g, x in by_turn[page_turn])
    elsewhere = "".join(g.ch for k, group in enumerate(by_turn) if k != page_turn and inked[k] >= MIN_TURNED
                        for g, _ in group)
    upright_size = (height, width) if page_turn % 2 else (width, height)
    return PageGlyphs(glyphs, usable, unusable, page_turn, *upright_size,
                      held="".join(g.ch for g in glyphs) + elsewhere)


def _quarter_turn(angle: float) -> int | None:
    """Counter-clockwise quarter turns (0-3) of a glyph within 2° of a right angle, None when slanted.

    pdfium measures the angle clockwise (text reading upward is 3π/2), in [0, 2π).
    """
    turns = angle / (math.pi / 2)
    nearest = round(turns)
    if abs(turns - nearest) * (math.pi / 2) > _RIGHT_ANGLE:
        return None
    return -nearest % 4


def _turned(g: Glyph, origin_x: float, turn: int, width: float, height: float) -> Glyph:
    """The glyph in the page turned upright by `turn` quarter turns clockwise (PDF coordinates, y up)."""
    if turn == 0:
        return g
    corners = [_turn_point(x, y, turn, width, height) for x, y in ((g.left, g.bottom), (g.right, g.top))]
    xs, ys = [c[0] for c in corners], [c[1] for c in corners]
    baseline = _turn_point(origin_x, g.baseline, turn, width, height)[1]
    return g._replace(left=min(xs), right=max(xs), bottom=min(ys), top=max(ys), baseline=baseline)


def _turn_point(x: float, y: float, turn: int, width: float, height: float) -> tuple[float, float]:
    if turn == 1:  # text reading upward: turn the page clockwise
        return y, width - x
    if turn == 2:
        return width - x, height - y
    return height - y, x  # text reading downward: turn the page counter-clockwise


def glyph_lines(glyphs: tuple[Glyph, ...], page_height: float, dropped: list[str] | None = None) -> list[Line]:
    """Group glyphs into lines by baseline and order each line left to right; a glyph drawn twice (simulated
    bold) is read once, the copy's character added to `dropped` when given."""
    ordered = sorted(glyphs, key=lambda g: (-g.baseline, g.left))
    groups: list[list[Glyph]] = []
    for g in ordered:
        em = _em(g)
        if groups and abs(groups[-1][0].baseline - g.baseline) <= 0.4 * em:
            groups[-1].append(g)
        else:
            groups.append([g])
    lines = [_line(sorted(group, key=lambda g: g.left), page_height, dropped) for group in groups]
    return [ln for ln in lines if ln.text]


def _em(g: Glyph) -> float:
    return g.size if g.size >= 3 else max(g.top - g.bottom, 1.0)


def _line(group: list[Glyph], page_height: float, dropped: list[str] | None) -> Line:
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
                if dropped is not None:
                    dropped.append(g.ch)
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
