"""county.yaml read and checked whole, before any report is read.

A county registry decides which township every report is counted for, so a mistake in it is
worse than a refusal: an alias that is another township's name would put that township's reports
under the wrong one without a word. Every problem is one line naming the file, the line and what
to change; all of them are listed at once (ConfigError), so one edit fixes the file.

The format (README, "Ingesting your own county"):

    county: 清源县            # optional: the county's name
    province: 某某省          # optional
    townships:               # at least one
      - name: 东关镇          # required, text
        aliases: [东关]       # optional: a list of other names reports use
        code: "370102001"     # optional: the administrative code, as text (quoted)
      - 城南街道              # a township with no other name may be just its name
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from core.config_yaml import Located, LocatedList, read_yaml
from core.errors import ConfigError

WHAT = "县名册"
TOP_KEYS = ("county", "province", "townships")
TOWNSHIP_KEYS = ("name", "aliases", "code")


@dataclass(frozen=True)
class TownshipEntry:
    name: str
    aliases: tuple[str, ...]
    code: str | None
    line: int  # where the entry starts in the file
    alias_lines: tuple[int, ...] = ()  # the line of each alias


@dataclass(frozen=True)
class RegistryFile:
    county: str | None
    province: str | None
    townships: tuple[TownshipEntry, ...]


def read_registry_file(path: Path) -> RegistryFile:
    """The checked content of county.yaml at `path`. ConfigError: one line per problem (file, line, what to do)."""
    raw = read_yaml(path, WHAT)
    problems: list[tuple[int, str]] = []  # (line, what to change), listed in the file's order

    def problem(line: int, text: str) -> None:
        problems.append((line, text))

    if not isinstance(raw, Located):
        raise ConfigError(f"{WHAT} {path}：内容应以 county: 县名 开头，并在 townships: 下逐行列出各乡镇、街道"
                          "（格式见 samples/county/county.yaml）")
    for key in raw:
        if key not in TOP_KEYS:
            problem(raw.line_of(key), f"不认识的设置“{key}”；可用的设置是 {'、'.join(TOP_KEYS)}")
    county, province = (_text_setting(raw, key, problem) for key in ("county", "province"))
    townships = _townships(raw, problem)
    if not problems and not townships:
        raise ConfigError(f"{WHAT} {path}：没有列出任何乡镇；请在 townships: 下逐行列出本县的乡镇、街道，"
                          "如 “  - name: 东关镇”")
    problems.extend(_clashes(townships))
    if problems:
        raise ConfigError("\n".join(f"{WHAT} {path} 第 {line} 行：{text}" for line, text in sorted(problems)))
    return RegistryFile(county, province, tuple(townships))


def _text_setting(raw: Located, key: str, problem: Any) -> str | None:
    value = raw.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        problem(raw.line_of(key), f"{key} 应是名称（文字），而不是 {_shown(value)}")
        return None
    return value.strip()


def _townships(raw: Located, problem: Any) -> list[TownshipEntry]:
    listed = raw.get("townships")
    if listed is None:
        return []
    if not isinstance(listed, LocatedList):
        problem(raw.line_of("townships"), "townships 下应逐行列出乡镇，每行以“- ”开头，如 “  - name: 东关镇”")
        return []
    out = []
    for i, entry in enumerate(listed):
        line = listed.line_of(i)
        if isinstance(entry, str):
            entry_map: Located = Located(name=entry)
            entry_map.line = line
        elif isinstance(entry, Located):
            entry_map = entry
        else:
            problem(line, f"乡镇应写成 “- name: 乡镇名称”，而不是 {_shown(entry)}")
            continue
        township = _township(entry_map, problem)
        if township is not None:
            out.append(township)
    return out


def _township(entry: Located, problem: Any) -> TownshipEntry | None:
    for key in entry:
        if key not in TOWNSHIP_KEYS:
            problem(entry.line_of(key), f"不认识的设置“{key}”；每个乡镇可写的是 {'、'.join(TOWNSHIP_KEYS)}"
                                        "（别名写在 aliases: 下）")
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip():
        what = "缺少 name" if name is None else f"name 应是乡镇名称（文字），而不是 {_shown(name)}"
        problem(entry.line_of("name"), f"{what}；每个乡镇写成 “- name: 乡镇名称”")
        return None
    name = name.strip()
    aliases = _aliases(entry, name, problem)
    code = entry.get("code")
    if code is not None and not isinstance(code, str):
        example = code if isinstance(code, int) and not isinstance(code, bool) else "370102001"
        problem(entry.line_of("code"), f"乡镇“{name}”的 code 应加引号写成文字，如 code: \"{example}\""
                                        "（不加引号的数字会丢掉开头的 0，或被读成别的数）")
        code = None
    return TownshipEntry(name, tuple(a for a, _ in aliases), code.strip() or None if isinstance(code, str) else None,
                         entry.line, tuple(line for _, line in aliases))


def _aliases(entry: Located, name: str, problem: Any) -> list[tuple[str, int]]:
    """(alias, its line) of a township, stripped, without repeats or its own name."""
    listed = entry.get("aliases")
    if listed is None:
        return []
    if not isinstance(listed, LocatedList):
        problem(entry.line_of("aliases"), f"乡镇“{name}”的 aliases 应是一个列表，如 aliases: [{_shown(listed)}]"
                                           "（多个别名用逗号隔开，写在方括号里）")
        return []
    out: list[tuple[str, int]] = []
    for i, alias in enumerate(listed):
        if not isinstance(alias, str) or not alias.strip():
            problem(listed.line_of(i), f"乡镇“{name}”的别名应是文字，而不是 {_shown(alias)}")
        elif alias.strip() != name and alias.strip() not in (a for a, _ in out):
            out.append((alias.strip(), listed.line_of(i)))
    return out


def _clashes(townships: list[TownshipEntry]) -> list[tuple[int, str]]:
    """One line per name or alias that an earlier township already has: a report so named would be counted
    for one of them at random (for the earlier one's name, silently for the later)."""
    owner: dict[str, TownshipEntry] = {}
    problems = []
    for t in townships:
        for spelling, line in ((t.name, t.line), *zip(t.aliases, t.alias_lines, strict=True)):
            first = owner.get(spelling)
            if first is None:
                owner[spelling] = t
                continue
            if first.name == t.name and spelling == t.name:
                problems.append((t.line, f"乡镇“{t.name}”在第 {first.line} 行已经列过；"
                                         "请删去重复的一项（别名合并到一处）"))
                break
            kind = "名称" if spelling == first.name else "别名"
            mine = "名称" if spelling == t.name else "别名"
            problems.append((line, f"乡镇“{t.name}”的{mine}“{spelling}”已是第 {first.line} 行"
                                   f"乡镇“{first.name}”的{kind}，同一个写法不能属于两个乡镇（报告会被算到错误的乡镇）；请删去或改正其中一个"))
    return problems


def _shown(value: object) -> str:
    text = repr(value) if not isinstance(value, str) else value
    return text if len(text) <= 40 else text[:40] + "…"
