"""One measured ingestion, run as its own process so its peak memory is its own.

    python -m benchmarks.ingest_once CORPUS DB [--county county.yaml] [--workers N]

Prints one JSON object: wall time, time until the flow body starts and after it
ends (Prefect's fixed cost), per-stage seconds, counts, and the summed CPU
seconds of extraction inside the workers (to split orchestration from work).
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path


def main() -> None:
    t_start = time.perf_counter()
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", type=Path)
    ap.add_argument("db", type=Path)
    ap.add_argument("--county", type=Path, default=None)
    ap.add_argument("--workers", type=int, default=None)
    ap.add_argument("--chunk-size", type=int, default=None)
    ap.add_argument("--sub-batch", type=int, default=None, help="documents validated and loaded together")
    a = ap.parse_args()

    from township_rollup import quiet

    quiet.apply()
    t_import0 = time.perf_counter()
    from flows.ingest import ingest_reports

    t_import = time.perf_counter() - t_import0
    t0 = time.perf_counter()
    report = ingest_reports(source=str(a.corpus), db=str(a.db), county=str(a.county) if a.county else None,
                            workers=a.workers, chunk_size=a.chunk_size, artifacts=True,
                            **({"sub_batch": a.sub_batch} if a.sub_batch else {}))
    flow_wall = time.perf_counter() - t0
    s = report.summary
    t = report.timings
    body = t.plan + t.extract + t.validate + t.load
    print(json.dumps({
        "wall": time.perf_counter() - t_start,
        "import": t_import,
        "flow_wall": flow_wall,
        "prefect_fixed": flow_wall - body,
        "discover": t.plan, "extract": t.extract, "validate": t.validate, "load": t.load,
        "extract_cpu": report.extract_seconds,
        "documents": len(report.plan.todo),
        "pages": report.pages,
        "loaded": s.documents_loaded, "unchanged": s.documents_unchanged, "rejected": s.documents_rejected,
        "statistics": s.statistics_loaded,
    }))


if __name__ == "__main__":
    main()
