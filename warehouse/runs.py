"""What runs did, read back from the warehouse: for a run that was stopped, and for the reports a run needs."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from warehouse.db import connect
from warehouse.statements import TABLE_EXISTS

LOADED_SINCE = """
SELECT coalesce(sum(documents_loaded), 0) FROM loads WHERE status = 'completed' AND started_at >= ?
"""

# The best report received per township for a year: loaded beats quarantined (as v_coverage ranks them).
REPORT_STATUS = """
SELECT township, CASE WHEN bool_or(status = 'loaded') THEN 'loaded' ELSE 'quarantined' END
FROM documents WHERE year = ? AND township IS NOT NULL AND status IN ('loaded', 'quarantined')
GROUP BY township
"""

YEARS_WITH_REPORTS = "SELECT DISTINCT year FROM documents WHERE status = 'loaded' AND year IS NOT NULL ORDER BY year"


def loaded_since(db: Path, started_at: datetime) -> int:
    """Reports loaded by completed loads that started at or after `started_at` (timezone-aware, as runs record it).

    Each load is one transaction, so this is exactly what a stopped run kept. 0 when there is no database.
    """
    if not Path(db).is_file():
        return 0
    con = connect(db, read_only=True, wait_seconds=1.0)
    try:
        row = con.execute(LOADED_SINCE, [started_at]).fetchone()
    finally:
        con.close()
    return int(row[0]) if row else 0


def years_with_reports(db: Path, *, wait_seconds: float = 0.0) -> list[int]:
    """Reporting years with at least one loaded report, oldest first; [] when there is no database."""
    if not Path(db).is_file():
        return []
    con = connect(db, read_only=True, wait_seconds=wait_seconds)
    try:
        (tables,) = con.execute(TABLE_EXISTS, ["documents"]).fetchone() or (0,)
        return [int(r[0]) for r in con.execute(YEARS_WITH_REPORTS).fetchall()] if tables else []
    finally:
        con.close()


def report_status(db: Path, year: int, *, wait_seconds: float = 0.0) -> dict[str, str]:
    """Township -> 'loaded' or 'quarantined' (a report arrived but failed validation) for `year`: every township
    a report for that year came from. {} when there is no database."""
    if not Path(db).is_file():
        return {}
    con = connect(db, read_only=True, wait_seconds=wait_seconds)
    try:
        (tables,) = con.execute(TABLE_EXISTS, ["documents"]).fetchone() or (0,)
        return {str(t): str(s) for t, s in con.execute(REPORT_STATUS, [year]).fetchall()} if tables else {}
    finally:
        con.close()
