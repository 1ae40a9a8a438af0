"""Validate one batch of extractions with Great Expectations: which documents and rows load.

One GX run per batch over two frames (documents, statistics); GX is imported only when the
batch has something to validate.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path

from core.catalog import OTHER, Catalog
from core.records import Extraction, Finding, ValidatedBatch
from core.registry import Registry
from validation.frames import BatchFrames, HeadlineKey, build_frames
from validation.gx_runtime import RuleOutcome, runtime
from validation.reasons import document_reason, statistic_reason
from validation.rules import INDICATOR_CODES, MAX_YEAR, RULES, RULES_BY_CODE, TOWNSHIP_NAMES


def validate(extractions: Sequence[Extraction], registry: Registry, catalog: Catalog, *,
             previous: Mapping[HeadlineKey, float] = {},
             data_docs_dir: Path | None = None,
             defer_docs: bool = False,
             today: date | None = None) -> ValidatedBatch:
    """Findings for every ok extraction; rejected ones pass through untouched.

    `previous` maps (township, year, indicator) to the headline value already in the warehouse.
    Ok extractions come back with the registry's canonical township name where it resolves one.
    `defer_docs`: more sub-batches of this run follow; `publish_data_docs` writes one site for them all.
    """
    started = time.perf_counter()
    batch = tuple(canonical_township(e, registry) for e in extractions)
    ok = [e for e in batch if e.status == "ok"]
    if not ok:
        return ValidatedBatch(batch, (), time.perf_counter() - started, None)
    frames = build_frames(ok, catalog, previous)
    max_year = (today or date.today()).year
    parameters = {
        TOWNSHIP_NAMES: _township_names(registry, frames),
        INDICATOR_CODES: [*catalog.codes, OTHER],
        MAX_YEAR: max_year,
    }
    outcomes, docs = runtime().run({"documents": frames.documents, "statistics": frames.statistics},
                                   parameters, data_docs_dir, defer_docs=defer_docs)
    findings = _findings(outcomes, frames, catalog, max_year)
    order = {e.source.sha256: i for i, e in enumerate(ok)}
    rank = {r.code: i for i, r in enumerate(RULES)}
    findings.sort(key=lambda f: (order[f.sha256], -1 if f.statistic is None else f.statistic, rank[f.rule]))
    return ValidatedBatch(batch, tuple(findings), time.perf_counter() - started, docs)


def publish_data_docs(data_docs_dir: Path) -> Path | None:
    """Data Docs for the sub-batches validated with `defer_docs` (nothing to do if none were)."""
    from validation.gx_runtime import started

    gx = started()
    return gx.publish(data_docs_dir) if gx is not None else None


def canonical_township(e: Extraction, registry: Registry) -> Extraction:
    """Put the registry's canonical name in facts.township when a spelling resolves (aliases, 人民政府 ...).

    Without a registry, the name as written stands in for a missing canonical one.
    """
    if e.status != "ok":
        return e
    facts = e.facts
    if registry.known:
        name = registry.resolve(facts.township) or registry.resolve(facts.township_as_written)
    else:
        name = facts.township_name
    if name is None or name == facts.township:
        return e
    written = facts.township_as_written or facts.township
    return dataclasses.replace(e, facts=dataclasses.replace(facts, township=name, township_as_written=written))


def _township_names(registry: Registry, frames: BatchFrames) -> list[str]:
    """The registry's names; without a registry every township found is known."""
    if registry.known:
        return sorted({t.name for t in registry.townships})
    return sorted(set(frames.documents["township"].dropna()))


def _findings(outcomes: Sequence[RuleOutcome], frames: BatchFrames, catalog: Catalog, max_year: int) -> list[Finding]:
    findings: list[Finding] = []
    for outcome in outcomes:
        severity = RULES_BY_CODE[outcome.rule].severity
        if outcome.frame == "documents":
            for pos in outcome.unexpected:
                row = frames.documents.iloc[pos].to_dict()
                findings.append(Finding(row["sha256"], outcome.rule, severity,
                                        document_reason(outcome.rule, row, max_year), None))
        else:
            for pos in outcome.unexpected:
                row = frames.statistics.iloc[pos].to_dict()
                findings.append(Finding(row["sha256"], outcome.rule, severity,
                                        statistic_reason(outcome.rule, row, catalog), int(row["stat"])))
    return findings
