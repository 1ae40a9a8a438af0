"""`township-rollup`: the command line a county office uses.

Help and messages are in Chinese; option names stay English. Each command lives in its own module under
`township_rollup/commands/` (NAME, HELP, `add_arguments(parser)`, `run(args) -> int`, optionally
`interrupted(args) -> str`); to add one, write the module and list it in COMMANDS.

A command ends with one of the statuses of `township_rollup.status`. Whatever goes wrong reaches the clerk
as one line: a setting or file to fix (`Stop`, `ConfigError`), the database held by another program
(`DatabaseBusy`), Ctrl-C or SIGTERM (what was kept), or an unexpected error (its traceback goes to the run
log, and the line names the log). Heavy libraries (Prefect, Great Expectations) are imported inside the
commands that need them, so `--help` and `extract` start at once.
"""

from __future__ import annotations

import argparse
import atexit
import gc
import re
import signal
import sys
import unicodedata
from collections.abc import Sequence
from types import FrameType, ModuleType
from typing import NoReturn

from township_rollup.commands import compare, correct, demo, extract, ingest, init, review, rollup, schedule, serve
from township_rollup.status import EXIT_FAILED, EXIT_INTERRUPTED, EXIT_TERMINATED, Interrupted, Stop
from township_rollup.terminal import terminal

# At exit Python's last garbage collection walks every object Prefect, pydantic and GX made: 1-4 s of CPU on
# 2 busy cores after a command has finished (python -m benchmarks.fixed_cost, "exit"). Frozen, they are left to
# the process's end. Registered first, so it runs after every other exit handler (Prefect's flushes).
atexit.register(gc.freeze)

COMMANDS: tuple[ModuleType, ...] = (init, ingest, compare, review, correct, rollup, serve, schedule, extract, demo)

DESCRIPTION = ("把各乡镇（街道）报送的法治政府建设年度报告（Word、PDF、扫描件）读成数据，"
               "逐项核对后存入县数据库，并生成全县对比表（Excel、CSV、网页）。")
EPILOG = "每个命令的用法：township-rollup 命令 --help"

# argparse's own messages, in the clerk's language (the option names stay as typed).
_ARGPARSE_MESSAGES = (
    (re.compile(r"^the following arguments are required: (.+)$"), "缺少参数：{0}"),
    (re.compile(r"^argument (\S+): invalid choice: '?(.*?)'? \(choose from (.+)\)$"), "{0} 不能取 {1}，可选：{2}"),
    (re.compile(r"^argument (\S+): invalid \w+ value: '(.*)'$"), "{0} 的值 {1} 不是有效的数字"),
    (re.compile(r"^argument (\S+): expected one argument$"), "{0} 后面缺少取值"),
    (re.compile(r"^argument (\S+): ignored explicit argument '(.*)'$"), "{0} 不接受取值（收到 {1}）"),
    (re.compile(r"^unrecognized arguments: (.+)$"), "不认识的参数：{0}"),
    (re.compile(r"^ambiguous option: (\S+) could match (.+)$"), "选项 {0} 不明确，可能是：{1}"),
    (re.compile(r"^argument (\S+): (.+)$"), "{0} {1}"),  # our own checks (township_rollup.options) say the rest
)


def translate(message: str) -> str:
    for pattern, chinese in _ARGPARSE_MESSAGES:
        match = pattern.match(message)
        if match:
            return chinese.format(*(g.replace("'", "").replace(", ", "、") for g in match.groups()))
    return message


def _columns(ch: str) -> int:
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


_NO_LINE_START = set("，。；：、）」』！？")  # Chinese line-breaking rules: these stay with what they follow
_NO_LINE_END = tuple("（「『")


def wrap(text: str, width: int) -> list[str]:
    """Lines of at most `width` terminal columns: a CJK character takes two, and a line may break after any of
    them; Latin words and option names are never split."""
    lines: list[str] = []
    line, used = "", 0
    for token in re.findall(r"[\x00-\u2e7f]+?(?=\s|[^\x00-\u2e7f]|$)\s*|[^\x00-\u2e7f]", " ".join(text.split())):
        size = sum(_columns(ch) for ch in token.rstrip())
        if line and used + size > width and token not in _NO_LINE_START and not line.endswith(_NO_LINE_END):
            lines.append(line.rstrip())
            line, used = "", 0
            token = token.lstrip()
        line += token
        used += sum(_columns(ch) for ch in token)
    if line.strip():
        lines.append(line.rstrip())
    return lines


