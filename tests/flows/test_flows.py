"""The Prefect flows on the sample county, under Prefect's test harness, against real DuckDB files."""

from __future__ import annotations

import socket
from pathlib import Path

import duckdb
import openpyxl
import pytest

from flows.ingest import ingest_reports
from flows.rollup import export_comparison, last_year


def _artifact(key: str) -> object:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

    with get_client(sync_client=True) as client:
        found = client.read_artifacts(artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=[key])))
    assert found, f"no artifact {key}"
    return max(found, key=lambda a: a.created)


def test_ingest_then_reingest_then_rollup(prefect_harness: None, sample_copy: Path, sample_county: Path,
                                          tmp_path: Path) -> None:
    db = tmp_path / "county.duckdb"
    first = ingest_reports(source=str(sample_copy), db=str(db), county=str(sample_county / "county.yaml"),
                           chunk_size=8, workers=2)
    s = first.summary
    files = {Path(f.path).name: f for f in s.files}
    assert s.documents_loaded >= 30
    assert s.statistics_loaded > 10 * s.documents_loaded
    broken = [f for f in files.values() if f.outcome == "rejected"]
    assert broken and all(f.reason for f in broken), "the sample's broken file is rejected with a reason"

    table = _artifact("ingest-files")
    rows = table.data if isinstance(table.data, list) else __import__("json").loads(table.data)
    assert {r["文件"] for r in rows} == set(files)
    assert "新导入报告" in _artifact("ingest-summary").data

    with duckdb.connect(str(db), read_only=True) as con:
        docs_before = con.execute("select count(*) from documents where status <> 'rejected'").fetchone()[0]
        stats_before = con.execute("select count(*) from statistics").fetchone()[0]

    second = ingest_reports(source=str(sample_copy), db=str(db), county=str(sample_county / "county.yaml"))
    assert second.summary.documents_loaded == 0
    assert second.summary.documents_unchanged == s.documents_loaded + s.documents_quarantined
    assert second.plan.todo == tuple(src for src in first.plan.todo if src.sha256 in
                                     {f.sha256 for f in broken})  # only rejected files are tried again
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("select count(*) from documents where status <> 'rejected'").fetchone()[0] == docs_before
        assert con.execute("select count(*) from statistics").fetchone()[0] == stats_before

    out = tmp_path / "exports"
    years = sorted({f.year for f in files.values() if f.year})
    result = export_comparison(year=years[-1], db=str(db), out=str(out), county=str(sample_county / "county.yaml"))
    assert set(result.exports) == {"csv", "xlsx", "html"}
    assert all(p.exists() and p.stat().st_size > 0 for p in result.exports.values())
    sheet = openpyxl.load_workbook(result.exports["xlsx"]).worksheets[0]
    header = [c.value for c in sheet[3] if c.value]  # below the title block (表名, 填报单位 ...)
    assert any("乡镇" in str(h) for h in header)
    assert result.exports["csv"].read_bytes().startswith(b"\xef\xbb\xbf")
    assert result.exports["html"].name in _artifact("yearly-rollup").data


def test_rollup_year_defaults_to_last_year() -> None:
    from datetime import datetime

    from flows.rollup import OFFICE_TZ

    assert last_year(datetime(2025, 4, 1, 6, 0, tzinfo=OFFICE_TZ)) == 2024
    assert last_year(datetime(2025, 1, 1, 0, 30, tzinfo=OFFICE_TZ)) == 2024


def test_ingestion_opens_no_socket_beyond_loopback(prefect_harness: None, sample_copy: Path, sample_county: Path,
                                                   tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """GX and Prefect must not phone home: any connection to a non-loopback address fails this test."""
    outside: list[object] = []
    real_connect = socket.socket.connect

    def watching_connect(self: socket.socket, address: object) -> object:
        host = address[0] if isinstance(address, tuple) else address
        if self.family in (socket.AF_INET, socket.AF_INET6) and host not in ("127.0.0.1", "::1", "localhost") \
                and not str(host).startswith("127."):
            outside.append(address)
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", watching_connect)
    # One worker: extraction, validation and loading all run in this process, where the watch applies.
    ingest_reports(source=str(sample_copy), db=str(tmp_path / "c.duckdb"), county=str(sample_county / "county.yaml"),
                   workers=1)
    assert outside == []
