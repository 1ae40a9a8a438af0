"""The county comparison of one year, written as CSV, XLSX and HTML, with its artifact in the Prefect UI.

`export_comparison` is the flow `township-rollup rollup` runs; the office's yearly job (flows/office.py)
runs the same task after ingesting what is new.
"""

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


# No retries: a wrong path or a broken registry fails the same way every time; a database held by another
# program is waited for inside (warehouse.db.connect).
@task(name="export", cache_policy=NO_CACHE)
def export_task(db: Path, year: int, out: Path, county: Path | None, indicators: Path | None) -> RollupResult:
    from warehouse.compare import comparison
    from warehouse.display import township_label
    from warehouse.export import write_exports

    table = comparison(db, year, load_catalog(extra=indicators), load_registry(county) if county else None)
    exports = write_exports(db, table, out)
    return RollupResult(year, exports, len(table.rows), tuple(township_label(r) for r in table.rows if not r.reported))


def export_and_publish(year: int, db: Path, out: Path, county: Path | None, indicators: Path | None,
                       workbench: str | None = None) -> RollupResult:
    result = export_task(db, year, out, county, indicators)
    publish_rollup_artifacts(year, result.exports, result.townships, list(result.missing), workbench)
    return result


@flow(name="export-comparison")
def export_comparison(year: int, db: str = "county.duckdb", out: str = "exports", county: str | None = None,
                      indicators: str | None = None, workbench: str | None = None) -> RollupResult:
    """Write the comparison tables of `year` (CSV, XLSX, HTML) into `out` and publish them as an artifact
    (linking to the workbench at `workbench`, when given)."""
    return export_and_publish(year, from_param(db), from_param(out), from_param(county) if county else None,
                              from_param(indicators) if indicators else None, workbench)
