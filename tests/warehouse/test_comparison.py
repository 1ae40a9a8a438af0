"""The comparison a county office signs: on the sample county, every rendering means what it says."""

from __future__ import annotations

import csv
import os
import re
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from openpyxl import load_workbook
from PIL import Image

from core.catalog import load_catalog
from core.registry import load_registry
from tests.support.browser import chromium
from tests.support.sample_warehouse import UNREADABLE
from warehouse.compare import Comparison, Selection, comparison
from warehouse.display import width
from warehouse.export import render_terminal, write_csv, write_html, write_xlsx

REPO = Path(__file__).resolve().parents[2]
RATES = ("负责人出庭应诉率", "调解成功率")


@pytest.fixture(scope="module")
def c2024(sample_warehouse: Path) -> Comparison:
    return comparison(sample_warehouse, 2024, load_catalog(), load_registry(REPO / "samples/county/county.yaml"))


def _col(c: Comparison, name: str) -> int:
    return next(i for i, col in enumerate(c.columns) if col.name == name)


def _row(c: Comparison, township: str) -> int:
    return next(i for i, r in enumerate(c.rows) if r.township == township)


def test_no_rate_is_ever_summed(c2024: Comparison, tmp_path: Path) -> None:
    for name in RATES:
        i = _col(c2024, name)
        line = c2024.county_lines[i]
        values = [r.cells[i].value for r in c2024.rows if r.cells[i].value is not None]
        assert len(values) >= 2 and line.total is None
        assert (line.median, line.low, line.high) == (
            sorted(values)[len(values) // 2] if len(values) % 2 else
            (sorted(values)[len(values) // 2 - 1] + sorted(values)[len(values) // 2]) / 2, min(values), max(values))
        summed = f"{sum(values):g}"
        # terminal: the county line says 不相加, never the sum
        text = render_terminal(c2024, 120)
        rate_lines = [line for line in text.splitlines() if line.startswith(f"{name}（%）")]
        assert any("不相加" in line for line in rate_lines)
        assert all(summed not in line.split() for line in rate_lines)
        # CSV: the 县合计 row
        rows = list(csv.reader(write_csv(c2024, tmp_path / "c.csv").read_text(encoding="utf-8-sig").splitlines()))
        total = next(r for r in rows if r[0] == "县合计")
        assert total[rows[0].index(f"{name}（%）")] == "不相加"
        # XLSX: the section sheet's 县合计 row
        wb = load_workbook(write_xlsx(c2024, tmp_path / "c.xlsx"))
        ws = wb[c2024.columns[i].section_name]
        header = [c.value for c in ws[3]]
        col = next(j for j, h in enumerate(header, start=1) if h and h.startswith(name))
        total_row = next(r for r in range(5, ws.max_row + 1) if ws.cell(row=r, column=1).value == "县合计")
        assert ws.cell(row=total_row, column=col).value == "不相加"
        # HTML: the table foot
        html = write_html(c2024, tmp_path / "c.html").read_text(encoding="utf-8")
        total_row = html[html.index("<tfoot><tr>"):].split("</tr>")[0]
        order = [k for _, _, idx in c2024.sections for k in idx]  # the HTML groups columns by section
        assert re.findall(r'<td class="num">([^<]*)</td>', total_row)[order.index(i)] == "不相加"


def test_a_value_in_a_unit_that_does_not_add_up_is_marked_and_kept_out(c2024: Comparison, tmp_path: Path) -> None:
    i, r = _col(c2024, "信访件"), _row(c2024, "南门街道")
    cell = c2024.rows[r].cells[i]
    assert (cell.value, cell.unit, cell.fits, cell.rank) == (56, "批次", False, None)
    fitting = [row.cells[i].value for row in c2024.rows if row.cells[i].value is not None and row.cells[i].fits]
    line = c2024.county_lines[i]
    assert line.total == sum(fitting) and line.covered == len(fitting) and line.excluded >= 1
    assert line.coverage == f"{len(fitting)}/{len(c2024.rows)}"
    ranked = sorted((row.cells[i].rank, row.cells[i].value) for row in c2024.rows if row.cells[i].rank)
    assert [v for _, v in ranked] == sorted(fitting)  # fewer is better: the smallest ranks first
    assert any(n.kind == "unit" and n.township == "南门街道" and n.column == "petitions_handled" for n in c2024.notes)
    assert "56批次*" in render_terminal(c2024, 120)
    assert "南门街道“信访件”填报为 56批次" in render_terminal(c2024, 120)
    rows = list(csv.reader(write_csv(c2024, tmp_path / "c.csv").read_text(encoding="utf-8-sig").splitlines()))
    nanmen = next(row for row in rows if row[0] == "南门街道")
    assert nanmen[rows[0].index("信访件（件）")] == "56批次*(疑)"  # and doubtful: its unit does not fit
    assert nanmen[rows[0].index("信访件排名（越少越好）")] == ""
    ws = load_workbook(write_xlsx(c2024, tmp_path / "c.xlsx"))["矛盾化解"]
    marked = [c.value for row in ws.iter_rows(min_row=5) for c in row if c.value == "56批次*(疑)"]
    assert marked and all(isinstance(v, str) for v in marked)  # text: a SUM in Excel leaves it out too
    assert 'class="num other-unit doubtful"' in write_html(c2024, tmp_path / "c.html").read_text(encoding="utf-8")


def test_change_on_last_year_only_within_one_unit_group_and_in_points_for_rates(c2024: Comparison) -> None:
    audience = c2024.rows[_row(c2024, "南门街道")].cells[_col(c2024, "普法受众人次")]
    assert (audience.previous, audience.previous_unit, audience.change) == (6200, "人", None)  # 人 is not 人次
    rate = c2024.rows[_row(c2024, "柳河镇")].cells[_col(c2024, "调解成功率")]
    assert (rate.value, rate.previous, rate.change, rate.change_pct) == (99.8, 98, 1.8, None)


def test_values_are_clean_numbers_stored_and_exported(sample_warehouse: Path, c2024: Comparison,
                                                       tmp_path: Path) -> None:
    with duckdb.connect(str(sample_warehouse), read_only=True) as con:
        noisy = con.execute("SELECT count(*) FROM statistics WHERE value <> round(value, 6)").fetchone()[0]
        fines = con.execute("SELECT value::VARCHAR FROM v_headline WHERE township = '桃源乡' AND year = 2024 "
                            "AND indicator = 'enforcement_fines'").fetchone()[0]
    assert noisy == 0 and fines == "104600.0"
    assert "104600.0000" not in write_csv(c2024, tmp_path / "c.csv").read_text(encoding="utf-8-sig")


def test_a_township_whose_file_cannot_be_read_is_not_shown_as_not_received(c2024: Comparison, tmp_path: Path
                                                                           ) -> None:
    yunwu = c2024.rows[_row(c2024, "云雾乡")]
    assert yunwu.status.code == "unreadable" and yunwu.status.file_name == UNREADABLE
    assert "损坏" in (yunwu.status.reason or "")
    text = render_terminal(c2024, 100)
    assert "报告无法读取 1 个：云雾乡" in text and "未报送 1 个" not in text
    rows = list(csv.reader(write_csv(c2024, tmp_path / "c.csv").read_text(encoding="utf-8-sig").splitlines()))
    line = next(r for r in rows if r[0] == "云雾乡")
    assert line[1] == "报告无法读取" and UNREADABLE in line[2]
    status = load_workbook(write_xlsx(c2024, tmp_path / "c.xlsx"))["报送情况"]
    assert [c.value for c in status[next(r for r in range(3, status.max_row + 1)
                                         if status.cell(row=r, column=1).value == "云雾乡")]][:3] == [
        "云雾乡", "报告无法读取", UNREADABLE]


def test_a_scan_read_by_ocr_says_so(sample_warehouse: Path) -> None:
    c = comparison(sample_warehouse, 2023, load_catalog(), load_registry(REPO / "samples/county/county.yaml"))
    qinglong = c.rows[_row(c, "青龙镇")]
    assert qinglong.status.code == "reported" and qinglong.status.ocr
    assert "青龙镇：报告 qinglong-2023.pdf 是扫描件，数字由 OCR 识别" in render_terminal(c, 120)


@pytest.mark.parametrize("columns", [80, 120])
def test_compare_fits_the_terminal(sample_warehouse: Path, columns: int) -> None:
    env = {**os.environ, "COLUMNS": str(columns)}
    done = subprocess.run([sys.executable, "-m", "township_rollup.cli", "compare", "--db", str(sample_warehouse),
                           "--county", str(REPO / "samples/county/county.yaml"), "--year", "2024"],
                          capture_output=True, text=True, env=env, cwd=REPO, timeout=120)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) > 40 and max(width(line) for line in lines) <= columns
    assert "【普法宣传】" in done.stdout and "【安全底线】" in done.stdout and "清溪街道" in done.stdout


def test_compare_chooses_indicators_and_sections(sample_warehouse: Path) -> None:
    catalog = load_catalog()
    c = comparison(sample_warehouse, 2024, catalog, select=Selection(("信访", "调解成功率")))
    assert [col.name for col in c.columns] == ["调解成功率", "信访件"]
    c = comparison(sample_warehouse, 2024, catalog, select=Selection(section="安全底线"))
    assert [col.code for col in c.columns] == ["major_incidents"]
    from core.errors import ConfigError
    with pytest.raises(ConfigError, match="没有名为"):
        comparison(sample_warehouse, 2024, catalog, select=Selection(section="财务"))


def test_xlsx_is_headed_and_printed_like_a_statistical_report(c2024: Comparison, tmp_path: Path) -> None:
    wb = load_workbook(write_xlsx(c2024, tmp_path / "c.xlsx"))
    sections = [s.name for s in load_catalog().sections]
    assert wb.sheetnames == [*sections, "报送情况", "报告完整性", "较上年与排名", "数据来源", "说明"]
    ws = wb["普法宣传"]
    assert ws["A1"].value == "清源县2024年法治政府建设年度报告指标对比表（普法宣传）"
    info = " ".join(str(c.value) for c in ws[2] if c.value)
    assert "填报单位：清源县" in info and "报告年度：2024年" in info and "制表日期：" in info
    header, units = [c.value for c in ws[3]], [c.value for c in ws[4]]
    assert header[:2] == ["乡镇/街道", "报送情况"] and units[0] == "计量单位"
    assert header[2] == "普法宣传活动\n（次）" and units[2] == "次"
    assert all(u for u in units[2:]) and all("（" in h for h in header[2:])  # every column says its unit
    footer = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str) and "填表人" in c.value]
    assert footer and "审核人" in footer[0]
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == "$3:$4" and ws.freeze_panes == "B5"
    sources = list(wb["数据来源"].iter_rows(min_row=3, values_only=True))
    assert len(sources) == sum(1 for r in c2024.rows for cell in r.cells if cell.value is not None)
    assert sources[0][:3] == ("清溪街道", "普法宣传活动", 87) and sources[0][6] and sources[0][8] == "qingxi-2024.docx"


def test_html_keeps_the_township_column_in_view_sorts_and_has_township_pages(c2024: Comparison,
                                                                             sample_warehouse: Path,
                                                                             tmp_path: Path) -> None:
    from warehouse.compare import township_history

    history = township_history(sample_warehouse, [r.township for r in c2024.rows])
    page = write_html(c2024, tmp_path / "对比.html", history)
    html = page.read_text(encoding="utf-8")
    assert "<script src" not in html and "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")
    with chromium(1000, 800) as driver:
        driver.get(page.as_uri())
        box = driver.find_element("css selector", ".scroll")
        first = driver.find_element("css selector", "#comparison tbody th.township")
        before = first.rect["x"]
        driver.execute_script("arguments[0].scrollLeft = 1500", box)
        assert driver.execute_script("return arguments[0].scrollLeft", box) > 500
        assert abs(first.rect["x"] - before) < 1  # sticky: still at the left edge
        far = driver.find_element("css selector", "thead th[data-code='mediation_success_rate']")
        assert far.is_displayed()
        shot = tmp_path / "scrolled.png"
        driver.save_screenshot(str(shot))
        # sort by 普法宣传活动, largest first (second click)
        head = driver.find_element("css selector", "thead th[data-code='publicity_events']")
        driver.execute_script("arguments[0].scrollLeft = 0", box)
        head.click()
        head.click()
        cells = driver.find_elements("css selector", "#comparison tbody th.township")
        names = [e.get_attribute("textContent") for e in cells]
        assert names[0] == "东岗镇" and names[-1] == "云雾乡"  # 108 first; no value last
        driver.get(page.as_uri() + "#t-3")
        history_page = driver.find_element("id", "t-3")
        assert history_page.is_displayed() and "城北街道 历年数据" in history_page.text
        assert "2022年：「累计开展42场普法宣传活动」" in history_page.text
        assert not driver.find_element("id", "comparison").is_displayed()
    image = Image.open(shot).convert("L")
    assert image.getextrema()[1] - image.getextrema()[0] > 100


