"""One Great Expectations ephemeral context per process, built on first use and reused.

Importing GX takes seconds, so nothing here imports it until `runtime()` is first called.
Analytics are switched off before the import and progress bars silenced: a batch run must not
touch the network or clutter a clerk's terminal.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import threading
import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from validation.data_docs import make_offline

SITE_NAME = "township_rollup"
logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class RuleOutcome:
    """The rows of one frame that failed one expectation (positional indices into that frame)."""

    frame: str  # "documents" or "statistics"
    rule: str
    unexpected: tuple[int, ...]


class GxRuntimeError(RuntimeError):
    """GX could not evaluate an expectation: a bug in the frames or suites, not bad input."""


class GxRuntime:
    """The context, one pandas data source, and one validation definition per frame."""

    def __init__(self) -> None:
        os.environ["GX_ANALYTICS_ENABLED"] = "false"
        with warnings.catch_warnings():  # GX's own DeprecationWarnings (sre_constants) are not ours to show
            warnings.simplefilter("ignore", DeprecationWarning)
            import great_expectations as gx
        for name in ("great_expectations", "great_expectations.data_context.types.base"):  # the latter sets INFO
            logging.getLogger(name).setLevel(logging.WARNING)
        from great_expectations.data_context.types.base import ProgressBarsConfig

        from validation import suites

        self._lock = threading.Lock()  # a GX context is not safe to share between threads
        self.context = gx.get_context(mode="ephemeral")
        self.context.config.analytics_enabled = False
        self.context.variables.progress_bars = ProgressBarsConfig(globally=False, metric_calculations=False)
        source = self.context.data_sources.add_pandas(SITE_NAME)
        self.definitions: dict[str, Any] = {}
        for name, suite in (("documents", suites.documents_suite()), ("statistics", suites.statistics_suite())):
            batch = source.add_dataframe_asset(name=name).add_batch_definition_whole_dataframe(name)
            added = self.context.suites.add(suite)
            self.definitions[name] = self.context.validation_definitions.add(
                gx.ValidationDefinition(name=f"{SITE_NAME}_{name}", data=batch, suite=added))

    def run(self, frames: Mapping[str, pd.DataFrame], parameters: Mapping[str, Any],
            data_docs_dir: Path | None, *, defer_docs: bool = False) -> tuple[list[RuleOutcome], Path | None]:
        """Validate each non-empty frame under one run id, then write Data Docs for the results kept so far,
        or (`defer_docs`) keep this run's results for one `publish` after the run's last sub-batch:
        building the site costs ~0.4 s however few results it shows."""
        from great_expectations.core.run_identifier import RunIdentifier

        with self._lock:
            run_id = RunIdentifier(run_name=SITE_NAME, run_time=dt.datetime.now(dt.UTC))
            outcomes: list[RuleOutcome] = []
            try:
                for name, frame in frames.items():
                    if frame.empty:
                        continue
                    result = self.definitions[name].run(
                        batch_parameters={"dataframe": frame}, expectation_parameters=dict(parameters),
                        result_format="COMPLETE", run_id=run_id)
                    outcomes.extend(_outcomes(name, frame, result))
            except BaseException:
                self._forget_results()
                raise
            if defer_docs:
                return outcomes, None
            return outcomes, self._publish(data_docs_dir)

    def publish(self, data_docs_dir: Path | None) -> Path | None:
        """Data Docs for every result kept since the last publish (then forgotten)."""
        with self._lock:
            return self._publish(data_docs_dir)

    def _publish(self, data_docs_dir: Path | None) -> Path | None:
        try:
            kept = bool(self.context.validation_results_store.list_keys())
            return self._build_docs(data_docs_dir) if data_docs_dir is not None and kept else None
        finally:
            self._forget_results()

    def _build_docs(self, directory: Path) -> Path | None:
        """The site's index page, or None when the directory cannot be written (validation still counts)."""
        try:
            self._build_site(directory)
        except OSError as exc:
            logger.warning("Data Docs not written to %s: %s", directory, exc)
            return None
        return Path(directory).resolve() / "index.html"

    def _build_site(self, directory: Path) -> None:
        site = {
            "class_name": "SiteBuilder",
            "store_backend": {"class_name": "TupleFilesystemStoreBackend",
                              "base_directory": str(Path(directory).resolve())},
            "site_index_builder": {"class_name": "DefaultSiteIndexBuilder", "show_cta_footer": False},
        }
        if SITE_NAME in self.context.list_data_docs_sites():
            self.context.update_data_docs_site(SITE_NAME, site)
        else:
            self.context.add_data_docs_site(SITE_NAME, site)
        self.context.build_data_docs(site_names=[SITE_NAME])
        make_offline(Path(directory))

    def _forget_results(self) -> None:
        """Results live in memory; a long-running worker must not keep every batch's."""
        store = self.context.validation_results_store
        for key in store.list_keys():
            store.remove_key(key)


def _outcomes(name: str, frame: pd.DataFrame, result: Any) -> list[RuleOutcome]:
    out = []
    for r in result.results:
        config = r.expectation_config
        if r.exception_info and r.exception_info.get("raised_exception"):
            raise GxRuntimeError(f"{config.type} on {name}: {r.exception_info.get('exception_message')}")
        if r.success:
            continue
        labels = r.result.get("unexpected_index_list") or []
        positions = tuple(int(frame.index.get_loc(label)) for label in labels)
        out.append(RuleOutcome(frame=name, rule=config.meta["rule"], unexpected=positions))
    return out


_RUNTIME: list[GxRuntime] = []
_RUNTIME_LOCK = threading.Lock()


def runtime() -> GxRuntime:
    """The process's GX runtime, created on first call (this is where GX gets imported)."""
    with _RUNTIME_LOCK:
        if not _RUNTIME:
            _RUNTIME.append(GxRuntime())
        return _RUNTIME[0]


def started() -> GxRuntime | None:
    """The runtime if this process has built it (without importing GX otherwise)."""
    with _RUNTIME_LOCK:
        return _RUNTIME[0] if _RUNTIME else None
