"""`ingest_reports`: discover -> extract (chunked, parallel) -> validate -> load -> artifacts.

Each task wraps one function of pipeline.stages. Extraction runs in
chunks, one task per chunk, so Prefect's cost per document stays small; the
task runner (processes on this machine, or a Dask cluster) is chosen per run.
Extractions are parked on disk as they arrive and validated and loaded a few
townships at a time (pipeline/spool.py), so memory does not grow with the run.
"""

from __future__ import annotations

import os
import queue
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from prefect import flow, task
from prefect.cache_policies import NO_CACHE
from prefect.futures import PrefectFuture
from prefect.states import Completed
from prefect.task_runners import ProcessPoolTaskRunner, TaskRunner, ThreadPoolTaskRunner
from prefect.utilities.annotations import quote

from core.records import Extraction, Finding, Skipped, SourceFile, ValidatedBatch
from core.safe_text import display_path
from extractors.readers.base import ReadOptions
from flows.artifacts import NOT_CLEAN, needs_attention, problem_files, publish_ingest_artifacts, publish_problems
from flows.orphans import end_with_parent
from flows.paths import from_param
from flows.progress import Progress
from pipeline import stages
from pipeline.spool import SUB_BATCH_DOCUMENTS, Spool
from pipeline.stages import IngestReport
from warehouse.load import LoadSummary


@task(name="check-database", cache_policy=NO_CACHE)
def check_database_task(db: Path, wait_seconds: float) -> None:
    """Before any report is read: the database can be written (DatabaseBusy names its holder), its schema is
    current, and it is not from a newer release (SchemaTooNew)."""
    from warehouse.db import check_writable

    check_writable(db, wait_seconds=wait_seconds)


@task(name="discover", cache_policy=NO_CACHE)
def discover_task(source: Sequence[Path], db: Path, wait_seconds: float) -> stages.Plan:
    from pipeline.discover import own_folders
    from warehouse.load import known_hashes

    return stages.plan(source, known_hashes(db, wait_seconds=wait_seconds), own=own_folders(db))


@task(name="extract-chunk", cache_policy=NO_CACHE)
def extract_task(sources: tuple[SourceFile, ...], settings: stages.Settings) -> list[Extraction]:
    return stages.extract_chunk(sources, settings)


@task(name="validate", cache_policy=NO_CACHE)
def validate_task(extractions: list[Extraction], db: Path, settings: stages.Settings,
                  defer_docs: bool = False) -> ValidatedBatch:
    return stages.validate_batch(extractions, db, settings, defer_docs=defer_docs)


@task(name="data-docs", cache_policy=NO_CACHE)
def data_docs_task(db: Path, settings: stages.Settings) -> Path | None:
    return stages.publish_data_docs(db, settings)


# No task retries: a database held by another program is waited for inside the load (warehouse.db.connect),
# within the run's one budget of `wait_seconds`; retries would multiply it, and nothing else can succeed later.
@task(name="load", cache_policy=NO_CACHE)
def load_task(batch: ValidatedBatch, db: Path, settings: stages.Settings, source: str,
              unchanged: tuple[SourceFile, ...], skipped: tuple[Skipped, ...], load_id: str,
              wait_seconds: float) -> LoadSummary:
    return stages.load(db, batch, settings, source, unchanged=unchanged, skipped=skipped, load_id=load_id,
                       wait_seconds=wait_seconds)


class WaitBudget:
    """One allowance of seconds to wait for the database, shared by every step of a run that opens it."""

    def __init__(self, seconds: float) -> None:
        self.deadline = time.monotonic() + max(seconds, 0.0)

    def left(self) -> float:
        return max(self.deadline - time.monotonic(), 0.0)


# Starting a pool of worker processes costs ~5 s on 2 cores (each imports Prefect and
# registers with the API); below this many documents one process finishes sooner.
PROCESS_POOL_MIN_DOCUMENTS = 300


