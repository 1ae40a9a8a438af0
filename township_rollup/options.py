"""Options shared by several commands, and the checks on their values.

A wrong value stops the command before any work with one line naming the option, e.g.
`--workers 必须是大于 0 的整数（收到 0）`; argparse adds the option's name.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from core.office import OfficeConfig

FIRST_YEAR, LAST_YEAR = 1990, 2100  # reporting years a county office can mean
DEFAULT_DB = Path("county.duckdb")  # without an office configuration


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
    p.add_argument("--db", type=Path, default=None, metavar="FILE",
                   help="县数据库文件（DuckDB；默认取办公室配置，没有配置时为 county.duckdb）")


def add_catalog(p: argparse.ArgumentParser) -> None:
    p.add_argument("--county", type=Path, metavar="FILE",
                   help="县乡镇名册（county.yaml）：乡镇、街道及报告里的其他叫法（默认取办公室配置）")
    p.add_argument("--indicators", type=Path, metavar="FILE", help="补充指标目录（YAML），与内置目录合并")


def add_read(p: argparse.ArgumentParser) -> None:
    p.add_argument("--max-mb", type=megabytes, default=50.0, metavar="MB",
                   help="超过这个大小（兆字节）的文件不读取（默认 %(default)s）")
    p.add_argument("--no-ocr", action="store_true", help="扫描件 PDF 不做文字识别（OCR），直接列为未能读取")


def add_config(p: argparse.ArgumentParser) -> None:
    p.add_argument("--config", type=Path, default=None, metavar="FILE",
                   help="办公室配置（默认当前文件夹的 township-rollup.toml，"
                        "或环境变量 TOWNSHIP_ROLLUP_CONFIG 指定的文件；township-rollup init 生成它）")


def office_of(args: argparse.Namespace) -> OfficeConfig | None:
    """The office configuration that applies to this command, if any (ConfigError: one line per wrong setting),
    with every path option the command line left out taken from it: --db, --county, --indicators.

    Without a configuration: --db is county.duckdb, and no registry or extra catalog is used.
    """
    from core.office import find_office, load_office

    path = find_office(getattr(args, "config", None))
    office = load_office(path) if path is not None else None
    defaults = {"db": office.database if office else DEFAULT_DB,
                "county": office.county if office else None,
                "indicators": office.indicators if office else None}
    for name, value in defaults.items():
        if hasattr(args, name) and getattr(args, name) is None:
            setattr(args, name, value)
    return office
