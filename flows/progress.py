"""A progress bar on a terminal, silence elsewhere (CI logs, Prefect workers, pipes).

Other front ends (the workbench's ingestion page) follow the same progress through `observe`.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import TracebackType
from typing import TextIO

# (label, done, total) after every step; process-wide, since one process runs one ingestion at a time.
Observer = Callable[[str, int, int], None]
_observers: list[Observer] = []


@contextmanager
def observe(callback: Observer) -> Iterator[None]:
    """Call `callback(label, done, total)` whenever any Progress in this process moves, while inside."""
    _observers.append(callback)
    try:
        yield
    finally:
        _observers.remove(callback)


# Where bars are drawn when no stream is given: the CLI points this at the clerk's terminal while
# everything else the run writes to stderr goes to its log (township_rollup.runlog).
terminal: TextIO | None = None


class Progress:
    def __init__(self, total: int, label: str, stream: TextIO | None = None) -> None:
        self.total = total
        self.label = label
        self.done = 0
        self.stream = stream or terminal or sys.stderr
        self.enabled = total > 0 and self.stream.isatty()
        self._start = time.perf_counter()

    def __enter__(self) -> Progress:
        self._draw()
        return self

    def advance(self, n: int = 1) -> None:
        self.done += n
        self._draw()

    def _draw(self) -> None:
        for callback in tuple(_observers):
            callback(self.label, self.done, self.total)
        if not self.enabled:
            return
        width = 30
        filled = int(width * self.done / self.total) if self.total else width
        rate = self.done / max(time.perf_counter() - self._start, 1e-9)
        self.stream.write(f"\r{self.label} [{'█' * filled}{'·' * (width - filled)}] "
                          f"{self.done}/{self.total}  {rate:.1f} 份/秒")
        self.stream.flush()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self.enabled:
            self.stream.write("\n")
            self.stream.flush()
