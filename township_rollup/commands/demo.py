"""`township-rollup demo`: the whole path on the bundled sample county."""

from __future__ import annotations

import argparse
from pathlib import Path

NAME = "demo"
HELP = "用自带的示例县走一遍：导入报告、显示对比表、生成导出文件"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", type=Path, default=Path("."), metavar="FOLDER",
                   help="county.duckdb 和 exports/ 放在这里（默认当前文件夹）")
    p.add_argument("--db", type=Path, default=None, metavar="FILE", help="数据库文件（默认 FOLDER/county.duckdb）")


def run(args: argparse.Namespace) -> int:
    from township_rollup.demo import run_demo
    from township_rollup.runlog import default_log, to_log

    args.db = args.db or args.out / "county.duckdb"
    args.out.mkdir(parents=True, exist_ok=True)
    with to_log(default_log(args.db), NAME) as args.run_log:
        return run_demo(args.out, db=args.db)
