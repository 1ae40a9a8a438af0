"""`township-rollup correct` (one cell, for scripts) as README step 4 gives it: each outcome's message and exit
status (0 applied, 1 refused with nothing changed, 2 could not run), and nothing but our own lines on the terminal."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import duckdb
import pytest

from pipeline import stages
from pipeline.stages import Settings
from tests.township_rollup.test_cli import run

REPORTS = ("shiqiao-2024.docx", "baisha-2024.docx")


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory, sample_county: Path) -> Path:
    """Two of the sample county's 2024 reports, loaded without Prefect (the command under test needs none)."""
    folder = tmp_path_factory.mktemp("correct")
    (folder / "reports").mkdir()
    for name in REPORTS:
        shutil.copy(sample_county / "reports" / name, folder / "reports" / name)
    db = folder / "county.duckdb"
    stages.ingest([folder / "reports"], db, Settings(county=sample_county / "county.yaml", data_docs=False))
    return db


def _cell(db: Path) -> tuple[str, str, float, str]:
    """(township, indicator name, value, unit) of a counted cell that has a value."""
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(
            "SELECT township, indicator_name, value, unit FROM v_cells WHERE year = 2024 AND value > 10 "
            "AND unit NOT IN ('%', '元', '万元') ORDER BY township, indicator LIMIT 1").fetchone()


def _corrections(db: Path) -> int:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute("SELECT count(*) FROM v_corrections_audit").fetchone()[0]


def test_correct_applies_refuses_and_cannot_run(warehouse: Path, tmp_path: Path) -> None:
    township, indicator, value, unit = _cell(warehouse)
    cell = ["--db", str(warehouse), "--township", township, "--year", "2024", "--indicator", indicator,
            "--who", "王会计"]
    new = f"{int(value) + 1}{unit}"

    done = run("correct", *cell, "--action", "更正", "--value", new, "--reason", "原文合计")
    assert done.returncode == 0, done.stderr
    (line,) = done.stdout.splitlines()
    assert line.split()[0] == "更正" and f"{township} 2024年 {indicator}" in line and f"→ {new}（王会计）" in line
    assert done.stderr == "" and _corrections(warehouse) == 1

    before = _corrections(warehouse)
    refused = run("correct", *cell, "--action", "更正", "--value=-5", "--reason", "笔误")
    assert refused.returncode == 1 and refused.stdout == ""
    assert refused.stderr.splitlines()[0] == "未改动数据库：" and len(refused.stderr.splitlines()) >= 2
    # the cell named as the clerk reads it, never by the indicator's code
    assert f"{township} 2024年 {indicator}：" in refused.stderr and not re.search(r"[a-z]+_[a-z]+", refused.stderr)
    stale = run("correct", *cell, "--action", "确认", "--expected-state", "0" * 16)
    assert stale.returncode == 1 and stale.stderr.startswith("未改动数据库：")
    assert _corrections(warehouse) == before  # nothing written by either

    unknown = run("correct", *cell[:6], "--indicator", "不存在的指标", "--who", "王会计", "--action", "确认")
    assert unknown.returncode == 2 and unknown.stderr == "错误：指标“不存在的指标”不在指标目录中\n"
    no_value = run("correct", *cell, "--action", "补录")
    assert no_value.returncode == 2 and "--value" in no_value.stderr
    missing = tmp_path / "none.duckdb"
    no_db = run("correct", *cell, "--db", str(missing), "--action", "确认")
    assert no_db.returncode == 2 and no_db.stderr == f"错误：找不到数据库 {missing}\n" and not missing.exists()
    bad_year = run("correct", *cell, "--year", "二〇二四", "--action", "确认")
    assert bad_year.returncode == 2 and len(bad_year.stderr.splitlines()) == 1


def test_schedule_without_a_configuration_says_what_to_do(tmp_path: Path) -> None:
    done = run("schedule", cwd=tmp_path, env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)})
    assert done.returncode == 2 and done.stdout == ""
    (line,) = done.stderr.splitlines()
    assert "township-rollup init" in line and list(tmp_path.iterdir()) == []
