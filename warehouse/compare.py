"""The county comparison for one year: every township's status and headline values, and the county line.

`comparison()` reads the warehouse (headlines, v_township_status) and hands the rows to `build()`, a
pure function: the same rows always give the same `Comparison`, which every rendering (terminal,
CSV, XLSX, HTML, the web app) only displays. How values add up is the catalog's (warehouse/aggregate.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

import duckdb

from core.catalog import OTHER_SECTION, OTHER_SECTION_NAME, Catalog, Indicator, normal_unit
from core.errors import ConfigError
from core.registry import Registry
from core.units import clean_number
from warehouse.aggregate import Valued, change, pooled_rate, ranks, same_unit_group, summarise
from warehouse.db import connect, sql_text

StatusCode = Literal["reported", "quarantined", "unreadable", "missing"]
STATUS_CODES: tuple[str, ...] = ("reported", "quarantined", "unreadable", "missing")


@dataclass(frozen=True)
class Column:
    """One indicator of the table, with how its values add up (from the catalog)."""

    code: str
    name: str  # Chinese
    unit: str  # the unit every fitting value is counted in
    section: str = OTHER_SECTION  # section code (core.catalog.Section)
    section_name: str = OTHER_SECTION_NAME
    is_rate: bool = False  # never summed: the county line is median, range (and pooled rate)
    fewer_is_better: bool = False  # rank 1 = smallest
    adds: tuple[str, ...] = ()  # units whose values add up to the column (its own unit first)
    pooled_from: tuple[str, str] | None = None  # rates: (numerator, denominator) indicator codes
    is_ranked: bool = True  # False: townships are not ranked by it (catalog `better: none`)

    @property
    def header(self) -> str:
        """普法宣传活动（次）: the label of the column in every export; the unit is never dropped."""
        return f"{self.name}（{self.unit}）" if self.unit else self.name

    def fits(self, unit: str | None) -> bool:
        written = normal_unit(unit)
        return not written or written in self.adds


@dataclass(frozen=True)
class Cell:
    """One township's headline value for one indicator, with last year's and its rank."""

    value: float | None = None
    qualifier: str | None = None  # exact | over | under | about
    unit: str | None = None  # as the report wrote it
    fits: bool = True  # False: a unit that does not add up to the column's: shown in its own unit, marked,
    #                    in no total and no ranking
    previous: float | None = None  # last year's headline value
    previous_unit: str | None = None
    change: float | None = None  # value - previous (percentage points for a rate); None across unit groups
    change_pct: float | None = None  # None for rates, across unit groups, or when last year was 0
    rank: int | None = None  # 1 = best (largest, or smallest when fewer is better); None when not ranked
    ranked: int | None = None  # how many townships were ranked
    quote: str | None = None  # the sentence the value came from
    page: int | None = None
    file_name: str | None = None
    document_sha: str | None = None
    ocr: bool = False  # read by OCR from a scan: check against the page
    mark: str | None = None  # a clerk's review of the cell (issue 13): corrected | confirmed | doubtful
    extracted_value: float | None = None  # the value as extracted, when the clerk corrected it (else None)
    extracted_unit: str | None = None


@dataclass(frozen=True)
class CountyLine:
    """A column's county line. Sums: total, median, range; rates: median, range and pooled rate, never a total."""

    total: float | None = None
    qualifier: str = "exact"  # of the total: see aggregate.total_qualifier
    median: float | None = None
    low: float | None = None
    high: float | None = None
    pooled: float | None = None  # rates whose catalog entry names numerator and denominator
    pooled_covered: int = 0  # townships with both numerator and denominator
    covered: int = 0  # townships whose value counts
    townships: int = 0  # townships in the table
    excluded: int = 0  # values left out because of their unit

    @property
    def coverage(self) -> str:
        """7/11: seven of the table's eleven townships count in this line."""
        return f"{self.covered}/{self.townships}"


