"""Section names come from a user's catalog: every sheet name of the comparison workbook is one Excel and WPS
open without repairing the file (at most 31 characters, unique ignoring case, not Excel's own History, not a
fixed sheet's name)."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from core.catalog import load_catalog
from core.registry import Registry
from tests.support.warehouse_batches import batch, report, run, stat
from warehouse.compare import comparison
from warehouse.load import load_batch
from warehouse.xlsx import FIXED_SHEETS, write_xlsx

LONG = "普法/宣传:*?[x]" + "很长" * 12


def test_long_repeated_reserved_and_fixed_section_names_make_valid_distinct_sheets(tmp_path: Path) -> None:
    extra = tmp_path / "mine.yaml"
    extra.write_text(
        f'sections:\n  - {{code: s1, name: "{LONG}甲"}}\n  - {{code: s2, name: "{LONG}乙"}}\n'
        '  - {code: s3, name: "history"}\n  - {code: s4, name: "报送情况"}\n'
        "indicators:\n  - {code: publicity_events, section: s1}\n  - {code: publicity_materials, section: s2}\n"
        "  - {code: publicity_audience, section: s3}\n  - {code: legal_lectures, section: s4}\n", encoding="utf-8")
    catalog = load_catalog(extra=extra)
    db = tmp_path / "county.duckdb"
    stats = [stat("publicity_events", 5, "次", "活动5次"), stat("publicity_materials", 300, "份", "资料300份"),
             stat("publicity_audience", 900, "人次", "群众900人次"), stat("legal_lectures", 3, "次", "讲座3次")]
    load_batch(db, batch(report("a.docx", "东关镇", 2023, stats)), Registry(), catalog, run("S1"))
    names = load_workbook(write_xlsx(comparison(db, 2023, catalog), tmp_path / "c.xlsx")).sheetnames
    assert all(len(n) <= 31 and not set(n) & set("[]:*?/\\") for n in names), names
    assert len({n.casefold() for n in names}) == len(names) and "history" not in {n.casefold() for n in names}
    assert names[-len(FIXED_SHEETS):] == list(FIXED_SHEETS)  # the fixed sheets keep their names
    assert len(names) == 4 + len(FIXED_SHEETS)
