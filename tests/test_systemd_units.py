"""The systemd units in deploy/systemd: syntax (systemd-analyze verify, where installed) and commands that run.

Each unit is checked as an office installs it, with /opt/township-rollup and the user `township` replaced by
this checkout and the current user.
"""

from __future__ import annotations

import getpass
import grp
import os
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import REPO

UNITS = sorted((REPO / "deploy" / "systemd").glob("*.service"))
INSTALLED = "/opt/township-rollup"


def _rendered(unit: Path, folder: Path) -> Path:
    text = unit.read_text(encoding="utf-8").replace(INSTALLED, str(REPO))
    text = text.replace("User=township", f"User={getpass.getuser()}")
    text = text.replace("Group=township", f"Group={grp.getgrgid(os.getgid()).gr_name}")
    out = folder / unit.name
    out.write_text(text, encoding="utf-8")
    return out


def _sections(path: Path) -> dict[str, dict[str, list[str]]]:
    """A unit file as systemd reads it: [Section] then Key=Value lines; a key may repeat (Environment=)."""
    sections: dict[str, dict[str, list[str]]] = {}
    current = None
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], {})
            continue
        assert current is not None and "=" in line, f"{path.name}: {line!r}"
        key, value = line.split("=", 1)
        current.setdefault(key.strip(), []).append(value.strip())
    return sections


def test_the_units_are_there() -> None:
    assert {u.name for u in UNITS} == {"township-rollup-server.service", "township-rollup-worker.service",
                                       "township-rollup-schedule.service"}


@pytest.mark.parametrize("unit", UNITS, ids=lambda u: u.name)
def test_unit_runs_a_command_of_this_project(unit: Path, tmp_path: Path) -> None:
    sections = _sections(_rendered(unit, tmp_path))
    assert set(sections) == {"Unit", "Service", "Install"}
    service = {key: values[-1] for key, values in sections["Service"].items()}
    environment = sections["Service"].get("Environment", [])
    assert service["WorkingDirectory"] == str(REPO) and service["Restart"] == "on-failure"
    command = shlex.split(service["ExecStart"])
    assert Path(command[0]).is_file() and os.access(command[0], os.X_OK), command[0]
    # everything on this machine's loopback: the server binds it, the worker talks to it
    assert "--host 127.0.0.1" in service["ExecStart"] or "PREFECT_API_URL=http://127.0.0.1:4200/api" in environment \
        or command[1] == "schedule"
    # the program accepts these arguments (its --help parses them, runs nothing)
    flags = [a for a in command[1:] if not a.startswith("/")]
    words = [a for a in flags if not a.startswith("-")][:2]
    done = subprocess.run([command[0], *words, "--help"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    for flag in (a.split("=")[0] for a in flags if a.startswith("--")):
        assert flag in done.stdout, f"{unit.name}: {flag} is not an option of {' '.join(words)}"


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed here")
def test_systemd_analyze_verifies_the_units(tmp_path: Path) -> None:
    rendered = [str(_rendered(u, tmp_path)) for u in UNITS]
    done = subprocess.run(["systemd-analyze", "verify", *rendered], capture_output=True, text=True, timeout=120)
    # it reports some mistakes (an unknown value) on stderr and still exits 0
    assert done.returncode == 0 and done.stderr.strip() == "", done.stderr
