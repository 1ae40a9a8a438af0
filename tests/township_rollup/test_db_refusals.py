"""A --db that cannot hold the warehouse stops ingest and compare with one line and status 2, before any report is
read, and leaves the file as it was."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

CLI = str(Path(sys.executable).with_name("township-rollup"))


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([CLI, *args], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "COLUMNS": "120"})


def test_unusable_databases_are_one_line_and_status_2(tmp_path: Path, sample_county: Path) -> None:
    reports = str(sample_county / "reports")
    sqlite = tmp_path / "county.duckdb"
    con = sqlite3.connect(sqlite)
    con.execute("CREATE TABLE t (x)")
    con.commit()
    con.close()
    damaged = tmp_path / "damaged.duckdb"
    damaged.write_bytes(b"\0" * 8 + b"DUCK" + b"\0" * 100)
    cases = [
        (["ingest", reports, "--db", str(sqlite)], "不是 DuckDB 数据库文件（看起来是一个 SQLite 数据库）"),
        (["compare", "--db", str(sqlite)], "不是 DuckDB 数据库文件"),
        (["ingest", reports, "--db", str(tmp_path)], "是一个文件夹，不是数据库文件"),
        (["ingest", reports, "--db", str(damaged)], "已损坏或不完整"),
        (["ingest", reports, "--db", "/sys/county.duckdb"], "无法写入：没有权限"),
    ]
    for args, reason in cases:
        before = {p: p.read_bytes() for p in (sqlite, damaged)}
        done = run(*args)
        assert done.returncode == 2, (args, done.stderr)
        assert done.stderr.startswith("错误：数据库 ") and reason in done.stderr, (args, done.stderr)
        assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr + done.stdout
        assert {p: p.read_bytes() for p in (sqlite, damaged)} == before
