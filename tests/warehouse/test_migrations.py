"""Numbered migrations: a warehouse from the first release opens, upgrades, keeps every row and takes new reports;
a file from a newer release is refused untouched."""

from __future__ import annotations

import gzip
import hashlib
import shutil
from pathlib import Path

import duckdb
import pytest

from pipeline import stages
from pipeline.stages import Settings
from township_rollup.cli import main as cli_main
from warehouse.db import SchemaTooNew, connect
from warehouse.migrate import latest_version, migrate, migrations

FIXTURES = Path(__file__).parent / "fixtures"
RELEASE_1 = FIXTURES / "warehouse-release-1.duckdb.gz"
# Every table of the first release and its row count in the fixture (fixtures/README.md).
RELEASE_1_ROWS = {"meta": 1, "townships": 12, "indicators": 36, "documents": 37, "statistics": 814, "quarantine": 3,
                  "warnings": 1, "loads": 2, "load_files": 37, "validation_results": 28, "headlines": 743}


def release_1_copy(tmp_path: Path) -> Path:
    db = tmp_path / "county.duckdb"
    with gzip.open(RELEASE_1, "rb") as src, db.open("wb") as dst:
        shutil.copyfileobj(src, dst)
    return db


def table_rows(db: Path, tables: dict[str, list[str]]) -> dict[str, list[tuple]]:
    """Every row of each table, reading only the given columns (those the first release had)."""
    with duckdb.connect(str(db), read_only=True) as con:
        return {t: sorted(con.execute(f"SELECT {', '.join(cols)} FROM {t}").fetchall(), key=repr)
                for t, cols in tables.items()}


def release_1_columns(db: Path) -> dict[str, list[str]]:
    with duckdb.connect(str(db), read_only=True) as con:
        found = con.execute("SELECT table_name, list(column_name ORDER BY column_index) FROM duckdb_columns() "
                            "GROUP BY table_name").fetchall()
    return {t: cols for t, cols in found if t in RELEASE_1_ROWS}


def applied(db: Path) -> list[tuple[int, str]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute("SELECT version, name FROM schema_migrations ORDER BY version").fetchall()


def test_migrations_are_numbered_from_one_without_gaps() -> None:
    found = migrations()
    assert [m.version for m in found] == list(range(1, latest_version() + 1))
    assert found[0].name == "baseline"
    assert all(m.sql.strip() for m in found)


def test_a_new_file_gets_every_migration_once(tmp_path: Path) -> None:
    db = tmp_path / "new.duckdb"
    connect(db).close()
    first = applied(db)
    connect(db).close()
    assert applied(db) == first == [(m.version, m.name) for m in migrations()]
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() == (
            str(latest_version()),)


def test_fixture_is_the_first_release(tmp_path: Path) -> None:
    db = release_1_copy(tmp_path)
    with duckdb.connect(str(db), read_only=True) as con:
        tables = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        assert con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() == ("1",)
        counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}
    assert "schema_migrations" not in tables
    assert counts == RELEASE_1_ROWS


@pytest.mark.parametrize("version", range(1, latest_version() + 1))
def test_every_later_schema_upgrades_the_first_release_keeping_every_row(tmp_path: Path, version: int) -> None:
    db = release_1_copy(tmp_path)
    columns = release_1_columns(db)
    before = table_rows(db, columns)
    with duckdb.connect(str(db)) as con:
        done = migrate(con, db, up_to=version)
    assert [m.version for m in done] == list(range(1, version + 1))
    assert applied(db)[-1][0] == version
    after = table_rows(db, columns)
    # the one row meant to change, and from 0005 the review workbooks' signing key
    assert [r for r in after.pop("meta") if r[0] != "review_key"] == [("schema_version", str(version))]
    before.pop("meta")
    assert after == before


