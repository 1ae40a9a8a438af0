"""The clerk's decisions on table cells: written once, never updated, carried over to a newer report.

A decision (confirm / correct / remove / add) is about the number a cell shows on the current report, and
is recorded with that number (its statistic, value, unit, qualifier and quote), who made it, when and how.
`record_decisions` writes a set of decisions in one transaction, all or none, after checking each cell is
still as the clerk saw it (`CellState.token`). Validation of the values is the caller's job
(`pipeline.review` runs the ingestion rules first); this module only refuses what cannot be stored.

When a load replaces a report (superseding), `carry_over` copies each decision of the old report onto the new
one where the number it was about still stands there (same quote, or same value and unit); the others are
left behind, and the cell asks to be checked again (warehouse.doubt, report_updated). Both stay in the audit
trail (v_corrections_audit).
"""

from __future__ import annotations

import contextlib
import hashlib
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from core.catalog import Catalog
from core.records import QUALIFIERS
from core.units import unit_group
from warehouse.db import connect
from warehouse.review_facts import refresh_doubts, run

ACTIONS: tuple[str, ...] = ("confirm", "correct", "remove", "add")
ACTION_LABEL = {"confirm": "确认", "correct": "更正", "remove": "删除", "add": "补录"}
VIAS: tuple[str, ...] = ("workbook", "command", "web")


@dataclass(frozen=True)
class Decision:
    """What a clerk decided about one cell. `value`/`unit`/`qualifier` for correct and add (unit defaults to
    the extracted one, then the indicator's; qualifier to exact). `expected_state`: the `CellState.token` the
    clerk saw; when given and the cell changed since, nothing of the batch is written (StaleCells)."""

    township: str
    year: int
    indicator: str
    action: str  # confirm | correct | remove | add
    value: float | None = None
    unit: str | None = None
    qualifier: str | None = None
    reason: str = ""
    expected_state: str | None = None
    label: str | None = None  # how messages name the cell, e.g. 第7行 东关镇 普法宣传活动

    @property
    def cell(self) -> str:
        return self.label or f"{self.township} {self.year}年 {self.indicator}"


@dataclass(frozen=True)
class CellState:
    """What a decision about a cell depends on: the current report, the number shown, the latest decision."""

    township: str
    year: int
    indicator: str
    document_sha: str | None  # the current report; None when the township has none loaded for the year
    ordinal: int | None  # the headline statistic shown (None: the table has no extracted value)
    value: float | None
    unit: str | None
    qualifier: str | None
    quote: str | None
    latest_correction: int | None

    @property
    def token(self) -> str:
        """16 hex digits that change whenever the report, the extracted number or the decisions change."""
        parts = (self.township, self.year, self.indicator, self.document_sha, self.ordinal, self.value, self.unit,
                 self.qualifier, self.latest_correction)
        return hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()[:16]