@dataclass(frozen=True)
class TownshipStatus:
    """What the county received from a township for the year; only `missing` is 未报送."""

    code: StatusCode
    file_name: str | None = None
    reason: str | None = None  # why a quarantined or unreadable file did not count (Chinese)
    ocr: bool = False  # the report is a scan read by OCR
    replaced: bool = False  # a newer version replaced an earlier report
    versions: int = 0
    other_files: int = 0  # files for the same township and year that could not be used
    read_warnings: int = 0  # what the reader could not read of the report (document_warnings): check the original

    @property
    def reported(self) -> bool:
        return self.code == "reported"


@dataclass(frozen=True)
class Row:
    township: str
    status: TownshipStatus
    cells: tuple[Cell, ...]

    @property
    def reported(self) -> bool:
        return self.status.reported


NoteKind = Literal["unit", "ocr", "replaced", "quarantined", "unreadable", "other_files", "unattributed",
                   "read_warnings"]


@dataclass(frozen=True)
class Note:
    """Something a reader of the table must know, as data; display.note_text says it in Chinese."""

    kind: NoteKind
    township: str | None = None
    column: str | None = None  # indicator code
    value: float | None = None
    qualifier: str | None = None
    unit: str | None = None
    file_name: str | None = None
    reason: str | None = None
    count: int = 0


@dataclass(frozen=True)
class PartCheck:
    """One required part of the annual report (core/data/report_parts.yaml) in one township's report."""

    code: str  # measures | leadership | shortcomings | next_year
    name: str  # 存在的不足和原因
    short: str  # 不足和原因
    present: bool | None  # None: the report's headings could not be read, so it cannot be told
    heading: str | None = None  # where it was found: the heading as the report words it
    page: int | None = None


@dataclass(frozen=True)
class Completeness:
    """Which required parts a township's report of the year has, judged by its headings."""

    township: str
    file_name: str | None
    parts: tuple[PartCheck, ...]

    @property
    def missing(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.parts if p.present is False)

    @property
    def known(self) -> bool:
        return all(p.present is not None for p in self.parts)


@dataclass(frozen=True)
class Comparison:
    year: int
    county: str | None
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    county_lines: tuple[CountyLine, ...] = ()  # one per column
    notes: tuple[Note, ...] = ()
    completeness: tuple[Completeness, ...] = ()  # the reporting townships, in row order

    @property
    def missing(self) -> tuple[str, ...]:
        """Townships without a report that counts (nothing received, unreadable or quarantined)."""
        return tuple(r.township for r in self.rows if not r.reported)

    @property
    def sections(self) -> tuple[tuple[str, str, tuple[int, ...]], ...]:
        """(section code, Chinese name, column indices) in catalog order."""
        out: dict[str, tuple[str, list[int]]] = {}
        for i, col in enumerate(self.columns):
            out.setdefault(col.section, (col.section_name, []))[1].append(i)
        return tuple((code, name, tuple(idx)) for code, (name, idx) in out.items())

    def column(self, code: str) -> Column | None:
        return next((c for c in self.columns if c.code == code), None)


@dataclass(frozen=True)
class HeadlineRow:
    """One headline as read from the warehouse (this year or last)."""

    township: str
    year: int
    indicator: str
    value: float
    unit: str | None
    qualifier: str
    quote: str | None = None
    page: int | None = None
    file_name: str | None = None
    document_sha: str | None = None
    ocr: bool = False
    mark: str | None = None  # the clerk's review: corrected | confirmed | doubtful (v_cells.review)
    extracted_value: float | None = None  # what the report was read as, when a decision changed it
    extracted_unit: str | None = None


@dataclass(frozen=True)
class ReceivedFile:
    """A file that could not be used and that no township could be tied to."""

    file_name: str
    path: str
    status: str  # rejected | quarantined
    reason: str | None


@dataclass(frozen=True)
class Selection:
    """Which indicators to show: codes or Chinese names (or parts of names), and/or one section."""

    indicators: tuple[str, ...] = ()
    section: str | None = None


@dataclass(frozen=True)
class Stored:
    """Everything `build` needs, as read from the warehouse."""

    headlines: tuple[HeadlineRow, ...] = ()
    statuses: dict[str, TownshipStatus] = field(default_factory=dict)
    townships: tuple[str, ...] = ()  # known to the warehouse, by name
    indicator_names: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    unattributed: tuple[ReceivedFile, ...] = ()
    parts: tuple[tuple[str, str | None, PartCheck], ...] = ()  # (township, file name, part), report order
    counties: tuple[str, ...] = ()  # the counties of the warehouse's townships


