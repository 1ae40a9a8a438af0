"""`township-rollup rollup`: CSV, XLSX and HTML of a year's comparison, through the export flow."""

from __future__ import annotations

import argparse
from pathlib import Path

from township_rollup.commands.compare import year_to_compare
from township_rollup.options import add_catalog, add_config, add_db, office_of, year
from township_rollup.status import EXIT_OK, Stop
from township_rollup.terminal import terminal

NAME = "rollup"
HELP = "生成某一年度的全县对比表文件（CSV、Excel、网页）"
DESCRIPTION = ("生成某一年度的全县对比表文件（CSV、Excel、网页）。"
               "退出状态：0 已生成；2 没有生成（数据库不存在或被占用、该年度没有报告）。")


def add_arguments(p: argparse.ArgumentParser) -> None:
    add_config(p)
    add_db(p)
    p.add_argument("--year", type=year, default=None, metavar="YEAR", help="报告年度（默认：数据库中有报告的最近一年）")
    p.add_argument("--out", type=Path, default=None, metavar="FOLDER",
                   help="输出文件夹（默认取办公室配置，没有配置时为 exports）")
    add_catalog(p)


def run(args: argparse.Namespace) -> int:
    from township_rollup import quiet

    quiet.apply()
    office = office_of(args)
    args.out = args.out or (office.exports if office else Path("exports"))
    report_year = year_to_compare(args.db, args.year)
    _check_out(args.out)
    from core.safe_text import display_path
    from township_rollup.prefect_api import prefect_api
    from township_rollup.runlog import default_log, to_log

    with to_log(default_log(args.db), NAME) as args.run_log, \
            prefect_api(office.prefect_api_url if office else None) as api:
        from flows.paths import as_param
        from flows.rollup import export_comparison  # while a temporary Prefect server starts

        api.ready()
        try:
            result = export_comparison(year=report_year, db=as_param(args.db), out=as_param(args.out),
                                       county=as_param(args.county) if args.county else None,
                                       indicators=as_param(args.indicators) if args.indicators else None,
                                       workbench=office.workbench_url if office else None)
        except OSError as exc:  # a file in the folder open in Excel, no permission, no space
            where = display_path(exc.filename) if exc.filename else display_path(args.out)
            raise Stop(f"无法写入 {where}：{exc.strerror or exc}（文件是否正在 Excel/WPS 中打开？）") from exc

    for kind, path in result.exports.items():
        terminal.say(f"{kind.upper():5s} {display_path(path)}")
    return EXIT_OK


def _check_out(out: Path) -> None:
    """The exports folder exists or can be made, before Prefect starts: otherwise one line and status 2."""
    from core.safe_text import display_path

    if out.exists() and not out.is_dir():
        raise Stop(f"导出文件夹 {display_path(out)} 是一个文件，不是文件夹；请用 --out 指定一个文件夹")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise Stop(f"无法创建导出文件夹 {display_path(out)}：{exc.strerror or exc}；"
                   "请用 --out 指定另一个文件夹") from exc


def interrupted(args: argparse.Namespace) -> str:
    return f"对比表文件可能没有写完整，请重新运行；数据库 {args.db} 没有改动。"
