"""Exports: terminal widths, CSV with BOM, XLSX via openpyxl, self-contained escaped HTML in chromium."""

from __future__ import annotations

import csv
import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PIL import Image

from core.registry import Registry, Township
from tests.support.warehouse_batches import (
    CATALOG,
    REGISTRY,
    batch,
    dongguan_2022,
    dongguan_2023,
    report,
    run,
    stat,
    xicheng_2023,
)
from warehouse.compare import Comparison, comparison
from warehouse.display import marked, width
from warehouse.export import render_terminal, write_csv, write_html, write_xlsx
from warehouse.load import load_batch

CHROMIUM = "/usr/bin/chromium"
SCRIPT_TOWNSHIP = "<script>alert(1)</script>镇"


@pytest.fixture
def cmp(tmp_path: Path) -> Comparison:
    db = tmp_path / "county.duckdb"
    load_batch(db, batch(dongguan_2022(), dongguan_2023(), xicheng_2023()), REGISTRY, CATALOG, run("L1"))
    return comparison(db, 2023, CATALOG, REGISTRY)


@pytest.fixture
def hostile(tmp_path: Path) -> Comparison:
    """A township called <script>…, a quote with markup, and an injection-looking name."""
    db = tmp_path / "hostile.duckdb"
    townships = (Township(SCRIPT_TOWNSHIP), Township("镇'); DROP TABLE statistics;--"), Township("东关镇"))
    registry = Registry(county="和平县", townships=townships)
    doc = report("x.docx", SCRIPT_TOWNSHIP, 2023,
                 [stat("publicity_events", 5, "次", '<img src=x onerror="alert(2)">5次')])
    load_batch(db, batch(doc, dongguan_2023()), registry, CATALOG, run("H1"))
    return comparison(db, 2023, CATALOG, registry)


def test_qualifier_marks() -> None:
    assert [marked(2000, q) for q in ("exact", "over", "under", "about")] == ["2000", "2000+", "<2000", "~2000"]
    assert marked(98.5, "exact") == "98.5"
    assert marked(None, "over") == ""


def test_terminal_table_is_aligned_in_display_columns(cmp: Comparison) -> None:
    text = render_terminal(cmp, 100)
    assert "县合计" in text and "中位数" in text and "2000+" in text and "<1500" in text
    assert "未报送 2 个：南山乡、北湖镇" in text
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("指标（计量单位）"))
    table = [line for line in lines[start:] if line.strip()][:7]
    rule = table[1]
    assert set(rule) <= {"-", " "}
    # every value ends where its column's dashes end: right alignment measured in CJK display width
    ends = [i for i, ch in enumerate(rule) if ch == "-" and (i + 1 == len(rule) or rule[i + 1] == " ")]
    for line in table:
        if set(line) <= {"-", " "}:
            continue
        assert width(line) <= len(rule)
    events = next(line for line in table if line.startswith("普法宣传活动（次）"))
    first_value_end = width(events[: events.index("20") + 2])
    assert first_value_end == ends[1] + 1  # 东关镇's 20 ends under 东关镇's dashes
    assert "2000+ 表示" in text  # the legend


def test_terminal_strips_control_characters(tmp_path: Path) -> None:
    db = tmp_path / "county.duckdb"
    name = "东\x1b[31m关镇"
    load_batch(db, batch(report("a.docx", name, 2023, [stat("publicity_events", 1, "次", "1次")])),
               Registry(), CATALOG, run("T1"))
    assert "\x1b" not in render_terminal(comparison(db, 2023, CATALOG))


def test_csv_has_bom_and_chinese_headers(cmp: Comparison, tmp_path: Path) -> None:
    path = write_csv(cmp, tmp_path / "out" / "对比.csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows[0][:7] == ["乡镇/街道", "报送情况", "情况说明", "普法宣传活动（次）", "普法宣传活动较上年",
                           "普法宣传活动较上年(%)", "普法宣传活动排名"]
    dongguan = rows[1]
    assert dongguan[:7] == ["东关镇", "已报送", "", "20", "4", "25", "1/2"]
    assert "2000+" in dongguan
    assert [r[0] for r in rows[-5:]] == ["县合计", "中位数", "最小值", "最大值", "计入乡镇数"]
    assert rows[-5][3] == "32" and rows[-1][3] == "2/4"
    assert rows[4][:2] == ["北湖镇", "未报送"]


