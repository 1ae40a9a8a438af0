"""The README's scheduling steps, as an office's IT person follows them, on a Prefect server on 127.0.0.1.

`township-rollup init` on the sample county, `prefect deploy --all`, a run of `yearly-rollup` by its deployment
name picked up by a worker (then the same deployments served by `township-rollup schedule`, no work pool). One
server for the module: starting one costs ~10 s.
"""

from __future__ import annotations

import inspect
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from uuid import UUID
from zoneinfo import ZoneInfo

import pytest
import yaml

from core.office import CONFIG_ENV, CONFIG_NAME
from flows.artifacts import NOT_CLEAN
from flows.local_server import local_prefect_server
from tests.conftest import REPO
from tests.support.processes import alive, descendants
from tests.township_rollup.test_cli import CLI, assert_calm, run

PREFECT = str(Path(sys.executable).with_name("prefect"))
BROKEN = "qingxi-2022-draft.docx"  # the sample's damaged file


def _deployments() -> dict[str, dict]:
    spec = yaml.safe_load((REPO / "prefect.yaml").read_text(encoding="utf-8"))
    return {d["name"]: d for d in spec["deployments"]}


def _next(schedule: dict, after: datetime) -> datetime:
    from prefect.server.schemas.schedules import CronSchedule
    from prefect.utilities.asyncutils import run_coro_as_sync

    dates = CronSchedule(cron=schedule["cron"], timezone=schedule["timezone"]).get_dates(n=1, start=after)
    (nxt,) = run_coro_as_sync(dates) if inspect.iscoroutine(dates) else dates
    return nxt


def test_prefect_yaml_deployments_and_schedules() -> None:
    from prefect.flows import load_flow_from_entrypoint

    deployments = _deployments()
    assert set(deployments) == {"ingest", "yearly-rollup", "deadline-check"}
    for d in deployments.values():
        assert d["work_pool"]["name"] == "township-rollup"
        flow = load_flow_from_entrypoint(str(REPO / d["entrypoint"]))
        assert "config" in inspect.signature(flow.fn).parameters
        assert not d.get("parameters"), "every setting comes from the office configuration"
    assert not deployments["ingest"].get("schedules")
    (yearly,) = deployments["yearly-rollup"]["schedules"]
    nxt = _next(yearly, datetime(2026, 5, 1, tzinfo=ZoneInfo("UTC")))
    assert str(nxt.tzinfo) in ("Asia/Shanghai", "Timezone('Asia/Shanghai')")
    assert (nxt.year, nxt.month, nxt.day, nxt.hour, nxt.minute) == (2027, 4, 1, 6, 0)
    (check,) = deployments["deadline-check"]["schedules"]
    nxt = _next(check, datetime(2027, 2, 3, tzinfo=ZoneInfo("Asia/Shanghai")))
    assert (nxt.month, nxt.day, nxt.hour, nxt.weekday()) == (2, 8, 8, 0)  # every Monday morning


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    home = tmp_path_factory.mktemp("prefect-home")
    with local_prefect_server(home) as url:
        yield {**os.environ, "PREFECT_HOME": str(home), "PREFECT_API_URL": url}


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory, sample_county: Path) -> Path:
    """A fresh office configuration from `init`, on the sample county without its broken file."""
    folder = tmp_path_factory.mktemp("office")
    shutil.copytree(sample_county / "reports", folder / "reports", ignore=shutil.ignore_patterns(BROKEN))
    done = run("init", "--county", str(sample_county / "county.yaml"), "--reports", "reports", "--db", "county.duckdb",
               "--exports", "exports", "--prefect-server", "none", cwd=folder)
    assert done.returncode == 0, done.stderr
    return folder / CONFIG_NAME


def _prefect(env: dict[str, str], *args: str, timeout: float = 300) -> str:
    done = subprocess.run([PREFECT, "--no-prompt", *args], env=env, cwd=REPO, capture_output=True, text=True,
                          timeout=timeout)
    assert done.returncode == 0, f"prefect {' '.join(args)}:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done.stdout


def _flow_run(env: dict[str, str], output: str) -> UUID:
    return UUID(re.search(r"UUID: ([0-9a-f-]{36})", output).group(1))


@contextmanager
def _client(env: dict[str, str]) -> Iterator[object]:
    """A Prefect client of the module's server (this process has no PREFECT_API_URL of its own)."""
    from prefect.client.orchestration import get_client
    from prefect.settings import PREFECT_API_URL, temporary_settings

    with temporary_settings({PREFECT_API_URL: env["PREFECT_API_URL"]}), get_client(sync_client=True) as client:
        yield client


