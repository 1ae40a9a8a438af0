"""A corrected report replaces the old one in the comparisons; the old one stays queryable."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import docx
import duckdb

from pipeline import stages
from pipeline.stages import Settings


def _correct(original: Path, target: Path) -> tuple[str, str]:
    """Copy a report, raising the first stated count in its prose; returns (old text, new text) of that run."""
    d = docx.Document(str(original))
    for p in d.paragraphs:
        for run in p.runs:
            m = re.search(r"(\d{2,})(次|场|件|人次|份)", run.text)
            if m:
                old = run.text
                run.text = run.text.replace(m.group(0), f"{int(m.group(1)) + 1}{m.group(2)}", 1)
                d.save(str(target))
                return old, run.text
    raise AssertionError(f"{original.name}: no count found to correct")


def test_corrected_report_supersedes_and_history_stays(sample_copy: Path, sample_county: Path,
                                                      tmp_path: Path) -> None:
    db = tmp_path / "county.duckdb"
    settings = Settings(county=sample_county / "county.yaml", data_docs=False)
    first, _, _ = stages.ingest([sample_copy], db, settings)
    original = next(p for p in sorted(sample_copy.iterdir()) if p.suffix == ".docx" and
                    any(f.outcome == "loaded" and Path(f.path) == p for f in first.files))
    corrected = sample_copy / f"{original.stem}（更正版）.docx"
    _correct(original, corrected)
    later = original.stat().st_mtime + 3600
    os.utime(corrected, (later, later))

    second, _, _ = stages.ingest([sample_copy], db, settings)
    assert second.documents_loaded == 1 and second.documents_superseded == 1
    assert second.documents_unchanged == first.documents_loaded + first.documents_quarantined

    with duckdb.connect(str(db), read_only=True) as con:
        township, year = con.execute("select township, year from documents where file_name = ?",
                                     [corrected.name]).fetchone()
        versions = con.execute("select file_name, is_current, superseded_by from v_document_history "
                               "where township = ? and year = ? order by version", [township, year]).fetchall()
        new_sha = con.execute("select sha256 from documents where file_name = ?", [corrected.name]).fetchone()[0]
        assert [(v[0], v[1]) for v in versions] == [(original.name, False), (corrected.name, True)]
        assert versions[0][2] == new_sha
        # the old report's statistics are still there for drill-down; headlines come from the new one only
        old_stats = con.execute("select count(*) from statistics s join documents d on d.sha256 = s.document_sha "
                                "where d.file_name = ?", [original.name]).fetchone()[0]
        assert old_stats > 0
        sources = {r[0] for r in con.execute("select distinct file_name from v_headline where township = ? "
                                             "and year = ?", [township, year]).fetchall()}
        assert sources == {corrected.name}

    # the same corrected file again, under another name: nothing changes
    shutil.copy(corrected, sample_copy / "再发一次.docx")
    third, _, _ = stages.ingest([sample_copy], db, settings)
    assert third.documents_loaded == 0 and third.documents_superseded == 0
