"""Loading a validated batch into the warehouse in one transaction.

The database holds the whole batch or none of it: every row of a run, its loads row and its
load_files rows commit together, so a crash or SIGKILL mid-load leaves the previous state and
a rerun redoes the batch. The file is opened late and closed early so analysts can read it
between runs.

Validation results: load_batch writes validation_results itself, in the same transaction, from
batch.findings (see plan.rule_results_from), or from `rule_results` when validation passes its
own per-rule tallies (then rules that failed nowhere are listed too). record_validation() writes
such rows on a connection you already hold.
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from core.catalog import OTHER, Catalog
from core.records import Skipped, SourceFile, ValidatedBatch
from core.registry import Registry
from core.report_parts import load_report_parts
from core.safe_text import display_path
from core.units import clean_number
from warehouse import statements as sql
from warehouse.corrections import carry_over, refresh_decisions
from warehouse.db import connect
from warehouse.plan import DocumentRow, FileOutcome, LoadPlan, RuleResult, StoredDocument, plan_load
from warehouse.review_facts import refresh_doubts

__all__ = ["FileOutcome", "LoadSummary", "RuleResult", "RunInfo", "headline_values", "known_hashes",
           "load_batch", "record_validation"]


@dataclass(frozen=True)
class RunInfo:
    load_id: str
    started_at: datetime
    source: str
    county: str | None = None


@dataclass(frozen=True)
class LoadSummary:
    load_id: str
    files: tuple[FileOutcome, ...]
    documents_loaded: int
    documents_unchanged: int
    documents_rejected: int
    documents_quarantined: int
    documents_superseded: int
    statistics_loaded: int
    statistics_quarantined: int
    warnings: int
    documents_with_warnings: int = 0  # loaded or quarantined with reader warnings (document_warnings)
    corrections_carried: int = 0  # the clerk's decisions carried over to a newer report of the same township-year
    corrections_to_recheck: int = 0  # decisions whose number changed in the newer report: those cells ask again


def known_hashes(db: Path, *, wait_seconds: float = 30.0) -> frozenset[str]:
    """sha256 of documents loaded or quarantined: the flow need not read them again.

    Rejected files are not included: their cause (e.g. OCR missing) may be fixed by the next run.
    """
    if not Path(db).exists():
        return frozenset()
    con = connect(db, read_only=True, wait_seconds=wait_seconds)
    try:
        if not _has_table(con, "documents"):
            return frozenset()
        return frozenset(r[0] for r in con.execute(sql.KNOWN_HASHES).fetchall())
    finally:
        con.close()


def headline_values(db: Path, years: Iterable[int], *, wait_seconds: float = 30.0
                    ) -> dict[tuple[str, int, str], float]:
    """(township, year, indicator) -> headline value of the current report, for the given years."""
    years = sorted({int(y) for y in years})
    if not years or not Path(db).exists():
        return {}
    con = connect(db, read_only=True, wait_seconds=wait_seconds)
    try:
        if not _has_table(con, "documents"):
            return {}
        rows = con.execute(sql.HEADLINE_VALUES, [years]).fetchall()
    finally:
        con.close()
    return {(t, int(y), i): float(v) for t, y, i, v in rows}


def load_batch(
    db: Path,
    batch: ValidatedBatch,
    registry: Registry,
    catalog: Catalog,
    run: RunInfo,
    *,
    unchanged: Sequence[SourceFile] = (),
    skipped: Sequence[Skipped] = (),
    rule_results: Sequence[RuleResult] | None = None,
    wait_seconds: float = 30.0,
) -> LoadSummary:
    """Write the batch in one transaction and return what happened to every file.

    Raises DatabaseBusy when another process holds the file longer than `wait_seconds`
    (nothing is written then). Raises ValueError when `run.load_id` already completed.
    """
    con = connect(db, wait_seconds=wait_seconds)
    try:
        con.execute("BEGIN TRANSACTION")
        try:
            _check_load_id(con, run.load_id)
            shas = sorted({e.source.sha256 for e in batch.extractions if e.source.sha256}
                          | {s.sha256 for s in unchanged})
            plan = plan_load(batch, _stored(con, shas), _current(con, batch), unchanged=unchanged, skipped=skipped)
            summary = _summary(run.load_id, plan)
            carried, left = _write(con, plan, batch, registry, catalog, run, summary, rule_results)
            summary = dataclasses.replace(summary, corrections_carried=carried, corrections_to_recheck=left)
            con.execute("COMMIT")
        except BaseException as exc:
            with contextlib.suppress(duckdb.Error):
                con.execute("ROLLBACK")
            if isinstance(exc, Exception) and not isinstance(exc, ValueError):
                _record_failure(con, run, exc)
            raise
        return summary
    finally:
        con.close()


def record_validation(con: duckdb.DuckDBPyConnection, load_id: str, rows: Iterable[RuleResult]) -> None:
    """Write (replace) the validation_results rows of a load on an open write connection."""
    rows = list(rows)
    con.execute(sql.DELETE_VALIDATION_RESULTS, [load_id])
    if rows:
        con.execute(sql.INSERT_VALIDATION_RESULTS, [
            load_id, [r.rule for r in rows], [r.severity for r in rows], [r.checked for r in rows],
            [r.failed for r in rows],
        ])


def refresh_headlines(con: duckdb.DuckDBPyConnection, townships: Iterable[str]) -> None:
    """Recompute the headlines table for these townships (all their years) on an open write connection."""
    if con.execute(sql.HEADLINES_MISSING).fetchone()[0]:
        con.execute(sql.REBUILD_HEADLINES)
        return
    names = sorted(townships)
    if names:
        con.execute(sql.DELETE_HEADLINES, [names])
        con.execute(sql.INSERT_HEADLINES, [names])


# ---- reading what is stored ----

def _has_table(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    row = con.execute(sql.TABLE_EXISTS, [name]).fetchone()
    return bool(row and row[0])


def _check_load_id(con: duckdb.DuckDBPyConnection, load_id: str) -> None:
    row = con.execute(sql.LOAD_STATUS, [load_id]).fetchone()
    if row is None:
        return
    if row[0] == "completed":
        raise ValueError(f"load {load_id} already completed; start a new run with a new load_id")
    con.execute(sql.DELETE_FAILED_LOAD, [load_id])


def _stored(con: duckdb.DuckDBPyConnection, shas: list[str]) -> dict[str, StoredDocument]:
    if not shas:
        return {}
    rows = con.execute(sql.STORED_DOCUMENTS, [shas]).fetchall()
    return {r[0]: StoredDocument(*r) for r in rows}


def _current(con: duckdb.DuckDBPyConnection, batch: ValidatedBatch) -> dict[tuple[str, int], str]:
    townships = sorted({e.facts.township for e in batch.extractions if e.facts.township})
    if not townships:
        return {}
    rows = con.execute(sql.CURRENT_DOCUMENTS, [townships]).fetchall()
    return {(t, int(y)): sha for t, y, sha in rows}


# ---- writing ----

def _utc(moment: datetime) -> datetime:
    """Naive UTC: the warehouse stores TIMESTAMP (no zone) in UTC."""
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(UTC).replace(tzinfo=None)


def _mtime(seconds: float) -> datetime | None:
    return datetime.fromtimestamp(seconds, UTC).replace(tzinfo=None) if seconds else None


def _write(con: duckdb.DuckDBPyConnection, plan: LoadPlan, batch: ValidatedBatch, registry: Registry,
           catalog: Catalog, run: RunInfo, summary: LoadSummary, rule_results: Sequence[RuleResult] | None
           ) -> tuple[int, int]:
    """Every row of the plan; returns the clerk's decisions (carried over, left to check again)."""
    at = _utc(run.started_at)
    _write_townships(con, plan, registry, run, at)
    _write_indicators(con, plan, catalog)
    _write_report_parts(con)
    _write_documents(con, plan, run, at)
    _write_statistics(con, plan, run)
    _write_quarantine(con, plan, run, at)
    _write_warnings(con, plan, run, at)
    _write_document_warnings(con, plan, run)
    _write_load(con, plan, batch, run, at, summary)
    touched = {d.extraction.facts.township for d in plan.documents if d.extraction.facts.township}
    refresh_headlines(con, touched)
    record_validation(con, run.load_id, plan.rule_results if rule_results is None else rule_results)
    carried = carry_over(con, plan.supersede, at)
    refresh_decisions(con, touched)
    refresh_doubts(con, catalog, touched)
    return carried


