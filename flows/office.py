"""The office's deployments: flows whose one parameter is the office configuration (`township-rollup.toml`).

prefect.yaml deploys these; `township-rollup schedule` serves them. Every setting comes from the
configuration (core/office.py), so `prefect deploy --all` in the folder where `township-rollup init` wrote
it is all an office does; a wrong setting fails the run at once with one line per problem, never retried.

- `ingest_new_reports`: what is new in the reports folder, into the database (on demand).
- `yearly_rollup`: the whole year: ingest what is new, compare and export the year, publish artifacts.
- `deadline_check`: before the county's report deadline, the townships that have not reported yet.

A run with files rejected or quarantined, or with townships yet to report, ends Completed but named 有问题
(the UI shows it apart from a clean run) with the problem list as an artifact; a year with no report at all
ends Failed: there was nothing to compare.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from prefect import flow
from prefect.states import Completed

from core.office import OfficeConfig, find_office, load_office
from core.registry import load_registry
from flows.artifacts import NOT_CLEAN, needs_attention, problem_files, publish_deadline_artifacts, publish_problems
from flows.ingest import ingest_reports
from flows.paths import as_param
from flows.rollup import OFFICE_TZ, RollupResult, export_and_publish, last_year
from pipeline.stages import IngestReport
from warehouse.runs import report_status, years_with_reports

REMIND_DAYS = 28  # the deadline check names missing townships in the four weeks before the deadline


class NothingToCompare(Exception):
    """The year has no report at all: the rollup cannot do anything (the run ends Failed)."""


def office(config: str | None) -> OfficeConfig:
    """The office configuration of a run: `config`, else $TOWNSHIP_ROLLUP_CONFIG, else ./township-rollup.toml
    (the deployment's working directory is the folder `prefect deploy` ran in). ConfigError: one line a problem."""
    return load_office(find_office(Path(config) if config else None) or Path.cwd() / "township-rollup.toml")


def ingest_office(cfg: OfficeConfig) -> IngestReport:
    return ingest_reports(
        source=as_param(cfg.reports), db=as_param(cfg.database), county=as_param(cfg.county),
        indicators=as_param(cfg.indicators) if cfg.indicators else None, wait_seconds=cfg.wait_seconds)


@flow(name="ingest-new-reports")
def ingest_new_reports(config: str | None = None) -> IngestReport:
    """What is new in the office's reports folder, into its database (the `ingest` deployment)."""
    return ingest_office(office(config))


@flow(name="yearly-rollup")
def yearly_rollup(config: str | None = None, year: int | None = None) -> Any:
    """The year's whole job: ingest what is new, compare and export `year` (default: last year, Asia/Shanghai),
    publish the exports and the problem list. Ends 有问题 when files were rejected or quarantined; Failed
    (NothingToCompare) when the year has no report at all."""
    cfg = office(config)
    report = ingest_office(cfg)
    problems = problem_files(report.summary.files)
    year = year or last_year()
    years = years_with_reports(cfg.database, wait_seconds=cfg.wait_seconds)
    if year not in years:
        have = "、".join(str(y) for y in years) or "无"
        publish_problems(problems, f"{year} 年度没有任何报告（数据库中有报告的年度：{have}）；没有生成对比表",
                         cfg.workbench_url)
        raise NothingToCompare(f"{year} 年度没有任何报告（数据库中有报告的年度：{have}）；请把报告放进 "
                               f"{cfg.reports} 后重新运行")
    result: RollupResult = export_and_publish(year, cfg.database, cfg.exports, cfg.county, cfg.indicators,
                                              cfg.workbench_url)
    if problems:
        publish_problems(problems, needs_attention(problems) + "；对比表只含通过校验的报告",
                         cfg.workbench_url)
        return Completed(name=NOT_CLEAN, message=f"{year} 年度对比表已生成；{needs_attention(problems)}",
                         data=result)
    return result


@dataclass(frozen=True)
class DeadlineCheck:
    today: date
    deadline: date
    year: int  # the reporting year due at the deadline
    missing: tuple[str, ...]  # registry townships without a report for `year` yet
    reminded: bool  # False: the deadline is more than REMIND_DAYS away, nothing was checked


def next_deadline(cfg: OfficeConfig, today: date) -> date:
    """The county's deadline on or after `today`."""
    this_year = cfg.deadline_in(today.year)
    return this_year if this_year >= today else cfg.deadline_in(today.year + 1)


@flow(name="deadline-check")
def deadline_check(config: str | None = None, today: date | None = None) -> Any:
    """In the REMIND_DAYS before the county's report deadline: ingest what is new, then list the townships that
    have not reported yet (artifact `deadline-check`); ends 有问题 while any is missing. Earlier it does nothing."""
    cfg = office(config)
    today = today or datetime.now(OFFICE_TZ).date()
    deadline = next_deadline(cfg, today)
    year = deadline.year - 1
    if deadline - today > timedelta(days=REMIND_DAYS):
        return Completed(name="未到提醒时间", message=f"截止日期 {deadline:%Y-%m-%d} 还有 {(deadline - today).days} 天",
                         data=DeadlineCheck(today, deadline, year, (), reminded=False))
    report = ingest_office(cfg)
    received = report_status(cfg.database, year, wait_seconds=cfg.wait_seconds)
    registry = load_registry(cfg.county)
    missing = tuple(t.name for t in registry.townships if t.name not in received)
    check = DeadlineCheck(today, deadline, year, missing, reminded=True)
    publish_deadline_artifacts(check.year, check.deadline, check.today, missing, received)
    problems = problem_files(report.summary.files)
    if problems:
        publish_problems(problems, needs_attention(problems), cfg.workbench_url)
    if missing or problems:
        return Completed(name=NOT_CLEAN, message=f"截至 {today:%m月%d日}，{len(missing)} 个乡镇（街道）尚未报送 "
                                                 f"{year} 年度报告（截止 {deadline:%m月%d日}）", data=check)
    return check
