"""`township-rollup init`: write the office configuration (township-rollup.toml) that every part reads."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from core.errors import ConfigError
from core.office import CONFIG_NAME, DEFAULT_DEADLINE, DEFAULT_WAIT_SECONDS, SETTINGS, load_office, office_toml
from township_rollup.status import EXIT_OK, Stop
from township_rollup.terminal import terminal

NAME = "init"
HELP = "生成办公室配置（township-rollup.toml）：县乡镇名册、报告文件夹、数据库、输出文件夹"
DESCRIPTION = ("生成办公室配置 township-rollup.toml。命令行、定时任务（prefect.yaml）和工作台都读它。"
               "没有给出的设置会逐项询问（在终端里运行时），否则用括号里的默认值。报告文件夹和输出文件夹不存在时会创建。")
DEFAULT_SERVER = "http://127.0.0.1:4200/api"
DEFAULT_WORKBENCH = "http://127.0.0.1:8750"  # `township-rollup serve`'s own default


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--county", type=Path, metavar="FILE", help="县乡镇名册（默认 county.yaml，须已写好）")
    p.add_argument("--reports", type=Path, metavar="FOLDER", help="各乡镇报告放在这里（默认 reports）")
    p.add_argument("--db", type=Path, metavar="FILE", help="县数据库文件（默认 county.duckdb）")
    p.add_argument("--exports", type=Path, metavar="FOLDER", help="对比表输出文件夹（默认 exports）")
    p.add_argument("--deadline", metavar="MM-DD", help="报告报送截止日期，月-日（默认 03-01）")
    p.add_argument("--prefect-server", metavar="URL",
                   help=f"常驻 Prefect 服务器的 API 地址（默认 {DEFAULT_SERVER}；township-rollup schedule 会启动它）；"
                        "none：不用常驻服务器")
    p.add_argument("--workbench", metavar="URL",
                   help="工作台（township-rollup serve）的地址，Prefect 界面里的链接指向它"
                        f"（默认 {DEFAULT_WORKBENCH}）；none：不链接")
    p.add_argument("--config", type=Path, default=Path(CONFIG_NAME), metavar="FILE",
                   help="配置文件写到哪里（默认当前文件夹的 %(default)s）")
    p.add_argument("--force", action="store_true", help="覆盖已有的配置文件")


QUESTIONS = (  # (argument, setting, default)
    ("county", "county", "county.yaml"),
    ("reports", "reports", "reports"),
    ("db", "database", "county.duckdb"),
    ("exports", "exports", "exports"),
    ("deadline", "deadline", "{:02d}-{:02d}".format(*DEFAULT_DEADLINE)),
    ("prefect_server", "prefect_api_url", DEFAULT_SERVER),
    ("workbench", "workbench_url", DEFAULT_WORKBENCH),
)


def run(args: argparse.Namespace) -> int:
    config: Path = args.config
    if config.exists() and not args.force:
        raise Stop(f"已有办公室配置 {config}；要重新生成请加 --force（或直接编辑这个文件）")
    asking = sys.stdin.isatty() and sys.stdout.isatty()
    answers = {arg: getattr(args, arg) for arg, _, _ in QUESTIONS}
    for arg, setting, default in QUESTIONS:
        if answers[arg] is None:
            optional = "；none 表示不用" if setting in ("prefect_api_url", "workbench_url") else ""
            answers[arg] = _ask(SETTINGS[setting], default, optional) if asking else default
            while asking and arg == "county" and not Path(str(answers[arg])).expanduser().is_file():
                # said now, not after six more questions
                terminal.warn(f"找不到 {answers[arg]}：请先写好县乡镇名册（照 samples/county/county.yaml 改写，"
                              "见 README 的 Ingesting your own county 第1步），再输入它的位置；按 Ctrl-C 退出")
                answers[arg] = _ask(SETTINGS[setting], default, optional)
    base = config.resolve().parent
    settings: dict[str, object] = {
        setting: _relative(Path(str(answers[arg])), base) if setting in ("county", "reports", "database", "exports")
        else str(answers[arg]) for arg, setting, _ in QUESTIONS}
    settings["wait_seconds"] = int(DEFAULT_WAIT_SECONDS)
    for key in ("prefect_api_url", "workbench_url"):
        if str(settings[key]).lower() in ("none", "no", "off", ""):
            settings[key] = None
    created = [folder for folder in (base / str(settings["reports"]), base / str(settings["exports"]))
               if not folder.exists() and folder.parent.is_dir()]
    text = office_toml(settings)
    candidate = config.with_name(f".{config.name}.new")
    candidate.write_text(text, encoding="utf-8")
    try:
        for folder in created:
            folder.mkdir()
        load_office(candidate)  # ConfigError: one line per setting to fix; nothing is kept
    except ConfigError as exc:  # named as the file it would have been, not the draft beside it
        _undo(candidate, created)
        raise ConfigError(str(exc).replace(candidate.name, config.name)) from None
    except BaseException:
        _undo(candidate, created)
        raise
    os.replace(candidate, config)
    _report(load_office(config), created)
    return EXIT_OK


def _undo(candidate: Path, created: list[Path]) -> None:
    candidate.unlink(missing_ok=True)
    for folder in created:
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()


def _ask(what: str, default: str, note: str = "") -> str:
    try:
        answer = input(f"{what} [{default}{note}]：").strip()
    except EOFError:  # Ctrl-D
        terminal.say("")
        raise Stop("已取消，没有写入办公室配置") from None
    return answer or default


def _relative(path: Path, base: Path) -> str:
    """As typed, relative to where init runs; written relative to the configuration's folder when inside it."""
    absolute = path.expanduser().resolve()
    try:
        return str(absolute.relative_to(base))
    except ValueError:
        return str(absolute)


def _report(cfg, created: list[Path]) -> None:  # type: ignore[no-untyped-def]
    from core.registry import load_registry

    registry = load_registry(cfg.county)
    made = {p.resolve() for p in created}

    def note(p: Path) -> str:
        return "（已创建）" if p in made else ""

    month, day = cfg.deadline
    terminal.say(f"已写入办公室配置 {cfg.path}")
    terminal.say(f"  县乡镇名册     {cfg.county}"
                 f"（{registry.county or '未写县名'}，{len(registry.townships)} 个乡镇、街道）")
    terminal.say(f"  报告文件夹     {cfg.reports}{note(cfg.reports)}")
    terminal.say(f"  数据库         {cfg.database}")
    terminal.say(f"  输出文件夹     {cfg.exports}{note(cfg.exports)}")
    terminal.say(f"  报送截止日期   {month}月{day}日（截止前四周每周一提醒谁还没有报送）")
    if cfg.prefect_api_url:
        terminal.say(f"  Prefect 服务器 {cfg.prefect_api_url}（township-rollup schedule 启动并保持它运行；"
                     "命令因此每次快约 10 秒）")
    if cfg.workbench_url:
        terminal.say(f"  工作台         {cfg.workbench_url}（township-rollup serve；Prefect 界面里的链接指向它）")
    terminal.say("下一步：把各乡镇的报告放进报告文件夹，运行 township-rollup ingest；")
    terminal.say("定时运行：township-rollup schedule（见 README）。")
