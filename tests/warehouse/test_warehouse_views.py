"""The analyst views and the comparison built on them."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from core.records import Finding
from tests.support.warehouse_batches import (
    CATALOG,
    REGISTRY,
    batch,
    dongguan_2022,
    dongguan_2023,
    report,
    run,
    stat,
    xicheng_2023,
)
from warehouse.aggregate import total_qualifier
from warehouse.compare import comparison, wide_values
from warehouse.load import load_batch


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "county.duckdb"
    nanshan = report("南山乡2023.docx", "南山乡", 2023, [stat("publicity_events", 8, "次", "开展宣传8次")])
    findings = [Finding(nanshan.source.sha256, "year_plausible", "error", "年份不合理")]
    load_batch(path, batch(dongguan_2022(), dongguan_2023(), xicheng_2023(), nanshan, findings=findings),
               REGISTRY, CATALOG, run("L1"))
    return path


def q(db: Path, query: str, params: list | None = None) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(query, params or []).fetchall()
    finally:
        con.close()


def test_headline_prefers_total_then_largest_then_earliest(tmp_path: Path) -> None:
    db = tmp_path / "county.duckdb"
    doc = report("北湖镇2023.docx", "北湖镇", 2023, [
        stat("publicity_events", 30, "次", "其中法律进村居宣传活动30次", start=10),   # a part, though largest
        stat("publicity_events", 20, "次", "全镇共开展普法宣传活动20次", start=50),   # the stated total
        stat("publicity_audience", 500, "人次", "受众500人次", start=60),
        stat("publicity_audience", 800, "人次", "受众800人次", start=90),              # largest
        stat("legal_advisers", 2, "名", "法律顾问2名", start=70),
        stat("legal_advisers", 2, "名", "聘请顾问2名", start=20),                      # same value: earliest
        stat("legal_advisers", 100, "%", "法律顾问覆盖率100%", start=5),               # other unit loses
        stat("enforcement_fines", 9, "元", "公共法律服务9元", start=5),                 # 公共 is not 共
        stat("enforcement_fines", 7, "元", "共罚款7元", start=9),
        stat("other", 999, "个", "999个", start=1),
    ])
    load_batch(db, batch(doc), REGISTRY, CATALOG, run("L1"))
    head = {r[0]: r[1:] for r in q(db, "SELECT indicator, value, quote, is_total, mentions FROM v_headline")}
    assert head["publicity_events"] == (20.0, "全镇共开展普法宣传活动20次", True, 2)
    assert head["publicity_audience"][0] == 800.0
    assert head["legal_advisers"][1] == "聘请顾问2名"
    assert head["enforcement_fines"][:2] == (7.0, "共罚款7元")
    assert "other" not in head
    # every mention stays available for drill-down
    assert q(db, "SELECT count(*) FROM v_mentions") == [(10,)]
    assert q(db, "SELECT headline_rank FROM v_mentions WHERE quote = '其中法律进村居宣传活动30次'") == [(2,)]


def test_yoy_view(db: Path) -> None:
    rows = q(db, "SELECT indicator, value, previous_value, change_abs, change_pct FROM v_yoy "
                 "WHERE township = '东关镇' AND year = 2023 AND previous_value IS NOT NULL ORDER BY indicator")
    assert rows == [("publicity_audience", 2000.0, 1000.0, 1000.0, 100.0),
                    ("publicity_events", 20.0, 16.0, 4.0, 25.0)]


def test_rank_view(db: Path) -> None:
    rows = q(db, "SELECT township, rank, ranked FROM v_rank WHERE year = 2023 AND indicator = 'publicity_events' "
                 "ORDER BY rank")
    assert rows == [("东关镇", 1, 2), ("西城街道", 2, 2)]  # 南山乡 was quarantined: not ranked


def test_coverage_view(db: Path) -> None:
    rows = dict(((t, y), s) for t, y, s in q(db, "SELECT township, year, status FROM v_coverage"))
    assert rows[("东关镇", 2022)] == "loaded"
    assert rows[("西城街道", 2022)] == "missing"
    assert rows[("南山乡", 2023)] == "quarantined"
    assert rows[("北湖镇", 2023)] == "missing"
    assert len(rows) == 4 * 2


def test_township_year_indicator_and_wide_pivot(db: Path) -> None:
    long = q(db, "SELECT township, value, change_abs, rank FROM v_township_year_indicator "
                 "WHERE year = 2023 AND indicator = 'publicity_events' ORDER BY township")
    assert long == [("东关镇", 20.0, 4.0, 1), ("西城街道", 12.0, None, 2)]
    names, rows = wide_values(db, 2023)
    assert names[0] == "township" and "publicity_events" in names
    by_township = {r[0]: dict(zip(names, r, strict=True)) for r in rows}
    assert by_township["西城街道"]["legal_advisers"] == 3.0
    assert by_township["东关镇"]["legal_advisers"] is None


def test_comparison_rows_columns_totals_and_missing(db: Path) -> None:
    c = comparison(db, 2023, CATALOG, REGISTRY)
    assert [r.township for r in c.rows] == ["东关镇", "西城街道", "南山乡", "北湖镇"]  # registry order
    assert [r.status.code for r in c.rows] == ["reported", "reported", "quarantined", "missing"]
    assert c.rows[2].status.reason == "年份不合理" and c.rows[2].status.file_name == "南山乡2023.docx"
    assert c.missing == ("南山乡", "北湖镇")
    assert [col.header for col in c.columns] == ["普法宣传活动（次）", "集中宣传（次）", "普法受众人次（人次）",
                                                 "罚没款（元）", "法律顾问（名）"]
    events = c.rows[0].cells[0]
    assert (events.value, events.previous, events.change, events.change_pct, events.rank) == (20, 16, 4, 25, 1)
    audience = [r.cells[2] for r in c.rows[:2]]
    assert [(a.value, a.qualifier) for a in audience] == [(2000, "over"), (1500, "under")]
    assert (c.county_lines[0].total, c.county_lines[0].qualifier) == (32, "exact")
    assert (c.county_lines[2].total, c.county_lines[2].qualifier) == (3500, "about")
    assert c.county_lines[0].median == 16
    assert c.county_lines[0].coverage == "2/4"
    assert c.rows[3].cells[0].value is None


def test_comparison_without_registry_lists_known_townships(db: Path) -> None:
    c = comparison(db, 2022, CATALOG)
    assert {r.township for r in c.rows} == {t.name for t in REGISTRY.townships}
    assert [r.township for r in c.rows if r.reported] == ["东关镇"]


def test_comparison_of_missing_database(tmp_path: Path) -> None:
    c = comparison(tmp_path / "none.duckdb", 2023, CATALOG, REGISTRY)
    assert c.missing == tuple(t.name for t in REGISTRY.townships)
    assert c.columns == ()


def test_total_qualifier() -> None:
    assert total_qualifier(["exact", "exact"]) == "exact"
    assert total_qualifier(["exact", "over", "over"]) == "over"
    assert total_qualifier(["under", "exact"]) == "under"
    assert total_qualifier(["over", "under"]) == "about"
    assert total_qualifier(["about"]) == "about"


def test_ranking_reads_the_qualifier_and_skips_what_is_not_ranked(tmp_path: Path) -> None:
    """7000余 ranks above 近7000; a count of fines (better: none) is not ranked, in the view and the table."""
    from dataclasses import replace

    from core.catalog import Catalog

    catalog = Catalog(tuple(replace(i, better="none") if i.code == "enforcement_fines" else i
                            for i in CATALOG.indicators))
    db = tmp_path / "county.duckdb"
    docs = [report(f"{name}2023.docx", name, 2023, [
        stat("publicity_audience", 7000, "人次", f"受众{q}7000人次", qualifier=q_code),
        stat("enforcement_fines", fine, "元", f"罚款{fine}元", start=40)])
        for name, q, q_code, fine in (("东关镇", "近", "under", 500), ("西城街道", "", "over", 900),
                                      ("北湖镇", "", "exact", 700))]
    load_batch(db, batch(*docs), REGISTRY, catalog, run("L1"))
    rows = q(db, "SELECT township, rank, ranked FROM v_rank WHERE indicator = 'publicity_audience' ORDER BY rank")
    assert rows == [("西城街道", 1, 3), ("北湖镇", 2, 3), ("东关镇", 3, 3)]
    assert q(db, "SELECT DISTINCT rank, ranked FROM v_rank WHERE indicator = 'enforcement_fines'") == [(None, None)]
    table = comparison(db, 2023, catalog, REGISTRY)
    fines = next(i for i, col in enumerate(table.columns) if col.code == "enforcement_fines")
    audience = next(i for i, col in enumerate(table.columns) if col.code == "publicity_audience")
    assert [r.cells[fines].rank for r in table.rows if r.reported] == [None, None, None]
    assert {r.township: r.cells[audience].rank for r in table.rows if r.reported} == \
        {"西城街道": 1, "北湖镇": 2, "东关镇": 3}
