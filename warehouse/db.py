"""Opening the DuckDB file: lock handling, offline settings and schema upgrades.

DuckDB allows one writing process or many reading processes per file. Ingestion holds the
file only while it writes, so a clerk's notebook or DuckDB CLI may be what holds the lock;
we wait a little, then say plainly who holds it instead of failing with DuckDB's text.
The schema is upgraded by numbered migrations (warehouse/migrate.py) when the file is opened.
"""

from __future__ import annotations

import os
import re
import time
from importlib import resources
from pathlib import Path

import duckdb

from warehouse.db_file import DatabaseUnusable, check_new, check_path, remove_created, unusable
from warehouse.migrate import SchemaTooNew, migrate, pending_migrations

__all__ = ["DatabaseBusy", "DatabaseUnusable", "SchemaTooNew", "busy_from", "check_writable", "connect",
           "process_name", "sql_text"]

# Offices are offline: never let DuckDB fetch or load an extension (json, parquet and icu ship in the wheel).
# A SET as the first statement rather than a connect-time config, so a plain duckdb.connect() elsewhere in
# the same process does not clash with ours over "a different configuration"; what DuckDB would fetch while
# connecting (an SQLite file's extension) never reaches connect: db_file.check_path refuses such a file first.
_OFFLINE = "SET autoinstall_known_extensions = false; SET autoload_known_extensions = false"
_LOCK_ERROR = re.compile(r"Could not set lock|Conflicting lock", re.IGNORECASE)
_LOCK_PID = re.compile(r"\(PID (\d+)\)")
_LOCK_PROGRAM = re.compile(r"Conflicting lock is held in (.+?) \(PID")
# This very process has the file open with other settings (e.g. a read-only connection left open).
_SAME_PROCESS = re.compile(r"same database file with a different configuration", re.IGNORECASE)


class DatabaseBusy(Exception):
    """Another process holds the database file (DuckDB: one writer or many readers)."""

    def __init__(self, path: Path, pid: int | None, program: str | None, waited: float) -> None:
        self.path = path
        self.pid = pid
        self.program = program
        self.waited = waited
        super().__init__(self._message())

    def _message(self) -> str:
        who = f"进程 {self.pid}" if self.pid else "另一个程序"
        if self.program:
            who += f"（{self.program}）"
        holder_en = f"process {self.pid}" if self.pid else "another process"
        if self.program:
            holder_en += f" ({self.program})"
        return (
            f"数据库文件 {self.path} 正被{who}占用，已等待 {self.waited:.0f} 秒。"
            f"请关闭占用它的程序（例如 DuckDB 命令行或 Jupyter 笔记本），然后重新运行；没有任何数据丢失。\n"
            f"The database file {self.path} is held by {holder_en}; waited {self.waited:.0f} s. "
            f"Close the program holding it (e.g. a DuckDB CLI or a notebook), then rerun; nothing was lost."
        )


def process_name(pid: int) -> str | None:
    """The short program name of `pid` from /proc, when readable (Linux)."""
    try:
        return Path(f"/proc/{pid}/comm").read_text(encoding="utf-8", errors="replace").strip() or None
    except OSError:
        return None


def busy_from(error: duckdb.Error, path: Path, waited: float) -> DatabaseBusy | None:
    """A DatabaseBusy for a DuckDB lock conflict, None for any other error."""
    text = str(error)
    if _SAME_PROCESS.search(text):
        return DatabaseBusy(path, os.getpid(), process_name(os.getpid()), waited)
    if not _LOCK_ERROR.search(text):
        return None
    pid_match = _LOCK_PID.search(text)
    pid = int(pid_match.group(1)) if pid_match else None
    program = process_name(pid) if pid else None
    if program is None:
        held_in = _LOCK_PROGRAM.search(text)
        program = Path(held_in.group(1)).name if held_in else None
    return DatabaseBusy(path, pid, program, waited)


def connect(path: Path, *, read_only: bool = False, wait_seconds: float = 30.0) -> duckdb.DuckDBPyConnection:
    """Open the warehouse, waiting up to `wait_seconds` for a held lock, then raise DatabaseBusy.

    A write connection creates the file and applies the pending migrations (one transaction).
    A read-only connection to a file written by an older release first upgrades it through a
    short write connection, so this program's queries always meet the schema they were written
    for. Raises SchemaTooNew (file untouched) for a file written by a newer release, and
    FileNotFoundError for a read-only connection to a missing file (DuckDB cannot create one).
    """
    path = Path(path)
    con = _open(path, read_only=read_only, wait_seconds=wait_seconds)
    if con is None:  # read-only on an older schema: upgrade with a write connection, then reopen
        writer = _open(path, read_only=False, wait_seconds=wait_seconds)
        if writer is not None:
            writer.close()
        con = _open(path, read_only=True, wait_seconds=wait_seconds)
        if con is None:
            raise RuntimeError(f"{path}: schema still behind after an upgrade")
    return con


def check_writable(path: Path, *, wait_seconds: float = 0.0) -> None:
    """Before any work: the warehouse at `path` can be written. An existing file is opened for writing and
    closed (DatabaseBusy names its holder, the schema is upgraded, SchemaTooNew refuses a newer file); for a
    new one, its folder is checked. Raises DatabaseUnusable for a path that cannot hold a warehouse."""
    path = Path(path)
    if path.exists() and not path.is_dir():
        connect(path, wait_seconds=wait_seconds).close()
    else:
        check_new(path)


def _open(path: Path, *, read_only: bool, wait_seconds: float) -> duckdb.DuckDBPyConnection | None:
    """connect() without the read-only upgrade: None (closed) for a read-only file whose schema is behind."""
    if read_only and not path.exists():
        raise FileNotFoundError(f"数据库文件不存在：{path}（database file not found）")
    check_path(path, read_only=read_only)  # no DuckDB file, no connect: DuckDB would reach for the network
    fresh = not read_only and not path.exists()
    if not read_only:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise unusable(path, exc) from exc
    started = time.monotonic()
    delay = 0.05
    while True:
        try:
            con = duckdb.connect(str(path), read_only=read_only)
            break
        except duckdb.Error as exc:
            waited = time.monotonic() - started
            busy = busy_from(exc, path, waited)
            if busy is None:
                if fresh:
                    remove_created(path)  # never a half-created database for the next run to trip on
                raise unusable(path, exc) from exc
            if waited + delay > wait_seconds:
                raise busy from exc
            time.sleep(delay)
            delay = min(delay * 2, 1.0)
    try:
        con.execute(_OFFLINE)
        if not read_only:
            migrate(con, path, views=sql_text("views.sql"))
        elif pending_migrations(con, path):
            con.close()
            return None
    except BaseException as exc:
        con.close()
        if fresh:
            remove_created(path)  # a first run that failed (a full disk) leaves no half-created database
        if isinstance(exc, duckdb.Error | OSError):
            raise unusable(path, exc) from exc
        raise
    return con


def sql_text(name: str) -> str:
    return (resources.files("warehouse") / name).read_text(encoding="utf-8")
