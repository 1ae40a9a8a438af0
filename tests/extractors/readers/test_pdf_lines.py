"""The run-at-a-time PDF line reader gives the glyph reader's lines, and hands a page back when it cannot."""

from __future__ import annotations

from pathlib import Path

import pypdfium2
import pytest

from extractors.readers.layout import Line
from extractors.readers.pdf_chars import glyph_lines, page_glyphs
from extractors.readers.pdf_lines import page_lines
from tests.conftest import SAMPLE
from tests.support.readers_files import hand_pdf

SAMPLE_PDFS = sorted((SAMPLE / "reports").glob("*.pdf"))
HELVETICA = b"<< /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >>"


def _both(path: Path) -> list[tuple[list[Line], list[Line] | None]]:
    """Per page: the glyph reader's lines and the run reader's (None where it declined)."""
    pdf = pypdfium2.PdfDocument(str(path))
    try:
        out = []
        for i in range(len(pdf)):
            page = pdf[i]
            textpage = page.get_textpage()
            height = page.get_height()
            fast = page_lines(textpage, height)
            out.append((glyph_lines(page_glyphs(textpage).glyphs, height), None if fast is None else fast.lines))
            textpage.close()
            page.close()
        return out
    finally:
        pdf.close()


def _same(a: Line, b: Line) -> bool:
    return a.text == b.text and all(abs(getattr(a, k) - getattr(b, k)) < 0.5
                                    for k in ("left", "right", "top", "bottom", "em"))


def test_sample_county_pages_read_the_same_by_runs_as_by_glyphs() -> None:
    assert SAMPLE_PDFS, "the bundled sample county has PDFs"
    pages = [pair for path in SAMPLE_PDFS for pair in _both(path)]
    taken = [(glyphs, runs) for glyphs, runs in pages if runs is not None]
    assert len(taken) >= 0.9 * len(pages)  # the fast reader is the one that runs
    for glyphs, runs in taken:
        assert len(glyphs) == len(runs)
        assert all(_same(a, b) for a, b in zip(glyphs, runs, strict=True)), [ln.text for ln in runs]


def _page(tmp_path: Path, content: bytes) -> Path:
    stream = b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content)
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources %s /Contents 4 0 R >>" % HELVETICA,
               stream]
    path = tmp_path / "page.pdf"
    path.write_bytes(hand_pdf(objects))
    return path


def test_a_run_drawn_last_is_placed_where_it_is_printed(tmp_path: Path) -> None:
    path = _page(tmp_path, b"BT /F1 12 Tf 72 700 Td (hello) Tj ET BT /F1 12 Tf 155 700 Td (again) Tj ET "
                           b"BT /F1 12 Tf 72 680 Td (below) Tj ET BT /F1 12 Tf 120 700 Td (world) Tj ET")
    [(glyphs, runs)] = _both(path)
    assert runs is not None
    assert [ln.text for ln in runs] == [ln.text for ln in glyphs] == ["hello world again", "below"]


def test_far_apart_runs_on_one_line_are_columns(tmp_path: Path) -> None:
    path = _page(tmp_path, b"BT /F1 12 Tf 72 700 Td (cases) Tj ET BT /F1 12 Tf 300 700 Td (19) Tj ET")
    [(glyphs, runs)] = _both(path)
    assert runs is not None and [ln.text for ln in runs] == [ln.text for ln in glyphs] == ["cases\t19"]


def test_simulated_bold_is_read_once(tmp_path: Path) -> None:
    """The same text drawn again 0.3 pt to the right: pdfium drops the copy before either reader sees it."""
    path = _page(tmp_path, b"BT /F1 12 Tf 72 700 Td (Bold 2023 all) Tj ET "
                           b"BT /F1 12 Tf 72.3 700 Td (Bold 2023 all) Tj ET")
    [(glyphs, runs)] = _both(path)
    assert runs is not None and [ln.text for ln in runs] == [ln.text for ln in glyphs] == ["Bold 2023 all"]


@pytest.mark.parametrize("content", [
    # different text drawn over a run: only glyph positions can sort that out
    b"BT /F1 12 Tf 72 700 Td (Total 2023 cases) Tj ET BT /F1 12 Tf 90 700 Td (overprint) Tj ET",
    # a stamp rotated by 45 degrees over the text
    b"BT /F1 12 Tf 72 700 Td (report) Tj ET BT /F1 40 Tf 0.707 0.707 -0.707 0.707 200 500 Tm (DRAFT COPY) Tj ET",
])
def test_pages_the_run_reader_cannot_place_go_to_the_glyph_reader(tmp_path: Path, content: bytes) -> None:
    [(glyphs, runs)] = _both(_page(tmp_path, content))
    assert runs is None
    assert glyphs  # and the glyph reader still reads them
