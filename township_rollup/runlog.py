"""The run log: where Prefect's and Great Expectations' own output goes instead of the clerk's terminal.

`to_log(path)` points file descriptors 1 and 2 at the log file for the length of a `with` block, so log
lines, warnings and tracebacks of this process, of its extraction workers and of Prefect's temporary
server all land there, whoever writes them; the clerk's messages keep the terminal
(`township_rollup.terminal`). A message that needs the details names the file.
"""

from __future__ import annotations

import io
import os
import sys
import tempfile
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from township_rollup.terminal import terminal


def default_log(db: Path | None) -> Path:
    """`county.log` beside `county.duckdb`: the office keeps the two together."""
    return (db or Path("county.duckdb")).with_suffix(".log")


class RunLog:
    """The open log of one run: its path, and whether this run wrote anything to it."""

    def __init__(self, path: Path, start: int) -> None:
        self.path = path
        self.start = start

    def written(self) -> bool:
        try:
            return self.path.stat().st_size > self.start
        except OSError:
            return False



def _open_log(path: Path) -> tuple[int, Path]:
    for candidate in (path, Path(tempfile.gettempdir()) / "township-rollup.log"):
        try:
            candidate.parent.mkdir(parents=True, exist_ok=True)
            return os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644), candidate
        except OSError:
            continue
    raise OSError(f"cannot open a log file at {path}")


def _terminal_stream(fd: int, like: io.TextIOBase) -> io.TextIOWrapper:
    encoding = getattr(like, "encoding", None) or "utf-8"
    return io.TextIOWrapper(os.fdopen(fd, "wb", buffering=0), encoding=encoding, errors="replace",
                            line_buffering=True, write_through=True)


@contextmanager
def to_log(path: Path, command: str) -> Iterator[RunLog]:
    """Send everything written to fds 1 and 2 to `path` (appended) until the block ends."""
    sys.stdout.flush()
    sys.stderr.flush()
    log_fd, path = _open_log(path)
    saved_out, saved_err = os.dup(1), os.dup(2)
    out, err = _terminal_stream(saved_out, sys.stdout), _terminal_stream(saved_err, sys.stderr)
    os.write(log_fd, f"\n==== {datetime.now():%Y-%m-%d %H:%M:%S} township-rollup {command} (pid {os.getpid()})\n"
             .encode())
    start = os.fstat(log_fd).st_size
    os.dup2(log_fd, 1)
    os.dup2(log_fd, 2)
    os.close(log_fd)
    previous = terminal.out, terminal.err
    terminal.out, terminal.err = out, err
    try:
        yield RunLog(path.resolve(), start)
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os.dup2(saved_out, 1)
        os.dup2(saved_err, 2)
        terminal.out, terminal.err = previous
        out.close()
        err.close()


def record_exception(exc: BaseException, log: RunLog | None, db: Path | None) -> Path:
    """Append the full traceback to this run's log (or to the default one) and return the log's path.

    The clerk gets one line that names the file; whoever looks into it finds the details there.
    """
    text = f"\n==== {datetime.now():%Y-%m-%d %H:%M:%S} unexpected error\n" + "".join(traceback.format_exception(exc))
    fd, path = _open_log(log.path if log is not None else default_log(db))
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
    return path.resolve()
