"""The clerk's review round trip on real reports, a real DuckDB file and the real commands:
ingest -> review export -> fill the workbook (openpyxl) -> review import -> the table and every export show the
decisions -> re-ingest changes nothing -> a newer report carries what still stands -> the audit trail; a tampered
or stale workbook is refused whole."""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
from pathlib import Path

import docx
import duckdb
import openpyxl
import pytest

from flows.ingest import ingest_reports
from tests.township_rollup.test_cli import assert_calm

CLI = str(Path(sys.executable).with_name("township-rollup"))
TOWNSHIP_FILE = "shiqiao-2024.docx"  # a .docx report, so a newer version can be written with python-docx


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([CLI, *args], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "COLUMNS": "200"})
    assert_calm(done)  # no traceback, no Prefect or GX line, every message once
    return done


def rows_of(path: Path) -> list[dict[str, object]]:
    ws = openpyxl.load_workbook(path)["复核"]
    header = [c.value for c in ws[5]]
    return [dict(zip(header, (c.value for c in row), strict=True)) | {"_row": row[0].row}
            for row in ws.iter_rows(min_row=6) if row[0].value is not None]


def fill(path: Path, out: Path, decisions: dict[int, tuple[str, object]], who: str) -> None:
    wb = openpyxl.load_workbook(path)
    ws = wb["复核"]
    ws["C3"] = who
    column = {c.value: c.column for c in ws[5]}
    for row, (header, value) in decisions.items():
        ws.cell(row=row, column=column[header], value=value)
    wb.save(out)


def state(db: Path) -> tuple[list[tuple], list[tuple]]:
    with duckdb.connect(str(db), read_only=True) as con:
        cells = con.execute("SELECT township, year, indicator, value, unit, review, extracted_value, doubts "
                            "FROM v_cells ORDER BY ALL").fetchall()
        audit = con.execute("SELECT step_at, step_by, step, township, indicator FROM v_corrections_audit").fetchall()
    return cells, audit


def newer_version(original: Path, target: Path, old: str, new: str) -> None:
    """The township's corrected report: the same text, one number changed wherever it is written."""
    d = docx.Document(str(original))
    runs = [r for p in d.paragraphs for r in p.runs]
    runs += [r for t in d.tables for row in t.rows for c in row.cells for p in c.paragraphs for r in p.runs]
    changed = 0
    for r in runs:
        if old in r.text:
            r.text = r.text.replace(old, new)
            changed += 1
    assert changed, f"{old} not found in {original.name}"
    d.save(str(target))
    later = original.stat().st_mtime + 3600
    os.utime(target, (later, later))


