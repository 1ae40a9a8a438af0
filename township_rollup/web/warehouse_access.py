"""How the workbench touches the DuckDB file: open for one page or one change, then close at once.

DuckDB lets a process write only while no other process has the file open, even read-only (README, "Querying
the warehouse"). So the workbench never keeps a connection: ingestion (another process), analysts' notebooks
and the pages share the file. Inside this process one lock orders the pages and the changes, since DuckDB also
refuses a read-only and a read-write connection to one file in the same process.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from township_rollup.web.errors import WebError
from township_rollup.web.settings import WebSettings
from warehouse.db import connect

_lock = threading.Lock()


class NoDatabase(WebError):
    def __init__(self, db: Path) -> None:
        super().__init__(404, "还没有数据库",
                         f"数据库文件 {db.name} 还不存在。请先在“报告导入”页上传或导入本年度的报告。")


@contextmanager
def reading(settings: WebSettings) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection for one page; DatabaseBusy (held by a load) after settings.read_wait_seconds."""
    if not settings.db.exists():
        raise NoDatabase(settings.db)
    with _lock:
        con = connect(settings.db, read_only=True, wait_seconds=settings.read_wait_seconds)
        try:
            yield con
        finally:
            con.close()


@contextmanager
def writing(settings: WebSettings) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-write connection for one change; the caller runs it as one transaction."""
    with _lock:
        con = connect(settings.db, read_only=False, wait_seconds=settings.write_wait_seconds)
        try:
            yield con
        finally:
            con.close()


@contextmanager
def exclusive(settings: WebSettings, *, must_exist: bool = True) -> Iterator[Path]:
    """For library functions that open the file themselves (comparison, exports, corrections): they run
    one at a time in this process, and close the file before returning."""
    if must_exist and not settings.db.exists():
        raise NoDatabase(settings.db)
    with _lock:
        yield settings.db