def choose_runner(documents: int, workers: int | None, dask_address: str | None) -> tuple[TaskRunner, int]:
    """The task runner for extraction and how many tasks it runs at once.

    Processes for CPU-bound extraction when they repay their start; `workers` given explicitly always wins.
    """
    if dask_address:
        from prefect_dask import DaskTaskRunner

        return DaskTaskRunner(address=dask_address), max(workers or 8, 1)
    if workers is None:
        workers = (os.cpu_count() or 1) if documents >= PROCESS_POOL_MIN_DOCUMENTS else 1
    if workers <= 1:
        return ThreadPoolTaskRunner(max_workers=1), 1
    # workers exit when this process is killed outright, rather than wait on the pool's queue for good
    return ProcessPoolTaskRunner(max_workers=workers, initializer=end_with_parent, initargs=(os.getpid(),)), workers


@contextmanager
def ephemeral_api_shared() -> Iterator[None]:
    """Point worker processes at this process's ephemeral Prefect server.

    Without a configured PREFECT_API_URL each spawned worker would start an
    ephemeral server of its own (~8 s each on 2 cores); the runner hands
    os.environ to its workers, so publishing the URL there is enough.
    """
    if os.environ.get("PREFECT_API_URL"):
        yield
        return
    from prefect.server.api.server import SubprocessASGIServer

    server = SubprocessASGIServer()
    if server.server_process is None:  # no ephemeral server in this process: nothing to share
        yield
        return
    os.environ["PREFECT_API_URL"] = server.api_url
    try:
        yield
    finally:
        os.environ.pop("PREFECT_API_URL", None)