def _write_townships(con: duckdb.DuckDBPyConnection, plan: LoadPlan, registry: Registry, run: RunInfo,
                     at: datetime) -> None:
    listed = {t.name: t for t in registry.townships}
    if listed:
        con.execute(sql.UPSERT_REGISTRY_TOWNSHIPS, [
            list(listed), [registry.county or run.county] * len(listed),
            [t.code for t in listed.values()], [list(t.aliases) for t in listed.values()], at,
        ])
    found: dict[str, str | None] = {}
    for row in plan.documents:
        f = row.extraction.facts
        if row.status == "loaded" and f.township and f.township not in listed:
            found.setdefault(f.township, f.county or registry.county or run.county)
    if found:
        con.execute(sql.INSERT_FOUND_TOWNSHIPS, [list(found), list(found.values()), at])


def _write_indicators(con: duckdb.DuckDBPyConnection, plan: LoadPlan, catalog: Catalog) -> None:
    inds = catalog.indicators
    con.execute(sql.MARK_INDICATORS_OUT_OF_CATALOG)
    if inds:
        sections = [catalog.section_of(i.code) for i in inds]
        con.execute(sql.UPSERT_CATALOG_INDICATORS, [
            [i.code for i in inds], [i.name for i in inds], [i.unit for i in inds], [i.parent for i in inds],
            list(range(len(inds))), [s.code for s in sections], [s.name for s in sections],
            ["rate" if i.is_rate else "sum" for i in inds], [i.better or "more" for i in inds],
            [list(i.additive_units) for i in inds], [i.numerator for i in inds], [i.denominator for i in inds],
        ])
    seen = sorted({r.statistic.indicator for r in plan.statistics} | {OTHER})
    con.execute(sql.INSERT_UNKNOWN_INDICATORS, [seen, [catalog.name(c) if c == OTHER else c for c in seen]])


