"""The doubt of every table cell, kept in `cell_doubts`: gathered from the warehouse, judged by warehouse.doubt.

`refresh_doubts` runs inside the transaction of every load and every correction, for the county-years they
touch (a cell's doubt depends on the county's other townships and on last year), so analysts, the comparison
and the review workbook read the same doubts. When the rules change (DOUBT_RULES_VERSION), the next write
recomputes every county-year.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import duckdb

from core.catalog import OTHER, Catalog
from core.records import Evidence
from warehouse.db import connect, sql_text
from warehouse.doubt import (
    CellFacts,
    Doubt,
    Mention,
    cell_doubts,
    not_found_candidates,
    not_found_reason,
    statistic_doubts,
)

# Bump when warehouse/doubt.py's rules or thresholds change: stored doubts are then recomputed.
DOUBT_RULES_VERSION = "3"

_SECTION = re.compile(r"^-- name: (\w+)\s*$", re.MULTILINE)

Scope = tuple[tuple[str, int], ...]  # (county or '', year) pairs


@cache
def statements() -> dict[str, str]:
    """review.sql split at its "-- name: x" lines: name -> SQL."""
    parts = _SECTION.split(sql_text("review.sql"))
    return {parts[i]: parts[i + 1].strip().rstrip(";") for i in range(1, len(parts), 2)}


def run(con: duckdb.DuckDBPyConnection, name: str, **params: object) -> list[tuple]:
    return con.execute(statements()[name], params).fetchall()


@dataclass(frozen=True)
class DoubtRow:
    township: str
    year: int
    indicator: str
    county: str
    document_sha: str
    kind: str  # cell | not_found
    doubts: tuple[Doubt, ...]
    candidates: tuple[int, ...] = ()
    headline: bool = False  # a value the table shows: kept in headlines.doubts, the others in cell_doubts


def refresh_doubts(con: duckdb.DuckDBPyConnection, catalog: Catalog, townships: Iterable[str] | None = None) -> int:
    """Recompute `cell_doubts` for the county-years of `townships` (and the year after, whose last year they
    are), or for everything when `townships` is None or the stored rules are older. Returns rows written."""
    stored = run(con, "doubt_rules_version")
    names = sorted(set(townships)) if townships is not None else []
    everything = townships is None or not stored or stored[0][0] != DOUBT_RULES_VERSION
    if everything:
        scope: Scope = tuple((c, int(y)) for c, y in run(con, "all_county_years"))
        run(con, "delete_all_doubts")
        run(con, "clear_all_headline_doubts")
        run(con, "set_doubt_rules_version", version=DOUBT_RULES_VERSION)
    else:
        if not names:
            return 0
        base = {(c, int(y)) for c, y in run(con, "counties_of_townships", townships=names)}
        scope = tuple(sorted(base | {(c, y + 1) for c, y in base}))
        where = {"townships": names, "counties": [c for c, _ in scope], "years": [y for _, y in scope]}
        run(con, "delete_doubts", **where)
        run(con, "clear_headline_doubts", **where)
    rows = compute_doubts(con, catalog, scope)
    shown = [r for r in rows if r.headline]
    if shown:
        run(con, "set_headline_doubts", townships=[r.township for r in shown], years=[r.year for r in shown],
            indicators=[r.indicator for r in shown], codes=[[d.code for d in r.doubts] for r in shown],
            reasons=[[d.reason for d in r.doubts] for r in shown])
    rows = [r for r in rows if not r.headline]
    if rows:
        run(con, "insert_doubts", townships=[r.township for r in rows], years=[r.year for r in rows],
            indicators=[r.indicator for r in rows], counties=[r.county or None for r in rows],
            shas=[r.document_sha for r in rows], kinds=[r.kind for r in rows],
            codes=[[d.code for d in r.doubts] for r in rows], reasons=[[d.reason for d in r.doubts] for r in rows],
            candidates=[list(r.candidates) for r in rows])
    return len(rows) + len(shown)


def ensure_doubts(db: Path, catalog: Catalog, *, wait_seconds: float = 30.0) -> bool:
    """Recompute every county-year's doubts when older rules computed them, or none did (a warehouse upgraded
    from an earlier release and not loaded since); True when it did. A short write connection, only then."""
    if not Path(db).exists():
        return False
    con = connect(db, read_only=True, wait_seconds=wait_seconds)
    try:
        stored = run(con, "doubt_rules_version")
        loaded = con.execute("SELECT count(*) FROM documents WHERE status = 'loaded'").fetchone()
    finally:
        con.close()
    if (stored and stored[0][0] == DOUBT_RULES_VERSION) or not (loaded and loaded[0]):
        return False
    con = connect(db, wait_seconds=wait_seconds)
    try:
        con.execute("BEGIN TRANSACTION")
        try:
            refresh_doubts(con, catalog, None)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
    finally:
        con.close()
    return True


def compute_doubts(con: duckdb.DuckDBPyConnection, catalog: Catalog, scope: Scope) -> list[DoubtRow]:
    """The doubt rows of every current report in `scope` (nothing written)."""
    if not scope:
        return []
    counties, years = [c for c, _ in scope], [y for _, y in scope]
    reports = run(con, "reports_in_scope", counties=counties, years=years)
    if not reports:
        return []
    shas = [r[3] for r in reports]
    warned: dict[tuple[str, int], list[str]] = {}
    for sha, ordinal, reason in run(con, "warnings_of", shas=shas):
        warned.setdefault((sha, ordinal), []).append(reason)
    mentions: dict[str, dict[int, tuple[str, Mention]]] = {}
    for row in run(con, "statistics_of", shas=shas):
        sha, ordinal, indicator = row[0], row[1], row[2]
        mentions.setdefault(sha, {})[ordinal] = (indicator, mention(row[1:], tuple(warned.get((sha, ordinal), ()))))
    headline: dict[str, dict[str, int]] = {}
    for sha, indicator, ordinal in run(con, "headlines_of", shas=shas):
        if ordinal is not None:
            headline.setdefault(sha, {})[indicator] = ordinal
    wider = sorted(set(scope) | {(c, y - 1) for c, y in scope})
    values = run(con, "values_in_scope", counties=[c for c, _ in wider], years=[y for _, y in wider])
    by_place: dict[tuple[str, int, str], list[tuple[str, float, str | None]]] = {}
    by_cell: dict[tuple[str, int, str], tuple[float, str | None]] = {}
    for township, year, county, indicator, value, unit in values:
        by_place.setdefault((county, year, indicator), []).append((township, value, unit))
        by_cell[(township, year, indicator)] = (value, unit)
    decided = {(t, y, i): effective for t, y, i, effective in run(
        con, "decided_cells", townships=sorted({r[0] for r in reports}), years=sorted({r[1] for r in reports}))}
    out: list[DoubtRow] = []
    for township, year, county, sha in reports:
        out += _report_doubts(township, int(year), county, sha, mentions.get(sha, {}), headline.get(sha, {}),
                              by_place, by_cell, decided, catalog)
    return out


def mention(row: tuple, warnings: tuple[str, ...] = ()) -> Mention:
    """A Mention from (ordinal, indicator, value, unit, qualifier, quote, role, confidence, evidence, ocr[, page,
    context])."""
    ordinal, _indicator, value, unit, qualifier, quote, role, confidence, evidence, ocr = row[:10]
    context = row[11] if len(row) > 11 else None
    return Mention(int(ordinal), float(value), unit, qualifier, quote, role, confidence, _evidence(evidence),
                   bool(ocr), warnings, context)


def _evidence(value: Mapping[str, object] | None) -> Evidence | None:
    if value is None:
        return None
    return Evidence(value.get("cue"), value.get("place") or "none", int(value.get("distance") or 0),  # type: ignore[arg-type]
                    bool(value.get("generic")), str(value.get("rule") or ""), value.get("role_by"))  # type: ignore[arg-type]


def _report_doubts(township: str, year: int, county: str, sha: str, stats: Mapping[int, tuple[str, Mention]],
                   headline: Mapping[str, int], by_place: Mapping[tuple[str, int, str], list],
                   by_cell: Mapping[tuple[str, int, str], tuple[float, str | None]],
                   decided: Mapping[tuple[str, int, str], bool], catalog: Catalog) -> list[DoubtRow]:
    out: list[DoubtRow] = []
    doubtful_indicators: dict[str, frozenset[str]] = {}
    for indicator, ordinal in headline.items():
        key = (township, year, indicator)
        if decided.get(key):
            continue  # the clerk's decision counts: nothing to doubt
        facts = CellFacts(
            township, year, indicator, stats[ordinal][1],
            others=tuple(m for o, (code, m) in stats.items() if code == indicator and o != ordinal),
            peers=tuple((v, u) for t, v, u in by_place.get((county, year, indicator), ()) if t != township),
            last_year=by_cell.get((township, year - 1, indicator)),
            report_updated=key in decided,
        )
        doubts = cell_doubts(facts, catalog)
        if doubts:
            doubtful_indicators[indicator] = frozenset(d.code for d in doubts)
            out.append(DoubtRow(township, year, indicator, county, sha, "cell", doubts, headline=True))
    for (t, y, indicator), effective in decided.items():
        if t == township and y == year and not effective and indicator not in headline:
            out.append(DoubtRow(township, year, indicator, county, sha, "cell",
                                (Doubt("report_updated", "报告已更新，请重新核对"),)))
    # the report's numbers not placed with confidence, each with its own doubts (a sibling's generic cue)
    # a statement beside the number shown also carries its cell's doubts (mentions_disagree: it may be another kind)
    loose = [(code, m, frozenset(d.code for d in statistic_doubts(m, catalog.get(code)))
              | (doubtful_indicators.get(code, frozenset()) if headline.get(code) != ordinal else frozenset()))
             for ordinal, (code, m) in stats.items() if code == OTHER or code in doubtful_indicators]
    for ind in catalog.indicators:
        key = (township, year, ind.code)
        if ind.code in headline or key in decided:
            continue
        found = not_found_candidates(ind, loose, catalog)
        if found:
            out.append(DoubtRow(township, year, ind.code, county, sha, "not_found",
                                (Doubt("not_found", not_found_reason(ind, found)),), tuple(m.ordinal for m in found)))
    return out
