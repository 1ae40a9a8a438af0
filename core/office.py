"""The office configuration: one file (`township-rollup.toml`) that says where an office keeps everything.

Written by `township-rollup init`, read by the command line, by the Prefect deployments (their only parameter
is this file) and by the workbench. A small TOML file of flat settings; a path is relative to the folder the
file is in, so the office can move the whole folder.

    county = "county.yaml"           # the county's townships and streets (the registry)
    reports = "reports"              # where the townships' reports are put
    database = "county.duckdb"       # the county database
    exports = "exports"              # where the comparison tables are written
    deadline = "03-01"               # the county's report deadline (month-day)
    wait_seconds = 600               # how long a scheduled run waits for a database another program holds
    prefect_api_url = "http://127.0.0.1:4200/api"   # a lasting local Prefect server, when the office runs one
    workbench_url = "http://127.0.0.1:8750"          # the workbench (`township-rollup serve`): artifacts link to it
    # indicators = "my-indicators.yaml"   # extra indicators over the bundled catalog

`load_office(path)` reads and checks it: every wrong or missing setting is one Chinese line of a ConfigError.
`find_office()` says which file applies: `--config`, else $TOWNSHIP_ROLLUP_CONFIG, else ./township-rollup.toml.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from core.errors import ConfigError

CONFIG_NAME = "township-rollup.toml"
CONFIG_ENV = "TOWNSHIP_ROLLUP_CONFIG"
DEFAULT_DEADLINE = (3, 1)  # 3月1日, with 4月1日 the most common county deadline
DEFAULT_WAIT_SECONDS = 600.0

# setting -> what it is, in the clerk's words (used in messages and in the file init writes)
SETTINGS: dict[str, str] = {
    "county": "县乡镇名册（county.yaml）",
    "reports": "各乡镇报告所在的文件夹",
    "database": "县数据库文件",
    "exports": "对比表输出文件夹",
    "deadline": "报告报送截止日期（月-日）",
    "wait_seconds": "定时运行时，数据库被其他程序占用最多等待的秒数",
    "prefect_api_url": "常驻的 Prefect 服务器地址",
    "workbench_url": "工作台（township-rollup serve）的地址，Prefect 界面里的链接指向它",
    "indicators": "补充指标目录（YAML）",
}
REQUIRED = ("county", "reports", "database", "exports")


@dataclass(frozen=True)
class OfficeConfig:
    """An office's settings, with every path absolute (resolved against the configuration file's folder)."""

    path: Path  # the configuration file
    county: Path
    reports: Path
    database: Path
    exports: Path
    deadline: tuple[int, int] = DEFAULT_DEADLINE  # (month, day)
    wait_seconds: float = DEFAULT_WAIT_SECONDS
    prefect_api_url: str | None = None
    workbench_url: str | None = None
    indicators: Path | None = None

    @property
    def log(self) -> Path:
        """Prefect's and GX's own output for runs of this office: beside the database."""
        return self.database.with_suffix(".log")

    def deadline_in(self, year: int) -> date:
        """The report deadline in calendar year `year` (29 February falls back to the 28th)."""
        month, day = self.deadline
        try:
            return date(year, month, day)
        except ValueError:
            return date(year, month, day - 1)


def find_office(explicit: Path | None = None, *, cwd: Path | None = None,
                environ: Mapping[str, str] | None = None) -> Path | None:
    """The configuration file that applies: `explicit`, else $TOWNSHIP_ROLLUP_CONFIG, else ./township-rollup.toml
    when it exists; None when there is none (commands then take their options or their defaults)."""
    if explicit is not None:
        return Path(explicit)
    env = (os.environ if environ is None else environ).get(CONFIG_ENV)
    if env:
        return Path(env)
    here = (cwd or Path.cwd()) / CONFIG_NAME
    return here if here.is_file() else None


def load_office(path: Path, *, check_paths: bool = True) -> OfficeConfig:
    """Read and check the office configuration at `path`.

    Raises ConfigError whose message has one Chinese line per problem: the file missing or not TOML, a setting
    unknown, missing or of the wrong kind, and (`check_paths`) a folder or file that is not there. The county
    registry's contents are checked by core.registry when it is loaded.
    """
    path = Path(path)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"找不到办公室配置 {path}；请先运行 township-rollup init 生成它") from None
    except OSError as exc:
        raise ConfigError(f"无法读取办公室配置 {path}：{exc.strerror or exc}") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"办公室配置 {path} 的格式有误（应是 TOML：每行 名称 = \"值\"）：{exc}") from exc
    config, problems = _parse(path, raw)  # a config (with defaults for wrong values) whenever the paths are there
    if config is not None and check_paths:
        problems += path_problems(config)
    if problems:
        raise ConfigError("\n".join(f"办公室配置 {path}：{p}" for p in problems))
    assert config is not None
    return config


def _parse(path: Path, raw: dict[str, object]) -> tuple[OfficeConfig | None, list[str]]:
    base = path.resolve().parent
    problems = [f"不认识的设置 {key}（可用的设置：{'、'.join(SETTINGS)}）" for key in raw if key not in SETTINGS]
    problems += [f"缺少设置 {key}（{SETTINGS[key]}）" for key in REQUIRED if key not in raw]
    paths: dict[str, Path | None] = {}
    for key in (*REQUIRED, "indicators"):
        value = raw.get(key)
        if value is None:
            paths[key] = None
        elif isinstance(value, str) and value.strip():
            paths[key] = (base / Path(value).expanduser()).resolve()
        else:
            problems.append(f"设置 {key}（{SETTINGS[key]}）应是一个路径，例如 {key} = \"{_EXAMPLES[key]}\"")
    deadline = _deadline(raw.get("deadline", "{:02d}-{:02d}".format(*DEFAULT_DEADLINE)), problems)
    wait = raw.get("wait_seconds", DEFAULT_WAIT_SECONDS)
    if isinstance(wait, bool) or not isinstance(wait, int | float) or not 0 <= wait < float("inf"):
        problems.append(f"设置 wait_seconds 应是 0 或更大的秒数（收到 {wait!r}）")
        wait = DEFAULT_WAIT_SECONDS
    url = raw.get("prefect_api_url")
    if url is not None and not (isinstance(url, str) and url.startswith(("http://", "https://"))
                                and url.rstrip("/").endswith("/api")):
        problems.append("设置 prefect_api_url 应是 Prefect 服务器的 API 地址，例如 \"http://127.0.0.1:4200/api\""
                        f"（收到 {url!r}）")
        url = None
    workbench = raw.get("workbench_url")
    if workbench is not None and not (isinstance(workbench, str) and workbench.startswith(("http://", "https://"))):
        problems.append(f"设置 workbench_url 应是工作台的网址，例如 \"http://127.0.0.1:8750\"（收到 {workbench!r}）")
        workbench = None
    if any(paths[k] is None for k in REQUIRED):
        return None, problems
    return OfficeConfig(
        path=path.resolve(), county=paths["county"], reports=paths["reports"],  # type: ignore[arg-type]
        database=paths["database"], exports=paths["exports"], deadline=deadline,  # type: ignore[arg-type]
        wait_seconds=float(wait), prefect_api_url=url.rstrip("/") if url else None,
        workbench_url=workbench.rstrip("/") if workbench else None, indicators=paths["indicators"],
    ), problems


_EXAMPLES = {"county": "county.yaml", "reports": "reports", "database": "county.duckdb", "exports": "exports",
             "indicators": "my-indicators.yaml", "prefect_api_url": "http://127.0.0.1:4200/api",
             "workbench_url": "http://127.0.0.1:8750"}


def _deadline(value: object, problems: list[str]) -> tuple[int, int]:
    text = value if isinstance(value, str) else ""
    try:
        month, day = (int(part) for part in text.replace("月", "-").replace("日", "").split("-"))
        date(2024, month, day)  # a leap year: 02-29 is a date
    except ValueError:
        problems.append(f"设置 deadline 应是 月-日，例如 \"03-01\"（收到 {value!r}）")
        return DEFAULT_DEADLINE
    return month, day


def path_problems(config: OfficeConfig) -> list[str]:
    """The settings whose files or folders are not usable, one line each."""
    problems = []
    if not config.county.is_file():
        problems.append(f"县乡镇名册 {config.county} 不存在（设置 county）")
    if config.indicators is not None and not config.indicators.is_file():
        problems.append(f"补充指标目录 {config.indicators} 不存在（设置 indicators）")
    if not config.reports.is_dir():
        what = "不是文件夹" if config.reports.exists() else "不存在"
        problems.append(f"报告文件夹 {config.reports} {what}（设置 reports）")
    if config.database.exists() and not config.database.is_file():
        problems.append(f"数据库 {config.database} 是一个文件夹，不是数据库文件（设置 database）")
    elif not config.database.parent.is_dir():
        problems.append(f"数据库所在的文件夹 {config.database.parent} 不存在（设置 database）")
    if config.exports.exists() and not config.exports.is_dir():
        problems.append(f"输出位置 {config.exports} 不是文件夹（设置 exports）")
    elif not config.exports.parent.is_dir():
        problems.append(f"输出文件夹所在的文件夹 {config.exports.parent} 不存在（设置 exports）")
    return problems


def office_toml(settings: Mapping[str, object]) -> str:
    """The configuration file's text for `settings` (as `init` writes it): each setting with a Chinese comment."""
    lines = ["# township-rollup 办公室配置（township-rollup init 生成，可以直接修改）。",
             "# 相对路径以本文件所在的文件夹为准。命令行、定时任务（prefect.yaml）和工作台都读这个文件。", ""]
    for key, what in SETTINGS.items():
        if key not in settings or settings[key] is None:
            if key in _EXAMPLES:
                lines.append(f"# {key} = \"{_EXAMPLES[key]}\"   # {what}")
            continue
        value = settings[key]
        text = _toml_value(value)
        lines.append(f"{key} = {text}   # {what}")
    return "\n".join(lines) + "\n"


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    text = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{text}"'
