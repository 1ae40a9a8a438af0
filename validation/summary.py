"""Per-rule counts of one validated batch, for the warehouse to keep a validation result per load."""

from __future__ import annotations

from core.records import RuleResult, ValidatedBatch
from validation.rules import RULES


def validation_summary(batch: ValidatedBatch) -> list[RuleResult]:
    """One row per rule, in rule order, including rules nothing failed."""
    ok = [e for e in batch.extractions if e.status == "ok"]
    documents = len(ok)
    rows = sum(len(e.statistics) for e in ok)
    failed: dict[str, set[tuple[str, int | None]]] = {}
    for f in batch.findings:
        failed.setdefault(f.rule, set()).add((f.sha256, f.statistic))
    return [RuleResult(rule=r.code, severity=r.severity, checked=documents if r.level == "document" else rows,
                       failed=len(failed.get(r.code, ()))) for r in RULES]
