"""What the clerk reviews, read from the warehouse: doubtful cells, indicators not found, and the audit trail.

    review_cells(db, year, *, county=None, all_cells=False) -> tuple[ReviewCell, ...]
    doubtful_cells(db, year, *, county=None) -> tuple[ReviewCell, ...]      # review_cells without all_cells
    audit_trail(db, *, township=None, year=None) -> tuple[AuditStep, ...]

Each ReviewCell carries `state` (warehouse.corrections.CellState.token): pass it back as a decision's
`expected_state` and the decision is refused, with nothing written, if the cell changed in between (a newer
report, someone else's decision). Decisions themselves go through `pipeline.review.apply_correction`, which
validates them with the ingestion rules first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from core.catalog import Catalog, load_catalog
from core.records import Evidence
from warehouse import doubt
from warehouse.corrections import cell_states
from warehouse.db import connect
from warehouse.doubt import number_span
from warehouse.review_facts import ensure_doubts, run


@dataclass(frozen=True)
class Mention:
    """Another statement in the report: of the same indicator (for a cell), or a candidate (not found)."""

    value: float
    unit: str | None
    qualifier: str
    quote: str | None
    page: int | None
    ordinal: int
    before: str = ""  # for a candidate: the words before the quote in its sentence, when they name the indicator


@dataclass(frozen=True)
class ReviewCell:
    """One row of the review: a table cell (kind cell) or an indicator the table lacks (kind not_found)."""

    township: str
    year: int
    indicator: str
    indicator_name: str  # Chinese
    kind: str  # cell | not_found
    value: float | None  # the extracted value (None for not_found)
    unit: str | None
    qualifier: str | None  # exact | over | under | about
    quote: str | None
    page: int | None
    file_name: str | None
    document_sha: str
    ordinal: int | None  # statistics.ordinal of the extracted value
    doubts: tuple[str, ...]  # why to check it, Chinese; empty for a cell that is not doubtful (all_cells)
    review: str | None  # corrected | confirmed | doubtful | None: where the cell stands now
    review_action: str | None  # the decision in effect: confirm | correct | remove | add
    mentions: tuple[Mention, ...]  # the report's other statements of it, or the candidate numbers
    state: str  # CellState.token

    @property
    def marked_quote(self) -> str:
        """The quote with the number in 【】, as the workbook shows it."""
        return mark_number(self.quote or "", self.unit)


def mark_number(quote: str, unit: str | None) -> str:
    """受教育人数达【2000余人次】: the number (with 余/多 and its unit) bracketed; the quote as is when no number."""
    span = number_span(quote, unit)
    if span is None:
        return quote
    start, end = span
    return f"{quote[:start]}【{quote[start:end]}】{quote[end:]}"


def review_cells(db: Path, year: int, *, county: str | None = None, all_cells: bool = False,
                 catalog: Catalog | None = None, wait_seconds: float = 30.0) -> tuple[ReviewCell, ...]:
    """The review rows of `year`: doubtful cells and indicators not found (and, with all_cells, every other cell
    too), ordered by township and the catalog's indicator order. Raises DatabaseBusy, FileNotFoundError.

    Doubts computed by older rules (or not yet: a warehouse upgraded from release 1) are recomputed first with
    `catalog` (default: the bundled one), through a short write connection."""
    if not Path(db).exists():
        raise FileNotFoundError(f"数据库文件不存在：{db}（database file not found）")
    catalog = catalog or load_catalog()
    ensure_doubts(db, catalog, wait_seconds=wait_seconds)
    con = connect(db, read_only=True, wait_seconds=wait_seconds)
    try:
        rows = run(con, "review_rows", year=year, county=county, all=all_cells)
        shas = sorted({r[11] for r in rows})
        mentions: dict[tuple[str, str], list[Mention]] = {}
        for sha, indicator, ordinal, value, unit, qualifier, quote, page in run(con, "mentions_of_cells", shas=shas):
            mentions.setdefault((sha, indicator), []).append(Mention(value, unit, qualifier, quote, page, ordinal))
        candidates: dict[tuple[str, int, str], list[Mention]] = {}
        for township, y, indicator, ordinal, value, unit, qualifier, quote, page, context, place in run(
                con, "candidates_of", year=year):
            ind = catalog.get(indicator)
            read = doubt.Mention(ordinal, value, unit, qualifier or "exact", quote,
                                 evidence=Evidence(place=place or "none"), context=context)
            candidates.setdefault((township, y, indicator), []).append(
                Mention(value, unit, qualifier, quote, page, ordinal, doubt.words_naming(read, ind) if ind else ""))
        states = cell_states(con, [(r[0], r[1], r[2]) for r in rows])
        order = {code: pos for code, pos in con.execute("SELECT code, position FROM indicators").fetchall()}
    finally:
        con.close()
    out = []
    for (township, y, indicator, name, kind, value, unit, qualifier, quote, page, file_name, sha, ordinal, doubts,
         review, action, _who) in rows:
        if kind == "cell":
            others = tuple(m for m in mentions.get((sha, indicator), ()) if m.ordinal != ordinal)
        else:
            others = tuple(candidates.get((township, y, indicator), ()))
        out.append(ReviewCell(township, int(y), indicator, name, kind, value, unit, qualifier, quote, page,
                              file_name, sha, ordinal, tuple(doubts or ()), review, action, others,
                              states[(township, int(y), indicator)].token))
    out.sort(key=lambda c: (c.township, order.get(c.indicator) if order.get(c.indicator) is not None else 10**6,
                            c.indicator))
    return tuple(out)


def doubtful_cells(db: Path, year: int, *, county: str | None = None, catalog: Catalog | None = None,
                   wait_seconds: float = 30.0) -> tuple[ReviewCell, ...]:
    """The review queue of `year`: doubtful cells and indicators a report seems to state but the table lacks."""
    return review_cells(db, year, county=county, catalog=catalog, wait_seconds=wait_seconds)


@dataclass(frozen=True)
class AuditStep:
    """One step of the review (v_corrections_audit): a decision, its carry-over, or a re-check a new report asks."""

    at: datetime  # UTC
    by: str  # the clerk, or 系统 for what a load did
    step: str  # 确认 / 更正 / 删除 / 补录 / 沿用到新报告 / 报告已更新，请重新核对
    township: str
    year: int
    indicator: str
    indicator_name: str
    action: str
    extracted_value: float | None
    extracted_unit: str | None
    extracted_qualifier: str | None
    value: float | None
    unit: str | None
    qualifier: str | None
    reason: str | None
    decided_by: str
    via: str  # workbook | command | web | carried | recheck
    file_name: str | None
    document_sha: str
    correction_id: int
    in_effect: bool


def audit_trail(db: Path, *, township: str | None = None, year: int | None = None,
                wait_seconds: float = 30.0) -> tuple[AuditStep, ...]:
    """Every step of the review, oldest first, optionally for one township and/or year."""
    con = connect(db, read_only=True, wait_seconds=wait_seconds)
    try:
        rows = run(con, "audit", township=township, year=year)
    finally:
        con.close()
    return tuple(_step(r) for r in rows)


def review_key(db: Path, *, wait_seconds: float = 30.0) -> str:
    """The key this warehouse signs review workbooks with (meta.review_key, made by migration 0005)."""
    con = connect(db, read_only=True, wait_seconds=wait_seconds)
    try:
        rows = run(con, "review_key")
    finally:
        con.close()
    if not rows:
        raise RuntimeError(f"{db}: no review key (meta.review_key); open it once with a write connection")
    return str(rows[0][0])


def _step(r: Sequence) -> AuditStep:
    (at, by, step, township, year, indicator, name, action, ext_value, ext_unit, ext_qualifier, value, unit,
     qualifier, reason, decided_by, via, file_name, sha, cid, _carried_from, in_effect) = r
    return AuditStep(at, by, step, township, int(year), indicator, name, action, ext_value, ext_unit, ext_qualifier,
                     value, unit, qualifier, reason, decided_by, via, file_name, sha, int(cid), bool(in_effect))
