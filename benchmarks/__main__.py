"""`python -m benchmarks`: the fixed cost of a command and where it goes, the grammar's cost by text size,
ingestion cost against the floor of just reading the files, and query speed.

    python -m benchmarks                         # fixed cost, N = 200 and 2,000, then the national warehouse
    python -m benchmarks.fixed_cost              # only the fixed cost: an unchanged folder, without and with a server
    python -m benchmarks --n 200 --skip-query    # quicker
    python -m benchmarks.grammar_speed --scaling # only the grammar's cost per 10,000 characters, by text size
    python -m benchmarks --server                # starts `prefect server` on 127.0.0.1 first (how offices run it)
    PREFECT_API_URL=http://127.0.0.1:4200/api python -m benchmarks   # against a server already running

Not part of the test run: it prints figures, it asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path

import psutil

from benchmarks.floor import read_all
from flows.local_server import local_prefect_server


@dataclass(frozen=True)
class Measured:
    result: dict[str, float]
    peak_rss_mb: float  # the whole process tree (the flow and its extraction workers), sampled
    peak_main_mb: float  # the flow's own process: what grows with N if anything does


def run_measured(args: list[str], env: dict[str, str] | None = None) -> Measured:
    """Run a child Python process, sampling the RSS of its whole tree every 50 ms."""
    proc = psutil.Popen([sys.executable, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    peak = peak_main = 0
    while proc.poll() is None:
        try:
            main_rss = proc.memory_info().rss
            rss = main_rss + sum(c.memory_info().rss for c in proc.children(recursive=True))
        except psutil.Error:
            main_rss = rss = 0
        peak, peak_main = max(peak, rss), max(peak_main, main_rss)
        time.sleep(0.05)
    out, err = proc.communicate()
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{err.decode()[-3000:]}")
    last = [ln for ln in out.decode().splitlines() if ln.startswith("{")][-1]
    return Measured(json.loads(last), peak / 1e6, peak_main / 1e6)


def corpus(workdir: Path, n: int) -> Path:
    """Generated once per N and kept: LibreOffice needs minutes for thousands of PDFs."""
    from samplegen.generate import generate_corpus

    target = workdir / f"corpus-{n}"
    marker = target / ".complete"
    if not marker.exists():
        t0 = time.perf_counter()
        generate_corpus(target / "reports", n)
        marker.write_text(str(n))
        print(f"  generated N={n} in {time.perf_counter() - t0:.0f} s -> {target}")
    return target


def bench_ingestion(workdir: Path, n: int, workers: int | None) -> None:
    base = corpus(workdir, n)
    reports = base / "reports"
    files = sorted(p for p in reports.rglob("*") if p.suffix in (".pdf", ".docx"))
    county = next(iter(base.rglob("county.yaml")), None)
    floor = read_all(files)
    print(f"\n== N = {n}: {len(files)} files, {floor.pages} PDF pages")
    print(f"floor (read text once, one process): {floor.seconds:.2f} s  "
          f"{len(files) / floor.seconds:.0f} docs/s  {floor.pages / max(floor.seconds, 1e-9):.0f} PDF pages/s")

    empty = workdir / "empty"
    empty.mkdir(exist_ok=True)
    extra = ["--county", str(county)] if county else []
    extra += ["--workers", str(workers)] if workers else []
    fixed = run_measured(["-m", "benchmarks.ingest_once", str(empty), str(workdir / "empty.duckdb"), *extra])
    print(f"fixed cost, empty folder: wall {fixed.result['wall']:.2f} s "
          f"(imports {fixed.result['import']:.2f} s, flow {fixed.result['flow_wall']:.2f} s)")

    db = workdir / f"bench-{n}.duckdb"
    for suffix in ("", ".wal"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    for label in ("full ingestion", "re-ingestion (unchanged)"):
        m = run_measured(["-m", "benchmarks.ingest_once", str(reports), str(db), *extra])
        r = m.result
        docs = max(r["documents"], 1)
        print(f"{label}: wall {r['wall']:.2f} s  flow {r['flow_wall']:.2f} s  "
              f"{len(files) / r['flow_wall']:.1f} docs/s  {r['pages'] / r['flow_wall']:.1f} pages/s  "
              f"peak RSS {m.peak_rss_mb:.0f} MB (flow process {m.peak_main_mb:.0f} MB)")
        print(f"   stages: discover {r['discover']:.2f}  extract {r['extract']:.2f}  validate {r['validate']:.2f}"
              f"  load {r['load']:.2f}  | Prefect fixed {r['prefect_fixed']:.2f} s"
              f"  | extraction CPU {r['extract_cpu']:.2f} s = {1000 * r['extract_cpu'] / docs:.1f} ms/doc")
        if label == "full ingestion":
            print(f"   ratio pipeline / floor: {r['flow_wall'] / floor.seconds:.2f} (flow)  "
                  f"{(r['flow_wall'] - r['prefect_fixed']) / floor.seconds:.2f} (without Prefect's fixed start)")
        else:
            per_file = (r["flow_wall"] - fixed.result["flow_wall"]) / len(files) * 1000
            print(f"   per unchanged file beyond the fixed cost: {per_file:.2f} ms")


@contextmanager
def server_for_run(workdir: Path) -> Iterator[None]:
    """PREFECT_API_URL set to a fresh local server for the child processes the benchmark starts."""
    with local_prefect_server(workdir / "prefect-home") as url:
        os.environ["PREFECT_API_URL"] = url
        try:
            yield
        finally:
            os.environ.pop("PREFECT_API_URL", None)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, nargs="+", default=[200, 2000])
    ap.add_argument("--workdir", type=Path, default=Path(os.environ.get("TMPDIR", "/tmp")) / "township-bench")
    ap.add_argument("--workers", type=int, default=None)
    ap.add_argument("--skip-query", action="store_true")
    ap.add_argument("--skip-grammar", action="store_true", help="skip the grammar's growth table")
    ap.add_argument("--query-townships", type=int, default=40_000)
    ap.add_argument("--server", action="store_true", help="start a local Prefect server for the run")
    ap.add_argument("--skip-fixed-cost", action="store_true", help="skip the fixed cost of a command")
    a = ap.parse_args()
    a.workdir.mkdir(parents=True, exist_ok=True)
    from township_rollup import quiet

    quiet.apply()
    if not a.skip_fixed_cost:
        from benchmarks.fixed_cost import bench_fixed_cost

        bench_fixed_cost(a.workdir)
    if not a.skip_grammar:
        from benchmarks.grammar_speed import scaling

        scaling()
    with server_for_run(a.workdir) if a.server else nullcontext():
        print(f"Prefect API: {os.environ.get('PREFECT_API_URL') or 'ephemeral (no server configured)'}; "
              f"cores: {os.cpu_count()}")
        for n in a.n:
            bench_ingestion(a.workdir, n, a.workers)
    if not a.skip_query:
        from benchmarks.queries import bench_queries

        bench_queries(a.workdir, a.query_townships)


if __name__ == "__main__":
    main()
