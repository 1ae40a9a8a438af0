"""Tables of a PDF page, by pdfplumber, only on pages that draw ruling lines.

pdfplumber is ~10x slower than pdfium per page, so it runs only where pdfium
finds enough path objects to form a grid; its table rows replace the glyphs
inside the table's box.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pypdfium2
import pypdfium2.raw as pdfium_c

from extractors.cjk import join_wrapped, tidy
from extractors.layout import Line

MIN_PATHS = 6  # a table needs at least a frame and one inner rule
MAX_PATHS = 4000  # beyond this a page is a drawing (or hostile): pdfplumber's table search grows quadratically


@dataclass(frozen=True)
class Table:
    bbox: tuple[float, float, float, float]  # x0, top, x1, bottom from the page's top-left
    rows: tuple[Line, ...]


def looks_tabular(page: pypdfium2.PdfPage) -> bool:
    count = pdfium_c.FPDFPage_CountObjects(page.raw)
    paths = sum(1 for i in range(count)
                if pdfium_c.FPDFPageObj_GetType(pdfium_c.FPDFPage_GetObject(page.raw, i)) == pdfium_c.FPDF_PAGEOBJ_PATH)
    return MIN_PATHS <= paths <= MAX_PATHS


def find_tables(path: Path, page_indexes: list[int]) -> dict[int, list[Table]]:
    """Tables per page index; a page pdfplumber cannot parse simply has none (its text still comes from pdfium)."""
    found: dict[int, list[Table]] = {}
    if not page_indexes:
        return found
    import pdfplumber  # 0.3 s to import: only when a page has a table

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
            rows.append(Line("\t".join(texts), x0, x1, rtop, rbottom, em=12.0, table=True))
    return Table((x0, top, x1, bottom), tuple(rows))


def _cell(text: str) -> str:
    out = ""
    for part in text.split("\n"):
        out = join_wrapped(out, tidy(part, laid_out=True))
    return out.replace("\t", " ")
