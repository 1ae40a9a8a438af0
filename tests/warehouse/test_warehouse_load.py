"""Loading batches into a real DuckDB file: schema, idempotency, history, quarantine, warnings."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from core.records import Finding, Skipped
from tests.support.warehouse_batches import (
    CATALOG,
    REGISTRY,
    batch,
    dongguan_2022,
    dongguan_2023,
    rejected,
    report,
    run,
    stat,
    xicheng_2023,
)
from warehouse.db import connect
from warehouse.load import RuleResult, headline_values, known_hashes, load_batch
from warehouse.migrate import latest_version

TABLES = {"townships", "indicators", "documents", "statistics", "quarantine", "warnings", "loads", "load_files",
          "validation_results", "headlines", "schema_migrations"}
VIEWS = {"v_mentions", "v_headline", "v_yoy", "v_rank", "v_township_year_indicator", "v_coverage",
         "v_document_history"}


def rows(db: Path, query: str, params: list | None = None) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(query, params or []).fetchall()
    finally:
        con.close()


def count(db: Path, table: str) -> int:
    return rows(db, f"SELECT count(*) FROM {table}")[0][0]


def test_schema_is_created_with_comments_and_is_idempotent(tmp_path: Path) -> None:
    db = tmp_path / "county.duckdb"
    connect(db).close()
    connect(db).close()  # a second migration changes nothing and does not fail
    tables = {r[0] for r in rows(db, "SELECT table_name FROM duckdb_tables()")}
    views = {r[0] for r in rows(db, "SELECT view_name FROM duckdb_views() WHERE NOT internal")}
    assert tables >= TABLES
    assert views >= VIEWS
    uncommented = rows(db, "SELECT table_name FROM duckdb_tables() WHERE comment IS NULL OR comment = ''")
    assert uncommented == []
    cols = rows(db, "SELECT count(*), count(comment) FROM duckdb_columns() WHERE table_name = 'statistics'")[0]
    assert cols[0] == cols[1]
    assert rows(db, "SELECT comment FROM duckdb_views() WHERE view_name = 'v_headline'")[0][0]
    assert rows(db, "SELECT value FROM meta WHERE key = 'schema_version'") == [(str(latest_version()),)]


def test_missing_database_reads_as_empty(tmp_path: Path) -> None:
    db = tmp_path / "none.duckdb"
    assert known_hashes(db) == frozenset()
    assert headline_values(db, [2023]) == {}
    assert not db.exists()


def test_load_writes_documents_statistics_and_run(tmp_path: Path) -> None:
    db = tmp_path / "county.duckdb"
    skipped = [Skipped(Path("/reports/notes.xls"), "不是报告文件格式（.xls），已跳过")]
    s = load_batch(db, batch(dongguan_2023(), xicheng_2023(), rejected("坏文件.pdf")), REGISTRY, CATALOG,
                   run("L1"), skipped=skipped)
    assert (s.documents_loaded, s.documents_rejected, s.statistics_loaded) == (2, 1, 9)
    assert {o.outcome for o in s.files} == {"loaded", "rejected", "skipped"}
    assert count(db, "statistics") == 9
    assert rows(db, "SELECT status, error FROM documents WHERE file_name = '坏文件.pdf'") == [
        ("rejected", "文件已损坏，无法打开")]
    files = dict(rows(db, "SELECT file_name, outcome FROM load_files WHERE load_id = 'L1'"))
    assert files == {"东关镇2023.docx": "loaded", "西城街道2023.pdf": "loaded", "坏文件.pdf": "rejected",
                     "notes.xls": "skipped"}
    load = rows(db, "SELECT status, files, documents_loaded, statistics_loaded FROM loads")
    assert load == [("completed", 4, 2, 9)]
    assert rows(db, "SELECT name, source FROM townships ORDER BY name") == sorted(
        [(t.name, "registry") for t in REGISTRY.townships])
    assert rows(db, "SELECT name FROM indicators WHERE code = 'other'") == [("其他",)]
    # the rejected file is retried next run; loaded ones are known
    assert known_hashes(db) == {dongguan_2023().source.sha256, xicheng_2023().source.sha256}
    quote, heading, value = rows(db, "SELECT quote, heading_path, value FROM statistics "
                                     "WHERE indicator = 'publicity_audience' AND value = 2000")[0]
    assert (quote, heading, value) == ("受教育人数达2000余人次", ["一、普法宣传"], 2000.0)


def test_loading_twice_adds_nothing(tmp_path: Path) -> None:
    db = tmp_path / "county.duckdb"
    load_batch(db, batch(dongguan_2023(), xicheng_2023()), REGISTRY, CATALOG, run("L1"))
    before = {t: count(db, t) for t in ("documents", "statistics", "quarantine", "warnings")}
    s = load_batch(db, batch(dongguan_2023(), xicheng_2023()), REGISTRY, CATALOG, run("L2"))
    assert s.documents_loaded == 0 and s.statistics_loaded == 0
    assert [o.outcome for o in s.files] == ["unchanged", "unchanged"]
    assert {t: count(db, t) for t in before} == before
    # files the flow skipped with known_hashes are listed as unchanged with their township and year
    s3 = load_batch(db, batch(), REGISTRY, CATALOG, run("L3"), unchanged=[dongguan_2023().source])
    assert [(o.outcome, o.township, o.year) for o in s3.files] == [("unchanged", "东关镇", 2023)]
    assert count(db, "loads") == 3


def test_reusing_a_completed_load_id_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "county.duckdb"
    load_batch(db, batch(dongguan_2023()), REGISTRY, CATALOG, run("L1"))
    with pytest.raises(ValueError, match="already completed"):
        load_batch(db, batch(xicheng_2023()), REGISTRY, CATALOG, run("L1"))
    assert count(db, "documents") == 1


def test_same_report_under_two_names_loads_once(tmp_path: Path) -> None:
    db = tmp_path / "county.duckdb"
    original = dongguan_2023()
    copy = report("副本-东关镇2023.docx", "东关镇", 2023, original.statistics, content="东关镇2023.docx")
    assert copy.source.sha256 == original.source.sha256
    s = load_batch(db, batch(original, copy), REGISTRY, CATALOG, run("L1"))
    assert [o.outcome for o in s.files] == ["loaded", "duplicate"]
    assert "东关镇2023.docx" in (s.files[1].reason or "")
    assert count(db, "documents") == 1
    assert count(db, "statistics") == len(original.statistics)


def test_new_report_supersedes_and_keeps_history(tmp_path: Path) -> None:
    db = tmp_path / "county.duckdb"
    old = dongguan_2023()
    load_batch(db, batch(old), REGISTRY, CATALOG, run("L1"))
    new = report("东关镇2023-修订版.docx", "东关镇", 2023,
                 [stat("publicity_events", 25, "次", "共开展普法宣传活动25次")])
    s = load_batch(db, batch(new), REGISTRY, CATALOG, run("L2"))
    assert s.documents_loaded == 1 and s.documents_superseded == 1
    docs = rows(db, "SELECT sha256, is_current, superseded_by FROM documents ORDER BY ingested_at, file_name")
    assert sorted(docs) == sorted([(old.source.sha256, False, new.source.sha256), (new.source.sha256, True, None)])
    # the old version's statistics are still there for drill-down; headlines come from the new one
    assert rows(db, "SELECT count(*) FROM statistics WHERE document_sha = ?", [old.source.sha256])[0][0] == 6
    assert headline_values(db, [2023])[("东关镇", 2023, "publicity_events")] == 25.0
    history = rows(db, "SELECT version, is_current, file_name FROM v_document_history WHERE township = '东关镇' "
                       "AND year = 2023 ORDER BY version")
    assert history == [(1, False, "东关镇2023.docx"), (2, True, "东关镇2023-修订版.docx")]


def test_two_passing_reports_for_one_township_year_keep_the_later_file(tmp_path: Path) -> None:
    db = tmp_path / "county.duckdb"
    later = report("东关镇2023-终稿.docx", "东关镇", 2023, [stat("publicity_events", 22, "次", "共22次")], mtime=2e9)
    earlier = report("东关镇2023-初稿.docx", "东关镇", 2023, [stat("publicity_events", 18, "次", "共18次")], mtime=1e9)
    s = load_batch(db, batch(later, earlier), REGISTRY, CATALOG, run("L1"))
    assert {o.path.rsplit("/", 1)[-1]: o.outcome for o in s.files} == {
        "东关镇2023-终稿.docx": "loaded", "东关镇2023-初稿.docx": "superseded"}
    assert s.documents_superseded == 1
    assert rows(db, "SELECT file_name FROM documents WHERE is_current") == [("东关镇2023-终稿.docx",)]
    assert headline_values(db, [2023]) == {("东关镇", 2023, "publicity_events"): 22.0}


def test_document_finding_quarantines_document_and_its_statistics(tmp_path: Path) -> None:
    db = tmp_path / "county.duckdb"
    bad = report("未知镇2023.docx", "未知镇", 2023, [stat("publicity_events", 9, "次", "开展活动9次"),
                                                      stat("legal_advisers", 2, "名", "法律顾问2名")])
    finding = Finding(bad.source.sha256, "township_known", "error", "乡镇“未知镇”不在本县乡镇名单中")
    s = load_batch(db, batch(bad, xicheng_2023(), findings=[finding]), REGISTRY, CATALOG, run("L1"))
    assert s.documents_quarantined == 1 and s.statistics_quarantined == 2
    assert s.files[0].outcome == "quarantined" and "未知镇" in (s.files[0].reason or "")
    assert rows(db, "SELECT status, is_current FROM documents WHERE township = '未知镇'") == [("quarantined", False)]
    assert rows(db, "SELECT count(*) FROM statistics WHERE document_sha = ?", [bad.source.sha256]) == [(0,)]
    q = rows(db, "SELECT kind, rule, statistic_ordinal FROM quarantine ORDER BY kind, statistic_ordinal")
    assert q == [("document", "township_known", None), ("statistic", "township_known", 0),
                 ("statistic", "township_known", 1)]
    data = json.loads(rows(db, "SELECT data FROM quarantine WHERE statistic_ordinal = 1")[0][0])
    assert data["quote"] == "法律顾问2名" and data["value"] == 2
    # a quarantined township is not added to the townships table; quarantined content is known
    assert rows(db, "SELECT count(*) FROM townships WHERE name = '未知镇'") == [(0,)]
    assert bad.source.sha256 in known_hashes(db)
    assert rows(db, "SELECT rule, severity, checked, failed FROM validation_results") == [
        ("township_known", "error", 2, 1)]


def test_row_finding_quarantines_only_that_row_and_warnings_are_listed(tmp_path: Path) -> None:
    db = tmp_path / "county.duckdb"
    doc = dongguan_2023()
    sha = doc.source.sha256
    findings = [
        Finding(sha, "part_not_above_total", "error", "部分（30次）大于合计（20次）", statistic=2),
        Finding(sha, "yoy_jump", "warning", "较上年变化超过10倍", statistic=3),
    ]
    s = load_batch(db, batch(doc, findings=findings), REGISTRY, CATALOG, run("L1"))
    assert (s.statistics_loaded, s.statistics_quarantined, s.warnings) == (5, 1, 1)
    assert s.files[0].outcome == "loaded"
    assert rows(db, "SELECT ordinal FROM statistics ORDER BY ordinal") == [(0,), (1,), (3,), (4,), (5,)]
    assert rows(db, "SELECT kind, statistic_ordinal, rule, reason FROM quarantine") == [
        ("statistic", 2, "part_not_above_total", "部分（30次）大于合计（20次）")]
    assert rows(db, "SELECT statistic_ordinal, rule FROM warnings") == [(3, "yoy_jump")]
    assert rows(db, "SELECT rule, checked, failed FROM validation_results ORDER BY rule") == [
        ("part_not_above_total", 6, 1), ("yoy_jump", 6, 1)]


def test_explicit_rule_results_replace_derived_ones(tmp_path: Path) -> None:
    db = tmp_path / "county.duckdb"
    results = [RuleResult("township_known", "error", 1, 0), RuleResult("value_not_negative", "error", 6, 0)]
    load_batch(db, batch(dongguan_2023()), REGISTRY, CATALOG, run("L1"), rule_results=results)
    assert rows(db, "SELECT rule, checked, failed FROM validation_results ORDER BY rule") == [
        ("township_known", 1, 0), ("value_not_negative", 6, 0)]


def test_rejected_file_is_retried_and_replaced_when_it_reads(tmp_path: Path) -> None:
    db = tmp_path / "county.duckdb"
    load_batch(db, batch(rejected("扫描件.pdf", "扫描件需要OCR，但未安装")), REGISTRY, CATALOG, run("L1"))
    readable = report("扫描件.pdf", "南山乡", 2023, [stat("publicity_events", 7, "次", "开展活动7次")],
                      content="扫描件.pdf")
    s = load_batch(db, batch(readable), REGISTRY, CATALOG, run("L2"))
    assert s.documents_loaded == 1
    assert rows(db, "SELECT status, township FROM documents") == [("loaded", "南山乡")]


def test_township_found_in_reports_is_added(tmp_path: Path) -> None:
    db = tmp_path / "county.duckdb"
    load_batch(db, batch(report("新区2023.docx", "新区街道", 2023, [stat("publicity_events", 3, "次", "3次")])),
               REGISTRY, CATALOG, run("L1"))
    assert rows(db, "SELECT source FROM townships WHERE name = '新区街道'") == [("found",)]


def test_injection_looking_names_are_stored_as_text(tmp_path: Path) -> None:
    db = tmp_path / "county.duckdb"
    evil = "镇'); DROP TABLE statistics;--"
    doc = report(f"{evil}.docx", evil, 2023, [stat("publicity_events", 4, "次", "'; DELETE FROM documents;--4次")])
    load_batch(db, batch(doc, dongguan_2023()), REGISTRY, CATALOG, run("x'); DROP TABLE loads;--"))
    assert rows(db, "SELECT township FROM documents WHERE township = ?", [evil]) == [(evil,)]
    assert count(db, "statistics") == 7
    assert rows(db, "SELECT load_id FROM loads") == [("x'); DROP TABLE loads;--",)]
    assert headline_values(db, [2023])[(evil, 2023, "publicity_events")] == 4.0


def test_headline_values_cover_requested_years_only(tmp_path: Path) -> None:
    db = tmp_path / "county.duckdb"
    load_batch(db, batch(dongguan_2022(), dongguan_2023()), REGISTRY, CATALOG, run("L1"))
    values = headline_values(db, [2022])
    assert values == {("东关镇", 2022, "publicity_events"): 16.0, ("东关镇", 2022, "publicity_audience"): 1000.0}


def test_validation_quarantining_the_earlier_of_two_reports(tmp_path: Path) -> None:
    db = tmp_path / "county.duckdb"
    earlier = report("东关镇2023-初稿.docx", "东关镇", 2023, [stat("publicity_events", 18, "次", "共18次")], mtime=1e9)
    later = report("东关镇2023-终稿.docx", "东关镇", 2023, [stat("publicity_events", 22, "次", "共22次")], mtime=2e9)
    finding = Finding(earlier.source.sha256, "one_current_report", "error", "同一乡镇同一年度有更新的报告")
    s = load_batch(db, batch(earlier, later, findings=[finding]), REGISTRY, CATALOG, run("L1"))
    assert [o.outcome for o in s.files] == ["quarantined", "loaded"]
    assert s.documents_superseded == 0
    assert rows(db, "SELECT file_name, status, is_current FROM documents ORDER BY file_name") == [
        ("东关镇2023-初稿.docx", "quarantined", False), ("东关镇2023-终稿.docx", "loaded", True)]


def test_a_load_that_fails_leaves_nothing_but_a_failed_run(tmp_path: Path) -> None:
    db = tmp_path / "county.duckdb"
    load_batch(db, batch(xicheng_2023()), REGISTRY, CATALOG, run("L0"))
    before = {t: count(db, t) for t in ("documents", "statistics", "load_files", "townships")}
    broken = [RuleResult("township_known", "error", 1, None)]  # type: ignore[arg-type]  # failed is NOT NULL
    with pytest.raises(duckdb.ConstraintException):
        load_batch(db, batch(dongguan_2023(), dongguan_2022()), REGISTRY, CATALOG, run("L1"), rule_results=broken)
    assert {t: count(db, t) for t in before} == before
    assert rows(db, "SELECT load_id, status, error IS NOT NULL FROM loads ORDER BY load_id") == [
        ("L0", "completed", False), ("L1", "failed", True)]
    # the same run id can be retried; the failed row is replaced by the completed one
    s = load_batch(db, batch(dongguan_2023(), dongguan_2022()), REGISTRY, CATALOG, run("L1"))
    assert s.documents_loaded == 2
    assert rows(db, "SELECT status FROM loads WHERE load_id = 'L1'") == [("completed",)]


def test_rows_the_tables_cannot_hold_are_quarantined_not_fatal(tmp_path: Path) -> None:
    db = tmp_path / "county.duckdb"
    odd = report("北湖镇2023.docx", "北湖镇", 2023, [
        stat("publicity_events", float("nan"), "次", "若干次"),
        stat("publicity_events", 6, "次", "六次", qualifier="roughly"),
        stat("publicity_events", 5, "次", "开展活动5次"),
    ])
    s = load_batch(db, batch(odd), REGISTRY, CATALOG, run("L1"))
    assert (s.statistics_loaded, s.statistics_quarantined) == (1, 2)
    reasons = [r[0] for r in rows(db, "SELECT reason FROM quarantine ORDER BY statistic_ordinal")]
    assert "不是有效数字" in reasons[0] and "roughly" in reasons[1]
    assert rows(db, "SELECT data->>'value' FROM quarantine WHERE statistic_ordinal = 0") == [("nan",)]
