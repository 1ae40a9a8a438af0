"""Read-only look-ups behind the workbench's pages: a cell's mentions, a township's years, what went wrong.

Every function takes an open connection (the caller decides how long the file stays open: the workbench opens
it per page and closes it at once, see township_rollup/web/warehouse_access.py) and returns frozen records.
The SQL is in browse.sql, one "-- name:" section per statement.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from functools import cache

import duckdb

from warehouse.compare import Completeness, PartCheck
from warehouse.db import sql_text

_SECTION = re.compile(r"^-- name: (\w+)\s*$", re.MULTILINE)


@cache
def statements() -> dict[str, str]:
    """browse.sql split at its "-- name: x" lines: name -> SQL."""
    text = sql_text("browse.sql")
    parts = _SECTION.split(text)
    return {parts[i]: parts[i + 1].strip().rstrip(";") for i in range(1, len(parts), 2)}


def _rows(con: duckdb.DuckDBPyConnection, name: str, params: dict[str, object] | None = None) -> list[tuple]:
    return con.execute(statements()[name], params or {}).fetchall()


@dataclass(frozen=True)
class Mention:
    """One statement of an indicator in a report (a statistics row); headline_rank 1 is the table's value."""

    value: float
    unit: str | None
    qualifier: str
    quote: str | None
    page: int | None  # 1-based; None for formats without pages
    start: int | None  # character offsets of the quote in the report's extracted text
    end: int | None
    heading_path: tuple[str, ...]
    ocr: bool
    ordinal: int
    document_sha: str
    file_name: str | None
    headline_rank: int
    is_total: bool


@dataclass(frozen=True)
class DocumentInfo:
    sha256: str
    file_name: str
    path: str
    format: str | None
    pages: int | None
    township: str | None
    year: int | None
    title: str | None
    status: str  # loaded | quarantined | rejected
    ocr: bool
    is_current: bool
    ingested_at: datetime
    error: str | None
    superseded_by: str | None


@dataclass(frozen=True)
class SeriesPoint:
    """A township's headline value of one indicator in one year."""

    year: int
    indicator: str
    indicator_name: str
    value: float
    unit: str | None
    catalog_unit: str | None
    qualifier: str


@dataclass(frozen=True)
class DocumentVersion:
    year: int | None
    version: int  # 1 = the first received for that township and year
    is_current: bool
    status: str
    sha256: str
    file_name: str
    title: str | None
    ingested_at: datetime
    statistics: int
    error: str | None
    ocr: bool
    format: str | None
    superseded_by_file: str | None


@dataclass(frozen=True)
class QuarantinedRow:
    kind: str  # document | statistic
    township: str | None
    year: int | None
    indicator: str | None
    rule: str
    reason: str  # Chinese, for the clerk
    file_name: str | None
    quarantined_at: datetime
    quote: str | None
    value: float | None
    unit: str | None


@dataclass(frozen=True)
class WarningRow:
    township: str | None
    year: int | None
    indicator: str | None
    value: float | None
    unit: str | None
    quote: str | None
    rule: str
    reason: str
    file_name: str | None
    created_at: datetime


@dataclass(frozen=True)
class RejectedFile:
    file_name: str
    path: str
    error: str | None
    error_kind: str | None
    ingested_at: datetime


@dataclass(frozen=True)
class LoadRun:
    load_id: str
    started_at: datetime
    finished_at: datetime | None
    source: str | None
    status: str  # completed | failed
    error: str | None
    files: int
    documents_loaded: int
    documents_unchanged: int
    documents_rejected: int
    documents_quarantined: int
    documents_superseded: int
    statistics_loaded: int
    warnings: int

    @property
    def run_id(self) -> str:
        """The run a load belongs to: a run of many reports loads as run-1, run-2, ... (pipeline.spool)."""
        head, _, tail = self.load_id.rpartition("-")
        return head if tail.isdigit() and "-" in head else self.load_id


@dataclass(frozen=True)
class LoadFile:
    """What one run did with one file; `replaced` names the older versions a loaded file replaced."""

    load_id: str
    path: str
    file_name: str
    sha256: str | None
    outcome: str  # loaded | unchanged | rejected | quarantined | superseded | skipped | duplicate
    township: str | None
    year: int | None
    reason: str | None
    error_kind: str | None
    replaced: str | None


def years(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Years with a loaded current report, newest first."""
    return [r[0] for r in _rows(con, "years")]


def townships(con: duckdb.DuckDBPyConnection) -> list[str]:
    return [r[0] for r in _rows(con, "townships")]


def mentions(con: duckdb.DuckDBPyConnection, township: str, year: int, indicator: str) -> tuple[Mention, ...]:
    """Every mention of `indicator` in the township's current report for `year`, the headline first."""
    rows = _rows(con, "mentions", {"township": township, "year": year, "indicator": indicator})
    return tuple(Mention(r[0], r[1], r[2], r[3], r[4], r[5], r[6], tuple(r[7] or ()), bool(r[8]), r[9], r[10], r[11],
                         r[12], bool(r[13])) for r in rows)


def document(con: duckdb.DuckDBPyConnection, sha256: str) -> DocumentInfo | None:
    rows = _rows(con, "document", {"sha": sha256})
    return _document(rows[0]) if rows else None


def current_document(con: duckdb.DuckDBPyConnection, township: str, year: int) -> DocumentInfo | None:
    rows = _rows(con, "current_document", {"township": township, "year": year})
    return _document(rows[0]) if rows else None


def _document(r: tuple) -> DocumentInfo:
    return DocumentInfo(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], bool(r[9]), bool(r[10]), r[11], r[12],
                        r[13])