def comparison(db: Path, year: int, catalog: Catalog, registry: Registry | None = None,
               *, county: str | None = None, province: str | None = None,
               select: Selection = Selection(), wait_seconds: float = 30.0) -> Comparison:
    """The comparison table of `year`; a missing database gives every registry township as not received.

    `county` / `province` select part of a warehouse that holds several (a prefecture's or a province's);
    a county office's own warehouse needs neither. `select` narrows the columns (ConfigError when it names
    no indicator). Raises DatabaseBusy when the file is held by a writer longer than `wait_seconds`.
    """
    county_label = registry.county if county is None and registry else county or province
    stored = read_stored(db, year, county=county, province=province, wait_seconds=wait_seconds)
    if county_label is None and len(stored.counties) == 1:  # a county office's warehouse knows its county
        county_label = stored.counties[0]
    return build(year, county_label, catalog, registry, stored, select)


def read_stored(db: Path, year: int, *, county: str | None = None, province: str | None = None,
                wait_seconds: float = 30.0) -> Stored:
    if not Path(db).exists():
        return Stored()
    where = {"year": year, "county": county, "province": province}
    con = connect(db, read_only=True, wait_seconds=wait_seconds)
    try:
        headlines = tuple(HeadlineRow(*r) for r in con.execute(sql_text("queries/comparison_cells.sql"), where)
                          .fetchall())
        statuses = {r[0]: TownshipStatus(r[1], r[2], r[3], bool(r[4]), bool(r[5]), int(r[6] or 0), int(r[7] or 0),
                                         int(r[8] or 0))
                    for r in con.execute(sql_text("queries/township_status.sql"), where).fetchall()}
        known = tuple(r[0] for r in con.execute(sql_text("queries/known_townships.sql"),
                                                {"county": county, "province": province}).fetchall())
        names = {r[0]: (r[1], r[2]) for r in con.execute(sql_text("queries/indicator_names.sql")).fetchall()}
        parts = tuple((r[0], r[1], PartCheck(r[2], r[3], r[4], r[5], r[6], r[7]))
                      for r in con.execute(sql_text("queries/report_completeness.sql"), where).fetchall())
        unattributed: tuple[ReceivedFile, ...] = ()
        if county is None and province is None:
            unattributed = tuple(ReceivedFile(*r) for r in
                                 con.execute(sql_text("queries/unattributed_files.sql"), {"year": year}).fetchall())
        counties = tuple(r[0] for r in con.execute(sql_text("queries/county_names.sql")).fetchall())
    finally:
        con.close()
    return Stored(headlines, statuses, known, names, unattributed, parts, counties)


def build(year: int, county: str | None, catalog: Catalog, registry: Registry | None, stored: Stored,
          select: Selection = Selection()) -> Comparison:
    """The comparison from stored rows: columns, rows with cells, county lines and notes (pure)."""
    current = {(h.township, h.indicator): h for h in stored.headlines if h.year == year}
    previous = {(h.township, h.indicator): h for h in stored.headlines if h.year == year - 1}
    columns = select_columns(catalog, {h.indicator for h in current.values()}, stored.indicator_names, select)
    names = _township_order(registry, stored.townships, {h.township for h in current.values()})
    statuses = [stored.statuses.get(n, TownshipStatus("missing")) for n in names]

    grid: list[list[Cell]] = [[] for _ in names]
    lines: list[CountyLine] = []
    for col in columns:
        cells = [_cell(current.get((n, col.code)), previous.get((n, col.code)), col) for n in names]
        valued = [_valued(c) for c in cells]
        order = ranks(valued, fewer_is_better=col.fewer_is_better) if col.is_ranked else [None] * len(valued)
        ranked = sum(1 for r in order if r is not None)
        cells = [_with_rank(c, r, ranked) for c, r in zip(cells, order, strict=True)]
        for row, c in zip(grid, cells, strict=True):
            row.append(c)
        lines.append(_county_line(col, valued, current, names, catalog))

    rows = tuple(Row(n, s, tuple(cells)) for n, s, cells in zip(names, statuses, grid, strict=True))
    return Comparison(year, county, columns, rows, tuple(lines), _notes(rows, columns, stored.unattributed),
                      _completeness(names, stored.parts))