def test_a_report_the_reader_could_not_read_whole_says_so(tmp_path: Path) -> None:
    from dataclasses import replace

    from core.records import ReadWarning
    from tests.support.warehouse_batches import CATALOG, REGISTRY, batch, dongguan_2023, run
    from warehouse.load import load_batch

    db = tmp_path / "county.duckdb"
    doc = replace(dongguan_2023(), warnings=(ReadWarning("page_unread", "第2页的文字未能读取，请核对原件", 2),))
    load_batch(db, batch(doc), REGISTRY, CATALOG, run("R1"))
    c = comparison(db, 2023, CATALOG, REGISTRY)
    dongguan = c.rows[_row(c, "东关镇")]
    assert dongguan.status.code == "reported" and dongguan.status.read_warnings == 1
    text = render_terminal(c, 100)
    assert "东关镇：报告 东关镇2023.docx 有 1 处内容未能读取" in text
    rows = list(csv.reader(write_csv(c, tmp_path / "c.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert next(r for r in rows if r[0] == "东关镇")[1] == "已报送（部分未读 1 处，请核对原件）"


def test_wrapped_notes_never_end_a_line_with_an_opening_quote() -> None:
    from warehouse.display import wrap

    text = "年度报告应包括四个部分。“有”表示报告中有讲这部分的一级标题，“缺”表示没有找到这样的标题。"
    for columns in range(20, 60):
        lines = wrap(text, columns, "  ")
        assert all(width(line) <= columns for line in lines)
        assert not any(line.rstrip().endswith(("“", "（", "《")) for line in lines), lines
        assert not any(line.lstrip()[:1] in "，。”）" for line in lines[1:]), lines
        assert "".join(line.strip() for line in lines) == text