def test_review_round_trip(prefect_harness: None, sample_county: Path, tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    reports.mkdir()
    for p in (sample_county / "reports").iterdir():
        if ("-2023" in p.name or "-2024" in p.name) and "draft" not in p.name:
            shutil.copy(p, reports)
    db, county = tmp_path / "county.duckdb", str(sample_county / "county.yaml")
    ingest_reports(source=str(reports), db=str(db), county=county)

    # 1. export every cell of 2024 and fill four decisions on one township's report
    book = tmp_path / "复核-2024.xlsx"
    done = cli("review", "export", "--db", str(db), "--year", "2024", "--out", str(book), "--all", "--county", county)
    assert done.returncode == 0, done.stderr
    assert "已写入" in done.stdout and "review import" in done.stdout
    rows = rows_of(book)
    township = rows[[Path(r["文件"] or "").name for r in rows].index(TOWNSHIP_FILE)]["乡镇/街道"]
    mine = [r for r in rows if r["乡镇/街道"] == township]
    shown = [r for r in mine if r["提取的数字"] not in ("（空）", "（未找到）")]
    empty = next(r for r in mine if r["提取的数字"] in ("（空）", "（未找到）"))
    confirmed, corrected, removed = shown[0], shown[1], shown[2]
    assert all(r["_状态"] and r["_签名"] for r in rows)
    assert any("【" in (r["原文（数字在【】中）"] or "") for r in shown)
    filled = tmp_path / "复核-2024-已填.xlsx"
    fill(book, filled, {confirmed["_row"]: ("确认", "是"), corrected["_row"]: ("更正为", "4321"),
                        removed["_row"]: ("删除", "是"), empty["_row"]: ("更正为", "12")}, "王会计")

    # 2. import: the four decisions, in the table with the extracted values beside them
    done = cli("review", "import", str(filled), "--db", str(db), "--county", county)
    assert done.returncode == 0, done.stderr
    changes = [ln.split()[0] for ln in done.stdout.splitlines()[1:] if not ln.strip().startswith("提醒")]
    assert sorted(changes) == sorted(["确认", "更正", "删除", "补录"])
    assert "王会计" in done.stdout
    with duckdb.connect(str(db), read_only=True) as con:
        cells = {r[0]: r[1:] for r in con.execute(
            "SELECT indicator_name, value, extracted_value, review FROM v_cells WHERE township = ? AND year = 2024",
            [township]).fetchall()}
    assert cells[confirmed["指标"]][2] == "confirmed"
    assert cells[corrected["指标"]][0::2] == (4321.0, "corrected") and cells[corrected["指标"]][1] != 4321.0
    assert cells[removed["指标"]][0] is None and cells[removed["指标"]][1] is not None
    assert cells[empty["指标"]] == (12.0, None, "corrected")
    with duckdb.connect(str(db), read_only=True) as con:  # the analyst's views read the same values
        long = {r[0]: r[1:] for r in con.execute(
            "SELECT indicator_name, value, extracted_value, review, rank FROM v_township_year_indicator "
            "WHERE township = ? AND year = 2024", [township]).fetchall()}
    assert long[corrected["指标"]][:3] == (4321.0, cells[corrected["指标"]][1], "corrected")
    assert long[empty["指标"]][:3] == (12.0, None, "corrected") and removed["指标"] not in long

    # 3. the comparison and every export show the decisions
    for fmt in ("csv", "xlsx", "html"):
        out = tmp_path / f"2024.{fmt}"
        done = cli("compare", "--db", str(db), "--year", "2024", "--format", fmt, "--out", str(out),
                   "--county", county)
        assert done.returncode == 0, done.stderr
    with open(tmp_path / "2024.csv", encoding="utf-8-sig") as fh:
        table = {r[0]: r for r in csv.reader(fh)}
    header = table["乡镇/街道"]
    line = table[township]
    value_of = {h.split("（")[0]: line[i] for i, h in enumerate(header)}
    assert value_of[corrected["指标"]] == "4321(改)"
    assert value_of[empty["指标"]] == "12(改)"
    assert value_of[confirmed["指标"]].endswith("(核)")
    assert value_of[removed["指标"]] == ""
    assert any(v.endswith("(疑)") for t, r in table.items() if t != township for v in r)  # other townships' doubts
    html = (tmp_path / "2024.html").read_text(encoding="utf-8")
    assert "4321(改)" in html and "已人工更正（原为" in html and 'class="num doubtful"' in html
    book_2024 = openpyxl.load_workbook(tmp_path / "2024.xlsx")
    formats = [(c.value, c.number_format) for ws in book_2024.worksheets for row in ws.iter_rows() for c in row
               if c.value in (4321, 12)]
    assert {v for v, f in formats if "(改)" in f} == {4321, 12}  # still numbers, marked by their format
    sources = [[c.value for c in row] for row in book_2024["数据来源"].iter_rows()]
    assert any(r[0] == township and (r[-1] or "").startswith("已人工更正（原为") for r in sources)
    screen = cli("compare", "--db", str(db), "--year", "2024", "--county", county)
    assert "4321(改)" in screen.stdout and "(疑)" in screen.stdout

    # 4. the same folder again changes nothing
    before = state(db)
    ingest_reports(source=str(reports), db=str(db), county=county)
    assert state(db) == before

    # 5. a newer report: the corrected number changed, the rest stands
    old_number = str(int(float(corrected["提取的数字"].rstrip("余次场件人份名条元项个%期").lstrip("约近"))))
    newer_version(reports / TOWNSHIP_FILE, reports / f"{Path(TOWNSHIP_FILE).stem}-更正版.docx", old_number,
                  str(int(old_number) + 7))
    newer = ingest_reports(source=str(reports), db=str(db), county=county).summary
    assert (newer.corrections_carried, newer.corrections_to_recheck) == (3, 1)
    with duckdb.connect(str(db), read_only=True) as con:
        cells = {r[0]: r[1:] for r in con.execute(
            "SELECT indicator_name, value, review, doubts FROM v_cells WHERE township = ? AND year = 2024",
            [township]).fetchall()}
        steps = con.execute("SELECT step, step_by, step_at, indicator_name FROM v_corrections_audit "
                            "WHERE township = ?", [township]).fetchall()
    assert cells[confirmed["指标"]][1] == "confirmed"
    assert cells[removed["指标"]][:2] == (None, "corrected")
    assert cells[empty["指标"]][:2] == (12.0, "corrected")
    assert cells[corrected["指标"]][0] == int(old_number) + 7
    assert cells[corrected["指标"]][1:] == ("doubtful", ["报告已更新，请重新核对"])

    # 6. the audit trail: every step, who and when
    assert sorted((s[0], s[1]) for s in steps[:4]) == sorted([("确认", "王会计"), ("更正", "王会计"),
                                                             ("删除", "王会计"), ("补录", "王会计")])
    assert [(s[0], s[1]) for s in steps[4:]] == [("沿用到新报告", "系统")] * 3 + [("报告已更新，请重新核对", "系统")]
    assert all(s[2] is not None for s in steps) and steps[-1][3] == corrected["指标"]

    # 7. the workbook filled before the newer report is stale now; an edited one is tampered: both refused whole
    before = state(db)
    done = cli("review", "import", str(filled), "--db", str(db))
    assert done.returncode == 1 and "未导入" in done.stderr and "数据库没有任何改动" in done.stderr
    assert corrected["指标"] in done.stderr or township in done.stderr
    fresh = tmp_path / "复核-新.xlsx"
    assert cli("review", "export", "--db", str(db), "--year", "2024", "--out", str(fresh)).returncode == 0
    assert len(rows_of(fresh)) >= 2
    wb = openpyxl.load_workbook(fresh)
    ws = wb["复核"]
    column = {c.value: c.column for c in ws[5]}
    ws.cell(row=6, column=column["确认"], value="是")  # a real decision ...
    ws.cell(row=6, column=column["提取的数字"], value="999次")  # ... on a row whose extracted number was edited
    ws.cell(row=7, column=column["确认"], value="是")  # a sound decision on another row: refused with the rest
    wb.save(fresh)
    done = cli("review", "import", str(fresh), "--db", str(db))
    assert done.returncode == 1 and "第6行" in done.stderr and "改动过" in done.stderr
    assert state(db) == before


@pytest.mark.parametrize("content", [b"not a workbook", None])
def test_import_of_something_that_is_not_a_review_workbook(tmp_path: Path, content: bytes | None) -> None:
    db = tmp_path / "county.duckdb"
    from warehouse.db import connect

    connect(db).close()
    path = tmp_path / "x.xlsx"
    if content is None:
        openpyxl.Workbook().save(path)
    else:
        path.write_bytes(content)
    done = cli("review", "import", str(path), "--db", str(db))
    assert done.returncode == 2 and str(path) in done.stderr and done.stderr.startswith("错误：")

