"""The fixed cost of a command: `township-rollup ingest` on a folder it has already loaded, and where it goes.

    python -m benchmarks.fixed_cost                   # the sample county; without a server, then with a lasting one
    python -m benchmarks.fixed_cost --runs 5
    python -m benchmarks.fixed_cost --cli /other/checkout/.venv/bin/township-rollup   # compare another build

Two measurements of the same run, alternated so the machine's load weighs on both alike: the command as a
clerk runs it (wall time, and CPU time with its temporary server: steadier on a busy machine), and the same
steps in an instrumented process that stamps each phase as the command runs them
(`township_rollup/commands/ingest.py`): imports of the command line, the checks before the run (folder,
catalog, database), starting the Prefect API (a temporary server booting in a child while this process imports
Prefect and the flows: only the wait left after the imports counts), Prefect's bookkeeping of the flow (flow
and task runs, artifacts, state), our stages (discovery, reading what is new, validation, load), stopping the
server, and the interpreter's exit. Not part of the tests.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "county"
CLI = str(Path(sys.executable).with_name("township-rollup"))
PHASES = ("interpreter", "imports: command line", "checks before the run", "imports: Prefect and flows",
          "waiting for the server", "Prefect bookkeeping", "our stages", "stopping the server", "exit")


def instrumented(reports: str, db: str, county: str) -> None:
    """One ingestion through the command's own steps, a wall-clock stamp after each, printed as JSON."""
    stamps: dict[str, float] = {"started": time.time()}
    from township_rollup import quiet

    quiet.apply()
    import township_rollup.cli  # noqa: F401
    from township_rollup.commands.ingest import _check_catalog, _check_sources

    stamps["cli"] = time.time()
    args = argparse.Namespace(indicators=None, county=Path(county))
    _check_sources([Path(reports)])
    _check_catalog(args)
    from warehouse.db import check_writable

    check_writable(Path(db))
    stamps["checks"] = time.time()
    from township_rollup.prefect_api import TemporaryServer, prefect_api

    with prefect_api(None) as api:
        spawned = time.time()
        from flows.ingest import ingest_reports

        stamps["imports"] = time.time()
        api.ready()
        stamps["ready"] = time.time()
        stamps["boot"] = stamps["ready"] - spawned if isinstance(api, TemporaryServer) else 0.0
        report = ingest_reports(source=reports, db=db, county=county)
        stamps["flow"] = time.time()
    stamps["stopped"] = time.time()
    t = report.timings
    stamps["stages"] = t.plan + t.extract + t.validate + t.load
    print(json.dumps(stamps), flush=True)


def wall_time(cli: str, reports: Path, db: Path, county: Path, env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the command and the processes it waited for: its temporary server)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.time()
    done = subprocess.run([cli, "ingest", str(reports), "--db", str(db), "--county", str(county)], env=env,
                          capture_output=True, text=True)
    wall = time.time() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        raise SystemExit(f"ingest failed ({done.returncode}): {done.stderr[-2000:]}")
    return wall, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def phases(reports: Path, db: Path, county: Path, env: dict[str, str]) -> dict[str, float]:
    """Seconds per phase of one instrumented run (and the temporary server's whole boot, as `boot`)."""
    spawned = time.time()
    done = subprocess.run([sys.executable, "-m", "benchmarks.fixed_cost", "--child", str(reports), str(db),
                           str(county)], env=env, capture_output=True, text=True)
    ended = time.time()
    if done.returncode != 0:
        raise SystemExit(f"instrumented run failed: {done.stderr[-3000:]}")
    s = json.loads([ln for ln in done.stdout.splitlines() if ln.startswith("{")][-1])
    flow = s["flow"] - s["ready"]
    return {
        "interpreter": s["started"] - spawned,
        "imports: command line": s["cli"] - s["started"],
        "checks before the run": s["checks"] - s["cli"],
        "imports: Prefect and flows": s["imports"] - s["checks"],
        "waiting for the server": s["ready"] - s["imports"],
        "Prefect bookkeeping": flow - s["stages"],
        "our stages": s["stages"],
        "stopping the server": s["stopped"] - s["flow"],
        "exit": ended - s["stopped"],
        "boot": s["boot"],
    }


def _timed(label: str, times: list[tuple[float, float]]) -> str:
    walls = [w for w, _ in times]
    cpu = statistics.median(c for _, c in times)
    return (f"{label} {statistics.median(walls):.2f} s (median of {len(walls)}; {min(walls):.2f}-{max(walls):.2f}), "
            f"CPU {cpu:.2f} s")


def report(label: str, walls: list[tuple[float, float]], runs: list[dict[str, float]],
           other: list[tuple[float, float]] | None, other_cli: str | None) -> None:
    print(f"{label}:\n   {_timed('`township-rollup ingest`', walls)}")
    if other:
        print(f"   {_timed(str(other_cli), other)}; runs alternated with the above")
    total = statistics.median(sum(r[p] for p in PHASES) for r in runs)
    print(f"   where it goes (instrumented run, {total:.2f} s):")
    for p in PHASES:
        print(f"     {p:28s} {statistics.median(r[p] for r in runs):6.2f} s")
    boot = statistics.median(r["boot"] for r in runs)
    if boot:
        print(f"     (the temporary server's whole boot: {boot:.2f} s, the rest hidden behind the imports)")


def bench_fixed_cost(workdir: Path, runs: int = 3, other_cli: str | None = None, server: bool = True) -> None:
    """Print the fixed cost on the sample county's reports, loaded once: without a server, then with one."""
    from flows.local_server import local_prefect_server

    workdir.mkdir(parents=True, exist_ok=True)
    reports = workdir / "fixed-cost-reports"
    if not reports.exists():
        shutil.copytree(SAMPLE / "reports", reports)
    county = SAMPLE / "county.yaml"
    db = workdir / "fixed-cost.duckdb"
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    env["PREFECT_API_URL"] = ""  # no server, whatever the Prefect profile says
    wall_time(CLI, reports, db, county, env)  # load once: what follows finds every file unchanged (one broken)
    files = sum(1 for p in reports.iterdir() if p.is_file())
    print(f"\n== fixed cost: ingest of an unchanged folder ({files} files: {files - 1} loaded before, 1 broken, "
          f"read again), Prefect {_prefect_version()}, cores {os.cpu_count()}, load {os.getloadavg()[0]:.1f}")

    def measure(env: dict[str, str]) -> tuple[list[tuple[float, float]], list[dict[str, float]],
                                              list[tuple[float, float]]]:
        walls, parts, others = [], [], []
        for _ in range(runs):
            walls.append(wall_time(CLI, reports, db, county, env))
            if other_cli:
                others.append(wall_time(other_cli, reports, db, county, env))
            parts.append(phases(reports, db, county, env))
        return walls, parts, others

    report("without a server (a temporary one per command)", *measure(env), other_cli)
    if server:
        with local_prefect_server(workdir / "fixed-cost-prefect-home") as url:
            report("with a lasting local server (township-rollup schedule, or the systemd unit)",
                   *measure({**env, "PREFECT_API_URL": url}), other_cli)


def _prefect_version() -> str:
    from importlib.metadata import version

    return version("prefect")


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        instrumented(*sys.argv[2:5])
        return
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "township-bench")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--cli", default=None, help="another township-rollup to time alongside (e.g. main's)")
    ap.add_argument("--no-server", action="store_true", help="skip the run with a lasting server")
    a = ap.parse_args()
    bench_fixed_cost(a.workdir, a.runs, a.cli, server=not a.no_server)


if __name__ == "__main__":
    main()
