"""Other processes: a holder of the file makes connect() wait then say who; SIGKILL mid-load loses nothing."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from tests.conftest import REPO
from tests.support.warehouse_batches import CATALOG, REGISTRY, batch, big_batch, dongguan_2023, run, xicheng_2023
from warehouse.db import DatabaseBusy, connect
from warehouse.load import load_batch

ROOT = REPO

HOLDER = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1])
con.execute("SELECT count(*) FROM documents").fetchall()
print("holding", flush=True)
time.sleep(float(sys.argv[2]))
"""

KILLED_LOAD = """
import os, signal, sys
from tests.support.warehouse_batches import CATALOG, REGISTRY, big_batch, run
import warehouse.load as load

db, seed, mode = sys.argv[1], int(sys.argv[2]), sys.argv[3]
if mode == "inside":
    # die for certain inside the transaction: statistics written, nothing committed
    write = load._write_statistics
    def write_then_die(*args):
        write(*args)
        os.kill(os.getpid(), signal.SIGKILL)
    load._write_statistics = write_then_die
b = big_batch(seed, documents=600)
print("loading", flush=True)
load.load_batch(db, b, REGISTRY, CATALOG, run(f"K{seed}"))
print("done", flush=True)
"""


def child(code: str, *args: object) -> subprocess.Popen[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.Popen([sys.executable, "-c", code, *map(str, args)], stdout=subprocess.PIPE, text=True,
                            cwd=ROOT, env=env)


def counts(db: Path) -> tuple[int, int]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM statistics)").fetchone()
    finally:
        con.close()


@pytest.mark.faults
def test_busy_database_names_the_holder_and_loses_nothing(tmp_path: Path) -> None:
    db = tmp_path / "county.duckdb"
    load_batch(db, batch(dongguan_2023()), REGISTRY, CATALOG, run("L1"))
    before = counts(db)
    holder = child(HOLDER, db, 30)
    try:
        assert holder.stdout and holder.stdout.readline().strip() == "holding"
        with pytest.raises(DatabaseBusy) as busy:
            load_batch(db, batch(xicheng_2023()), REGISTRY, CATALOG, run("L2"), wait_seconds=2)
        message = str(busy.value)
        assert str(holder.pid) in message
        assert "python" in message.lower()
        assert "正被" in message and "没有任何数据丢失" in message and "nothing was lost" in message
        assert busy.value.waited >= 1.5
    finally:
        holder.kill()
        holder.wait()
    assert counts(db) == before
    load_batch(db, batch(xicheng_2023()), REGISTRY, CATALOG, run("L3"))
    assert counts(db)[0] == before[0] + 1


@pytest.mark.faults
def test_load_waits_for_a_holder_that_leaves(tmp_path: Path) -> None:
    db = tmp_path / "county.duckdb"
    connect(db).close()
    holder = child(HOLDER, db, 1.0)
    try:
        assert holder.stdout and holder.stdout.readline().strip() == "holding"
        summary = load_batch(db, batch(dongguan_2023()), REGISTRY, CATALOG, run("L1"), wait_seconds=20)
    finally:
        holder.wait()
    assert summary.documents_loaded == 1
    assert counts(db)[0] == 1


def test_readers_do_not_block_each_other(tmp_path: Path) -> None:
    db = tmp_path / "county.duckdb"
    load_batch(db, batch(dongguan_2023()), REGISTRY, CATALOG, run("L1"))
    first = connect(db, read_only=True, wait_seconds=1)
    second = connect(db, read_only=True, wait_seconds=1)
    try:
        assert first.execute("SELECT count(*) FROM v_headline").fetchone() == \
            second.execute("SELECT count(*) FROM v_headline").fetchone()
    finally:
        first.close()
        second.close()


def assert_consistent(db: Path) -> set[str]:
    """Every row belongs to a completed load whose counts match; returns the completed load ids."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        loads = con.execute("SELECT load_id, documents_loaded, statistics_loaded, files FROM loads "
                            "WHERE status = 'completed'").fetchall()
        for load_id, documents, statistics, files in loads:
            assert con.execute("SELECT count(*) FROM documents WHERE load_id = ?", [load_id]).fetchone() == (documents,)
            assert con.execute("SELECT count(*) FROM statistics WHERE load_id = ?", [load_id]).fetchone() == (
                statistics,)
            assert con.execute("SELECT count(*) FROM load_files WHERE load_id = ?", [load_id]).fetchone() == (files,)
        completed = [r[0] for r in loads]
        for table in ("documents", "statistics", "load_files"):
            orphans = con.execute(f"SELECT count(*) FROM {table} WHERE load_id NOT IN (SELECT unnest(?))",
                                  [completed or [""]]).fetchone()
            assert orphans == (0,), f"{table} holds rows of an uncommitted load"
        return set(completed)
    finally:
        con.close()


def kill_load(db: Path, seed: int, mode: str, delay: float) -> None:
    proc = child(KILLED_LOAD, db, seed, mode)
    try:
        assert proc.stdout and proc.stdout.readline().strip() == "loading"
        if mode == "random":
            time.sleep(delay)
            proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait(timeout=60)


@pytest.mark.faults
def test_sigkill_mid_load_leaves_all_or_nothing(tmp_path: Path) -> None:
    db = tmp_path / "county.duckdb"
    load_batch(db, batch(dongguan_2023()), REGISTRY, CATALOG, run("L0"))
    for seed in (1, 2, 3):
        delay = random.uniform(0.0, 0.8)  # a load of this size takes about 0.5 s: mostly mid-load, sometimes after
        kill_load(db, seed, "random", delay)
        completed = assert_consistent(db)
        assert "L0" in completed, f"killed after {delay:.2f} s"
    kill_load(db, 4, "inside", 0)
    assert "K4" not in assert_consistent(db)
    # a rerun of every batch completes and holds each batch exactly once
    for seed in (1, 2, 3, 4):
        load_batch(db, big_batch(seed, documents=600), REGISTRY, CATALOG, run(f"R{seed}"))
    assert_consistent(db)
    assert counts(db) == (1 + 4 * 600, 6 + 4 * 600 * 50)


def test_same_process_connection_in_another_mode_is_reported_busy(tmp_path: Path) -> None:
    db = tmp_path / "county.duckdb"
    connect(db).close()
    reader = connect(db, read_only=True)
    try:
        with pytest.raises(DatabaseBusy) as busy:
            connect(db, wait_seconds=0.3)
        assert str(os.getpid()) in str(busy.value)
    finally:
        reader.close()
    connect(db, wait_seconds=0.3).close()
