"""The file at --db judged before DuckDB opens it (warehouse/db_file.py): what is no DuckDB database is refused
untouched and never connected to (DuckDB would fetch an extension for it), a 0-byte leftover is cleared, a first
run that fails leaves no half-created database, and every other unusable path is one clear reason."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from warehouse import db as warehouse_db
from warehouse.db import DatabaseUnusable, connect


def _sqlite(path: Path) -> Path:
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE townships (name TEXT)")
    con.commit()
    con.close()
    return path


def test_an_sqlite_file_is_refused_by_its_header_without_connecting(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    path = _sqlite(tmp_path / "county.duckdb")
    before = path.read_bytes()
    opened: list[str] = []
    real = duckdb.connect
    monkeypatch.setattr(warehouse_db.duckdb, "connect", lambda *a, **k: opened.append(str(a[0])) or real(*a, **k))
    for read_only in (False, True):
        with pytest.raises(DatabaseUnusable, match="不是 DuckDB 数据库文件（看起来是一个 SQLite 数据库）"):
            connect(path, read_only=read_only, wait_seconds=0)
    assert opened == [] and path.read_bytes() == before


def test_our_connections_never_load_or_fetch_an_extension(tmp_path: Path) -> None:
    con = connect(tmp_path / "county.duckdb")
    try:
        assert con.execute("SELECT current_setting('autoinstall_known_extensions'), "
                           "current_setting('autoload_known_extensions')").fetchone() == (False, False)
        # were fetching allowed, DuckDB would now try this loopback address where nothing listens
        con.execute("SET custom_extension_repository = 'http://127.0.0.77:9'")
        with pytest.raises(duckdb.Error) as error:
            con.execute("SELECT * FROM sqlite_scan('x.db', 't')")
        assert "127.0.0.77" not in str(error.value) and "download" not in str(error.value).lower()
    finally:
        con.close()


def test_a_zero_byte_leftover_is_cleared_for_writing_and_explained_for_reading(tmp_path: Path) -> None:
    path = tmp_path / "county.duckdb"
    path.write_bytes(b"")
    with pytest.raises(DatabaseUnusable, match="是空文件（0 字节）"):
        connect(path, read_only=True, wait_seconds=0)
    connect(path).close()
    con = connect(path, read_only=True)
    assert con.execute("SELECT count(*) FROM documents").fetchone() == (0,)
    con.close()


_FULL_DISK = """
import resource, signal, sys
from pathlib import Path
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # writes past the limit fail with EFBIG, as on a full disk
resource.setrlimit(resource.RLIMIT_FSIZE, (8192, 8192))
from warehouse.db import DatabaseUnusable, connect
try:
    connect(Path(sys.argv[1]))
except DatabaseUnusable as exc:
    print(str(exc).splitlines()[0])
"""


def test_a_first_run_that_cannot_write_leaves_no_database_behind(tmp_path: Path) -> None:
    path = tmp_path / "county.duckdb"
    done = subprocess.run([sys.executable, "-c", _FULL_DISK, str(path)], capture_output=True, text=True,
                          timeout=120, cwd=Path(__file__).resolve().parents[2])
    assert "磁盘空间不足" in done.stdout, done.stdout + done.stderr[-2000:]
    assert not path.exists() and not Path(f"{path}.wal").exists()


def test_damaged_and_truncated_databases_are_named_and_left_alone(tmp_path: Path) -> None:
    good = tmp_path / "good.duckdb"
    connect(good).close()
    data = good.read_bytes()
    damaged, truncated = tmp_path / "damaged.duckdb", tmp_path / "truncated.duckdb"
    damaged.write_bytes(data[:5000] + os.urandom(4000) + data[9000:])
    truncated.write_bytes(data[:100])
    for path in (damaged, truncated):
        before = path.read_bytes()
        with pytest.raises(DatabaseUnusable, match="已损坏或不完整"):
            connect(path, wait_seconds=0)
        assert path.read_bytes() == before


@pytest.mark.parametrize(("where", "reason"), [
    ("folder", "是一个文件夹，不是数据库文件"),
    ("under_a_file", "的上级路径中有一个同名文件"),
    ("sysfs", "没有权限"),  # a folder no one may write to, root included
    ("gbk_name", "不是 UTF-8 编码"),
])
def test_a_path_that_cannot_hold_a_database_is_one_reason(tmp_path: Path, where: str, reason: str) -> None:
    paths = {"folder": tmp_path, "under_a_file": _sqlite(tmp_path / "x") / "county.duckdb",
             "sysfs": Path("/sys/county.duckdb"), "gbk_name": tmp_path / os.fsdecode("县库".encode("gbk"))}
    with pytest.raises(DatabaseUnusable, match=reason):
        connect(paths[where], wait_seconds=0)