def test_first_release_upgrades_on_open_and_takes_a_new_ingestion(tmp_path: Path, sample_county: Path) -> None:
    db = release_1_copy(tmp_path)
    columns = release_1_columns(db)
    before = table_rows(db, columns)
    folder = tmp_path / "2025"
    folder.mkdir()
    (folder / "南门街道2025.txt").write_text(
        "南门街道2025年法治政府建设工作报告\n\n全年共组织开展法治宣传活动42次，受益群众约6800人。\n", encoding="utf-8")
    shutil.copy(sample_county / "reports" / "maan-2023.docx", folder)  # already in: must be seen as unchanged
    summary, _, _ = stages.ingest([folder], db, Settings(county=sample_county / "county.yaml", data_docs=False))
    assert (summary.documents_loaded, summary.documents_unchanged, summary.statistics_loaded) == (1, 1, 2)
    assert applied(db) == [(m.version, m.name) for m in migrations()]
    after = table_rows(db, columns)
    for table in ("documents", "statistics", "quarantine", "warnings", "loads", "load_files", "validation_results"):
        assert {repr(r) for r in before[table]} <= {repr(r) for r in after[table]}, f"{table} lost rows"
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT value FROM v_headline WHERE township = '南门街道' AND year = 2025 "
                           "AND indicator = 'publicity_events'").fetchall() == [(42.0,)]
        assert con.execute("SELECT count(*) FROM v_headline WHERE year < 2025").fetchone()[0] == 743


def test_a_warehouse_from_before_the_headlines_table_upgrades_and_refills_it(tmp_path: Path,
                                                                            sample_county: Path) -> None:
    """Such a file said schema_version 1 like today's, so the first release never added the table to it."""
    db = release_1_copy(tmp_path)
    with duckdb.connect(str(db)) as con:
        views = [r[0] for r in con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()]
        for view in views:
            con.execute(f"DROP VIEW {view}")
        con.execute("DROP TABLE headlines")
    folder = tmp_path / "again"
    folder.mkdir()
    shutil.copy(sample_county / "reports" / "maan-2023.docx", folder)
    summary, _, _ = stages.ingest([folder], db, Settings(county=sample_county / "county.yaml", data_docs=False))
    assert summary.documents_unchanged == 1
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM headlines").fetchone()[0] == 743


def test_read_only_open_of_an_older_file_upgrades_it_first(tmp_path: Path) -> None:
    db = release_1_copy(tmp_path)
    con = connect(db, read_only=True)
    try:
        assert con.execute("SELECT max(version) FROM schema_migrations").fetchone() == (latest_version(),)
        assert con.execute("SELECT count(*) FROM statistics").fetchone() == (814,)
    finally:
        con.close()


