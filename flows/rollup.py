"""`yearly_rollup`: the county comparison for one year, written as CSV, XLSX and HTML."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from prefect import flow, task
from prefect.cache_policies import NO_CACHE

from core.catalog import load_catalog
from core.registry import load_registry
from flows.artifacts import publish_rollup_artifacts
from flows.paths import from_param

OFFICE_TZ = ZoneInfo("Asia/Shanghai")


def last_year(now: datetime | None = None) -> int:
    """Reports describe the previous year; the rollup runs in spring, in the office's time zone."""
    return (now or datetime.now(OFFICE_TZ)).year - 1


@dataclass(frozen=True)
class RollupResult:
    year: int
    exports: dict[str, Path]
    townships: int
    missing: tuple[str, ...]  # townships without a report that counts, each with its status: 云雾乡（未报送）


@task(name="export", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=5)
def export_task(db: Path, year: int, out: Path, county: Path | None, indicators: Path | None) -> RollupResult:
    from warehouse.compare import comparison
    from warehouse.display import township_label
    from warehouse.export import write_exports

    table = comparison(db, year, load_catalog(extra=indicators), load_registry(county) if county else None)
    exports = write_exports(db, table, out)
    return RollupResult(year, exports, len(table.rows), tuple(township_label(r) for r in table.rows if not r.reported))


@flow(name="yearly-rollup")
def yearly_rollup(year: int | None = None, db: str = "county.duckdb", out: str = "exports",
                  county: str | None = None, indicators: str | None = None) -> RollupResult:
    """Build the comparison tables of `year` (default: last year) and write the exports."""
    year = year or last_year()
    result = export_task(from_param(db), year, from_param(out), from_param(county) if county else None,
                         from_param(indicators) if indicators else None)
    publish_rollup_artifacts(year, result.exports, result.townships, list(result.missing))
    return result