def chunk_size_for(documents: int, chunk_size: int | None, parallel: int) -> int:
    """About four tasks per worker: enough to balance uneven files, few enough that Prefect's cost per task
    (a task run recorded through the API) stays small next to the work."""
    if chunk_size:
        return chunk_size
    return max(16, min(250, -(-documents // (4 * max(parallel, 1)))))


def warm_up_validation() -> threading.Thread:
    """Import Great Expectations (~3 s) while worker processes extract: this process is idle meanwhile."""
    from validation.gx_runtime import runtime

    thread = threading.Thread(target=runtime, name="gx-warm-up", daemon=True)
    thread.start()
    return thread


def extract_all(plan: stages.Plan, settings: stages.Settings, chunk_size: int | None, workers: int | None,
                dask_address: str | None, progress: Progress, spool: Spool) -> None:
    """Extract every file to do into `spool`, chunk by chunk as the workers finish them."""
    if not plan.todo:
        return
    runner, parallel = choose_runner(len(plan.todo), workers, dask_address)
    chunks = stages.chunked(plan.todo, chunk_size_for(len(plan.todo), chunk_size, parallel))
    if parallel > 1:
        warm_up_validation()
    from validation.validate import canonical_township  # here: worker processes import this module, not pandas

    order = {src.path: i for i, src in enumerate(plan.todo)}
    registry = settings.registry()

    def township(e: Extraction) -> str | None:
        return township_key(canonical_township(e, registry))

    with ephemeral_api_shared(), runner:
        for part in _results_as_completed(runner, chunks, settings):
            spool.add(part, order, township)
            progress.advance(len(part))


def _results_as_completed(runner: TaskRunner, chunks: list[tuple[SourceFile, ...]], settings: stages.Settings
                          ) -> Iterator[list[Extraction]]:
    """Each chunk's extractions as it finishes, its future dropped once read.

    prefect.futures.as_completed keeps every future, and so every result, until the last one:
    the whole run's extractions in memory at once.
    """
    finished: queue.Queue[PrefectFuture[list[Extraction]]] = queue.Queue()
    for chunk in chunks:
        runner.submit(extract_task, {"sources": chunk, "settings": settings}).add_done_callback(finished.put)
    for _ in chunks:
        yield finished.get().result()


def township_key(e: Extraction) -> str | None:
    """Validation's township for a report (what supersedes and last-year checks compare); None when rejected."""
    return e.facts.township_name if e.status == "ok" else None


@dataclass
class _Tally:
    run_id: str
    summaries: list[LoadSummary]
    warnings: list[Finding]
    data_docs: Path | None = None
    pages: int = 0
    extract_seconds: float = 0.0
    validate: float = 0.0
    load: float = 0.0


def validate_and_load(spool: Spool, plan: stages.Plan, db: Path, settings: stages.Settings, label: str,
                      wait: WaitBudget, sub_batch: int) -> _Tally:
    """Validate and load the spooled extractions a few townships at a time; files not extracted
    (unchanged, skipped) are recorded with the first load."""
    run_id = stages.new_run_id()
    sub_batches = spool.sub_batches(sub_batch) or [()]  # nothing extracted: one load still records the files
    count = len(sub_batches)
    tally = _Tally(run_id, [], [])
    for n, where in enumerate(sub_batches, start=1):
        extractions = spool.read(where)
        tally.pages += sum(e.pages or 0 for e in extractions)
        tally.extract_seconds += sum(e.seconds for e in extractions)
        t0 = time.perf_counter()
        # quote(): Prefect would otherwise walk every record of a large batch looking for futures (seconds).
        batch = validate_task(quote(extractions), db, settings, defer_docs=count > 1)
        t1 = time.perf_counter()
        first = n == 1
        summary = load_task(quote(batch), db, settings, label, quote(plan.unchanged if first else ()),
                            quote(plan.skipped if first else ()), run_id if count == 1 else f"{run_id}-{n}",
                            wait.left())
        tally.validate += t1 - t0
        tally.load += time.perf_counter() - t1
        tally.summaries.append(summary)
        tally.warnings.extend(batch.warnings())
        tally.data_docs = batch.data_docs or tally.data_docs
        del extractions, batch  # before the next sub-batch is read: one in memory at a time
    if count > 1:
        t0 = time.perf_counter()
        tally.data_docs = data_docs_task(db, settings)
        tally.validate += time.perf_counter() - t0
    return tally


@flow(name="ingest-reports", log_prints=False)
def ingest_reports(
    source: str | list[str] = "reports",
    db: str = "county.duckdb",
    county: str | None = None,
    indicators: str | None = None,
    chunk_size: int | None = None,
    workers: int | None = None,
    dask_address: str | None = None,
    max_mb: float = 50.0,
    ocr: bool = True,
    wait_seconds: float = 60.0,
    artifacts: bool = True,
    sub_batch: int = SUB_BATCH_DOCUMENTS,
) -> IngestReport:
    """Ingest a folder (or files) of township reports into the county's DuckDB file.

    A run with files rejected or quarantined ends in the Completed state named 有问题, with the problem list
    as an artifact; calling the flow still returns the IngestReport.

    `wait_seconds`: how long, in all, the run may wait for a database held by another program; it is checked
    before any report is read, so a held file stops the run at once (DatabaseBusy names the holder).
    Paths are strings as `flows.paths.as_param` writes them (a path that is not UTF-8 in base64).
    """
    sources = [from_param(s) for s in ([source] if isinstance(source, str) else source)]
    db_path = from_param(db)
    settings = stages.Settings(
        county=from_param(county) if county else None,
        indicators=from_param(indicators) if indicators else None,
        read=ReadOptions(max_bytes=int(max_mb * 1024 * 1024), ocr=ocr),
    )
    label = ", ".join(display_path(s) for s in sources)
    wait = WaitBudget(wait_seconds)
    check_database_task(db_path, wait.left())
    t0 = time.perf_counter()
    plan = discover_task(sources, db_path, wait.left())
    t1 = time.perf_counter()
    with Spool() as spool:
        with Progress(total=len(plan.todo), label="读取报告") as progress:
            extract_all(plan, settings, chunk_size, workers, dask_address, progress, spool)
        t2 = time.perf_counter()
        tally = validate_and_load(spool, plan, db_path, settings, label, wait, sub_batch)
    summary = stages.merged(tally.summaries, tally.run_id)
    front_page = stages.publish_validation_page(db_path, settings)  # over GX's index, which needs the internet
    report = IngestReport(summary=summary, warnings=tuple(tally.warnings), plan=plan,
                          timings=stages.Timings(t1 - t0, t2 - t1, tally.validate, tally.load), db=db_path,
                          data_docs=front_page or tally.data_docs, pages=tally.pages,
                          extract_seconds=tally.extract_seconds)
    problems = problem_files(summary.files)
    if artifacts:
        publish_ingest_artifacts(report)
        if problems:
            publish_problems(problems, needs_attention(problems))
    if problems:  # the UI shows the run apart from a clean one; the caller still gets the report
        return cast(IngestReport, Completed(name=NOT_CLEAN, message=needs_attention(problems),
                                            data=report))
    return report
