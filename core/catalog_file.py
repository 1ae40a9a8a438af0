"""An indicator catalog file (core/data/indicators.yaml, or a user's --indicators file) read and checked
entry by entry, before any report is read.

Every problem is one line naming the file, the line and what to change; all are listed at once
(ConfigError). What involves several entries once the user's file is merged over the bundled one
(a parent or section that does not exist, a parent cycle, one name for two indicators) is checked
by core.catalog.check_catalog, with the lines recorded here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from core.config_yaml import Located, LocatedList, read_yaml
from core.errors import ConfigError

WHAT = "指标目录"
TOP_KEYS = ("sections", "indicators")
SECTION_KEYS = ("code", "name")
INDICATOR_KEYS = ("code", "name", "unit", "cues", "parent", "section", "aggregate", "better", "adds", "also_in",
                  "rate_of")
LIST_KEYS = ("cues", "adds", "also_in")
TEXT_KEYS = ("name", "unit", "parent", "section", "aggregate", "better")
RATE_OF_KEYS = ("numerator", "denominator")


@dataclass(frozen=True)
class CatalogFile:
    """What one file says: sections (code -> name), indicators (code -> the fields it gives, as
    core.catalog.Indicator takes them), and the line each indicator starts on."""

    path: Path
    sections: dict[str, str] = field(default_factory=dict)
    indicators: dict[str, dict[str, Any]] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)


def read_catalog_file(path: Path) -> CatalogFile:
    """The checked entries of the catalog file at `path`. ConfigError: one line per problem."""
    raw = read_yaml(path, WHAT)
    problems: list[tuple[int, str]] = []

    def problem(line: int, text: str) -> None:
        problems.append((line, text))

    if raw is None:
        raw = Located()
    if not isinstance(raw, Located):
        raise ConfigError(f"{WHAT} {path}：内容应是 indicators: 下逐项列出的指标（每项有 code、name、unit），"
                          "格式见 core/data/indicators.yaml")
    out = CatalogFile(Path(path))
    for key in raw:
        if key not in TOP_KEYS:
            problem(raw.line_of(key), f"不认识的设置“{key}”；可用的设置是 {'、'.join(TOP_KEYS)}")
    for line, entry in _entries(raw, "sections", problem):
        _section(entry, line, out, problem)
    for line, entry in _entries(raw, "indicators", problem):
        _indicator(entry, line, out, problem)
    if problems:
        raise ConfigError("\n".join(f"{WHAT} {path} 第 {line} 行：{text}" for line, text in sorted(problems)))
    return out


def _entries(raw: Located, key: str, problem: Any) -> list[tuple[int, Located]]:
    listed = raw.get(key)
    if listed is None:
        return []
    if not isinstance(listed, LocatedList):
        problem(raw.line_of(key), f"{key} 下应逐项列出，每项以“- ”开头，如 “  - code: my_indicator”")
        return []
    out = []
    for i, entry in enumerate(listed):
        if isinstance(entry, Located):
            out.append((listed.line_of(i), entry))
        else:
            problem(listed.line_of(i), f"{key} 的每一项应写成 “- code: 代码” 加上它的各项设置，而不是 {_shown(entry)}")
    return out


def _code(entry: Located, line: int, problem: Any) -> str | None:
    code = entry.get("code")
    if code is None or isinstance(code, (list, dict, bool)) or not str(code).strip():
        problem(entry.line_of("code") if code is not None else line, "缺少 code（英文代码，如 code: my_indicator）")
        return None
    return str(code).strip()


def _section(entry: Located, line: int, out: CatalogFile, problem: Any) -> None:
    for key in entry:
        if key not in SECTION_KEYS:
            problem(entry.line_of(key), f"不认识的设置“{key}”；指标类别可写的是 {'、'.join(SECTION_KEYS)}")
    code = _code(entry, line, problem)
    if code is None:
        return
    name = entry.get("name")
    if name is not None and not isinstance(name, str):
        problem(entry.line_of("name"), f"指标类别 {code} 的 name 应是文字，而不是 {_shown(name)}")
        return
    out.sections[code] = (name or "").strip() or code


def _indicator(entry: Located, line: int, out: CatalogFile, problem: Any) -> None:
    for key in entry:
        if key not in INDICATOR_KEYS:
            problem(entry.line_of(key), f"不认识的设置“{key}”；每个指标可写的是 {'、'.join(INDICATOR_KEYS)}")
    code = _code(entry, line, problem)
    if code is None:
        return
    if code in out.lines:
        problem(line, f"指标 {code} 在第 {out.lines[code]} 行已经有了；请把两项合并成一项")
        return
    fields: dict[str, Any] = {}
    for key in TEXT_KEYS:
        value = entry.get(key)
        if value is None or value == "":
            continue
        if not isinstance(value, (str, int, float)) or isinstance(value, bool):
            problem(entry.line_of(key), f"指标 {code} 的 {key} 应是一个词（文字），而不是 {_shown(value)}")
            continue
        fields[key] = str(value).strip()
    for key in LIST_KEYS:
        value = entry.get(key)
        if value is None:
            continue
        if not isinstance(value, LocatedList) or not all(isinstance(v, (str, int)) and str(v).strip()
                                                           for v in value):
            problem(entry.line_of(key), f"指标 {code} 的 {key} 应是词语的列表，如 {key}: [{_shown(value)}]"
                                        "（多个词用逗号隔开，写在方括号里）")
            continue
        fields[key] = tuple(str(v).strip() for v in value)
    rate_of = entry.get("rate_of")
    if rate_of is not None:
        if not isinstance(rate_of, Located) or any(k not in RATE_OF_KEYS for k in rate_of):
            problem(entry.line_of("rate_of"), f"指标 {code} 的 rate_of 应写成 "
                                              "{numerator: 分子指标代码, denominator: 分母指标代码}")
        else:
            fields.update({k: str(v) for k, v in rate_of.items() if v is not None})
    out.indicators[code] = fields
    out.lines[code] = line


def _shown(value: object) -> str:
    text = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
    return text if len(text) <= 40 else text[:40] + "…"
