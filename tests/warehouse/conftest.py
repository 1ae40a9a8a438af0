"""Fixtures of the warehouse tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.sample_warehouse import build_sample_warehouse


@pytest.fixture(scope="session")
def sample_warehouse(tmp_path_factory: pytest.TempPathFactory, sample_county: Path) -> Path:
    """The sample county's warehouse (plus an unreadable 2024 report from 云雾乡), built once per session."""
    return build_sample_warehouse(sample_county, tmp_path_factory.mktemp("sample-warehouse"))
