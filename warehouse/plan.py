"""What a load will write, decided in plain Python before any SQL runs.

The loader decides nothing about validity (validation did); this module only applies the
batch's findings and the warehouse's history rules: content already stored is unchanged, the
same content twice in a batch is a duplicate, and the latest file for a township and year is
current while older versions stay as history.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from core.records import (
    QUALIFIERS,
    Extraction,
    Finding,
    ReadWarning,
    RuleResult,
    Skipped,
    SourceFile,
    Statistic,
    ValidatedBatch,
)

STORABLE_RULE = "warehouse_storable"  # the loader's own last check, see unstorable()

Outcome = str  # loaded | unchanged | rejected | quarantined | superseded | skipped | duplicate
# What a clerk reads for each outcome (run summary, Prefect artifacts).
OUTCOME_LABELS = {
    "loaded": "已导入", "unchanged": "未变化", "rejected": "未能读取", "quarantined": "已隔离",
    "superseded": "已被替代", "skipped": "已跳过", "duplicate": "重复文件",
}


@dataclass(frozen=True)
class StoredDocument:
    """A documents row already in the warehouse, as far as planning needs it."""

    sha256: str
    status: str
    file_name: str
    township: str | None
    year: int | None


@dataclass(frozen=True)
class FileOutcome:
    path: str
    sha256: str | None
    outcome: Outcome
    township: str | None
    year: int | None
    reason: str | None
    warnings: tuple[str, ...] = ()  # what the reader could not read of it (document_warnings), in Chinese


@dataclass(frozen=True)
class DocumentRow:
    extraction: Extraction
    status: str  # loaded | quarantined | rejected
    error: str | None
    is_current: bool
    superseded_by: str | None
    replaces_rejected: bool  # the same content was rejected by an earlier run: its row is replaced


@dataclass(frozen=True)
class StatisticRow:
    sha256: str
    ordinal: int
    statistic: Statistic


@dataclass(frozen=True)
class QuarantineRow:
    kind: str  # document | statistic
    sha256: str
    ordinal: int | None
    township: str | None
    year: int | None
    indicator: str | None
    data: str  # JSON
    rule: str
    severity: str
    reason: str


@dataclass(frozen=True)
class WarningRow:
    sha256: str
    ordinal: int | None
    rule: str
    reason: str


@dataclass(frozen=True)
class DocumentWarningRow:
    sha256: str
    position: int
    warning: ReadWarning


@dataclass(frozen=True)
class LoadPlan:
    documents: tuple[DocumentRow, ...]
    statistics: tuple[StatisticRow, ...]
    quarantine: tuple[QuarantineRow, ...]
    warnings: tuple[WarningRow, ...]
    supersede: tuple[tuple[str, str], ...]  # (old current sha already stored, new sha)
    outcomes: tuple[FileOutcome, ...]
    rule_results: tuple[RuleResult, ...]
    document_warnings: tuple[DocumentWarningRow, ...] = ()  # the readers' warnings of loaded/quarantined documents

    @property
    def superseded_count(self) -> int:
        return len(self.supersede) + sum(1 for o in self.outcomes if o.outcome == "superseded")


def plan_load(
    batch: ValidatedBatch,
    stored: Mapping[str, StoredDocument],
    current: Mapping[tuple[str, int], str],
    *,
    unchanged: Sequence[SourceFile] = (),
    skipped: Sequence[Skipped] = (),
) -> LoadPlan:
    """Decide every row of a load. `stored` maps sha256 -> stored row; `current` (township, year) -> sha."""
    outcomes: list[FileOutcome] = []
    documents: dict[str, DocumentRow] = {}
    first_path: dict[str, str] = {}
    for e in batch.extractions:
        outcome = _classify(e, batch, stored, first_path)
        outcomes.append(outcome)
        if outcome.outcome in ("loaded", "quarantined", "rejected") and e.source.sha256 \
                and e.source.sha256 not in documents:
            first_path[e.source.sha256] = e.source.shown
            documents[e.source.sha256] = _document_row(e, outcome, stored)
    documents, outcomes, supersede = _apply_history(documents, outcomes, current)
    statistics, quarantine = _statistic_rows(batch, documents)
    warnings = tuple(
        WarningRow(f.sha256, f.statistic, f.rule, f.reason)
        for f in batch.warnings()
        if f.sha256 in documents
    )
    document_warnings = tuple(
        DocumentWarningRow(sha, i, w)
        for sha, row in documents.items() if row.status != "rejected"
        for i, w in enumerate(row.extraction.warnings)
    )
    outcomes += [_unchanged_outcome(s, stored) for s in unchanged]
    outcomes += [FileOutcome(s.shown, None, "skipped", None, None, s.reason) for s in skipped]
    return LoadPlan(
        documents=tuple(documents.values()),
        statistics=statistics,
        quarantine=quarantine,
        warnings=warnings,
        supersede=supersede,
        outcomes=tuple(outcomes),
        rule_results=rule_results_from(batch),
        document_warnings=document_warnings,
    )


def _classify(e: Extraction, batch: ValidatedBatch, stored: Mapping[str, StoredDocument],
              first_path: Mapping[str, str]) -> FileOutcome:
    sha = e.source.sha256 or None
    township, year = e.facts.township, e.facts.year

    def out(outcome: str, reason: str | None) -> FileOutcome:
        warned = tuple(w.message for w in e.warnings) if outcome in ("loaded", "quarantined") else ()
        return FileOutcome(e.source.shown, sha, outcome, township, year, reason, warned)

    if e.status != "ok" and sha in first_path:  # two empty files share a hash: each is rejected for itself
        return out("rejected", e.error or "无法读取该文件")
    if sha and sha in first_path:
        return out("duplicate", f"与本批文件 {_name(first_path[sha])} 内容完全相同，只入库一次")
    old = stored.get(sha) if sha else None
    if old is not None and old.status in ("loaded", "quarantined"):
        return FileOutcome(e.source.shown, sha, "unchanged", old.township, old.year,
                           f"内容与已入库的 {old.file_name} 相同，未重复入库")
    if e.status != "ok":
        return out("rejected", e.error or "无法读取该文件")
    doc_findings = _document_errors(batch, e.source.sha256)
    if doc_findings:
        return out("quarantined", "；".join(f.reason for f in doc_findings))
    rows = batch.quarantined_rows(e.source.sha256)
    reason = f"{len(rows)} 项数据未通过校验，已隔离" if rows else None
    return out("loaded", reason)


def _document_errors(batch: ValidatedBatch, sha: str) -> list[Finding]:
    return [f for f in batch.findings if f.sha256 == sha and f.statistic is None and f.severity == "error"]


def _document_row(e: Extraction, outcome: FileOutcome, stored: Mapping[str, StoredDocument]) -> DocumentRow:
    status = outcome.outcome
    error = outcome.reason if status in ("rejected", "quarantined") else None
    old = stored.get(e.source.sha256)
    return DocumentRow(e, status, error, is_current=status == "loaded", superseded_by=None,
                       replaces_rejected=old is not None and old.status == "rejected")


def _apply_history(
    documents: dict[str, DocumentRow],
    outcomes: list[FileOutcome],
    current: Mapping[tuple[str, int], str],
) -> tuple[dict[str, DocumentRow], list[FileOutcome], tuple[tuple[str, str], ...]]:
    """One current report per township and year: the latest file of the batch (by mtime, then path,
    as validation's one_current_report decides)."""
    winners: dict[tuple[str, int], DocumentRow] = {}
    for row in documents.values():
        key = _key(row.extraction)
        if row.status != "loaded" or key is None:
            continue
        best = winners.get(key)
        if best is None or _recency(row) > _recency(best):
            winners[key] = row
    losers: dict[str, str] = {}
    for sha, row in documents.items():
        key = _key(row.extraction)
        if row.status == "loaded" and key is not None and winners[key].extraction.source.sha256 != sha:
            losers[sha] = winners[key].extraction.source.sha256
            documents[sha] = DocumentRow(row.extraction, "loaded", None, False, losers[sha], row.replaces_rejected)
    outcomes = [
        FileOutcome(o.path, o.sha256, "superseded", o.township, o.year,
                    f"同一乡镇同一年度有更新的报告 {_name(documents[losers[o.sha256]].extraction.source.shown)}，"
                    f"本文件作为历史版本保存", o.warnings)
        if o.outcome == "loaded" and o.sha256 in losers else o
        for o in outcomes
    ]
    supersede = tuple(
        (current[key], row.extraction.source.sha256)
        for key, row in winners.items()
        if key in current and current[key] != row.extraction.source.sha256
    )
    return documents, outcomes, supersede


def _recency(row: DocumentRow) -> tuple[float, str]:
    return (row.extraction.source.mtime, row.extraction.source.shown)


def _key(e: Extraction) -> tuple[str, int] | None:
    if e.facts.township is None or e.facts.year is None:
        return None
    return (e.facts.township, e.facts.year)


def _statistic_rows(batch: ValidatedBatch, documents: Mapping[str, DocumentRow]
                    ) -> tuple[tuple[StatisticRow, ...], tuple[QuarantineRow, ...]]:
    statistics: list[StatisticRow] = []
    quarantine: list[QuarantineRow] = []
    for sha, row in documents.items():
        e = row.extraction
        if row.status == "rejected":
            continue
        if row.status == "quarantined":
            doc_findings = _document_errors(batch, sha)
            quarantine += [_document_quarantine(e, f) for f in doc_findings]
            first = doc_findings[0]
            quarantine += [
                _statistic_quarantine(e, i, s, first.rule, f"所在报告已隔离：{first.reason}")
                for i, s in enumerate(e.statistics)
            ]
            continue
        row_errors = _row_errors(batch, sha)
        for i, s in enumerate(e.statistics):
            problem = unstorable(s)
            if i in row_errors:
                quarantine += [_statistic_quarantine(e, i, s, f.rule, f.reason) for f in row_errors[i]]
            elif problem:
                quarantine.append(_statistic_quarantine(e, i, s, STORABLE_RULE, problem))
            else:
                statistics.append(StatisticRow(sha, i, s))
    return tuple(statistics), tuple(quarantine)


def unstorable(s: Statistic) -> str | None:
    """Why a row that passed validation still cannot be a statistics row, or None.

    Validation should have caught these; the loader checks again so one odd row is quarantined
    instead of failing the whole load on a table constraint.
    """
    value = s.value
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return f"数值“{value}”不是有效数字，未入库"
    if s.qualifier not in QUALIFIERS:
        return f"限定词“{s.qualifier}”无法识别（应为 exact/over/under/about），未入库"
    if not s.indicator:
        return "该数据没有指标代码，未入库"
    return None


def _row_errors(batch: ValidatedBatch, sha: str) -> dict[int, list[Finding]]:
    out: dict[int, list[Finding]] = {}
    for f in batch.findings:
        if f.sha256 == sha and f.statistic is not None and f.severity == "error":
            out.setdefault(f.statistic, []).append(f)
    return out


def _document_quarantine(e: Extraction, f: Finding) -> QuarantineRow:
    data = {k: v for k, v in e.to_json().items() if k != "statistics"}
    data["statistics_count"] = len(e.statistics)
    return QuarantineRow("document", e.source.sha256, None, e.facts.township, e.facts.year, None,
                         to_json_text(data), f.rule, f.severity, f.reason)


def _statistic_quarantine(e: Extraction, i: int, s: Statistic, rule: str, reason: str) -> QuarantineRow:
    try:
        data = s.to_json()
    except (TypeError, ValueError):  # a value that is not a number at all
        data = {"indicator": s.indicator, "value": repr(s.value), "unit": s.unit, "qualifier": s.qualifier,
                "quote": s.quote, "page": s.page, "start": s.start, "end": s.end}
    data |= {"path": e.source.shown, "sha256": e.source.sha256}
    return QuarantineRow("statistic", e.source.sha256, i, e.facts.township, e.facts.year, s.indicator,
                         to_json_text(data), rule, "error", reason)


def to_json_text(data: object) -> str:
    """JSON for the quarantine's data column; NaN and infinities (not JSON) become strings."""
    def clean(x: object) -> object:
        if isinstance(x, float) and not math.isfinite(x):
            return str(x)
        if isinstance(x, dict):
            return {k: clean(v) for k, v in x.items()}
        if isinstance(x, list | tuple):
            return [clean(v) for v in x]
        return x
    return json.dumps(clean(data), ensure_ascii=False, default=str)


def _unchanged_outcome(s: SourceFile, stored: Mapping[str, StoredDocument]) -> FileOutcome:
    old = stored.get(s.sha256)
    if old is None:
        return FileOutcome(s.shown, s.sha256, "unchanged", None, None, "内容与已入库的报告相同，未重复读取")
    return FileOutcome(s.shown, s.sha256, "unchanged", old.township, old.year,
                       f"内容与已入库的 {old.file_name} 相同，未重复读取")


def rule_results_from(batch: ValidatedBatch) -> tuple[RuleResult, ...]:
    """Per-rule tallies derived from the findings: failed = distinct documents or rows that failed.

    checked is the number of readable documents for a document rule and of their statistics for
    a row rule; rules that failed nowhere do not appear (the findings do not name them).
    """
    readable = [e for e in batch.extractions if e.status == "ok"]
    docs_checked = len({e.source.sha256 for e in readable})
    rows_checked = sum(len(e.statistics) for e in {e.source.sha256: e for e in readable}.values())
    failed: dict[str, set[tuple[str, int | None]]] = {}
    severity: dict[str, str] = {}
    row_level: dict[str, bool] = {}
    for f in batch.findings:
        failed.setdefault(f.rule, set()).add((f.sha256, f.statistic))
        severity[f.rule] = f.severity
        row_level[f.rule] = row_level.get(f.rule, False) or f.statistic is not None
    return tuple(
        RuleResult(rule, severity[rule], rows_checked if row_level[rule] else docs_checked, len(items))
        for rule, items in sorted(failed.items())
    )


def _name(path: str) -> str:
    return path.replace("\\", "/").rsplit("/", 1)[-1]
