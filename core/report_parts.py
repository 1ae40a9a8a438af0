"""The parts an annual report must have (core/data/report_parts.yaml), as a county office checks them.

The loader writes them into the warehouse with each report's headings; v_report_completeness (views.sql)
says which part each report has: one whose top-level heading (the shallowest numbering level the report
uses, 一、二、三、 usually) contains one of the part's cue words. Cues name the part's meaning, not one
wording: 存在问题, 不足 and 短板 all name the shortcomings.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import yaml

from core.errors import ConfigError


@dataclass(frozen=True)
class ReportPart:
    code: str  # stable, e.g. shortcomings
    name: str  # as the county's template names it, e.g. 存在的不足和原因
    short: str  # a column header where space is tight
    cues: tuple[str, ...]  # any one in a top-level heading marks the part


def load_report_parts(path: Path | None = None) -> tuple[ReportPart, ...]:
    """The bundled parts (or those of `path`) in the report's order. Raises ConfigError on a malformed file."""
    path = path or Path(str(resources.files("core") / "data" / "report_parts.yaml"))
    try:
        raw = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
        return tuple(ReportPart(str(p["code"]), str(p["name"]), str(p.get("short") or p["name"]),
                                tuple(str(c) for c in p["cues"])) for p in raw["parts"])
    except (OSError, yaml.YAMLError, KeyError, TypeError) as exc:
        raise ConfigError(f"无法读取报告组成部分目录 {path}：{exc!r}") from exc
