"""The review workbook takes outside text as every export does (warehouse.cells.text_cell): a control character
in a file name or quote no longer makes openpyxl refuse the workbook, a county or township name that starts
like a formula stays text, and the rows still read back signed as written."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from core.registry import Registry
from tests.support.warehouse_batches import CATALOG, batch, report, run, stat
from warehouse.load import load_batch
from warehouse.review import review_cells, review_key
from warehouse.review_workbook import read_review_workbook, write_review_workbook

COUNTY = '=HYPERLINK("http://127.0.0.77:9/","县")'


def test_hostile_names_and_quotes_are_written_as_text_and_read_back_signed(tmp_path: Path) -> None:
    db = tmp_path / "county.duckdb"
    quote = "开展\x1b[31m普法宣传活动5次"
    doc = report("@东关镇\x07报告.docx", "=西城镇", 2023, [stat("publicity_events", 5, "次", quote)])
    load_batch(db, batch(doc), Registry(), CATALOG, run("R1"))
    path = write_review_workbook(review_cells(db, 2023, all_cells=True), tmp_path / "复核.xlsx",
                                 key=review_key(db), year=2023, county=COUNTY)
    ws = load_workbook(path).active
    texts = [c for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert ws["A1"].value.startswith("'=HYPERLINK") and ws["A1"].data_type == "s"
    assert not [c.coordinate for c in texts if c.data_type == "f" or any(ch in c.value for ch in "\x07\x1b")]
    assert any(c.value == "'@东关镇报告.docx" for c in texts)
    back = read_review_workbook(path, key=review_key(db))
    assert back.problems == () and [r.township for r in back.rows] == ["=西城镇"]
