"""`township-rollup correct`: confirm, correct, remove or add one cell, for scripts (pipeline.review)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from township_rollup.options import add_catalog, add_db, year
from township_rollup.status import EXIT_OK, EXIT_PROBLEMS, Stop
from township_rollup.terminal import terminal

if TYPE_CHECKING:
    from core.catalog import Catalog
    from pipeline.review import Applied

NAME = "correct"
HELP = "确认、更正、删除或补录一个单元格（供脚本使用）"
ACTION_WORDS = {"确认": "confirm", "更正": "correct", "删除": "remove", "补录": "add"}


def add_arguments(p: argparse.ArgumentParser) -> None:
    add_db(p)
    p.add_argument("--township", required=True, metavar="NAME", help="乡镇（街道）名称，如 东关镇")
    p.add_argument("--year", type=year, required=True, metavar="YEAR", help="报告年度")
    p.add_argument("--indicator", required=True, metavar="INDICATOR", help="指标代码或中文名，如 普法宣传活动")
    p.add_argument("--action", required=True, choices=[*ACTION_WORDS, *ACTION_WORDS.values()], metavar="ACTION",
                   help="确认（confirm）、更正（correct）、删除（remove）或补录（add）")
    p.add_argument("--value", default=None, metavar="VALUE", help="更正、补录的数字，如 2000、2000余人次、约30次")
    p.add_argument("--unit", default=None, metavar="UNIT", help="单位（默认沿用提取的单位，否则为指标的单位）")
    p.add_argument("--reason", default="", metavar="TEXT", help="理由（记入审计记录）")
    p.add_argument("--who", required=True, metavar="NAME", help="谁做的决定（记入审计记录）")
    p.add_argument("--expected-state", default=None, metavar="TOKEN",
                   help="看到该单元格时的状态码（复核表或工作台给出）；之后有变化则不改动")
    add_catalog(p)


def run(args: argparse.Namespace) -> int:
    from township_rollup import quiet

    quiet.apply()
    from core.catalog import load_catalog
    from core.registry import load_registry
    from pipeline.review import CorrectionRefused, StaleCells, apply_correction, parse_value
    from township_rollup.runlog import default_log, to_log

    catalog = load_catalog(extra=args.indicators)
    indicator = resolve_indicator(catalog, args.indicator)
    if indicator is None:
        raise Stop(f"指标“{args.indicator}”不在指标目录中")
    action = ACTION_WORDS.get(args.action, args.action)
    value = unit = qualifier = None
    if action in ("correct", "add"):
        parsed = parse_value(args.value) if args.value is not None else None
        if parsed is None:
            raise Stop(f"{args.action}需要 --value（数字，如 2000、2000余人次），收到“{args.value or ''}”")
        value, unit, qualifier = parsed
    if not args.db.is_file():
        raise Stop(f"找不到数据库 {args.db}")
    try:
        with to_log(default_log(args.db), NAME):
            applied = apply_correction(args.db, args.township, args.year, indicator, action, value=value,
                                       unit=args.unit or unit, qualifier=qualifier, reason=args.reason,
                                       who=args.who, expected_state=args.expected_state, via="command",
                                       catalog=catalog,
                                       registry=load_registry(args.county) if args.county else None)
    except (StaleCells, CorrectionRefused) as exc:
        terminal.warn("未改动数据库：")
        for p in exc.problems:
            terminal.warn(f"  - {p}")
        return EXIT_PROBLEMS
    print_changes(args.db, applied)
    return EXIT_OK


def resolve_indicator(catalog: Catalog, written: str) -> str | None:
    """A catalog code from its code or its Chinese name."""
    if catalog.get(written) is not None:
        return written
    return next((i.code for i in catalog.indicators if i.name == written), None)


def print_changes(db: Path, applied: Applied) -> None:
    """One line per decision recorded: 更正  东关镇 2024年 普法宣传活动：130余场 → 131场（王会计）; then warnings."""
    from warehouse.review import audit_trail
    from warehouse.review_workbook import shown_value

    wanted = set(applied.ids)
    for s in audit_trail(db):
        if s.correction_id in wanted and s.via != "recheck":
            before = shown_value(s.extracted_value, s.extracted_unit, s.extracted_qualifier) or "（无）"
            after = shown_value(s.value, s.unit, s.qualifier) or "（无）"
            change = before if s.action == "confirm" else f"{before} → {after}"
            terminal.say(f"  {s.step}  {s.township} {s.year}年 {s.indicator_name}：{change}（{s.decided_by}）")
    for w in applied.warnings:
        terminal.say(f"  提醒：{w}")
