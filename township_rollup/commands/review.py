"""`township-rollup review export | import`: the clerk's review workbook of a year, out and back in.

export writes the cells worth checking (doubtful, and indicators a report seems to state that the table lacks;
every cell with --all) to an XLSX the clerk fills in Excel or WPS; import applies what was filled, all or none,
after the ingestion rules checked every new value (pipeline.review).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from township_rollup.commands.correct import print_changes
from township_rollup.options import add_catalog, add_db, year
from township_rollup.status import EXIT_OK, EXIT_PROBLEMS, Stop
from township_rollup.terminal import terminal

NAME = "review"
HELP = "复核存疑的数字：导出复核表（Excel），填好后导入"
DESCRIPTION = ("复核存疑的数字。export 把某一年度值得核对的数字（及报告中似乎有、表中却没有的指标）写成复核表；"
               "在 Excel 或 WPS 中填好黄色的列后，用 import 导入：全部通过校验才一起生效，否则一项也不改。")


def add_arguments(p: argparse.ArgumentParser) -> None:
    sub = p.add_subparsers(dest="review_command", title="命令", metavar="命令", parser_class=type(p), required=True)
    e = sub.add_parser("export", help="导出复核表（.xlsx）", description="导出某一年度的复核表（.xlsx）")
    add_db(e)
    e.add_argument("--year", type=year, default=None, metavar="YEAR",
                   help="报告年度（默认：数据库中有报告的最近一年）")
    e.add_argument("--out", type=Path, default=None, metavar="FILE", help="复核表文件（默认 复核-年度.xlsx）")
    e.add_argument("--all", action="store_true", help="列出该年度的全部单元格，而不只是存疑的")
    add_catalog(e)
    i = sub.add_parser("import", help="导入填好的复核表",
                       description="导入填好的复核表：全部通过校验才一起生效，否则一项也不改")
    i.add_argument("workbook", type=Path, metavar="WORKBOOK", help="填好的复核表（.xlsx）")
    add_db(i)
    i.add_argument("--who", default=None, metavar="NAME", help="复核人（默认：复核表上填的复核人，否则为当前登录名）")
    add_catalog(i)


def run(args: argparse.Namespace) -> int:
    return _export(args) if args.review_command == "export" else _import(args)


def _export(args: argparse.Namespace) -> int:
    from core.catalog import load_catalog
    from core.registry import load_registry
    from pipeline.review import export_workbook
    from township_rollup.commands.compare import year_to_compare

    report_year = year_to_compare(args.db, args.year)
    registry = load_registry(args.county) if args.county else None
    out = args.out or Path(f"复核-{report_year}.xlsx")
    try:
        path, rows = export_workbook(args.db, report_year, out, all_cells=args.all,
                                     county_label=registry.county if registry else None,
                                     catalog=load_catalog(extra=args.indicators))
    except OSError as exc:
        raise Stop(f"无法写入 {out}：{exc.strerror or exc}") from exc
    what = "全部单元格" if args.all else "存疑的数字和未找到的指标"
    terminal.say(f"已写入 {path}：{report_year}年{what}共 {rows} 行")
    if rows:
        terminal.say(f"在 Excel 或 WPS 中填写黄色的列，保存后运行：township-rollup review import {path} --db {args.db}")
    return EXIT_OK


def _import(args: argparse.Namespace) -> int:
    from township_rollup import quiet

    quiet.apply()
    if not args.db.is_file():
        raise Stop(f"找不到数据库 {args.db}")
    if not args.workbook.is_file():
        raise Stop(f"找不到复核表 {args.workbook}")
    from core.catalog import load_catalog
    from core.registry import load_registry
    from pipeline.review import CorrectionRefused, StaleCells, import_workbook
    from township_rollup.runlog import default_log, to_log

    try:
        with to_log(default_log(args.db), NAME):  # Great Expectations' own output goes to the run log
            applied = import_workbook(args.db, args.workbook, who=args.who,
                                      catalog=load_catalog(extra=args.indicators),
                                      registry=load_registry(args.county) if args.county else None)
    except ValueError as exc:
        raise Stop(str(exc)) from exc
    except StaleCells as exc:
        terminal.warn(f"复核表 {args.workbook} 未导入，数据库没有任何改动：导出复核表之后数据库有了变化。")
        _problems(exc.problems)
        return EXIT_PROBLEMS
    except CorrectionRefused as exc:
        terminal.warn(f"复核表 {args.workbook} 未导入，数据库没有任何改动：")
        _problems(exc.problems)
        return EXIT_PROBLEMS
    if not applied.ids:
        terminal.say(f"复核表 {args.workbook} 中没有填写任何处理，数据库没有改动")
        return EXIT_OK
    terminal.say(f"已导入 {args.workbook}：{len(applied.ids)} 项")
    print_changes(args.db, applied)
    return EXIT_OK


def _problems(problems: tuple[str, ...]) -> None:
    for p in problems:
        terminal.warn(f"  - {p}")
