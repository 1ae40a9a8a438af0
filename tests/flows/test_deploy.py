"""prefect.yaml as the office uses it: loaded, deployed to a real server on 127.0.0.1, run by a worker."""

from __future__ import annotations

import inspect
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml

from flows.local_server import local_prefect_server
from tests.conftest import REPO

PREFECT = str(Path(sys.executable).with_name("prefect"))


def _deployments() -> dict[str, dict]:
    spec = yaml.safe_load((REPO / "prefect.yaml").read_text(encoding="utf-8"))
    return {d["name"]: d for d in spec["deployments"]}


def test_prefect_yaml_deployments_schedule_and_parameters() -> None:
    from prefect.flows import load_flow_from_entrypoint
    from prefect.server.schemas.schedules import CronSchedule
    from prefect.utilities.asyncutils import run_coro_as_sync

    deployments = _deployments()
    assert set(deployments) == {"ingest", "yearly-rollup"}
    for d in deployments.values():
        assert d["work_pool"]["name"] == "township-rollup"
        flow = load_flow_from_entrypoint(str(REPO / d["entrypoint"]))
        accepted = set(inspect.signature(flow.fn).parameters)
        assert set(d["parameters"]) <= accepted, f"{d['name']}: parameters the flow does not take"
    assert not deployments["ingest"].get("schedules")
    (schedule,) = deployments["yearly-rollup"]["schedules"]
    assert schedule["timezone"] == "Asia/Shanghai" and schedule["active"] is True
    assert "year" not in deployments["yearly-rollup"]["parameters"], "the year must default to last year"
    cron = CronSchedule(cron=schedule["cron"], timezone=schedule["timezone"])
    dates = cron.get_dates(n=1, start=datetime(2026, 5, 1, tzinfo=ZoneInfo("UTC")))
    (nxt,) = run_coro_as_sync(dates) if inspect.iscoroutine(dates) else dates
    assert str(nxt.tzinfo) in ("Asia/Shanghai", "Timezone('Asia/Shanghai')")
    assert (nxt.year, nxt.month, nxt.day, nxt.hour, nxt.minute) == (2027, 4, 1, 6, 0)


@pytest.fixture
def prefect_server(tmp_path: Path) -> Iterator[dict[str, str]]:
    home = tmp_path / "prefect-home"
    with local_prefect_server(home) as url:
        yield {**os.environ, "PREFECT_HOME": str(home), "PREFECT_API_URL": url, "PREFECT_LOGGING_LEVEL": "WARNING"}


def _prefect(env: dict[str, str], *args: str, timeout: float = 180) -> str:
    done = subprocess.run([PREFECT, "--no-prompt", *args], env=env, cwd=REPO, capture_output=True, text=True,
                          timeout=timeout)
    assert done.returncode == 0, f"prefect {' '.join(args)}:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done.stdout


@pytest.mark.slow
def test_deploy_run_rollup_with_worker(prefect_server: dict[str, str], tmp_path: Path, sample_copy: Path,
                                       sample_county: Path) -> None:
    from pipeline import stages

    db = tmp_path / "county.duckdb"
    stages.ingest([sample_copy], db, stages.Settings(county=sample_county / "county.yaml",
                                                                          data_docs=False))
    out = tmp_path / "exports"
    env = prefect_server
    _prefect(env, "work-pool", "create", "township-rollup", "--type", "process")
    _prefect(env, "deploy", "--all")
    listed = _prefect(env, "deployment", "ls")
    assert "yearly-rollup" in listed and "ingest" in listed
    _prefect(env, "deployment", "run", "yearly-rollup/yearly-rollup", "--param", "year=2024",
             "--param", f"db={db}", "--param", f"out={out}", "--param", f"county={sample_county / 'county.yaml'}")
    _prefect(env, "worker", "start", "--pool", "township-rollup", "--run-once", timeout=300)
    assert sorted(p.name for p in out.iterdir()) == [
        "county-comparison-2024.csv", "county-comparison-2024.html", "county-comparison-2024.xlsx"]