def test_a_file_from_a_newer_release_is_refused_untouched(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    db = tmp_path / "newer.duckdb"
    connect(db).close()
    newer = latest_version() + 1
    with duckdb.connect(str(db)) as con:
        con.execute("INSERT INTO schema_migrations VALUES (?, 'from_the_future', now()::TIMESTAMP)", [newer])
    digest = hashlib.sha256(db.read_bytes()).hexdigest()
    for read_only in (False, True):
        with pytest.raises(SchemaTooNew) as caught:
            connect(db, read_only=read_only).close()
        assert str(db) in str(caught.value)
        assert f"数据库结构版本 {newer}" in str(caught.value)
        assert "请把 township-rollup 升级到最新版本" in str(caught.value)
    assert hashlib.sha256(db.read_bytes()).hexdigest() == digest
    assert cli_main(["compare", "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("错误：数据库文件") and "更新版本" in err


def test_0002_indicator_aggregation_defaults_until_the_next_load_writes_the_catalog(tmp_path: Path) -> None:
    """Upgraded rows say nothing of how they add up (NULL); the views fall back on the catalog's defaults."""
    from core.catalog import load_catalog
    from core.registry import load_registry
    from tests.support.warehouse_batches import batch, report, run, stat
    from warehouse.load import load_batch

    db = release_1_copy(tmp_path)
    connect(db).close()
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM indicators WHERE aggregate IS NOT NULL OR adds IS NOT NULL"
                           ).fetchone() == (0,)
        rates = con.execute("SELECT DISTINCT indicator FROM v_headline WHERE aggregate = 'rate' ORDER BY 1").fetchall()
        assert rates == [("head_court_appearance_rate",), ("mediation_success_rate",)]
    registry = load_registry(Path(__file__).resolve().parents[2] / "samples" / "county" / "county.yaml")
    doc = report("云雾乡2025.docx", "云雾乡", 2025, [stat("petitions_handled", 12, "批次", "接待来访12批次")])
    load_batch(db, batch(doc), registry, load_catalog(), run("M2"))
    with duckdb.connect(str(db), read_only=True) as con:
        row = con.execute("SELECT section_name, aggregate, better, adds FROM indicators "
                          "WHERE code = 'petitions_handled'").fetchone()
        assert row == ("矛盾化解", "sum", "fewer", ["件", "起"])
        fits = con.execute("SELECT unit_fits, rank FROM v_rank WHERE township = '云雾乡' AND year = 2025").fetchone()
        assert fits == (False, None)  # 批次 is not 件: not ranked


def test_first_release_loads_count_no_reader_warnings_after_the_upgrade(tmp_path: Path) -> None:
    """0003: document_warnings starts empty and the first release's loads say 0, not NULL."""
    db = release_1_copy(tmp_path)
    connect(db).close()
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM document_warnings").fetchone() == (0,)
        assert con.execute("SELECT documents_with_warnings FROM loads").fetchall() == [(0,), (0,)]


def test_0004_reports_loaded_before_headings_were_kept_are_unknown_not_incomplete(tmp_path: Path) -> None:
    from dataclasses import replace

    from core.catalog import load_catalog
    from core.records import Heading
    from core.registry import load_registry
    from tests.support.warehouse_batches import batch, report, run, stat
    from warehouse.load import load_batch

    db = release_1_copy(tmp_path)
    registry = load_registry(Path(__file__).resolve().parents[2] / "samples" / "county" / "county.yaml")
    doc = replace(report("云雾乡2025.docx", "云雾乡", 2025, [stat("publicity_events", 3, "次", "开展宣传3次")]),
                  headings=(Heading(0, 1, "一、主要举措和成效", 1), Heading(40, 1, "二、存在的问题", 2)))
    load_batch(db, batch(doc), registry, load_catalog(), run("M3"))
    with duckdb.connect(str(db), read_only=True) as con:
        old = con.execute("SELECT DISTINCT present FROM v_report_completeness WHERE year < 2025").fetchall()
        new = con.execute("SELECT part, present, heading, page FROM v_report_completeness WHERE year = 2025 "
                          "ORDER BY position").fetchall()
        counts = con.execute("SELECT count(*) FILTER (heading_count IS NULL), count(*) FILTER (heading_count = 2) "
                             "FROM documents").fetchone()
    assert old == [(None,)]
    assert new == [("measures", True, "一、主要举措和成效", 1), ("leadership", False, None, None),
                   ("shortcomings", True, "二、存在的问题", 2), ("next_year", False, None, None)]
    assert counts == (RELEASE_1_ROWS["documents"], 1)


def test_0005_review_keeps_old_statistics_unknown_and_traces_each_headline(tmp_path: Path) -> None:
    """0005: role, confidence and evidence are unknown (NULL) for rows loaded before; every headline names its
    statistic; the review tables start empty and the first review computes the old reports' doubts."""
    from warehouse.review import doubtful_cells

    db = release_1_copy(tmp_path)
    connect(db).close()
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM statistics WHERE role IS NOT NULL OR confidence IS NOT NULL "
                           "OR evidence IS NOT NULL").fetchone() == (0,)
        traced = con.execute("SELECT count(*) FROM headlines h JOIN statistics s ON s.document_sha = h.document_sha "
                             "AND s.ordinal = h.ordinal AND s.value = h.value AND s.indicator = h.indicator"
                             ).fetchone()[0]
        assert traced == RELEASE_1_ROWS["headlines"]
        assert con.execute("SELECT count(*) FROM corrections").fetchone() == (0,)
        assert con.execute("SELECT count(*) FROM cell_doubts").fetchone() == (0,)
        key = con.execute("SELECT value FROM meta WHERE key = 'review_key'").fetchone()[0]
        assert len(key) == 64 and int(key, 16)
    queue = doubtful_cells(db, 2024)
    assert queue and all(c.doubts for c in queue)
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM v_cells WHERE review = 'doubtful'").fetchone()[0] > 0