class CorrectionRefused(Exception):
    """Some decisions cannot be applied; `problems` says which and why (Chinese). Nothing was written."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(self.problems))


class StaleCells(CorrectionRefused):
    """Cells changed since the clerk saw them (a new report, another decision). Nothing was written."""


def cell_state(con: duckdb.DuckDBPyConnection, township: str, year: int, indicator: str) -> CellState:
    return cell_states(con, [(township, year, indicator)])[(township, year, indicator)]


def cell_states(con: duckdb.DuckDBPyConnection, cells: Iterable[tuple[str, int, str]]
                ) -> dict[tuple[str, int, str], CellState]:
    """The state of each (township, year, indicator), in one query."""
    keys = list(dict.fromkeys(cells))
    if not keys:
        return {}
    rows = run(con, "cell_states", townships=[k[0] for k in keys], years=[k[1] for k in keys],
               indicators=[k[2] for k in keys])
    return {(r[0], int(r[1]), r[2]): CellState(r[0], int(r[1]), r[2], *r[3:]) for r in rows}


def problem(d: Decision, state: CellState, indicator_unit: str | None) -> str | None:
    """Why `d` cannot be stored against `state` (Chinese), or None. Values are checked by validation first."""
    where = d.cell
    if d.action not in ACTIONS:
        return f"{where}：无法识别的处理方式“{d.action}”（应为确认、更正、删除或补录）"
    if state.document_sha is None:
        return f"{where}：该乡镇本年度没有已入库的报告，无法核对"
    shown = state.value is not None
    if d.action == "remove" and not shown:
        return f"{where}：表中没有提取到的数字，无需删除"
    if d.action == "correct" and not shown:
        return f"{where}：表中没有提取到的数字；要填入报告中的数字，请用“补录”"
    if d.action == "add" and shown:
        return f"{where}：表中已有提取到的数字{_number(state.value)}{state.unit or ''}；要改为别的数字，请用“更正”"
    if d.action in ("correct", "add"):
        if d.value is None or isinstance(d.value, bool) or not math.isfinite(float(d.value)):
            return f"{where}：没有填写更正后的数字"
        if not (d.unit or state.unit or indicator_unit):
            return f"{where}：没有填写单位"
        if (d.qualifier or "exact") not in QUALIFIERS:
            return f"{where}：限定词“{d.qualifier}”无法识别"
    return None


def record_decisions(db: Path, decisions: Sequence[Decision], catalog: Catalog, *, who: str, via: str,
                     at: datetime | None = None, wait_seconds: float = 30.0) -> tuple[int, ...]:
    """Write every decision in one transaction and recompute the doubts they touch; returns the new ids.

    Raises StaleCells when a cell's `expected_state` no longer matches, CorrectionRefused for a decision that
    cannot be stored (remove of an empty cell, a township without a report, ...), ValueError for an unknown
    `via` or an empty `who`; nothing is written then. DatabaseBusy as warehouse.db.connect.
    """
    if via not in VIAS:
        raise ValueError(f"via must be one of {VIAS}, not {via!r}")
    if not who.strip():
        raise ValueError("who is empty: every decision names who made it")
    moment = _utc(at or datetime.now(UTC))
    con = connect(db, wait_seconds=wait_seconds)
    try:
        con.execute("BEGIN TRANSACTION")
        try:
            ids = _record(con, decisions, catalog, who.strip(), via, moment)
            refresh_decisions(con, {d.township for d in decisions})
            refresh_doubts(con, catalog, {d.township for d in decisions})
            con.execute("COMMIT")
        except BaseException:
            with contextlib.suppress(duckdb.Error):
                con.execute("ROLLBACK")
            raise
    finally:
        con.close()
    return ids


def _record(con: duckdb.DuckDBPyConnection, decisions: Sequence[Decision], catalog: Catalog, who: str, via: str,
            at: datetime) -> tuple[int, ...]:
    known = cell_states(con, [(d.township, d.year, d.indicator) for d in decisions])
    states = [known[(d.township, d.year, d.indicator)] for d in decisions]
    stale = stale_problems(decisions, states)
    if stale:
        raise StaleCells(stale)
    problems = [p for d, s in zip(decisions, states, strict=True)
                if (p := problem(d, s, _unit_of(catalog, d.indicator))) is not None]
    seen: set[tuple[str, int, str]] = set()
    for d in decisions:
        key = (d.township, d.year, d.indicator)
        if key in seen:
            problems.append(f"{d.cell}：同一格填了两次，请只保留一个处理")
        seen.add(key)
    if problems:
        raise CorrectionRefused(problems)
    ids = []
    for d, s in zip(decisions, states, strict=True):
        value, unit, qualifier = _outcome(d, s, catalog)
        ids.append(_insert(con, d.township, d.year, d.indicator, d.action, s, value, unit, qualifier, d.reason, who,
                           at, via, None))
    return tuple(ids)


def stale_problems(decisions: Sequence[Decision], states: Sequence[CellState]) -> list[str]:
    """Why each decision whose `expected_state` no longer matches its cell is out of date (Chinese)."""
    return [f"{d.cell}：{_what_changed(s)}；请重新导出复核表（或刷新页面）后再核对"
            for d, s in zip(decisions, states, strict=True)
            if d.expected_state is not None and d.expected_state != s.token]


def check_stale(db: Path, decisions: Sequence[Decision], *, wait_seconds: float = 30.0) -> None:
    """Raise StaleCells when a decision's cell changed since the clerk saw it (read-only; the write checks again)."""
    if all(d.expected_state is None for d in decisions):
        return
    con = connect(db, read_only=True, wait_seconds=wait_seconds)
    try:
        known = cell_states(con, [(d.township, d.year, d.indicator) for d in decisions])
    finally:
        con.close()
    stale = stale_problems(decisions, [known[(d.township, d.year, d.indicator)] for d in decisions])
    if stale:
        raise StaleCells(stale)