def _state_and_artifacts(env: dict[str, str], run_id: UUID) -> tuple[object, dict[str, str]]:
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId

    with _client(env) as client:
        state = client.read_flow_run(run_id).state
        artifacts = client.read_artifacts(artifact_filter=ArtifactFilter(
            flow_run_id=ArtifactFilterFlowRunId(any_=[run_id])))
    return state, {a.key: json.dumps(json.loads(a.data), ensure_ascii=False) if a.type == "table" else str(a.data)
                   for a in artifacts if a.key}


@pytest.mark.slow
def test_deploy_then_run_the_year_with_a_worker(server: dict[str, str], office: Path, sample_county: Path) -> None:
    env = {**server, CONFIG_ENV: str(office)}  # the worker's environment, as the systemd unit sets it
    _prefect(env, "work-pool", "create", "township-rollup", "--type", "process")
    _prefect(env, "deploy", "--all")
    listed = _prefect(env, "deployment", "ls")
    assert all(name in listed for name in ("yearly-rollup", "deadline-check", "ingest"))

    first = _flow_run(env, _prefect(env, "deployment", "run", "yearly-rollup/yearly-rollup", "--param", "year=2024"))
    _prefect(env, "worker", "start", "--pool", "township-rollup", "--run-once")
    state, artifacts = _state_and_artifacts(env, first)
    assert state.type.value == "COMPLETED" and state.name == "Completed", state.message
    exports = office.parent / "exports"
    assert sorted(p.name for p in exports.iterdir()) == [
        "county-comparison-2024.csv", "county-comparison-2024.html", "county-comparison-2024.xlsx"]
    assert "yearly-rollup" in artifacts and "problems" not in artifacts

    shutil.copy(sample_county / "reports" / BROKEN, office.parent / "reports" / BROKEN)
    second = _flow_run(env, _prefect(env, "deployment", "run", "yearly-rollup/yearly-rollup", "--param", "year=2024"))
    _prefect(env, "worker", "start", "--pool", "township-rollup", "--run-once")
    state, artifacts = _state_and_artifacts(env, second)
    assert state.type.value == "COMPLETED" and state.name == NOT_CLEAN
    assert BROKEN in artifacts["problems"]


def _served(env: dict[str, str], name: str, pooled: bool = False) -> bool:
    """The deployment exists and is run by serve() (no work pool), or (`pooled`) by a worker."""
    from prefect.exceptions import ObjectNotFound

    with _client(env) as client:
        try:
            return (client.read_deployment_by_name(name).work_pool_name is not None) == pooled
        except ObjectNotFound:
            return False


@pytest.mark.slow
def test_schedule_serves_the_deployments_without_a_pool(server: dict[str, str], office: Path) -> None:
    if not _served(server, "deadline-check/deadline-check", pooled=True):  # this test alone: deploy as above
        _prefect(server, "work-pool", "create", "township-rollup", "--type", "process")
        _prefect(server, "deploy", "--all")
    refused = run("schedule", "--config", str(office), env=server)  # the worker's deployments are still there
    (line,) = refused.stderr.splitlines()
    assert refused.returncode == 2 and "prefect deployment delete" in line and "yearly-rollup" in line
    for name in ("ingest-new-reports/ingest", "yearly-rollup/yearly-rollup", "deadline-check/deadline-check"):
        _prefect(server, "deployment", "delete", name)

    proc = subprocess.Popen([CLI, "schedule", "--config", str(office)], env=server, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        deadline = time.monotonic() + 180
        while not _served(server, "deadline-check/deadline-check"):
            assert proc.poll() is None, "schedule ended"
            assert time.monotonic() < deadline, "the deployments were not served"
            time.sleep(1)
        run_id = _flow_run(server, _prefect(server, "deployment", "run", "deadline-check/deadline-check",
                                            "--param", "today=2025-02-10"))
        while True:
            state, artifacts = _state_and_artifacts(server, run_id)
            if state.is_final():
                break
            assert time.monotonic() < deadline, "the served deployment did not run"
            time.sleep(1)
        assert state.name == NOT_CLEAN and "云雾乡" in artifacts["deadline-check"]
        children = descendants(proc.pid)
    finally:
        proc.send_signal(signal.SIGTERM)
        output, err = proc.communicate(timeout=60)
    assert_calm(subprocess.CompletedProcess(proc.args, proc.returncode, output, err))
    assert "yearly-rollup" in output and "deadline-check" in output  # what it serves, said once at the start
    (line,) = err.splitlines()
    assert line.startswith("已停止：") and proc.returncode == 0
    assert alive(children) == set()
