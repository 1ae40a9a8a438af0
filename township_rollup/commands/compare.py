"""`township-rollup compare`: the county comparison table of a year, on screen or as a file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from township_rollup.options import add_config, add_db, office_of, positive_int, year
from township_rollup.status import EXIT_OK, Stop
from township_rollup.terminal import terminal

if TYPE_CHECKING:
    from warehouse.compare import Selection

NAME = "compare"
HELP = "显示或导出某一年度的全县对比表"


def add_arguments(p: argparse.ArgumentParser) -> None:
    add_config(p)
    add_db(p)
    p.add_argument("--year", type=year, default=None, metavar="YEAR", help="报告年度（默认：数据库中有报告的最近一年）")
    p.add_argument("--format", choices=["table", "csv", "xlsx", "html"], default="table",
                   help="table：显示在屏幕上（默认）；csv、xlsx、html：写成文件")
    p.add_argument("--out", type=Path, default=None, metavar="FILE",
                   help="输出文件（默认 county-comparison-年度.格式）")
    p.add_argument("--indicators", dest="selection", default=None, metavar="指标",
                   help="只显示这些指标：代码或中文名，用逗号分隔（例如 信访件,调解成功率）")
    p.add_argument("--section", default=None, metavar="类别",
                   help="只显示指标目录的一个类别，例如 普法宣传 或 publicity")
    p.add_argument("--width", type=positive_int, default=None, metavar="N",
                   help="屏幕表格的宽度（列数；默认取 COLUMNS 或终端宽度）")
    p.add_argument("--county", type=Path, metavar="FILE",
                   help="县乡镇名册（county.yaml）：乡镇、街道及报告里的其他叫法（默认取办公室配置）")
    p.add_argument("--catalog", dest="indicators", type=Path, default=None, metavar="FILE",
                   help="补充指标目录（YAML），与内置目录合并")


def run(args: argparse.Namespace) -> int:
    from core.catalog import load_catalog
    from core.registry import load_registry
    from core.safe_text import display_path
    from warehouse.compare import comparison
    from warehouse.export import render_terminal, write_csv, write_html, write_xlsx

    office_of(args)
    extra, select = _selection(args)
    report_year = year_to_compare(args.db, args.year)
    table = comparison(args.db, report_year, load_catalog(extra=extra),
                       load_registry(args.county) if args.county else None, select=select)
    if args.format == "table":
        sys.stdout.write(render_terminal(table, args.width))
        return EXIT_OK
    out = args.out or Path(f"county-comparison-{report_year}.{args.format}")
    writers = {"csv": write_csv, "xlsx": write_xlsx, "html": write_html}
    try:
        writers[args.format](table, out)
    except OSError as exc:
        raise Stop(f"无法写入 {display_path(out)}：{exc.strerror or exc}") from exc
    terminal.say(f"已写入 {display_path(out)}")
    return EXIT_OK


def _selection(args: argparse.Namespace) -> tuple[Path | None, Selection]:
    """(extra catalog, which indicators to show). `--indicators FILE.yaml` still names an extra catalog."""
    from warehouse.compare import Selection

    extra = args.indicators
    chosen = args.selection or ""
    if chosen.lower().endswith((".yaml", ".yml")) and Path(chosen).is_file():
        extra, chosen = Path(chosen), ""
    names = tuple(x for x in chosen.replace("，", ",").replace("、", ",").split(",") if x.strip())
    return extra, Selection(names, args.section)


def year_to_compare(db: Path, wanted: int | None) -> int:
    """`wanted`, or the latest year with reports; Stop when there is no database or no report for the year.

    Opens the database read-only without waiting: a held file is DatabaseBusy at once.
    """
    from warehouse.runs import years_with_reports

    if not db.is_file():
        raise Stop(f"找不到数据库 {db}；请先运行 township-rollup ingest 导入报告")
    years = years_with_reports(db)
    if not years:
        raise Stop(f"数据库 {db} 中还没有任何报告；请先运行 township-rollup ingest 导入报告")
    if wanted is None:
        return years[-1]
    if wanted not in years:
        have = "、".join(str(y) for y in years)
        raise Stop(f"{wanted} 年度没有任何报告（数据库中有报告的年度：{have}）；没有生成对比表")
    return wanted
