"""The county comparison for one year: one row per township, one column per indicator.

Built from v_township_year_indicator (headline value, change on last year, rank) and the
townships and documents tables, so townships that sent no report are rows too.
"""

from __future__ import annotations

import statistics as stats
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb

from core.catalog import Catalog
from core.registry import Registry
from warehouse.db import connect

ROW_STATUSES = ("loaded", "quarantined", "missing")

# The selection (one county, one province, or everything) is filtered before last year's values are
# joined and before ranking, so a national warehouse costs what one county's rows cost.
# Parameters: year, county, county, province, province (NULL county/province = no filter).
COMPARISON_CELLS = """
WITH picked AS (
    SELECT * FROM headlines
    WHERE year IN ($year, $year - 1)
      AND ($county::VARCHAR IS NULL OR county = $county) AND ($province::VARCHAR IS NULL OR province = $province)
),
cur AS (SELECT * FROM picked WHERE year = $year),
prev AS (SELECT township, indicator, value FROM picked WHERE year = $year - 1)
SELECT c.township, c.indicator, c.value, c.unit, c.qualifier, p.value AS previous_value,
       c.value - p.value AS change_abs,
       CASE WHEN p.value IS NULL OR p.value = 0 THEN NULL
            ELSE round((c.value - p.value) / abs(p.value) * 100, 1) END AS change_pct,
       rank() OVER (PARTITION BY c.indicator ORDER BY c.value DESC) AS rank,
       count(*) OVER (PARTITION BY c.indicator) AS ranked,
       c.quote, c.page, c.file_name
FROM cur c LEFT JOIN prev p USING (township, indicator)
"""

TOWNSHIP_STATUS = """
SELECT township, status, file_name FROM v_coverage
WHERE year = $year AND ($county::VARCHAR IS NULL OR county = $county)
  AND ($province::VARCHAR IS NULL OR township IN (SELECT township FROM documents WHERE province = $province))
"""

LATEST_YEAR = "SELECT max(year) FROM documents WHERE status = 'loaded' AND is_current"

KNOWN_TOWNSHIPS = """
SELECT name FROM townships
WHERE ($county::VARCHAR IS NULL OR county = $county)
  AND ($province::VARCHAR IS NULL OR name IN (SELECT township FROM documents WHERE province = $province))
ORDER BY name
"""

INDICATOR_ORDER = "SELECT code, name, unit, position FROM indicators"

WIDE_SOURCE = """
CREATE OR REPLACE TEMP TABLE wide_source AS
SELECT township, indicator, value FROM v_township_year_indicator WHERE year = ?
"""
WIDE_PIVOT = "PIVOT wide_source ON indicator USING first(value) GROUP BY township ORDER BY township"


@dataclass(frozen=True)
class Column:
    code: str
    name: str  # Chinese
    unit: str

    @property
    def header(self) -> str:
        """普法宣传活动（次）: the label of the column in every export."""
        return f"{self.name}（{self.unit}）" if self.unit else self.name


@dataclass(frozen=True)
class Cell:
    value: float | None = None
    qualifier: str | None = None  # exact | over | under | about
    unit: str | None = None  # as the report wrote it; shown only when it differs from the column's
    previous: float | None = None  # last year's headline value
    change: float | None = None  # value - previous
    change_pct: float | None = None
    rank: int | None = None  # 1 = largest in the county
    ranked: int | None = None  # how many townships were ranked
    quote: str | None = None
    page: int | None = None
    file_name: str | None = None


@dataclass(frozen=True)
class Row:
    township: str
    status: str  # loaded | quarantined (its report failed validation) | missing (no report)
    file_name: str | None
    cells: tuple[Cell, ...]

    @property
    def reported(self) -> bool:
        return self.status == "loaded"


@dataclass(frozen=True)
class Comparison:
    year: int
    county: str | None
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    totals: tuple[Cell, ...]  # 县合计 per column (qualifier: see total_qualifier)
    medians: tuple[float | None, ...]  # 中位数 per column, over the townships that reported it

    @property
    def missing(self) -> tuple[str, ...]:
        """Townships without a loaded report for the year (quarantined ones included)."""
        return tuple(r.township for r in self.rows if not r.reported)


