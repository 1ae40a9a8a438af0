"""What this program writes is never read back as a report: the validation report's folder beside a database
kept in its reports folder, and any page it exported (the comparison, the validation front page); a folder given
twice gives each file once."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from pipeline import stages
from pipeline.discover import own_folders
from tests.support.warehouse_batches import CATALOG, REGISTRY, batch, dongguan_2023, run
from warehouse.compare import comparison
from warehouse.export import write_html
from warehouse.load import load_batch

CLI = str(Path(sys.executable).with_name("township-rollup"))
REPORT = "2024年东关镇法治政府建设年度报告\n全年开展普法宣传活动12次。\n"


def test_own_folders_and_exported_pages_are_passed_over_and_each_file_is_read_once(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    (folder / "county-validation").mkdir(parents=True)
    (folder / "county-validation" / "index.html").write_text("<html><body>2024年东关镇 20次</body></html>",
                                                            encoding="utf-8")
    (folder / "东关镇.txt").write_text(REPORT, encoding="utf-8")
    db = tmp_path / "built.duckdb"
    load_batch(db, batch(dongguan_2023()), REGISTRY, CATALOG, run("P1"))
    write_html(comparison(db, 2023, CATALOG, REGISTRY), folder / "county-comparison-2023.html")
    plan = stages.plan([folder, folder, folder / "东关镇.txt"], frozenset(), own=own_folders(folder / "county.duckdb"))
    assert [p.path.name for p in plan.todo] == ["东关镇.txt"]
    passed = {s.path.name: s.reason for s in plan.skipped}
    assert set(passed) == {"county-validation", "county-comparison-2023.html"}
    assert all("本程序自己生成的文件" in reason for reason in passed.values())
    assert not any(s.problem for s in plan.skipped)


def test_a_database_kept_in_its_reports_folder_is_ingested_twice_with_nothing_new(tmp_path: Path) -> None:
    """Before: the second run read county-validation/index.html as 东关镇's report and replaced the real one."""
    (tmp_path / "东关镇.txt").write_text(REPORT, encoding="utf-8")
    env = {**os.environ, "COLUMNS": "120"}
    for expected in ("新导入 1 份报告，未变化跳过 0 份", "新导入 0 份报告，未变化跳过 1 份"):
        done = subprocess.run([CLI, "ingest", ".", "--db", "county.duckdb"], capture_output=True, text=True,
                              timeout=600, cwd=tmp_path, env=env)
        assert done.returncode == 0 and expected in done.stdout, done.stdout + done.stderr[-2000:]
        assert "隔离 0 份" in done.stdout and "[已隔离]" not in done.stdout
        listed = [line for line in done.stdout.splitlines() if line.startswith("  [")]
        assert not [line for line in listed if "county-validation/" in line]
