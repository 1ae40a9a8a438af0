"""Reading a user's YAML file (county.yaml, an indicator catalog) so every problem can name its line.

`read_yaml` returns plain Python data in which every mapping is a `Located` dict and every list a
`LocatedList`: each knows the line it starts on and the line of each of its values, so a check can
say "county.yaml 第 7 行：…" rather than only what is wrong.

Encoding: UTF-8 (with or without Notepad's BOM). A file that is not UTF-8 is read as GB18030 (a
superset of GBK), what Windows in Chinese saves as "ANSI": the clerk's file is read as written
rather than refused. Bytes that are neither give one line naming the file and the line of the first
such byte. Errors: ConfigError (core.errors), one line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from core.errors import ConfigError


class Located(dict):  # type: ignore[type-arg]
    """A YAML mapping with `line` (1-based, where it starts) and `lines` (key -> the line it is written on)."""

    line: int = 0
    lines: dict[Any, int]

    def line_of(self, key: Any) -> int:
        """The line `key` is written on, else the mapping's."""
        return self.lines.get(key, self.line) if hasattr(self, "lines") else self.line


class LocatedList(list):  # type: ignore[type-arg]
    """A YAML sequence with `line` and `lines` (the line of each item, by index)."""

    line: int = 0
    lines: list[int]

    def line_of(self, index: int) -> int:
        return self.lines[index] if 0 <= index < len(getattr(self, "lines", ())) else self.line


class _Loader(yaml.SafeLoader):
    pass


def _mapping(loader: _Loader, node: yaml.MappingNode):  # type: ignore[no-untyped-def]
    data = Located()
    data.line = node.start_mark.line + 1
    yield data
    data.update(loader.construct_mapping(node, deep=True))
    data.lines = {}
    for key_node, _value in node.value:
        try:
            key = loader.construct_object(key_node, deep=True)
            data.lines[key] = key_node.start_mark.line + 1
        except TypeError:  # an unhashable key: construct_mapping has refused it already
            continue


def _sequence(loader: _Loader, node: yaml.SequenceNode):  # type: ignore[no-untyped-def]
    data = LocatedList()
    data.line = node.start_mark.line + 1
    yield data
    data.extend(loader.construct_sequence(node, deep=True))
    data.lines = [item.start_mark.line + 1 for item in node.value]


_Loader.add_constructor("tag:yaml.org,2002:map", _mapping)
_Loader.add_constructor("tag:yaml.org,2002:seq", _sequence)


def decode_config(data: bytes, path: Path, what: str) -> str:
    """The text of a configuration file: UTF-8, else GB18030 (Windows' "ANSI" in Chinese); ConfigError
    naming the line of the first byte that is neither."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as utf8_error:
        try:
            return data.decode("gb18030")
        except UnicodeDecodeError:
            line = data[: utf8_error.start].count(b"\n") + 1
            raise ConfigError(f"{what} {path} 第 {line} 行：文字编码无法识别（既不是 UTF-8 也不是 GBK）；"
                              "请用记事本或 WPS 打开后“另存为”，编码选 UTF-8") from None


def read_yaml(path: Path, what: str) -> Any:
    """The data of the YAML file at `path`, mappings and lists located (see the module docstring).

    `what`: the file's name for a clerk (县名册, 指标目录), the start of every message.
    ConfigError: the file cannot be opened, is not text, or is not YAML (the line and YAML's own words).
    """
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise ConfigError(f"无法读取{what} {path}：{exc.strerror or exc}") from exc
    text = decode_config(data, path, what)
    try:
        return yaml.load(text, Loader=_Loader)  # a SafeLoader: only plain data
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f" 第 {mark.line + 1} 行" if mark is not None else ""
        raise ConfigError(f"{what} {path}{where}：不是正确的 YAML 格式（{exc.problem or exc}）；"
                          "请检查这一行的缩进、冒号和括号") from exc
    except yaml.YAMLError as exc:
        raise ConfigError(f"{what} {path}：不是正确的 YAML 格式（{exc}）") from exc
