"""The office's deployments as prefect.yaml defines them, served by this process (`township-rollup schedule`).

One definition of names, entrypoints and schedules: prefect.yaml. `prefect deploy --all` sends them to a work
pool; `deployments()` builds the same ones for Prefect's serve(), which runs them itself, no pool or worker.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

PROJECT = Path(__file__).resolve().parent.parent
PREFECT_YAML = PROJECT / "prefect.yaml"


def deployment_specs(path: Path = PREFECT_YAML) -> list[dict[str, Any]]:
    """The `deployments` of prefect.yaml, as written there."""
    return list(yaml.safe_load(path.read_text(encoding="utf-8"))["deployments"])


def deployments(config: Path, path: Path = PREFECT_YAML) -> list[Any]:
    """RunnerDeployments for serve(): prefect.yaml's, each with `config` (the office configuration) as parameter."""
    from prefect.client.schemas.schedules import CronSchedule
    from prefect.flows import load_flow_from_entrypoint

    built = []
    for spec in deployment_specs(path):
        flow = load_flow_from_entrypoint(str(PROJECT / spec["entrypoint"]))
        schedules = [CronSchedule(cron=s["cron"], timezone=s.get("timezone")) for s in spec.get("schedules") or []
                     if s.get("active", True)]
        built.append(flow.to_deployment(
            name=spec["name"], description=spec.get("description"), schedules=schedules or None,
            parameters={**(spec.get("parameters") or {}), "config": str(config)}))
    return built


def pooled(deployments: list[Any]) -> list[str]:
    """Those of `deployments` the server already has in a work pool (`prefect deploy --all`), as flow/name.

    serve() would take them over but keep their pool and stored code location, and their runs crash; an office
    uses one way or the other.
    """
    from prefect.client.orchestration import get_client
    from prefect.exceptions import ObjectNotFound

    taken = []
    with get_client(sync_client=True) as client:
        for d in deployments:
            name = f"{d.flow_name}/{d.name}"
            try:
                if client.read_deployment_by_name(name).work_pool_name:
                    taken.append(name)
            except ObjectNotFound:
                continue
    return taken
