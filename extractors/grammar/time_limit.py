"""A time limit on the grammar's work for one document, checked cooperatively.

The grammar is linear in the text (benchmarks/grammar_speed.py states the bound), but a
file at the size limit with a number every few characters still takes long: the
extraction of one document must not hold the batch. `time_limit` opens a budget for the
current thread (a context variable, so worker threads and processes each keep their own);
the grammar's loops call `check`, which raises `TimeLimitExceeded` once it is spent.
Outside `time_limit`, `check` does nothing.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_deadline: ContextVar[tuple[float, float] | None] = ContextVar("grammar_deadline", default=None)


class TimeLimitExceeded(Exception):
    """The grammar ran past `seconds` on one document."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"grammar time limit of {seconds:g} s exceeded")
        self.seconds = seconds


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Allow the grammar `seconds` (wall time, monotonic clock) inside this block."""
    token = _deadline.set((time.monotonic() + seconds, seconds))
    try:
        yield
    finally:
        _deadline.reset(token)


def check() -> None:
    """Raise `TimeLimitExceeded` when the current budget is spent; ~0.1 µs when it is not."""
    budget = _deadline.get()
    if budget is not None and time.monotonic() >= budget[0]:
        raise TimeLimitExceeded(budget[1])
