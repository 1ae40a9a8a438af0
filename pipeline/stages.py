"""The ingestion pipeline as plain functions: plan -> extract -> validate -> load.

Prefect's flows (flows/) wrap exactly these; tests and notebooks call them directly.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from core.catalog import Catalog, load_catalog
from core.records import Extraction, Finding, Skipped, SourceFile, ValidatedBatch
from core.registry import Registry, load_registry
from core.safe_text import display_path
from extractors.readers.base import ReadOptions
from pipeline.discover import discover, own_folders

if TYPE_CHECKING:
    from warehouse.load import LoadSummary


@dataclass(frozen=True)
class Settings:
    """What every stage needs to know, small and picklable so worker processes can rebuild the rest."""

    county: Path | None = None  # county.yaml
    indicators: Path | None = None  # extra catalog merged over the bundled one
    read: ReadOptions = field(default_factory=ReadOptions)
    data_docs: bool = True  # write GX Data Docs next to the database

    def catalog(self) -> Catalog:
        return _catalog(self.indicators)

    def registry(self) -> Registry:
        return _registry(self.county)


@lru_cache(maxsize=8)
def _catalog(extra: Path | None) -> Catalog:
    return load_catalog(extra=extra)


@lru_cache(maxsize=8)
def _registry(path: Path | None) -> Registry:
    return load_registry(path)


@dataclass(frozen=True)
class Plan:
    """What one run has to do, decided before any file is parsed."""

    todo: tuple[SourceFile, ...]  # new content: extract these
    unchanged: tuple[SourceFile, ...]  # content already in the warehouse: not parsed again
    skipped: tuple[Skipped, ...]  # not report files, unreadable, or the same content under a second name

    @property
    def files(self) -> int:
        return len(self.todo) + len(self.unchanged) + len(self.skipped)


def plan(paths: Iterable[Path], known: frozenset[str], *, own: Iterable[Path] = ()) -> Plan:
    """What to read: new files, files already loaded (`known` hashes), files passed over. `own`: folders this
    program writes beside the database (pipeline.discover.own_folders), never read as reports."""
    found, skipped = discover(paths, own=own)
    todo: list[SourceFile] = []
    unchanged: list[SourceFile] = []
    first_seen: dict[str, SourceFile] = {}
    for src in found:
        if src.size == 0:  # every empty file is its own problem to report, not a copy of another
            todo.append(src)
            continue
        if src.sha256 in first_seen:
            other = Path(first_seen[src.sha256].shown).name
            skipped.append(Skipped(src.path, f"与 {other} 内容完全相同（同一份报告），只导入一次"))
            continue
        first_seen[src.sha256] = src
        (unchanged if src.sha256 in known else todo).append(src)
    return Plan(tuple(todo), tuple(unchanged), tuple(skipped))


def chunked(items: Sequence[SourceFile], size: int) -> list[tuple[SourceFile, ...]]:
    """Batches for the task runner: one task per chunk keeps the orchestrator's cost per file small."""
    size = max(1, size)
    return [tuple(items[i : i + size]) for i in range(0, len(items), size)]


def extract_chunk(sources: Sequence[SourceFile], settings: Settings) -> list[Extraction]:
    from extractors.extract import extract

    catalog, registry = settings.catalog(), settings.registry()
    return [extract(src, catalog, registry, settings.read) for src in sources]


def validate_batch(extractions: Sequence[Extraction], db: Path, settings: Settings, *,
                   defer_docs: bool = False) -> ValidatedBatch:
    """Validate with Great Expectations, only when there is something to validate (GX costs ~3 s to import).

    `defer_docs`: more sub-batches of this run follow; `publish_data_docs` writes their Data Docs once.
    """
    if not any(e.status == "ok" for e in extractions):
        return ValidatedBatch(extractions=tuple(extractions))
    from validation.validate import validate
    from warehouse.load import headline_values

    years = {e.facts.year - 1 for e in extractions if e.facts.year}
    previous = headline_values(db, years) if years and db.exists() else {}
    docs_dir = data_docs_dir(db) if settings.data_docs else None
    return validate(extractions, settings.registry(), settings.catalog(), previous=previous, data_docs_dir=docs_dir,
                    defer_docs=defer_docs and docs_dir is not None)


