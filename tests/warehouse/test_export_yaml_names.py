"""Names from the user's YAML files (the county in county.yaml, an indicator's or a section's name in an
--indicators file) reach every export as text: none becomes a live formula in the workbook or the CSV; a file
name or quote with control characters is written without them (openpyxl refused the whole workbook)."""

from __future__ import annotations

import csv
from pathlib import Path

from openpyxl import load_workbook

from core.catalog import load_catalog
from core.registry import Registry, Township
from tests.support.warehouse_batches import batch, report, run, stat
from warehouse.compare import comparison
from warehouse.export import write_csv, write_xlsx
from warehouse.load import load_batch

COUNTY = '=HYPERLINK("http://127.0.0.77:9/","县")'


def test_county_indicator_and_section_names_that_look_like_formulas_stay_text(tmp_path: Path) -> None:
    extra = tmp_path / "mine.yaml"
    extra.write_text('sections:\n  - {code: mine, name: "-本县自定"}\n'
                     'indicators:\n  - {code: village_rules, name: "+村规民约修订", unit: 件, section: mine}\n'
                     '  - {code: publicity_events, name: "@普法宣传活动"}\n', encoding="utf-8")
    catalog = load_catalog(extra=extra)
    registry = Registry(county=COUNTY, townships=(Township("东关镇"),))
    db = tmp_path / "county.duckdb"
    stats = [stat("village_rules", 3, "件", "修订村规民约3件"), stat("publicity_events", 5, "次", "活动\x07\x1b[2J5次")]
    load_batch(db, batch(report("a\x1b]0;x\x07.docx", "东关镇", 2023, stats)), registry, catalog, run("Y1"))
    table = comparison(db, 2023, catalog, registry)
    wb = load_workbook(write_xlsx(table, tmp_path / "c.xlsx"))
    texts = [c for ws in wb for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert [c.coordinate for c in texts if c.data_type == "f" or c.value[:1] in tuple("=+-@")] == []
    assert any(c.value.startswith("'=HYPERLINK") for c in texts)
    assert [c.value for c in texts if "\x07" in c.value or "\x1b" in c.value] == []
    assert any(c.value == "活动[2J5次" for c in texts) and any(c.value == "a]0;x.docx" for c in texts)
    assert any("'+村规民约修订" in c.value for c in texts) and any("'@普法宣传活动" in c.value for c in texts)
    rows = list(csv.reader(write_csv(table, tmp_path / "c.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert [cell for row in rows for cell in row if cell[:1] in tuple("=+-@")] == []
