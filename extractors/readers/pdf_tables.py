"""Tables of a PDF page, from the ruling lines pdfium sees, on pages that draw enough of them.

The grid follows pdfplumber's "lines" strategy (snap rules within 3 pt, join
collinear pieces, cells are the smallest rectangles closed by rules, tables are
cells sharing corners) but reads the rules from pdfium's path objects and the
text from the glyphs the PDF reader already has: pdfplumber re-parsed the whole
page with pdfminer (~137 ms a page, a third of PDF extraction). pdfplumber stays
as the fallback for a page whose rules include curves or slants inside a table,
which this grid cannot place.
"""

from __future__ import annotations

import ctypes
import itertools
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import pypdfium2
import pypdfium2.raw as pdfium_c

from extractors.readers.cjk import join_wrapped, tidy
from extractors.readers.layout import Line
from extractors.readers.pdf_chars import Glyph, glyph_lines

MIN_PATHS = 6  # a table needs at least a frame and one inner rule
MAX_PATHS = 4000  # beyond this a page is a drawing (or hostile): the grid search grows quadratically
THIN = 2.5  # pt: a path object no thicker than this is one rule
SNAP = 3.0  # pt: rules this close are one rule (pdfplumber's snap, join and intersection tolerance)
MIN_EDGE = 3.0  # pt: shorter rules are tick marks, not table borders
MAX_CROSSINGS = 10_000  # a 100 x 100 grid; a report table has a few hundred
ROW_EM = 12.0


@dataclass(frozen=True)
class Table:
    bbox: tuple[float, float, float, float]  # x0, top, x1, bottom from the page's top-left
    rows: tuple[Line, ...]


class Edge(NamedTuple):
    """A horizontal ("h": at y = pos, from start to end in x) or vertical ("v") rule, page top-left coordinates."""

    orient: str
    pos: float
    start: float
    end: float


Box = tuple[float, float, float, float]  # x0, top, x1, bottom


@dataclass(frozen=True)
class Rules:
    edges: tuple[Edge, ...]
    odd: tuple[Box, ...]  # paths drawn with curves or slanted strokes: a table over them needs pdfplumber


def page_tables(page: pypdfium2.PdfPage, glyphs: tuple[Glyph, ...]) -> list[Table] | None:
    """Ruled tables of a page from its path objects and glyphs; None when pdfplumber must look instead."""
    paths = _paths(page)
    if not MIN_PATHS <= len(paths) <= MAX_PATHS:
        return []
    height = page.get_height()
    rules = _rules(paths, height)
    boxes = grid_cells(rules.edges)
    if any(_overlaps(odd, _bbox(cells)) for cells in boxes for odd in rules.odd):
        return None
    return [_grid_table(cells, glyphs, height) for cells in boxes]


def has_rules(page: pypdfium2.PdfPage) -> bool:
    """Whether the page draws enough straight paths to hold a table (its text is then read glyph by glyph)."""
    return MIN_PATHS <= len(_paths(page)) <= MAX_PATHS


def _paths(page: pypdfium2.PdfPage) -> list[ctypes.c_void_p]:
    raw = page.raw
    objects = (pdfium_c.FPDFPage_GetObject(raw, i) for i in range(pdfium_c.FPDFPage_CountObjects(raw)))
    return [o for o in objects if pdfium_c.FPDFPageObj_GetType(o) == pdfium_c.FPDF_PAGEOBJ_PATH]


def _rules(paths: list[ctypes.c_void_p], height: float) -> Rules:
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    edges: list[Edge] = []
    odd: list[Box] = []
    for obj in paths:
        if not pdfium_c.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
            continue
        x0, x1, y0, y1 = left.value, right.value, height - top.value, height - bottom.value
        w, h = x1 - x0, y1 - y0
        if h <= THIN and w >= h:  # a horizontal rule; the bounds include half the stroke width at each end
            edges.append(Edge("h", (y0 + y1) / 2, x0 + h / 2, x1 - h / 2))
        elif w <= THIN:
            edges.append(Edge("v", (x0 + x1) / 2, y0 + w / 2, y1 - w / 2))
        else:
            found = _segment_edges(obj, height)
            if found is None:
                odd.append((x0, y0, x1, y1))
            else:
                edges.extend(found)
    return Rules(tuple(e for e in edges if e.end - e.start >= 1.0), tuple(odd))