def test_xlsx_opens_with_headers_frozen_pane_formats_and_sheets(cmp: Comparison, tmp_path: Path) -> None:
    path = write_xlsx(cmp, tmp_path / "对比.xlsx")
    wb = load_workbook(path)
    assert wb.sheetnames == ["其他指标", "报送情况", "报告完整性", "较上年与排名", "数据来源", "说明"]  # no sections
    ws = wb["其他指标"]
    header = [c.value for c in ws[3]]
    assert header[:3] == ["乡镇/街道", "报送情况", "普法宣传活动\n（次）"]
    assert "普法受众人次\n（人次）" in header
    assert ws.freeze_panes == "B5"
    audience_col = header.index("普法受众人次\n（人次）") + 1
    cell = ws.cell(row=5, column=audience_col)
    assert cell.value == 2000 and cell.number_format == '#,##0"+"'
    assert ws.cell(row=6, column=audience_col).number_format == '"<"#,##0'
    assert ws.cell(row=9, column=1).value == "县合计"
    assert ws.cell(row=9, column=audience_col).number_format == '"~"#,##0'  # 2000+ and <1500 make ~3500
    assert ws.column_dimensions["C"].width >= 8
    changes = list(wb["较上年与排名"].iter_rows(min_row=3, values_only=True))
    assert ("东关镇", "其他指标", "普法宣传活动", "次", 20, 16, 4, 0.25, "1/2", "越多越好") in changes
    status = [[c.value for c in row][:2] for row in wb["报送情况"].iter_rows(min_row=3)]
    assert status == [["东关镇", "已报送"], ["西城街道", "已报送"], ["南山乡", "未报送"], ["北湖镇", "未报送"]]
    long = list(wb["数据来源"].iter_rows(values_only=True))
    assert long[1][:4] == ("乡镇/街道", "指标", "数值", "单位（原文）")
    assert ("东关镇", "普法受众人次", 2000) in [r[:3] for r in long]


def test_html_is_self_contained_and_escaped(hostile: Comparison, tmp_path: Path) -> None:
    html = write_html(hostile, tmp_path / "对比.html").read_text(encoding="utf-8")
    assert html.lower().count("<script") == 1 and "<script>" in html  # our own inline sorting, no other
    assert "<script src" not in html.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;镇" in html
    assert "<img" not in html and "&lt;img src=x onerror=&quot;alert(2)&quot;&gt;5次" in html
    assert "镇&#x27;); DROP TABLE statistics;--" in html
    for external in ("http://", "https://", "<link", "src=\"", "@import"):
        assert external not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert html.count("<svg") == len(hostile.columns)
    assert html.count('class="township-page"') == len(hostile.rows)
    assert "县合计" in html and "中位数" in html


def test_html_renders_in_headless_chromium(cmp: Comparison, tmp_path: Path) -> None:
    page = write_html(cmp, tmp_path / "page.html")
    shot = tmp_path / "page.png"
    profile = tmp_path / "profile"
    subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--no-first-run", f"--user-data-dir={profile}", "--window-size=1200,900",
                    f"--screenshot={shot}", page.as_uri()], check=True, capture_output=True, timeout=90)
    assert shot.exists()
    image = Image.open(shot).convert("L")
    lo, hi = image.getextrema()
    assert hi - lo > 100  # text and bars on a white page, not a blank image
    dark = sum(image.histogram()[:128])
    assert dark > 0.005 * image.width * image.height
    shutil.rmtree(profile, ignore_errors=True)


def test_formula_looking_names_stay_text(tmp_path: Path) -> None:
    db = tmp_path / "county.duckdb"
    name = "=HYPERLINK(\"http://x\",\"镇\")"
    load_batch(db, batch(report("f.docx", name, 2023, [stat("publicity_events", 1, "次", "=1+1次")])),
               Registry(), CATALOG, run("F1"))
    c = comparison(db, 2023, CATALOG)
    wb = load_workbook(write_xlsx(c, tmp_path / "f.xlsx"))
    cell = wb["其他指标"].cell(row=5, column=1)
    assert cell.value == "'" + name and cell.data_type == "s"  # shown as text, never run
    quote = wb["数据来源"].cell(row=3, column=7)
    assert quote.value == "'=1+1次" and quote.data_type == "s"
    rows = list(csv.reader(write_csv(c, tmp_path / "f.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert rows[1][0] == "'" + name


def test_terminal_for_a_year_without_data(tmp_path: Path) -> None:
    text = render_terminal(comparison(tmp_path / "none.duckdb", 2019, CATALOG, REGISTRY))
    assert "本年度没有已入库的指标数据" in text
    assert "未报送 4 个：东关镇、西城街道、南山乡、北湖镇" in text
