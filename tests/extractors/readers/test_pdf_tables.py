"""Ruled tables read from pdfium's path objects, on PDFs LibreOffice makes from python-docx tables."""

from __future__ import annotations

from pathlib import Path

import docx
import pypdfium2
import pytest
from docx.shared import Cm

from extractors.readers.pdf_chars import page_glyphs
from extractors.readers.pdf_tables import Edge, Table, find_tables, grid_cells, page_tables
from tests.support.readers_files import body_paragraph, hand_pdf, read, soffice_convert

WRAPPED = "依托新时代文明实践所开展普法宣传进村入户活动"  # longer than its 3 cm column: two lines
ROWS = [("项目", "次数", "人数"), ("普法宣传", "19次", "2000余人次"), ("", "9次", "500人"),
        (WRAPPED, "12场", "800人"), ("合计", "", "3300人次")]


def _report(path: Path) -> None:
    """A header row, a cell merged down two rows, a wrapping cell and a total merged across two columns."""
    doc = docx.Document()
    body_paragraph(doc, "2023年普法工作情况统计如下。")
    t = doc.add_table(rows=len(ROWS), cols=3)
    t.style = "Table Grid"
    for r, row in enumerate(ROWS):
        for c, value in enumerate(row):
            t.cell(r, c).width = Cm(3)
            if value:
                t.cell(r, c).text = value
    t.cell(1, 0).merge(t.cell(2, 0))
    t.cell(4, 0).merge(t.cell(4, 1))
    body_paragraph(doc, "以上数据截至2023年12月31日。")
    doc.save(path)


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    src = tmp_path_factory.mktemp("tables-src")
    _report(src / "ruled.docx")
    out = tmp_path_factory.mktemp("tables")
    soffice_convert(sorted(src.glob("*.docx")), "pdf", out)
    return {p.stem: p for p in out.glob("*.pdf")}


def _grid(path: Path) -> list[Table] | None:
    pdf = pypdfium2.PdfDocument(str(path))
    try:
        page = pdf[0]
        textpage = page.get_textpage()
        glyphs = page_glyphs(textpage).glyphs
        textpage.close()
        return page_tables(page, glyphs)
    finally:
        pdf.close()


def test_grid_rows_with_merged_and_wrapped_cells(pdfs: dict[str, Path]) -> None:
    tables = _grid(pdfs["ruled"])
    assert tables is not None and len(tables) == 1
    assert [row.text for row in tables[0].rows] == [
        "项目\t次数\t人数", "普法宣传\t19次\t2000余人次", "9次\t500人", f"{WRAPPED}\t12场\t800人", "合计\t3300人次"]
    assert all(row.table for row in tables[0].rows)
    tops = [row.top for row in tables[0].rows]
    assert tops == sorted(tops)


def test_grid_matches_pdfplumber(pdfs: dict[str, Path]) -> None:
    """Same rows and, within a point, the same boxes as pdfplumber's table search on the same page."""
    grid = _grid(pdfs["ruled"])
    plumber = find_tables(pdfs["ruled"], [0])[0]
    assert grid is not None
    assert [[r.text for r in t.rows] for t in grid] == [[r.text for r in t.rows] for t in plumber]
    for g, p in zip(grid, plumber, strict=True):
        assert all(abs(a - b) < 1.0 for a, b in zip(g.bbox, p.bbox, strict=True))
        assert all(abs(a.top - b.top) < 1.0 and abs(a.bottom - b.bottom) < 1.0
                   for a, b in zip(g.rows, p.rows, strict=True))


def test_rows_replace_table_text_in_document(pdfs: dict[str, Path]) -> None:
    lines = read(pdfs["ruled"]).text.split("\n")
    assert lines[0] == "2023年普法工作情况统计如下。"
    assert lines[1:6] == ["项目\t次数\t人数", "普法宣传\t19次\t2000余人次", "9次\t500人",
                          f"{WRAPPED}\t12场\t800人", "合计\t3300人次"]
    assert lines[-1] == "以上数据截至2023年12月31日。"


