"""`township-rollup ingest FOLDER...`: read a folder of reports, check them and load them into the county database."""

from __future__ import annotations

import argparse
import time
from datetime import UTC, datetime
from pathlib import Path

from township_rollup.options import add_catalog, add_config, add_db, add_read, office_of, positive_int, seconds
from township_rollup.status import EXIT_OK, EXIT_PROBLEMS, Stop
from township_rollup.terminal import terminal

NAME = "ingest"
HELP = "读取报告文件夹，逐项核对后导入县数据库"
DESCRIPTION = ("读取文件夹（含子文件夹）里的报告，逐项核对后导入县数据库，并列出每个需要处理的文件及原因。"
               "退出状态：0 全部导入或未变化；1 有文件未能读取、被隔离或部分文字未读；"
               "2 没能运行（文件夹不存在、没有报告文件、数据库被占用、设置有误）。")


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="*", type=Path, metavar="FOLDER",
                   help="报告所在的文件夹（或单个文件）；默认取办公室配置的报告文件夹")
    add_config(p)
    add_db(p)
    add_catalog(p)
    add_read(p)
    p.add_argument("--wait", type=seconds, default=0.0, metavar="SECONDS",
                   help="数据库被其他程序占用时，总共最多等待的秒数（默认 0：立即说明是谁占用）")
    p.add_argument("--workers", type=positive_int, default=None, metavar="N",
                   help="读取报告的进程数（默认每个 CPU 核一个）")
    p.add_argument("--chunk-size", type=positive_int, default=None, metavar="N",
                   help="每个读取任务的报告份数（默认每个进程约四个任务）")
    p.add_argument("--dask-address", default=None, metavar="ADDRESS",
                   help="在 Dask 集群上读取报告，例如 tcp://127.0.0.1:8786")


def run(args: argparse.Namespace) -> int:
    from township_rollup import quiet

    quiet.apply()
    args.started_at = datetime.now(UTC)
    deadline = time.monotonic() + args.wait
    office = office_of(args)
    if not args.paths:
        if office is None:
            raise Stop("请给出报告所在的文件夹（township-rollup ingest 文件夹），"
                       "或先运行 township-rollup init 生成办公室配置")
        args.paths = [office.reports]
    _check_sources(args.paths)
    _check_catalog(args)

    from warehouse.db import check_writable

    # before Prefect starts: name the holder, upgrade the schema, refuse a newer file or a path that cannot be one
    check_writable(args.db, wait_seconds=args.wait)

    from flows import progress
    from township_rollup.prefect_api import prefect_api
    from township_rollup.runlog import default_log, to_log

    with to_log(default_log(args.db), NAME) as args.run_log, \
            prefect_api(office.prefect_api_url if office else None) as api:
        progress.terminal = terminal.err
        from flows.ingest import ingest_reports  # while a temporary Prefect server starts
        from flows.paths import as_param

        api.ready()
        report = ingest_reports(  # paths as_param: a folder named in GBK travels to the flow intact
            source=[as_param(p) for p in args.paths], db=as_param(args.db),
            county=as_param(args.county) if args.county else None,
            indicators=as_param(args.indicators) if args.indicators else None,
            chunk_size=args.chunk_size, workers=args.workers, dask_address=args.dask_address,
            max_mb=args.max_mb, ocr=not args.no_ocr, wait_seconds=max(deadline - time.monotonic(), 0.0),
        )
    from township_rollup.summary import print_ingest_summary

    print_ingest_summary(report, terminal.say)
    from flows.artifacts import problem_files

    # the same files as the run's 有问题 state in the Prefect UI, and a folder or file that could not be read
    unreadable = any(skipped.problem for skipped in report.plan.skipped)
    return EXIT_PROBLEMS if problem_files(report.summary.files) or unreadable else EXIT_OK


def _check_sources(paths: list[Path]) -> None:
    """A missing folder, or one without a single report file, stops the run before anything starts."""
    from core.safe_text import display_path
    from pipeline.discover import REPORT_KINDS, kind_of, walk

    missing = [display_path(p) for p in paths if not p.exists()]
    if missing:
        raise Stop(f"找不到 {', '.join(missing)}")
    found = others = 0
    skipped: list = []  # type: ignore[type-arg]
    for path in walk(paths, skipped):
        if kind_of(path):
            found += 1
            break
        others += 1
    if not found:
        kinds = " ".join(sorted(set(REPORT_KINDS)))
        problem = next((s for s in skipped if s.problem), None)
        if problem is not None:  # an unreadable folder is not an empty one
            raise Stop(f"{display_path(problem.path)} {problem.reason}")
        besides = f"（只有 {others} 个其他文件）" if others else "（文件夹是空的）"
        raise Stop(f"{', '.join(display_path(p) for p in paths)} 里没有报告文件{besides}；报告应是 {kinds} 文件")


def _check_catalog(args: argparse.Namespace) -> None:
    """A broken county.yaml or indicator catalog is one clear line before any work starts (ConfigError)."""
    from core.catalog import load_catalog
    from core.registry import load_registry

    load_catalog(extra=args.indicators)
    load_registry(args.county)


def interrupted(args: argparse.Namespace) -> str:
    """What a stopped run kept: every sub-batch it finished is in the database, the rest was not written."""
    from warehouse.runs import loaded_since

    started = getattr(args, "started_at", None)
    if started is None:
        return "没有改动任何数据。"
    try:
        documents = loaded_since(args.db, started)
    except Exception:
        documents = None
    again = "再次运行同一命令会接着做（已导入的报告不会重复读取）。"
    if documents is None:
        return f"已完成的部分保存在 {args.db}；{again}"
    if documents == 0:
        return f"本次没有导入任何报告，数据库 {args.db} 没有改动；{again}"
    return f"本次已导入的 {documents} 份报告保存在 {args.db}，其余没有导入；{again}"
