"""A file replaced between discovery and reading: what is stored carries the hash of the bytes actually read,
so putting the right file back later is read again, never taken as "unchanged"."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import duckdb

from pipeline import stages
from pipeline.stages import Settings
from warehouse.load import known_hashes

FIRST = "2024年东关镇法治政府建设年度报告\n全年开展普法宣传活动12次。\n"
SECOND = "2024年东关镇法治政府建设年度报告\n全年开展普法宣传活动30次。\n"


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _save_over(path: Path, text: str) -> None:
    """Save as editors and sync clients do: a new file renamed over the old name."""
    tmp = path.with_name(path.name + ".part")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def _documents(db: Path) -> list[tuple[str, str, float]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("SELECT d.sha256, d.status, s.value FROM documents d "
                           "JOIN statistics s ON s.document_sha = d.sha256 "
                           "WHERE s.indicator = 'publicity_events' ORDER BY d.ingested_at").fetchall()
    finally:
        con.close()


def test_a_file_replaced_after_discovery_is_stored_under_what_was_read(tmp_path: Path) -> None:
    folder, db = tmp_path / "reports", tmp_path / "county.duckdb"
    folder.mkdir()
    report = folder / "东关镇.txt"
    report.write_text(FIRST, encoding="utf-8")
    settings = Settings(data_docs=False)

    plan = stages.plan([folder], known_hashes(db))
    assert [s.sha256 for s in plan.todo] == [_sha(FIRST)]
    _save_over(report, SECOND)  # replaced after discovery, before reading
    extractions = stages.extract_chunk(plan.todo, settings)
    assert [(e.source.sha256, e.statistics[0].value) for e in extractions] == [(_sha(SECOND), 30)]
    stages.load(db, stages.validate_batch(extractions, db, settings), settings, str(folder))
    assert _documents(db) == [(_sha(SECOND), "loaded", 30)]

    _save_over(report, FIRST)  # the right file put back
    summary, _batch, _t = stages.ingest([folder], db, settings)
    assert summary.documents_loaded == 1 and summary.documents_unchanged == 0
    assert _documents(db)[-1] == (_sha(FIRST), "loaded", 12)
