"""Past one machine: extraction on a Dask cluster (here a local one on loopback) gives the same warehouse."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from flows.ingest import ingest_reports

SAME_ROWS = """
    select d.township, d.year, d.sha256, s.indicator, s.value, s.unit, s.qualifier, s.quote, s.start_offset
    from statistics s join documents d on d.sha256 = s.document_sha
    order by all
"""


def _rows(db: Path) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(SAME_ROWS).fetchall()


@pytest.mark.slow
def test_dask_runner_builds_the_same_warehouse(prefect_harness: None, sample_copy: Path, sample_county: Path,
                                               tmp_path: Path) -> None:
    from distributed import LocalCluster

    county = str(sample_county / "county.yaml")
    ingest_reports(source=str(sample_copy), db=str(tmp_path / "local.duckdb"), county=county, chunk_size=8)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster:
        report = ingest_reports(source=str(sample_copy), db=str(tmp_path / "dask.duckdb"), county=county,
                                chunk_size=8, dask_address=cluster.scheduler_address)
    assert report.summary.documents_loaded > 0
    assert _rows(tmp_path / "dask.duckdb") == _rows(tmp_path / "local.duckdb")
