"""The command line as a clerk runs it: real files, a real DuckDB file, Prefect in ephemeral mode."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

CLI = str(Path(sys.executable).with_name("township-rollup"))


def run(*args: str, cwd: Path | None = None, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run([CLI, *args], capture_output=True, text=True, cwd=cwd, timeout=timeout,
                          env={**os.environ, "COLUMNS": "200"})


def _reports(sample_county: Path, suffix: str) -> list[Path]:
    return sorted(p for p in (sample_county / "reports").iterdir() if p.suffix == suffix)


def test_extract_jsonl_contract_on_docx_and_pdf(sample_county: Path, tmp_path: Path) -> None:
    docx, pdf = _reports(sample_county, ".docx")[0], _reports(sample_county, ".pdf")[0]
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"MZ\x90\x00 this is a program, not a report")
    done = run("extract", str(docx), str(bad), str(pdf), "--format", "jsonl",
               "--county", str(sample_county / "county.yaml"))
    assert done.returncode == 1, done.stderr  # one file was rejected; the others still came out
    lines = [json.loads(ln) for ln in done.stdout.splitlines()]
    assert [ln["path"] for ln in lines] == [str(docx), str(bad), str(pdf)]
    ok_docx, rejected, ok_pdf = lines
    assert rejected["status"] == "rejected" and rejected["error"]
    for result, fmt in ((ok_docx, "docx"), (ok_pdf, "pdf")):
        assert result["status"] == "ok" and result["error"] is None
        doc = result["document"]
        assert doc["format"] == fmt and len(doc["sha256"]) == 64
        assert doc["township"] and doc["year"] and doc["county"]
        assert result["statistics"]
        for s in result["statistics"]:
            assert set(s) >= {"indicator", "value", "unit", "qualifier", "quote", "page", "start", "end"}
    assert all(s["page"] >= 1 for s in ok_pdf["statistics"])


@pytest.mark.parametrize("suffix", [".docx", ".pdf"])
def test_every_quote_is_the_text_at_its_offsets(sample_county: Path, suffix: str) -> None:
    for path in _reports(sample_county, suffix)[:3]:
        text = run("extract", str(path), "--format", "text").stdout
        (result,) = [json.loads(ln) for ln in run("extract", str(path), "--format", "jsonl").stdout.splitlines()]
        assert result["statistics"]
        for s in result["statistics"]:
            assert text[s["start"]:s["end"]] == s["quote"], (path.name, s)


def test_ingest_compare_and_exports(sample_copy: Path, sample_county: Path, tmp_path: Path) -> None:
    db = tmp_path / "county.duckdb"
    county = str(sample_county / "county.yaml")
    done = run("ingest", str(sample_copy), "--db", str(db), "--county", county)
    assert done.returncode == 1, done.stderr  # the sample ships one broken file
    assert "新导入" in done.stdout and "未能读取" in done.stdout
    assert db.exists()

    again = run("ingest", str(sample_copy), "--db", str(db), "--county", county)
    assert "新导入 0 份" in again.stdout

    table = run("compare", "--db", str(db), "--county", county)
    assert table.returncode == 0, table.stderr
    assert "县合计" in table.stdout and "中位数" in table.stdout
    for fmt in ("csv", "xlsx", "html"):
        out = tmp_path / f"t.{fmt}"
        done = run("compare", "--db", str(db), "--year", "2024", "--format", fmt, "--out", str(out))
        assert done.returncode == 0, done.stderr
        assert out.stat().st_size > 0
    assert (tmp_path / "t.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert openpyxl.load_workbook(tmp_path / "t.xlsx").worksheets[0].freeze_panes is not None


def test_ingest_missing_folder_exits_2(tmp_path: Path) -> None:
    done = run("ingest", str(tmp_path / "nowhere"), "--db", str(tmp_path / "c.duckdb"))
    assert done.returncode == 2 and "找不到" in done.stderr


def test_compare_without_database_exits_2(tmp_path: Path) -> None:
    done = run("compare", "--db", str(tmp_path / "none.duckdb"))
    assert done.returncode == 2 and "ingest" in done.stderr


@pytest.mark.slow
def test_demo_builds_the_sample_county(tmp_path: Path) -> None:
    done = run("demo", "--out", str(tmp_path))
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert (tmp_path / "county.duckdb").exists()
    assert "县合计" in done.stdout
    assert sorted(p.suffix for p in (tmp_path / "exports").iterdir()) == [".csv", ".html", ".xlsx"]


@pytest.mark.parametrize("content", [
    "townships: [\n  - {aliases: [东关]}\n]\n",  # an entry without a name
    "townships: [unclosed\n",  # not YAML
    "- a\n- b\n",  # YAML, but not a registry
])
def test_broken_county_file_is_one_clear_line(tmp_path: Path, sample_county: Path, content: str) -> None:
    county = tmp_path / "county.yaml"
    county.write_text(content, encoding="utf-8")
    done = run("ingest", str(sample_county / "reports"), "--db", str(tmp_path / "c.duckdb"), "--county", str(county))
    assert done.returncode == 2
    assert done.stderr.startswith("错误：") and "county.yaml" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "c.duckdb").exists()