def comparison(db: Path, year: int, catalog: Catalog, registry: Registry | None = None,
               *, county: str | None = None, province: str | None = None, wait_seconds: float = 30.0) -> Comparison:
    """The comparison table of `year`; a missing database gives every registry township as missing.

    `county` / `province` select part of a warehouse that holds several (a prefecture's or a province's);
    a county office's own warehouse needs neither.
    """
    where = {"year": year, "county": county, "province": province}
    county_label = registry.county if county is None and registry else county or province
    if not Path(db).exists():
        names = [t.name for t in registry.townships] if registry else []
        return Comparison(year, county_label, (), tuple(Row(n, "missing", None, ()) for n in names), (), ())
    con = connect(db, read_only=True, wait_seconds=wait_seconds)
    try:
        cells = con.execute(COMPARISON_CELLS, where).fetchall()
        status = {t: (s, f) for t, s, f in con.execute(TOWNSHIP_STATUS, where).fetchall()}
        known = [r[0] for r in con.execute(KNOWN_TOWNSHIPS, {"county": county, "province": province}).fetchall()]
        stored = {r[0]: r[1:] for r in con.execute(INDICATOR_ORDER).fetchall()}
    finally:
        con.close()
    by_key = {(c[0], c[1]): _cell(c) for c in cells}
    columns = _columns({c[1] for c in cells}, catalog, stored)
    names = _township_order(registry, known, {c[0] for c in cells})
    rows = tuple(
        Row(name, status.get(name, ("missing", None))[0], status.get(name, ("missing", None))[1],
            tuple(by_key.get((name, col.code), Cell()) for col in columns))
        for name in names
    )
    totals = tuple(_total([r.cells[i] for r in rows]) for i in range(len(columns)))
    medians = tuple(_median([r.cells[i] for r in rows]) for i in range(len(columns)))
    return Comparison(year, county_label, columns, rows, totals, medians)


def latest_year(db: Path, *, wait_seconds: float = 30.0) -> int | None:
    """The newest reporting year with a loaded report: what `compare` shows when no year is given."""
    if not Path(db).exists():
        return None
    con = connect(db, read_only=True, wait_seconds=wait_seconds)
    try:
        row = con.execute(LATEST_YEAR).fetchone()
    finally:
        con.close()
    return int(row[0]) if row and row[0] is not None else None


def wide_values(db: Path, year: int, *, wait_seconds: float = 30.0) -> tuple[tuple[str, ...], list[tuple]]:
    """The headline values of `year` pivoted wide with DuckDB PIVOT: (column names, rows).

    For notebooks; PIVOT cannot take a parameter in a view, so the year's rows go to a temp table first.
    """
    con = connect(db, read_only=True, wait_seconds=wait_seconds)
    try:
        con.execute(WIDE_SOURCE, [year])
        result = con.execute(WIDE_PIVOT)
        names = tuple(d[0] for d in result.description)
        return names, result.fetchall()
    except duckdb.Error:
        return ("township",), []
    finally:
        con.close()


def _cell(r: tuple) -> Cell:
    (_, _, value, unit, qualifier, previous, change, change_pct, rank, ranked, quote, page, file_name) = r
    return Cell(value, qualifier, unit, previous, change, change_pct, rank, ranked, quote, page, file_name)


def _columns(codes: set[str], catalog: Catalog, stored: dict[str, tuple]) -> tuple[Column, ...]:
    """Indicators with a value this year, in catalog order; codes the catalog lacks come last."""
    ordered = [Column(i.code, i.name, i.unit) for i in catalog.indicators if i.code in codes]
    extra = sorted(codes - set(catalog.codes))
    for code in extra:
        name, unit, _ = stored.get(code, (code, None, None))
        ordered.append(Column(code, name or code, unit or ""))
    return tuple(ordered)


def _township_order(registry: Registry | None, known: Sequence[str], reported: set[str]) -> list[str]:
    """Registry order when a registry is given (plus any reporting township it lacks), else by name."""
    if registry and registry.known:
        listed = [t.name for t in registry.townships]
        return listed + sorted(reported - set(listed))
    return sorted(set(known) | reported)


def total_qualifier(qualifiers: Sequence[str]) -> str:
    """exact if every part is exact; over/under if every inexact part leans that way; else about."""
    inexact = {q for q in qualifiers if q != "exact"}
    if not inexact:
        return "exact"
    if len(inexact) == 1 and inexact != {"about"}:
        return inexact.pop()
    return "about"


def _total(cells: Sequence[Cell]) -> Cell:
    present = [c for c in cells if c.value is not None]
    if not present:
        return Cell()
    return Cell(sum(c.value for c in present if c.value is not None),
                total_qualifier([c.qualifier or "exact" for c in present]))


def _median(cells: Sequence[Cell]) -> float | None:
    values = [c.value for c in cells if c.value is not None]
    return float(stats.median(values)) if values else None
