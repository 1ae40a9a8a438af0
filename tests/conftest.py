"""Shared fixtures. Environment first: Prefect and GX read it at import time."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

_PREFECT_HOME = tempfile.mkdtemp(prefix="township-rollup-prefect-")
os.environ["PREFECT_HOME"] = _PREFECT_HOME
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "90")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
os.environ.pop("PREFECT_API_URL", None)  # tests never talk to a server they did not start

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "samples" / "county"


def _shared() -> Path | None:
    """../shared (the real-report corpus, cases, tools) beside the checkout, or beside a worktree's parent."""
    for candidate in (os.environ.get("TOWNSHIP_SHARED"), REPO.parent / "shared", REPO.parent.parent / "shared"):
        if candidate and (Path(candidate) / "corpus").is_dir():
            return Path(candidate)
    return None


SHARED = _shared()
CORPUS = (SHARED or REPO.parent / "shared") / "corpus" / "gold"


@pytest.fixture(scope="session")
def prefect_harness() -> Iterator[None]:
    """One temporary Prefect API for the session (~12 s to start on 2 cores)."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=None):
        yield


@pytest.fixture(scope="session")
def sample_county() -> Path:
    assert (SAMPLE / "county.yaml").exists(), "the bundled sample county is missing (samples/county)"
    return SAMPLE


@pytest.fixture
def sample_copy(tmp_path: Path, sample_county: Path) -> Path:
    """A writable copy of the sample county's reports (tests add, rename and break files in it)."""
    target = tmp_path / "reports"
    shutil.copytree(sample_county / "reports", target)
    return target


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    shutil.rmtree(_PREFECT_HOME, ignore_errors=True)