def _write_documents(con: duckdb.DuckDBPyConnection, plan: LoadPlan, run: RunInfo, at: datetime) -> None:
    docs = plan.documents
    replaced = [d.extraction.source.sha256 for d in docs if d.replaces_rejected]
    if replaced:
        con.execute(sql.DELETE_DOCUMENTS, [replaced])
    if docs:
        e = [d.extraction for d in docs]
        con.execute(sql.INSERT_DOCUMENTS, [
            [x.source.sha256 for x in e], [Path(x.source.shown).name for x in e], [x.source.shown for x in e],
            [x.format or x.source.kind for x in e], [x.pages for x in e], [x.source.size for x in e],
            [_mtime(x.source.mtime) for x in e], [x.facts.township for x in e],
            [x.facts.township_as_written for x in e], [x.facts.county or run.county for x in e],
            [x.facts.province for x in e], [x.facts.year for x in e], [x.facts.title for x in e],
            [d.status for d in docs], [d.error for d in docs], [x.error_kind for x in e], [x.ocr for x in e],
            [x.text_chars for x in e], at, run.load_id, [d.superseded_by for d in docs],
            [d.is_current for d in docs], [None if d.status == "rejected" else len(x.headings) for d, x in zip(
                docs, e, strict=True)],
        ])
        _write_headings(con, [d for d in docs if d.status != "rejected"])
    for old, new in plan.supersede:
        con.execute(sql.SUPERSEDE_DOCUMENT, [new, old])


def _write_headings(con: duckdb.DuckDBPyConnection, docs: Sequence[DocumentRow]) -> None:
    """Each report's numbered headings (v_report_completeness checks the report's parts by them)."""
    rows = [(d.extraction.source.sha256, n, h) for d in docs for n, h in enumerate(d.extraction.headings)]
    con.execute(sql.DELETE_HEADINGS_OF, [[d.extraction.source.sha256 for d in docs]])
    for i in range(0, len(rows), INSERT_SLICE):
        part = rows[i : i + INSERT_SLICE]
        con.execute(sql.INSERT_HEADINGS, [[s for s, _, _ in part], [n for _, n, _ in part],
                                          [h.level for _, _, h in part], [h.text for _, _, h in part],
                                          [h.start for _, _, h in part], [h.page for _, _, h in part]])


def _write_report_parts(con: duckdb.DuckDBPyConnection) -> None:
    parts = load_report_parts()
    con.execute(sql.DELETE_REPORT_PARTS)
    con.execute(sql.INSERT_REPORT_PARTS, [[p.code for p in parts], [p.name for p in parts],
                                          [p.short for p in parts], list(range(len(parts))),
                                          [list(p.cues) for p in parts]])


# Rows per INSERT: DuckDB turns each parameter list into a LIST value in memory, so one call for a
# province's 120,000 statistics peaked at ~300 MB; slices keep a load's memory flat in its size.
INSERT_SLICE = 10_000