def publish_data_docs(db: Path, settings: Settings) -> Path | None:
    """The Data Docs of a run validated in sub-batches (`defer_docs`)."""
    if not settings.data_docs:
        return None
    from validation.validate import publish_data_docs as publish

    return publish(data_docs_dir(db))


def publish_validation_page(db: Path, settings: Settings) -> Path | None:
    """The validation report's front page (plain HTML, offline, Chinese), written from the warehouse after a load.

    It replaces Great Expectations' own index (kept as gx-index.html), which needs scripts from the internet.
    """
    if not settings.data_docs or not db.exists():
        return None
    from validation.rules import CLERK_TEXT
    from warehouse.validation_page import RuleText, write_validation_page

    rules = {code: RuleText(label, advice) for code, (label, advice) in CLERK_TEXT.items()}
    try:
        return write_validation_page(db, data_docs_dir(db), rules)
    except OSError:  # the folder cannot be written: the load stands, the page is simply not there
        return None


def load(db: Path, batch: ValidatedBatch, settings: Settings, source: str, *, unchanged: Sequence[SourceFile] = (),
         skipped: Sequence[Skipped] = (), load_id: str | None = None, wait_seconds: float = 30.0) -> LoadSummary:
    """One transaction: every document, statistic, quarantined row, warning and file outcome of the batch."""
    from validation.summary import validation_summary
    from warehouse.load import RunInfo, load_batch

    registry = settings.registry()
    run = RunInfo(load_id=load_id or new_run_id(), started_at=datetime.now(UTC), source=source,
                  county=registry.county)
    rules = validation_summary(batch) if any(e.status == "ok" for e in batch.extractions) else None
    return load_batch(db, batch, registry, settings.catalog(), run, unchanged=unchanged, skipped=skipped,
                      rule_results=rules, wait_seconds=wait_seconds)


def merged(summaries: Sequence[LoadSummary], run_id: str) -> LoadSummary:
    """One run's summary from the loads of its sub-batches (load ids run_id-1, run_id-2, ...)."""
    from warehouse.load import LoadSummary

    if len(summaries) == 1:
        return summaries[0]
    return LoadSummary(
        load_id=run_id,
        files=tuple(f for s in summaries for f in s.files),
        **{name: sum(getattr(s, name) for s in summaries) for name in (
            "documents_loaded", "documents_unchanged", "documents_rejected", "documents_quarantined",
            "documents_superseded", "statistics_loaded", "statistics_quarantined", "warnings",
            "documents_with_warnings", "corrections_carried", "corrections_to_recheck")},
    )


def data_docs_dir(db: Path) -> Path:
    (folder,) = own_folders(db)  # one name for it: discovery passes over what is written here
    return folder


def new_run_id() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]


@dataclass(frozen=True)
class Timings:
    plan: float = 0.0
    extract: float = 0.0
    validate: float = 0.0
    load: float = 0.0


def ingest(paths: Sequence[Path], db: Path, settings: Settings = Settings(), *, source_label: str | None = None
           ) -> tuple[LoadSummary, ValidatedBatch, Timings]:
    """The whole ingestion in this process, serially: for tests, notebooks and the benchmark's baseline."""
    from warehouse.load import known_hashes

    t0 = time.perf_counter()
    p = plan(paths, known_hashes(db), own=own_folders(db))
    t1 = time.perf_counter()
    extractions = extract_chunk(p.todo, settings)
    t2 = time.perf_counter()
    batch = validate_batch(extractions, db, settings)
    t3 = time.perf_counter()
    label = source_label or ", ".join(display_path(x) for x in paths)
    summary = load(db, batch, settings, label, unchanged=p.unchanged, skipped=p.skipped)
    publish_validation_page(db, settings)
    t4 = time.perf_counter()
    return summary, batch, Timings(t1 - t0, t2 - t1, t3 - t2, t4 - t3)


@dataclass(frozen=True)
class IngestReport:
    """What a run did, for the CLI's summary and the Prefect UI."""

    summary: LoadSummary
    warnings: tuple[Finding, ...]
    plan: Plan
    timings: Timings
    db: Path
    data_docs: Path | None
    pages: int = 0  # pages of the files extracted
    extract_seconds: float = 0.0  # extraction time summed over files (CPU of the workers, roughly)
