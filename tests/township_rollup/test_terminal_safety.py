"""What reaches the clerk's terminal: file names and texts from outside are printed through one cleaning rule
(core.safe_text.printable), as `compare` does: no escape sequence gets through, no newline forges a line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

CLI = str(Path(sys.executable).with_name("township-rollup"))
ESC_NAME = "东关镇\x1b[2J\x1b]0;pwned\x07报告.txt"
FORGED_NAME = "西城\n  [已导入] 南山乡2024.docx：ok.txt"
REPORT = "2024年东关镇\x1b[31m法治政府建设年度报告\n全年开展普法宣传活动12次，发放资料300份。\n"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([CLI, *args], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "COLUMNS": "120"})


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / ESC_NAME).write_text(REPORT, encoding="utf-8")
    (folder / FORGED_NAME).write_bytes(b"")  # empty: rejected, so listed with its name
    return folder


def _assert_clean(out: str) -> None:
    assert "\x1b" not in out and "\x07" not in out
    assert not any(line.startswith("  [已导入] 南山乡") for line in out.splitlines())


def test_ingestion_summary_prints_hostile_file_names_cleaned(tmp_path: Path) -> None:
    done = run("ingest", str(_folder(tmp_path)), "--db", str(tmp_path / "c.duckdb"))
    assert done.returncode == 1, done.stderr[-2000:]  # the empty file is rejected
    _assert_clean(done.stdout + done.stderr)
    assert "西城   [已导入] 南山乡2024.docx：ok.txt：文件是空的" in done.stdout
    assert "Traceback" not in done.stderr


def test_extract_table_prints_names_and_quotes_cleaned(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    done = run("extract", str(folder / ESC_NAME), str(folder / FORGED_NAME), "--format", "table")
    assert done.returncode == 1
    _assert_clean(done.stdout + done.stderr)
    assert "东关镇?[2J?]0;pwned?报告.txt" in done.stdout
    assert "2024年东关镇?[31m法治政府建设年度报告" in done.stdout  # the title, from the file's text
    assert "全年开展普法宣传活动12次」" in done.stdout  # the quote; its line break printed as a space
    text = run("extract", str(folder / ESC_NAME), "--format", "text")
    _assert_clean(text.stdout)
    assert text.stdout.splitlines() == [line.replace("\x1b", "?") for line in REPORT.splitlines()]  # same offsets