def _segment_edges(obj: ctypes.c_void_p, height: float) -> list[Edge] | None:
    """The axis-aligned straight segments of a larger path (a rectangle's four sides); None for curves or slants."""
    matrix = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(obj, matrix) or abs(matrix.b) > 1e-6 or abs(matrix.c) > 1e-6:
        return None
    x, y = ctypes.c_float(), ctypes.c_float()
    edges: list[Edge] = []
    start = last = None
    for i in range(pdfium_c.FPDFPath_CountSegments(obj)):
        seg = pdfium_c.FPDFPath_GetPathSegment(obj, i)
        kind = pdfium_c.FPDFPathSegment_GetType(seg)
        if kind == pdfium_c.FPDF_SEGMENT_BEZIERTO or not pdfium_c.FPDFPathSegment_GetPoint(seg, x, y):
            return None
        point = (matrix.a * x.value + matrix.e, height - (matrix.d * y.value + matrix.f))
        if kind == pdfium_c.FPDF_SEGMENT_LINETO and last is not None:
            if not _add_segment(edges, last, point):
                return None
        else:
            start = point
        last = point
        if pdfium_c.FPDFPathSegment_GetClose(seg) and start is not None and last != start:
            if not _add_segment(edges, last, start):
                return None
            last = start
    return edges


def _add_segment(edges: list[Edge], a: tuple[float, float], b: tuple[float, float]) -> bool:
    if abs(a[1] - b[1]) < 0.01:
        edges.append(Edge("h", a[1], min(a[0], b[0]), max(a[0], b[0])))
    elif abs(a[0] - b[0]) < 0.01:
        edges.append(Edge("v", a[0], min(a[1], b[1]), max(a[1], b[1])))
    else:
        return False
    return True


def grid_cells(edges: Iterable[Edge]) -> list[list[Box]]:
    """Cells grouped into tables (top to bottom), each table more than one cell, as pdfplumber groups them.

    A page whose rules cross more than MAX_CROSSINGS times is a drawing, not a report table: none."""
    merged = [e for e in _merge(list(edges)) if e.end - e.start >= MIN_EDGE]
    crossings = _intersections(merged)
    return [] if crossings is None else _tables(_cells(crossings))


def _merge(edges: list[Edge]) -> list[Edge]:
    """Snap rules to the mean position of their cluster, then join collinear pieces that touch."""
    snapped: list[Edge] = []
    for orient in ("h", "v"):
        for cluster in _clusters(sorted((e for e in edges if e.orient == orient), key=lambda e: e.pos)):
            mean = sum(e.pos for e in cluster) / len(cluster)
            pieces = sorted((e._replace(pos=mean) for e in cluster), key=lambda e: e.start)
            joined = [pieces[0]]
            for e in pieces[1:]:
                if e.start <= joined[-1].end + SNAP:
                    joined[-1] = joined[-1]._replace(end=max(joined[-1].end, e.end))
                else:
                    joined.append(e)
            snapped.extend(joined)
    return snapped


def _clusters(edges: list[Edge]) -> list[list[Edge]]:
    groups: list[list[Edge]] = []
    for e in edges:
        if groups and e.pos <= groups[-1][-1].pos + SNAP:
            groups[-1].append(e)
        else:
            groups.append([e])
    return groups


Point = tuple[float, float]


def _intersections(edges: list[Edge]) -> dict[Point, tuple[set[Edge], set[Edge]]] | None:
    """Every point where a vertical rule meets a horizontal one, with the rules through it; None past MAX_CROSSINGS."""
    found: dict[Point, tuple[set[Edge], set[Edge]]] = {}
    verticals = sorted((e for e in edges if e.orient == "v"), key=lambda e: (e.pos, e.start))
    horizontals = sorted((e for e in edges if e.orient == "h"), key=lambda e: (e.pos, e.start))
    levels = [h.pos for h in horizontals]
    for v in verticals:
        for h in horizontals[bisect_left(levels, v.start - SNAP):bisect_right(levels, v.end + SNAP)]:
            if h.start - SNAP <= v.pos <= h.end + SNAP:
                vs, hs = found.setdefault((v.pos, h.pos), (set(), set()))
                vs.add(v)
                hs.add(h)
        if len(found) > MAX_CROSSINGS:
            return None
    return found


def _cells(crossings: dict[Point, tuple[set[Edge], set[Edge]]]) -> list[Box]:
    """For each crossing, the smallest rectangle whose four sides are drawn (pdfplumber's intersections_to_cells)."""
    def connects(p: Point, q: Point) -> bool:
        if p[0] == q[0] and crossings[p][0] & crossings[q][0]:
            return True
        return p[1] == q[1] and bool(crossings[p][1] & crossings[q][1])

    column: dict[float, list[float]] = {}  # x -> the ys of its crossings, ascending
    row: dict[float, list[float]] = {}  # y -> the xs of its crossings, ascending
    for x, y in sorted(crossings):
        column.setdefault(x, []).append(y)
        row.setdefault(y, []).append(x)
    cells: list[Box] = []
    for x, y in sorted(crossings):
        pt = (x, y)
        below = [(x, by) for by in column[x][bisect_right(column[x], y):]]
        right = [(rx, y) for rx in row[y][bisect_right(row[y], x):]]
        cell = next(((x, y, r[0], b[1]) for b in below if connects(pt, b) for r in right
                     if connects(pt, r) and (r[0], b[1]) in crossings
                     and connects((r[0], b[1]), r) and connects((r[0], b[1]), b)), None)
        if cell is not None:
            cells.append(cell)
    return cells


