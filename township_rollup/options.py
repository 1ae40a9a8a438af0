"""Options shared by several commands, and the checks on their values.

A wrong value stops the command before any work with one line naming the option, e.g.
`--workers 必须是大于 0 的整数（收到 0）`; argparse adds the option's name.
"""

from __future__ import annotations

import argparse
from pathlib import Path

FIRST_YEAR, LAST_YEAR = 1990, 2100  # reporting years a county office can mean


def _number(text: str, kind: type[int] | type[float]) -> int | float:
    try:
        return kind(text)
    except ValueError:
        what = "整数" if kind is int else "数字"
        raise argparse.ArgumentTypeError(f"需要一个{what}（收到 {text!r}）") from None


def positive_int(text: str) -> int:
    value = _number(text, int)
    if value < 1:
        raise argparse.ArgumentTypeError(f"必须是大于 0 的整数（收到 {text}）")
    return int(value)


def seconds(text: str) -> float:
    """A wait in seconds: 0 or more."""
    value = _number(text, float)
    if not value >= 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"必须是 0 或更大的秒数（收到 {text}）")
    return float(value)


def megabytes(text: str) -> float:
    value = _number(text, float)
    if not value > 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"必须是大于 0 的兆字节数（收到 {text}）")
    return float(value)


def port(text: str) -> int:
    value = _number(text, int)
    if not 1 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"应是 1–65535 之间的端口号（收到 {text}）")
    return int(value)


def year(text: str) -> int:
    value = _number(text, int)
    if not FIRST_YEAR <= value <= LAST_YEAR:
        raise argparse.ArgumentTypeError(f"应是 {FIRST_YEAR}–{LAST_YEAR} 之间的年度（收到 {text}）")
    return int(value)


def add_db(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", type=Path, default=Path("county.duckdb"), metavar="FILE",
                   help="县数据库文件（DuckDB，默认 %(default)s）")


def add_catalog(p: argparse.ArgumentParser) -> None:
    p.add_argument("--county", type=Path, metavar="FILE",
                   help="县乡镇名册（county.yaml）：乡镇、街道及报告里的其他叫法")
    p.add_argument("--indicators", type=Path, metavar="FILE", help="补充指标目录（YAML），与内置目录合并")


def add_read(p: argparse.ArgumentParser) -> None:
    p.add_argument("--max-mb", type=megabytes, default=50.0, metavar="MB",
                   help="超过这个大小（兆字节）的文件不读取（默认 %(default)s）")
    p.add_argument("--no-ocr", action="store_true", help="扫描件 PDF 不做文字识别（OCR），直接列为未能读取")