def township_series(con: duckdb.DuckDBPyConnection, township: str) -> tuple[SeriesPoint, ...]:
    """Headline values of every indicator over the years, ordered by indicator then year."""
    return tuple(SeriesPoint(*r) for r in _rows(con, "township_series", {"township": township}))


def township_documents(con: duckdb.DuckDBPyConnection, township: str) -> tuple[DocumentVersion, ...]:
    """Every report received for the township (loaded or quarantined), newest year and version first."""
    return tuple(DocumentVersion(r[0], r[1], bool(r[2]), r[3], r[4], r[5], r[6], r[7], r[8], r[9], bool(r[10]),
                                 r[11], r[12]) for r in _rows(con, "township_documents", {"township": township}))


def quarantined(con: duckdb.DuckDBPyConnection, limit: int = 500) -> tuple[QuarantinedRow, ...]:
    return tuple(QuarantinedRow(*r) for r in _rows(con, "quarantined", {"limit": limit}))


def warnings(con: duckdb.DuckDBPyConnection, limit: int = 500) -> tuple[WarningRow, ...]:
    return tuple(WarningRow(*r) for r in _rows(con, "warnings", {"limit": limit}))


def rejected(con: duckdb.DuckDBPyConnection, limit: int = 500) -> tuple[RejectedFile, ...]:
    """Files that could not be read (a rejected file is tried again by the next run that sees it)."""
    return tuple(RejectedFile(*r) for r in _rows(con, "rejected", {"limit": limit}))


def loads(con: duckdb.DuckDBPyConnection, limit: int = 20) -> tuple[LoadRun, ...]:
    return tuple(LoadRun(*r) for r in _rows(con, "loads", {"limit": limit}))


def load_files(con: duckdb.DuckDBPyConnection, run_id: str) -> tuple[LoadFile, ...]:
    """Every file of a run (its sub-batches included), the ones needing attention first."""
    return tuple(LoadFile(*r) for r in _rows(con, "load_files", {"run": run_id}))


@dataclass(frozen=True)
class ReaderWarning:
    """Something the reader could not read of a report: its numbers there may be missing (check the original)."""

    township: str | None
    year: int | None
    file_name: str
    page: int | None
    message: str  # Chinese, e.g. 第2页的文字未能全部读取（约 40 个字，12%），请核对原件
    document_sha: str


def reader_warnings(con: duckdb.DuckDBPyConnection, township: str | None = None, limit: int = 500
                    ) -> tuple[ReaderWarning, ...]:
    """Reader warnings of every report, or of one township's, newest year first."""
    return tuple(ReaderWarning(*r) for r in _rows(con, "reader_warnings", {"township": township, "limit": limit}))


def township_completeness(con: duckdb.DuckDBPyConnection, township: str) -> tuple[tuple[int, Completeness], ...]:
    """(year, which required parts its current report has), newest year first: as the comparison's 报告完整性."""
    years: dict[int, tuple[str | None, list[PartCheck]]] = {}
    for r in _rows(con, "township_completeness", {"township": township}):
        years.setdefault(r[8], (r[1], []))[1].append(PartCheck(r[2], r[3], r[4], r[5], r[6], r[7]))
    return tuple((year, Completeness(township, file_name, tuple(parts))) for year, (file_name, parts) in years.items())


@dataclass(frozen=True)
class CellReview:
    """A cell in the clerk's review: review is corrected | confirmed | doubtful | None (nothing to check)."""

    review: str | None
    action: str | None  # the decision in effect: confirm | correct | remove | add
    value: float | None  # the value the table shows (the corrected one when corrected)
    unit: str | None
    qualifier: str | None
    extracted_value: float | None
    extracted_unit: str | None
    extracted_qualifier: str | None
    reviewed_by: str | None
    reviewed_at: datetime | None
    reason: str | None
    doubts: tuple[str, ...]  # why to check it, Chinese


def cell_review(con: duckdb.DuckDBPyConnection, township: str, year: int, indicator: str) -> CellReview | None:
    """The review state of one cell; for a cell the table lacks, the reasons the review lists it (if any)."""
    params = {"township": township, "year": year, "indicator": indicator}
    rows = _rows(con, "cell_review", params)
    if rows:
        r = rows[0]
        return CellReview(*r[:11], tuple(r[11] or ()))
    missing = _rows(con, "cell_not_found", params)
    if missing:
        return CellReview("doubtful", None, None, None, None, None, None, None, None, None, None,
                          tuple(missing[0][0] or ()))
    return None

