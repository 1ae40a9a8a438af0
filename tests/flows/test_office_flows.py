"""The office's deployments' flows under Prefect's test harness: the whole year, the deadline check, states."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from prefect.states import State

from core.errors import ConfigError
from core.office import CONFIG_NAME, office_toml
from flows.artifacts import NOT_CLEAN
from flows.office import NothingToCompare, deadline_check, yearly_rollup

BROKEN = "qingxi-2022-draft.docx"  # the sample's damaged file


@pytest.fixture
def office(tmp_path: Path, sample_county: Path) -> Path:
    """An office on the sample county, without its broken file: every report reads."""
    shutil.copytree(sample_county / "reports", tmp_path / "reports", ignore=shutil.ignore_patterns(BROKEN))
    config = tmp_path / CONFIG_NAME
    config.write_text(office_toml({"county": str(sample_county / "county.yaml"), "reports": "reports",
                                   "database": "county.duckdb", "exports": "exports", "deadline": "03-01",
                                   "wait_seconds": 5, "workbench_url": "http://127.0.0.1:8750"}), encoding="utf-8")
    return config


def _artifact(key: str, flow_run_id: object) -> str:
    """The artifact's content as text (a table's rows as JSON with its Chinese readable)."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId, ArtifactFilterKey

    with get_client(sync_client=True) as client:
        found = client.read_artifacts(artifact_filter=ArtifactFilter(
            key=ArtifactFilterKey(any_=[key]), flow_run_id=ArtifactFilterFlowRunId(any_=[flow_run_id])))
    assert found, f"no artifact {key} in the run"
    data = found[-1].data
    return json.dumps(json.loads(data), ensure_ascii=False) if found[-1].type == "table" else str(data)


def test_the_whole_year_then_a_broken_report(prefect_harness: None, office: Path, sample_county: Path) -> None:
    state: State = yearly_rollup(config=str(office), year=2024, return_state=True)
    assert state.is_completed() and state.name == "Completed", state.message
    exports = office.parent / "exports"
    assert sorted(p.name for p in exports.iterdir()) == [
        "county-comparison-2024.csv", "county-comparison-2024.html", "county-comparison-2024.xlsx"]
    run_id = state.state_details.flow_run_id
    summary = _artifact("yearly-rollup", run_id)
    assert "file://" not in summary and str(exports / "county-comparison-2024.xlsx") in summary
    assert "(http://127.0.0.1:8750/compare/export?year=2024&format=xlsx)" in summary  # opens from the UI
    assert "县合计" in _artifact("comparison-2024", run_id)  # the table itself, readable in the UI

    shutil.copy(sample_county / "reports" / BROKEN, office.parent / "reports" / BROKEN)
    again: State = yearly_rollup(config=str(office), year=2024, return_state=True)
    assert again.is_completed() and again.name == NOT_CLEAN
    problems = _artifact("problems", again.state_details.flow_run_id)
    assert BROKEN in problems and "怎么办" in problems


def test_a_year_without_reports_fails_and_says_so(prefect_harness: None, office: Path) -> None:
    state: State = yearly_rollup(config=str(office), year=2019, return_state=True)
    assert state.is_failed()
    with pytest.raises(NothingToCompare, match="2019 年度没有任何报告"):
        state.result()
    assert not (office.parent / "exports").exists()


def test_a_wrong_setting_fails_at_once_and_is_not_retried(prefect_harness: None, office: Path) -> None:
    office.write_text(office.read_text(encoding="utf-8").replace('reports = "reports"', 'reports = "nowhere"'),
                      encoding="utf-8")
    state: State = yearly_rollup(config=str(office), year=2024, return_state=True)
    assert state.is_failed()
    from prefect.client.orchestration import get_client

    with get_client(sync_client=True) as client:
        assert client.read_flow_run(state.state_details.flow_run_id).run_count == 1
    with pytest.raises(ConfigError) as caught:
        state.result()
    (line,) = str(caught.value).splitlines()
    assert "nowhere" in line and "（设置 reports）" in line


def test_deadline_check_names_the_townships_still_to_report(prefect_harness: None, office: Path) -> None:
    early: State = deadline_check(config=str(office), today=date(2025, 11, 30), return_state=True)
    assert early.is_completed() and early.name == "未到提醒时间"
    assert not (office.parent / "county.duckdb").exists()  # nothing read months ahead

    due: State = deadline_check(config=str(office), today=date(2025, 2, 10), return_state=True)
    check = due.result()
    assert due.name == NOT_CLEAN and check.deadline == date(2025, 3, 1) and check.year == 2024
    assert check.missing == ("云雾乡",)  # the sample's one township without a 2024 report
    rows = _artifact("deadline-check", due.state_details.flow_run_id)
    assert "云雾乡" in str(rows) and "尚未报送" in str(rows)