def _write_statistics(con: duckdb.DuckDBPyConnection, plan: LoadPlan, run: RunInfo) -> None:
    for i in range(0, len(plan.statistics), INSERT_SLICE):
        rows = plan.statistics[i : i + INSERT_SLICE]
        s = [r.statistic for r in rows]
        con.execute(sql.INSERT_STATISTICS, [
            [r.sha256 for r in rows], [r.ordinal for r in rows], [x.indicator for x in s],
            [clean_number(x.value) for x in s], [x.unit for x in s], [x.qualifier for x in s], [x.quote for x in s],
            [x.page for x in s], [x.start for x in s], [x.end for x in s], [list(x.heading_path) for x in s],
            [x.ocr for x in s], run.load_id, [x.role for x in s], [float(x.confidence) for x in s],
            [x.evidence.cue for x in s], [x.evidence.place for x in s], [x.evidence.distance for x in s],
            [x.evidence.generic for x in s], [x.evidence.rule for x in s], [x.evidence.role_by for x in s],
            [x.context for x in s],
        ])


def _write_quarantine(con: duckdb.DuckDBPyConnection, plan: LoadPlan, run: RunInfo, at: datetime) -> None:
    q = plan.quarantine
    if not q:
        return
    con.execute(sql.INSERT_QUARANTINE, [
        run.load_id, [r.kind for r in q], [r.sha256 for r in q], [r.ordinal for r in q], [r.township for r in q],
        [r.year for r in q], [r.indicator for r in q], [r.data for r in q], [r.rule for r in q],
        [r.severity for r in q], [r.reason for r in q], at,
    ])


def _write_warnings(con: duckdb.DuckDBPyConnection, plan: LoadPlan, run: RunInfo, at: datetime) -> None:
    w = plan.warnings
    if not w:
        return
    con.execute(sql.INSERT_WARNINGS, [
        run.load_id, [r.sha256 for r in w], [r.ordinal for r in w], [r.rule for r in w], [r.reason for r in w], at,
    ])


def _write_document_warnings(con: duckdb.DuckDBPyConnection, plan: LoadPlan, run: RunInfo) -> None:
    w = plan.document_warnings
    if not w:
        return
    con.execute(sql.INSERT_DOCUMENT_WARNINGS, [
        [r.sha256 for r in w], [r.position for r in w], [r.warning.kind for r in w], [r.warning.page for r in w],
        [r.warning.message for r in w], run.load_id,
    ])


def _write_load(con: duckdb.DuckDBPyConnection, plan: LoadPlan, batch: ValidatedBatch, run: RunInfo,
                at: datetime, summary: LoadSummary) -> None:
    o = plan.outcomes
    if o:
        con.execute(sql.INSERT_LOAD_FILES, [
            run.load_id, [x.path for x in o], [Path(x.path).name for x in o], [x.sha256 for x in o],
            [x.outcome for x in o], [x.township for x in o], [x.year for x in o], [x.reason for x in o],
        ])
    con.execute(sql.INSERT_LOAD, [
        run.load_id, at, _utc(datetime.now(UTC)), run.source, run.county, "completed", None, len(o),
        summary.documents_loaded, summary.documents_unchanged, summary.documents_rejected,
        summary.documents_quarantined, summary.documents_superseded, summary.statistics_loaded,
        summary.statistics_quarantined, summary.warnings, batch.seconds,
        display_path(batch.data_docs) if batch.data_docs else None, summary.documents_with_warnings,
    ])


def _record_failure(con: duckdb.DuckDBPyConnection, run: RunInfo, exc: Exception) -> None:
    """Best effort: list the failed run in loads (its rows were rolled back)."""
    with contextlib.suppress(duckdb.Error):
        con.execute(sql.INSERT_LOAD, [
            run.load_id, _utc(run.started_at), _utc(datetime.now(UTC)), run.source, run.county, "failed",
            f"{type(exc).__name__}: {exc}", 0, 0, 0, 0, 0, 0, 0, 0, 0, None, None, 0,
        ])


def _summary(load_id: str, plan: LoadPlan) -> LoadSummary:
    def count(outcome: str) -> int:
        return sum(1 for o in plan.outcomes if o.outcome == outcome)

    quarantined_rows = {(q.sha256, q.ordinal) for q in plan.quarantine if q.kind == "statistic"}
    return LoadSummary(
        load_id=load_id,
        files=plan.outcomes,
        documents_loaded=count("loaded"),
        documents_unchanged=count("unchanged"),
        documents_rejected=count("rejected"),
        documents_quarantined=count("quarantined"),
        documents_superseded=plan.superseded_count,
        statistics_loaded=len(plan.statistics),
        statistics_quarantined=len(quarantined_rows),
        warnings=len(plan.warnings),
        documents_with_warnings=len({w.sha256 for w in plan.document_warnings}),
    )