def _hand_pdf(path: Path, rules: bytes) -> None:
    """One page: `rules` (PDF path operators) around a 4 x 3 grid of Helvetica cells, 100 x 20 pt each."""
    cells = b"".join(b"BT /F1 10 Tf %d %d Td (%s) Tj ET " % (105 + 100 * c, 705 - 20 * r, text)
                     for r, row in enumerate(HAND_ROWS)
                     for c, text in enumerate(row))
    content = rules + cells
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources"
               b" << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> >>",
               b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content)]
    path.write_bytes(hand_pdf(objects))


HAND_ROWS = [(b"item", b"times", b"people"), (b"lectures", b"19", b"2000"), (b"visits", b"7", b"300"),
             (b"total", b"26", b"2300")]
FRAME = b"100 640 300 80 re S "  # the frame as one rectangle path: four rules from its segments
INNER = b"".join(b"100 %d 300 0.5 re f " % y for y in (660, 680, 700)) + \
    b"".join(b"%.2f 640 0.5 80 re f " % x for x in (199.75, 299.75))  # thin filled bars, as some writers draw rules
EXPECTED = ["item\ttimes\tpeople", "lectures\t19\t2000", "visits\t7\t300", "total\t26\t2300"]


def test_grid_from_rectangle_frame_and_filled_bars(tmp_path: Path) -> None:
    path = tmp_path / "bars.pdf"
    _hand_pdf(path, FRAME + INNER)
    tables = _grid(path)
    assert tables is not None and [[r.text for r in t.rows] for t in tables] == [EXPECTED]
    assert [r.text for r in find_tables(path, [0])[0][0].rows] == EXPECTED


def test_slanted_rule_in_table_falls_back_to_pdfplumber(tmp_path: Path) -> None:
    """A slashed header cell (斜线表头) is a rule the grid cannot place: pdfplumber reads that page."""
    path = tmp_path / "slashed.pdf"
    _hand_pdf(path, FRAME + INNER + b"100 720 m 200 700 l S ")
    assert _grid(path) is None
    assert read(path).text.split("\n") == EXPECTED


def test_grid_cells_merge_cells_missing_an_inner_rule() -> None:
    """Two rows of two columns whose top row has no middle rule: three cells, the top one spanning both."""
    frame = [Edge("h", 100, 50, 250), Edge("h", 120.4, 50, 250), Edge("h", 140, 50, 250.5),
             Edge("v", 50, 100, 140), Edge("v", 250, 100, 140), Edge("v", 150, 121, 140)]
    assert grid_cells(frame) == [[(50, 100, 250, 120.4), (50, 120.4, 150, 140), (150, 120.4, 250, 140)]]


def test_grid_cells_ignore_lone_frames_and_ticks() -> None:
    box = [Edge("h", 10, 10, 100), Edge("h", 50, 10, 100), Edge("v", 10, 10, 50), Edge("v", 100, 10, 50)]
    assert grid_cells(box) == []  # a text frame: one cell is no table
    assert grid_cells([Edge("h", 10, 10, 12), Edge("v", 11, 9, 11.5)]) == []


def test_dense_grid_is_a_drawing_not_a_table(tmp_path: Path) -> None:
    """Rules crossing more than MAX_CROSSINGS times (here 151 x 151): no table search, the text still reads."""
    from extractors.readers.pdf_tables import MAX_CROSSINGS

    n = 150
    assert (n + 1) ** 2 > MAX_CROSSINGS
    rules = b"".join(b"50 %.2f m 550 %.2f l S " % (100 + i * 4, 100 + i * 4) for i in range(n + 1))
    rules += b"".join(b"%.2f 100 m %.2f 700 l S " % (50 + i * 10 / 3, 50 + i * 10 / 3) for i in range(n + 1))
    path = tmp_path / "dense.pdf"
    _hand_pdf(path, rules)
    assert _grid(path) == []
    assert read(path).text.split("\n") == EXPECTED