def _completeness(names: Sequence[str], parts: Sequence[tuple[str, str | None, PartCheck]]
                  ) -> tuple[Completeness, ...]:
    by_township: dict[str, tuple[str | None, list[PartCheck]]] = {}
    for township, file_name, part in parts:
        by_township.setdefault(township, (file_name, []))[1].append(part)
    return tuple(Completeness(n, by_township[n][0], tuple(by_township[n][1])) for n in names if n in by_township)


def select_columns(catalog: Catalog, codes: set[str], stored_names: dict[str, tuple[str, str | None]],
                   select: Selection = Selection()) -> tuple[Column, ...]:
    """Indicators with a value this year, in catalog order (codes the catalog lacks last), narrowed by `select`."""
    columns = [_column(i, catalog) for i in catalog.indicators if i.code in codes]
    for code in sorted(codes - set(catalog.codes)):
        name, unit = stored_names.get(code, (code, None))
        columns.append(Column(code, name or code, unit or "", adds=(normal_unit(unit),) if unit else ()))
    if select.section:
        section = catalog.find_section(select.section)
        if section is None:
            known = "、".join(f"{s.name}（{s.code}）" for s in catalog.sections)
            raise ConfigError(f"没有名为“{select.section}”的指标类别；可选：{known}")
        columns = [c for c in columns if c.section == section.code]
    if select.indicators:
        wanted = [_find_indicator(catalog, text) for text in select.indicators]
        columns = [c for c in columns if c.code in wanted]
    return tuple(columns)


def _find_indicator(catalog: Catalog, text: str) -> str:
    """An indicator by code, exact Chinese name, or a part of one name (信访 -> petitions_handled)."""
    text = text.strip()
    exact = [i.code for i in catalog.indicators if text in (i.code, i.name)]
    if exact:
        return exact[0]
    partial = [i for i in catalog.indicators if text and text in i.name]
    if len(partial) == 1:
        return partial[0].code
    if partial:
        raise ConfigError(f"“{text}”同时符合多个指标：{'、'.join(i.name for i in partial)}；请写完整的指标名称")
    raise ConfigError(f"指标目录中没有“{text}”；指标名称见 township-rollup compare 的表头或 core/data/indicators.yaml")


def _column(ind: Indicator, catalog: Catalog) -> Column:
    section = catalog.section_of(ind.code)
    pooled = (ind.numerator, ind.denominator) if ind.numerator and ind.denominator else None
    return Column(ind.code, ind.name, ind.unit, section.code, section.name, ind.is_rate, ind.fewer_is_better,
                  ind.additive_units, pooled, ind.is_ranked)


def _cell(now: HeadlineRow | None, before: HeadlineRow | None, col: Column) -> Cell:
    if now is None:
        return Cell()
    value = clean_number(now.value)
    diff = pct = None
    if before is not None and same_unit_group(now.unit, before.unit, col.adds):
        diff, pct = change(value, clean_number(before.value), is_rate=col.is_rate)
    return Cell(value, now.qualifier, now.unit, col.fits(now.unit),
                clean_number(before.value) if before else None, before.unit if before else None, diff, pct,
                None, None, now.quote, now.page, now.file_name, now.document_sha, now.ocr, now.mark,
                now.extracted_value if now.mark == "corrected" else None,
                now.extracted_unit if now.mark == "corrected" else None)


def _valued(cell: Cell) -> Valued | None:
    return None if cell.value is None else Valued(cell.value, cell.qualifier or "exact", cell.fits)


def _with_rank(cell: Cell, rank: int | None, ranked: int) -> Cell:
    if rank is None:
        return cell
    return replace(cell, rank=rank, ranked=ranked)


