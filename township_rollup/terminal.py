"""What the clerk sees: our messages, each once, on the terminal, and nothing else.

While a command runs Prefect or Great Expectations, everything written to file descriptors 1 and 2
(their log lines, warnings, tracebacks, worker processes' output) goes to the run log
(`township_rollup.runlog`); our own messages go to the terminal through the streams held here.
"""

from __future__ import annotations

import sys
from typing import TextIO


class Terminal:
    """The clerk's terminal: `out` for results, `err` for warnings, errors and progress."""

    def __init__(self) -> None:
        self.out: TextIO | None = None
        self.err: TextIO | None = None

    def streams(self) -> tuple[TextIO, TextIO]:
        return self.out or sys.stdout, self.err or sys.stderr

    def say(self, text: str = "") -> None:
        out, _ = self.streams()
        print(_shown(text), file=out, flush=True)

    def warn(self, text: str) -> None:
        _, err = self.streams()
        print(_shown(text), file=err, flush=True)

    def error(self, text: str) -> None:
        self.warn(text if text.startswith("错误：") else f"错误：{text}")


def _shown(text: str) -> str:
    """The last guard before the terminal: no escape sequence or other control character, lines kept (callers
    clean each outside field with core.safe_text.printable so a newline in it cannot forge a line)."""
    from core.safe_text import printable

    return printable(text, keep_lines=True)


terminal = Terminal()
