"""File and folder names that are not UTF-8 (GBK names copied from a Windows share or unpacked from a zip):
the run reads them, stores and shows them decoded, and the real files stay usable."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb

CLI = str(Path(sys.executable).with_name("township-rollup"))


def run(*args: str | bytes) -> subprocess.CompletedProcess[str]:
    return subprocess.run([CLI, *args], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "COLUMNS": "120"})


def gbk(name: str) -> str:
    """`name` as Python sees a GBK-encoded file name on Linux (undecodable bytes as surrogates)."""
    return os.fsdecode(name.encode("gbk"))


def test_gbk_named_reports_and_folder_are_read_stored_and_shown_decoded(sample_county: Path, tmp_path: Path) -> None:
    docx = next(p for p in sorted((sample_county / "reports").iterdir()) if p.suffix == ".docx")
    folder = tmp_path / gbk("收到的报告")
    folder.mkdir()
    shutil.copy(docx, folder / gbk("东关镇2024年报告.docx"))
    (folder / gbk("南山乡报告.txt")).write_bytes(b"")  # rejected (empty): its name is in the reason list
    db = tmp_path / "county.duckdb"

    done = run("ingest", os.fsencode(folder), "--db", str(db), "--county", str(sample_county / "county.yaml"))
    assert done.returncode == 1, done.stderr[-3000:]  # only the empty file is rejected
    assert "Traceback" not in done.stderr
    assert "新导入 1 份报告" in done.stdout
    assert "收到的报告/南山乡报告.txt：文件是空的" in done.stdout
    con = duckdb.connect(str(db), read_only=True)
    rows = con.execute("SELECT file_name, path, status FROM documents ORDER BY file_name").fetchall()
    con.close()
    assert ("东关镇2024年报告.docx", f"{tmp_path}/收到的报告/东关镇2024年报告.docx", "loaded") in rows

    again = run("ingest", os.fsencode(folder), "--db", str(db), "--county", str(sample_county / "county.yaml"))
    assert "新导入 0 份报告，未变化跳过 1 份" in again.stdout  # the stored hash is the real file's

    lines = run("extract", os.fsencode(folder / gbk("东关镇2024年报告.docx")), "--format", "jsonl").stdout
    (result,) = [json.loads(line) for line in lines.splitlines()]
    assert result["status"] == "ok" and result["path"].endswith("收到的报告/东关镇2024年报告.docx")