def _tables(cells: list[Box]) -> list[list[Box]]:
    """Cells sharing a corner belong to one table; a lone cell is a frame, not a table."""
    remaining = list(cells)
    tables: list[list[Box]] = []
    while remaining:
        group = [remaining.pop(0)]
        corners = set(_corners(group[0]))
        grew = True
        while grew:
            grew = False
            for cell in list(remaining):
                if any(c in corners for c in _corners(cell)):
                    corners.update(_corners(cell))
                    group.append(cell)
                    remaining.remove(cell)
                    grew = True
        tables.append(group)
    return [t for t in sorted(tables, key=lambda t: min((c[1], c[0]) for c in t)) if len(t) > 1]


def _corners(box: Box) -> tuple[Point, Point, Point, Point]:
    x0, top, x1, bottom = box
    return (x0, top), (x0, bottom), (x1, top), (x1, bottom)


def _bbox(cells: list[Box]) -> Box:
    return (min(c[0] for c in cells), min(c[1] for c in cells), max(c[2] for c in cells), max(c[3] for c in cells))


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _grid_table(cells: list[Box], glyphs: tuple[Glyph, ...], height: float) -> Table:
    """Rows as pdfplumber's: cells sharing a top, one column per distinct cell left; a merged cell counts once."""
    x0, top, x1, bottom = _bbox(cells)
    inside = [g for g in glyphs
              if x0 <= (g.left + g.right) / 2 < x1 and top <= height - (g.top + g.bottom) / 2 < bottom]
    rows: list[Line] = []
    for _, group in itertools.groupby(sorted(cells, key=lambda c: (c[1], c[0])), key=lambda c: c[1]):
        row = list(group)
        texts = [_cell_text(cell, inside, height) for cell in row]
        if any(texts):
            rows.append(Line("\t".join(texts), x0, x1, row[0][1], max(c[3] for c in row), em=ROW_EM, table=True))
    return Table((x0, top, x1, bottom), tuple(rows))


def _cell_text(cell: Box, glyphs: list[Glyph], height: float) -> str:
    cx0, ctop, cx1, cbottom = cell
    mine = tuple(g for g in glyphs
                 if cx0 <= (g.left + g.right) / 2 < cx1 and ctop <= height - (g.top + g.bottom) / 2 < cbottom)
    out = ""
    for line in glyph_lines(mine, height):
        out = join_wrapped(out, line.text)
    return tidy(out.replace("\t", " "))


def find_tables(path: Path, page_indexes: list[int]) -> dict[int, list[Table]]:
    """pdfplumber's tables per page index, for pages the grid cannot read; a page it cannot parse has none."""
    found: dict[int, list[Table]] = {}
    if not page_indexes:
        return found
    import pdfplumber  # 0.3 s to import: only when a page needs it

    try:
        with pdfplumber.open(path, pages=[i + 1 for i in page_indexes]) as pdf:
            for index, page in zip(page_indexes, pdf.pages, strict=False):
                try:
                    found[index] = [_table(t) for t in page.find_tables()]
                except (RecursionError, ValueError, KeyError, TypeError, AttributeError):
                    found[index] = []
    except (RecursionError, Exception):  # pdfminer raises many kinds; tables are a bonus, not a must
        return found
    return found


def _table(table: object) -> Table:
    x0, top, x1, bottom = table.bbox  # type: ignore[attr-defined]
    rows: list[Line] = []
    extracted = table.extract()  # type: ignore[attr-defined]
    row_boxes = table.rows  # type: ignore[attr-defined]
    for cells, row in zip(extracted, row_boxes, strict=False):
        texts = [_cell(c) for c in cells if c is not None]  # None: covered by a merged cell
        if any(texts):
            _, rtop, _, rbottom = row.bbox
            rows.append(Line("\t".join(texts), x0, x1, rtop, rbottom, em=ROW_EM, table=True))
    return Table((x0, top, x1, bottom), tuple(rows))


def _cell(text: str) -> str:
    out = ""
    for part in text.split("\n"):
        out = join_wrapped(out, tidy(part, laid_out=True))
    return out.replace("\t", " ")
