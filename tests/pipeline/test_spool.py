"""Sub-batches: a run validated and loaded a few townships at a time writes what one batch writes."""

from __future__ import annotations

import os
from pathlib import Path

import docx
import duckdb

from core.records import DocumentFacts, Extraction
from flows.ingest import ingest_reports
from pipeline import stages
from pipeline.discover import source_file
from pipeline.spool import Spool, pack


def test_pack_keeps_a_township_together_and_fills_with_loose_files() -> None:
    keys = ["甲", "乙", "甲", None, "丙", "乙", "甲", None]
    batches = pack(keys, 4)
    for key in {"甲", "乙", "丙"}:
        holding = [b for b in batches if any(keys[i] == key for i in b)]
        assert len(holding) == 1, f"{key} split over {holding}"
    assert sorted(i for b in batches for i in b) == list(range(len(keys)))
    assert all(len(b) <= 4 for b in batches)
    assert pack(["甲"] * 6, 4) == [list(range(6))]  # a township larger than a sub-batch stays whole


def test_spool_gives_back_equal_extractions_in_plan_order(sample_county: Path) -> None:
    sources = [source_file(p) for p in sorted((sample_county / "reports").iterdir())[:6]]
    made = [Extraction(source=s, status="ok", facts=DocumentFacts(township=f"镇{i % 2}", year=2020 + i))
            for i, s in enumerate(sources)]
    order = {s.path: i for i, s in enumerate(sources)}
    with Spool() as spool:
        spool.add(made[3:], order, lambda e: e.facts.township)
        spool.add(made[:3], order, lambda e: e.facts.township)
        back = [e for batch in spool.sub_batches(3) for e in spool.read(batch)]
        batches = [[e.facts.township for e in spool.read(batch)] for batch in spool.sub_batches(3)]
    assert sorted(back, key=lambda e: order[e.source.path]) == made
    assert batches == [["镇0"] * 3, ["镇1"] * 3]


def _revised_copy(folder: Path) -> tuple[str, str]:
    """A second, later file for one township and year: within a run the later one must win."""
    original = sorted(folder.glob("*.docx"))[0]
    d = docx.Document(str(original))
    d.add_paragraph("（本报告为修订稿，替换此前报送的版本。）")
    revised = folder / f"{original.stem}-修订.docx"
    d.save(str(revised))
    later = original.stat().st_mtime + 3600
    os.utime(revised, (later, later))
    return original.name, revised.name


_TABLES = {
    "documents": "SELECT sha256, township, year, status, error_kind, superseded_by, is_current FROM documents",
    "statistics": "SELECT document_sha, ordinal, indicator, value, unit, qualifier, quote FROM statistics",
    "quarantine": "SELECT kind, document_sha, statistic_ordinal, rule, reason FROM quarantine",
    "warnings": "SELECT document_sha, statistic_ordinal, rule, reason FROM warnings",
    "headlines": "SELECT * FROM headlines",
}


def _contents(db: Path) -> dict[str, list[tuple[object, ...]]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return {name: sorted(con.execute(query).fetchall(), key=repr) for name, query in _TABLES.items()}


def test_sub_batched_flow_writes_what_one_batch_writes(prefect_harness: None, sample_copy: Path,
                                                        sample_county: Path, tmp_path: Path) -> None:
    original, revised = _revised_copy(sample_copy)
    county = sample_county / "county.yaml"
    whole = tmp_path / "whole.duckdb"
    stages.ingest([sample_copy], whole, stages.Settings(county=county, data_docs=False))
    parts = tmp_path / "parts.duckdb"
    report = ingest_reports(source=str(sample_copy), db=str(parts), county=str(county), workers=1, sub_batch=4,
                            artifacts=False)

    with duckdb.connect(str(parts), read_only=True) as con:
        loads = [r[0] for r in con.execute("SELECT load_id FROM loads ORDER BY load_id").fetchall()]
    assert len(loads) >= 8 and all(x.startswith(report.summary.load_id + "-") for x in loads)
    assert report.data_docs is not None and report.data_docs.exists()  # one site for all sub-batches
    pages = list((report.data_docs.parent / "validations").rglob("*.html"))
    assert len(pages) >= len(loads), "every sub-batch's results are in the site"
    outcomes = {Path(f.path).name: f.outcome for f in report.summary.files}
    assert (outcomes[original], outcomes[revised]) == ("quarantined", "loaded")
    assert len(report.summary.files) == len(list(sample_copy.iterdir()))
    want, got = _contents(whole), _contents(parts)
    assert want["quarantine"], "the sample has quarantined rows to compare"
    for table in _TABLES:
        assert got[table] == want[table], table