def _outcome(d: Decision, s: CellState, catalog: Catalog) -> tuple[float | None, str | None, str | None]:
    if d.action == "confirm":
        return s.value, s.unit, s.qualifier
    if d.action == "remove":
        return None, None, None
    unit = d.unit or s.unit or _unit_of(catalog, d.indicator)
    return float(d.value), unit, d.qualifier or "exact"  # type: ignore[arg-type]


def _insert(con: duckdb.DuckDBPyConnection, township: str, year: int, indicator: str, action: str, s: CellState,
            value: float | None, unit: str | None, qualifier: str | None, reason: str, who: str, at: datetime,
            via: str, carried_from: int | None) -> int:
    rows = run(con, "insert_correction", township=township, year=year, indicator=indicator, action=action,
               document_sha=s.document_sha, statistic_ordinal=s.ordinal, extracted_value=s.value,
               extracted_unit=s.unit, extracted_qualifier=s.qualifier, extracted_quote=s.quote, value=value,
               unit=unit, qualifier=qualifier, reason=reason or None, who=who, at=at, via=via,
               carried_from=carried_from)
    return int(rows[0][0])


def refresh_decisions(con: duckdb.DuckDBPyConnection, townships: Iterable[str]) -> None:
    """Recompute cell_decisions (the decision in effect per cell) for these townships, on an open write
    transaction, after their headlines or their decisions changed."""
    names = sorted(set(townships))
    if names:
        run(con, "delete_decisions", townships=names)
        run(con, "insert_decisions", townships=names)


def carry_over(con: duckdb.DuckDBPyConnection, replaced: Iterable[tuple[str, str]], at: datetime) -> tuple[int, int]:
    """On an open write transaction, after the headlines of the new reports are computed: copy the latest
    decision per cell of each replaced report (old sha, new sha) onto the new report where the number it was
    about still stands. Returns (carried, left to check again)."""
    pairs = dict(replaced)
    if not pairs:
        return 0, 0
    carried = left = 0
    for row in run(con, "latest_decisions_on", shas=sorted(pairs)):
        (cid, township, year, indicator, action, old_sha, _ordinal, ext_value, ext_unit, _ext_qualifier, ext_quote,
         value, unit, qualifier, reason, who) = row
        state = cell_state(con, township, year, indicator)
        if state.document_sha != pairs[old_sha] or not _still_stands(ext_value, ext_unit, ext_quote, state):
            left += 1
            continue
        if action == "confirm":
            value, unit, qualifier = state.value, state.unit, state.qualifier
        _insert(con, township, year, indicator, action, state, value, unit, qualifier, reason, who, at, "carried",
                cid)
        carried += 1
    return carried, left


def _still_stands(value: float | None, unit: str | None, quote: str | None, new: CellState) -> bool:
    """The number a decision was about is in the new report's cell: same quote, or same value and unit group;
    for a decision about an empty cell (add, a confirmed absence), the new report has no value either."""
    if value is None:
        return new.value is None
    if new.value is None:
        return False
    if quote and new.quote == quote:
        return True
    return float(new.value) == float(value) and unit_group(new.unit or "") == unit_group(unit or "")


def _what_changed(s: CellState) -> str:
    if s.document_sha is None:
        return "该乡镇本年度的报告已不在表中"
    return "复核表导出之后，该格已有变化（导入了新报告，或已有人核对过；也可能这份复核表已经导入过一次）"


def _unit_of(catalog: Catalog, code: str) -> str | None:
    ind = catalog.get(code)
    return ind.unit if ind else None


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def _utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo is None else moment.astimezone(UTC).replace(tzinfo=None)
