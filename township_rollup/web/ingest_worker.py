"""The ingestion a workbench page started, in a process of its own: `python -m township_rollup.web.ingest_worker`.

It runs the same Prefect flow as `township-rollup ingest` (flows.ingest.ingest_reports) and reports on stdout,
one JSON object per line after MARK, so the page can show progress and then the run's outcome. A process of its
own, because the flow may start worker processes and holds the database while it loads, and a page must never
be what keeps the file open.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence

MARK = "@@township-rollup@@ "


def emit(event: str, **fields: object) -> None:
    sys.stdout.write(MARK + json.dumps({"event": event, **fields}, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def main(argv: Sequence[str]) -> int:
    """argv[0]: the job as JSON: sources (paths), db, county, indicators, max_mb, wait_seconds."""
    job = json.loads(argv[0])
    emit("phase", phase="starting")
    from flows.ingest import ingest_reports
    from flows.progress import observe
    from warehouse.db import DatabaseBusy

    def progress(label: str, done: int, total: int) -> None:
        emit("progress", label=label, done=done, total=total)

    try:
        with observe(progress):
            report = ingest_reports(source=job["sources"], db=job["db"], county=job.get("county"),
                                    indicators=job.get("indicators"), max_mb=job.get("max_mb", 50.0),
                                    wait_seconds=job.get("wait_seconds", 60.0))
    except DatabaseBusy as exc:
        emit("failed", message=str(exc).splitlines()[0])
        return 2
    except Exception as exc:  # the page must say why, whatever it was; nothing is half-loaded (one transaction)
        emit("failed", message=f"导入中断：{type(exc).__name__}: {exc}。已导入的数据不受影响。")
        return 2
    s = report.summary
    emit("done", load_id=s.load_id, loaded=s.documents_loaded, unchanged=s.documents_unchanged,
         rejected=s.documents_rejected, quarantined=s.documents_quarantined, superseded=s.documents_superseded,
         statistics=s.statistics_loaded, warnings=s.warnings)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
