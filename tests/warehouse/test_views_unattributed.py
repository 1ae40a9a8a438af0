"""A file nobody can tie to a township or a year is noted in one year's comparison only."""

from __future__ import annotations

from pathlib import Path

from tests.support.warehouse_batches import CATALOG, REGISTRY, batch, rejected, run
from warehouse.compare import comparison
from warehouse.load import load_batch


def test_a_file_without_township_or_year_is_noted_in_the_year_being_reported_only(tmp_path: Path) -> None:
    db = tmp_path / "county.duckdb"
    ingest = run("L1")  # received in March 2024: the reports then arriving are on 2023
    assert ingest.started_at.year == 2024
    load_batch(db, batch(rejected("扫描件.pdf"), rejected("草稿2022.pdf")), REGISTRY, CATALOG, ingest)

    def noted(year: int) -> set[str]:
        return {n.file_name for n in comparison(db, year, CATALOG, REGISTRY).notes if n.kind == "unattributed"}

    assert noted(2023) == {"扫描件.pdf"}
    assert noted(2022) == {"草稿2022.pdf"}  # its name says its year
    assert noted(2024) == set() and noted(2021) == set()
