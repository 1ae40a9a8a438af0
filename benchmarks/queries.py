"""Query speed on a national warehouse: 40,000 townships x 10 years x 35 indicators.

Built straight into the real schema with SQL (no files), then the comparison
table for one county-year and one province-year, and the coverage view, timed.
"""

from __future__ import annotations

import time
from pathlib import Path

from core.catalog import load_catalog
from core.registry import Registry, Township
from warehouse.compare import comparison
from warehouse.db import connect
from warehouse.load import refresh_headlines

TOWNSHIPS_PER_COUNTY = 14
COUNTIES_PER_PROVINCE = 95
FIRST_YEAR = 2015

# Parameters: townships, years, first year, townships per county, counties per province.
FILL_TOWNSHIPS = """
INSERT INTO townships (name, county, code, aliases, source, added_at)
SELECT printf('T%05d镇', i), printf('C%04d县', i // ?), NULL, [], 'benchmark', now()
FROM range(?) t(i)
"""
FILL_DOCUMENTS = """
INSERT INTO documents (sha256, file_name, path, format, pages, township, county, province, year, title, status,
                       ingested_at, load_id, is_current)
SELECT printf('%05d-%d', i, y), printf('T%05d-%d.pdf', i, y), printf('/reports/T%05d-%d.pdf', i, y), 'pdf', 4,
       printf('T%05d镇', i), printf('C%04d县', i // ?), printf('P%02d省', i // ? // ?), y,
       printf('T%05d镇%d年法治政府建设年度报告', i, y), 'loaded', now(), 'bench', true
FROM range(?) t(i), range(?, ?) yr(y)
WHERE hash(i, y) % 50 <> 0  -- about 2% of township-years sent no report
"""
FILL_STATISTICS = """
INSERT INTO statistics (document_sha, ordinal, indicator, value, unit, qualifier, quote, page, start_offset,
                        end_offset, heading_path, ocr, load_id)
SELECT d.sha256, k.n, k.code, (hash(d.sha256, k.n) % 5000)::DOUBLE, k.unit,
       CASE WHEN hash(d.sha256, k.n) % 7 = 0 THEN 'over' ELSE 'exact' END,
       '共开展' || k.code || '若干', 1 + k.n // 10, 100 * k.n, 100 * k.n + 12, [], false, 'bench'
FROM documents d, (SELECT unnest(?) AS code, unnest(?) AS unit, generate_subscripts(?, 1) AS n) k
"""


def build(db: Path, townships: int, years: int = 10) -> float:
    catalog = load_catalog()
    codes = list(catalog.codes)
    units = [i.unit for i in catalog.indicators]
    t0 = time.perf_counter()
    con = connect(db)
    try:
        con.execute("BEGIN")
        con.execute(FILL_TOWNSHIPS, [TOWNSHIPS_PER_COUNTY, townships])
        con.execute(FILL_DOCUMENTS, [TOWNSHIPS_PER_COUNTY, TOWNSHIPS_PER_COUNTY, COUNTIES_PER_PROVINCE, townships,
                                     FIRST_YEAR, FIRST_YEAR + years])
        con.execute(FILL_STATISTICS, [codes, units, codes])
        refresh_headlines(con, ())  # an empty headlines table is rebuilt whole, as for an old warehouse
        con.execute("COMMIT")
        con.execute("CHECKPOINT")
    finally:
        con.close()
    return time.perf_counter() - t0


def timed(label: str, fn: object, repeat: int = 5) -> None:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()  # type: ignore[operator]
        best = min(best, time.perf_counter() - t0)
    print(f"  {label:48s} {best * 1000:8.1f} ms (best of {repeat}; {result})")


def bench_queries(workdir: Path, townships: int = 40_000) -> None:
    db = workdir / f"national-{townships}.duckdb"
    if not db.exists():
        seconds = build(db, townships)
        print(f"\n== national warehouse: built {townships} townships x 10 years x 35 indicators in {seconds:.0f} s")
    else:
        print(f"\n== national warehouse: {db}")
    catalog = load_catalog()
    year = FIRST_YEAR + 8
    county = Registry(county="C0042县", townships=tuple(Township(f"T{i:05d}镇")
                                                        for i in range(42 * 14, 43 * 14)))
    timed("comparison, one county-year",
          lambda: f"{len(comparison(db, year, catalog, county, county='C0042县').rows)} rows")
    timed("comparison, one province-year", lambda: f"{len(comparison(db, year, catalog, province='P03省').rows)} rows",
          repeat=3)
    con = connect(db, read_only=True)
    try:
        timed("coverage: townships without a report, one year",
              lambda: f"{con.execute(MISSING, [year]).fetchone()[0]} townships")
    finally:
        con.close()


MISSING = "SELECT count(*) FROM v_coverage WHERE year = ? AND NOT reported"