class HelpFormatter(argparse.HelpFormatter):
    """Chinese headings, lines wrapped by display width, and no stray line above the list of commands."""

    def add_usage(self, usage: str | None, actions, groups, prefix: str | None = None) -> None:  # type: ignore[no-untyped-def]
        super().add_usage(usage, actions, groups, prefix="用法：" if prefix is None else prefix)

    def _split_lines(self, text: str, width: int) -> list[str]:
        return wrap(text, width)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        return "\n".join(indent + line for line in wrap(text, width - len(indent)))

    def _format_action(self, action: argparse.Action) -> str:
        text = super()._format_action(action)
        if isinstance(action, argparse._SubParsersAction):  # its first line repeats the group's title
            text = text.split("\n", 1)[1]
        return text


class Parser(argparse.ArgumentParser):
    """argparse with Chinese headings and messages; a usage error is one line and status 2."""

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        kwargs.setdefault("formatter_class", HelpFormatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "参数"
        self._optionals.title = "选项"
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help="显示本说明并退出")

    def format_help(self) -> str:
        return re.sub(r"^(用法|参数|选项|命令):", r"\1：", super().format_help(), flags=re.MULTILINE)

    def error(self, message: str) -> NoReturn:
        terminal.error(f"{translate(message)}（用法见 {self.prog} --help）")
        sys.exit(EXIT_FAILED)


def build_parser() -> Parser:
    parser = Parser(prog="township-rollup", description=DESCRIPTION, epilog=EPILOG)
    sub = parser.add_subparsers(dest="command", title="命令", metavar="命令", parser_class=Parser)
    for command in COMMANDS:
        p = sub.add_parser(command.NAME, help=command.HELP, description=getattr(command, "DESCRIPTION", command.HELP))
        command.add_arguments(p)
        p.set_defaults(command_module=command)
    return parser


def _raise_interrupted(signum: int, frame: FrameType | None) -> None:
    # One clean stop: a second signal while we wind down must not cut the cleanup short.
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    raise Interrupted(signum)


def _is_interruption(exc: BaseException) -> bool:
    """Ctrl-C, our SIGTERM handler, or Prefect's own SIGTERM bridge (prefect.exceptions.TerminationSignal)."""
    return isinstance(exc, KeyboardInterrupt | Interrupted) or type(exc).__name__ == "TerminationSignal"


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    command: ModuleType | None = getattr(args, "command_module", None)
    if command is None:
        parser.print_help()
        return EXIT_FAILED
    previous = signal.signal(signal.SIGTERM, _raise_interrupted)
    try:
        return int(command.run(args) or 0)
    except BaseException as exc:
        return _ended(exc, command, args)
    finally:
        signal.signal(signal.SIGTERM, previous)


def _ended(exc: BaseException, command: ModuleType, args: argparse.Namespace) -> int:
    from core.errors import ConfigError

    if isinstance(exc, Stop):
        terminal.error(exc.message)
        return exc.status
    if isinstance(exc, ConfigError):
        terminal.error(str(exc))
        return EXIT_FAILED
    if _is_interruption(exc):
        kept = command.interrupted(args) if hasattr(command, "interrupted") else "没有改动任何数据。"
        terminal.warn(f"已中断：{kept}")
        return EXIT_TERMINATED if getattr(exc, "signal", getattr(exc, "signum", None)) == signal.SIGTERM \
            else EXIT_INTERRUPTED
    if isinstance(exc, SystemExit):
        raise exc
    refused = _warehouse_refusal(exc)
    if refused is not None:
        terminal.error(str(refused).splitlines()[0])  # the Chinese line; the English one is for the log
        return EXIT_FAILED
    from township_rollup.runlog import record_exception

    where = record_exception(exc, getattr(args, "run_log", None), getattr(args, "db", None))
    first = (str(exc).splitlines() or [""])[0]
    terminal.error(f"运行中出现意外问题（{type(exc).__name__}：{first}）。已导入的数据不受影响；详细记录见 {where}")
    return EXIT_FAILED


def _warehouse_refusal(exc: BaseException) -> BaseException | None:
    """DatabaseBusy, DatabaseUnusable or SchemaTooNew, also when Prefect wraps them; looked for only if the
    warehouse was imported (it pulls in DuckDB)."""
    if "warehouse.db" not in sys.modules:
        return None
    from warehouse.db import DatabaseBusy, DatabaseUnusable, SchemaTooNew

    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, DatabaseBusy | DatabaseUnusable | SchemaTooNew):
            return seen
        seen = seen.__cause__ or seen.__context__
    return None


if __name__ == "__main__":
    sys.exit(main())