def _county_line(col: Column, valued: Sequence[Valued | None], current: dict[tuple[str, str], HeadlineRow],
                 names: Sequence[str], catalog: Catalog) -> CountyLine:
    s = summarise(valued, is_rate=col.is_rate)
    pooled, pooled_covered = None, 0
    if col.is_rate and col.pooled_from:
        num_code, den_code = col.pooled_from
        num_ind, den_ind = catalog.get(num_code), catalog.get(den_code)
        pairs = [(_part(current.get((n, num_code)), num_ind), _part(current.get((n, den_code)), den_ind))
                 for n in names]
        pooled, pooled_covered = pooled_rate(pairs)
    return CountyLine(s.total, s.qualifier, s.median, s.low, s.high, pooled, pooled_covered, s.covered, len(names),
                      s.excluded)


def _part(row: HeadlineRow | None, ind: Indicator | None) -> Valued | None:
    if row is None or ind is None:
        return None
    return Valued(clean_number(row.value), row.qualifier, ind.fits(row.unit))


def _notes(rows: Sequence[Row], columns: Sequence[Column], unattributed: Sequence[ReceivedFile]) -> tuple[Note, ...]:
    """Per township: its status (if not a plain report), then every value kept out for its unit."""
    notes: list[Note] = []
    for r in rows:
        s = r.status
        if s.code in ("quarantined", "unreadable"):
            notes.append(Note(s.code, r.township, file_name=s.file_name, reason=s.reason))
        if s.ocr:
            notes.append(Note("ocr", r.township, file_name=s.file_name))
        if s.replaced:
            notes.append(Note("replaced", r.township, file_name=s.file_name, count=s.versions))
        if s.other_files:
            notes.append(Note("other_files", r.township, count=s.other_files))
        if s.read_warnings:
            notes.append(Note("read_warnings", r.township, file_name=s.file_name, count=s.read_warnings))
        for cell, col in zip(r.cells, columns, strict=True):
            if cell.value is not None and not cell.fits:
                notes.append(Note("unit", r.township, col.code, cell.value, cell.qualifier, cell.unit))
    notes += [Note("unattributed", file_name=f.file_name, reason=f.reason) for f in unattributed]
    return tuple(notes)


def _township_order(registry: Registry | None, known: Sequence[str], reported: set[str]) -> list[str]:
    """Registry order when a registry is given (plus any reporting township it lacks), else by name."""
    if registry and registry.known:
        listed = [t.name for t in registry.townships]
        return listed + sorted(reported - set(listed))
    return sorted(set(known) | reported)


def latest_year(db: Path, *, wait_seconds: float = 30.0) -> int | None:
    """The newest reporting year with a loaded report: what `compare` shows when no year is given."""
    if not Path(db).exists():
        return None
    con = connect(db, read_only=True, wait_seconds=wait_seconds)
    try:
        row = con.execute(sql_text("queries/latest_year.sql")).fetchone()
    finally:
        con.close()
    return int(row[0]) if row and row[0] is not None else None


@dataclass(frozen=True)
class HistoryPoint:
    """One year's headline value of one township and indicator, with its sentence."""

    year: int
    indicator: str
    value: float
    unit: str | None
    qualifier: str
    quote: str | None
    page: int | None
    file_name: str | None


def township_history(db: Path, townships: Sequence[str], *, wait_seconds: float = 30.0
                     ) -> dict[str, tuple[HistoryPoint, ...]]:
    """Every year's headline values of `townships` (the per-township pages): township -> points by indicator, year."""
    if not Path(db).exists() or not townships:
        return {}
    con = connect(db, read_only=True, wait_seconds=wait_seconds)
    try:
        rows = con.execute(sql_text("queries/township_history.sql"), {"townships": list(townships)}).fetchall()
    finally:
        con.close()
    out: dict[str, list[HistoryPoint]] = {}
    for t, y, ind, value, unit, qualifier, quote, page, file_name in rows:
        out.setdefault(t, []).append(HistoryPoint(int(y), ind, clean_number(value), unit, qualifier, quote, page,
                                                  file_name))
    return {t: tuple(points) for t, points in out.items()}


WIDE_SOURCE = """
CREATE OR REPLACE TEMP TABLE wide_source AS
SELECT township, indicator, value FROM v_township_year_indicator WHERE year = ?
"""
WIDE_PIVOT = "PIVOT wide_source ON indicator USING first(value) GROUP BY township ORDER BY township"


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
