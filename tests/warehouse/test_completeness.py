"""Report completeness: which required parts each report has, judged by its headings' meaning."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from openpyxl import load_workbook

from core.catalog import load_catalog
from core.registry import load_registry
from pipeline import stages
from pipeline.stages import Settings
from warehouse.compare import Comparison, comparison
from warehouse.export import render_terminal, write_html, write_xlsx

REPO = Path(__file__).resolve().parents[2]
COUNTY = REPO / "samples" / "county" / "county.yaml"

REPORTS = {
    # every part but the shortcomings (no 存在问题 / 不足 / 短板 heading)
    "马鞍乡2025.txt": "马鞍乡2025年法治政府建设年度报告\n\n一、2025年推进法治政府建设的主要举措和成效\n"
                      "全年开展普法宣传活动30次。\n二、党政主要负责人履行推进法治建设第一责任人职责情况\n"
                      "镇党委书记带头学法。\n三、2026年工作安排\n继续抓好普法。\n",
    # every part, the shortcomings worded as 短板
    "云雾乡2025.txt": "云雾乡2025年法治政府建设年度报告\n\n一、主要做法和成效\n开展普法宣传活动12次。\n"
                      "二、党政主要负责人履行第一责任人职责情况\n乡长带头出庭。\n三、存在的短板\n"
                      "法治力量薄弱。\n四、下一步工作打算\n加强培训。\n",
    # no numbered headings at all: cannot be told
    "桃源乡2025.txt": "桃源乡2025年法治政府建设年度报告\n\n今年我乡开展普法宣传活动8次，调处矛盾纠纷20件。\n",
}


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("completeness")
    for name, text in REPORTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    path = folder / "county.duckdb"
    summary, _, _ = stages.ingest([folder], path, Settings(county=COUNTY, data_docs=False))
    assert summary.documents_loaded == 3
    return path


@pytest.fixture(scope="module")
def c2025(db: Path) -> Comparison:
    return comparison(db, 2025, load_catalog(), load_registry(COUNTY))


def _entry(c: Comparison, township: str):  # type: ignore[no-untyped-def]
    return next(e for e in c.completeness if e.township == township)


def test_a_report_without_its_shortcomings_part_is_flagged(c2025: Comparison) -> None:
    maan = _entry(c2025, "马鞍乡")
    found = {p.code: (p.present, p.heading) for p in maan.parts}
    assert found == {"measures": (True, "一、2025年推进法治政府建设的主要举措和成效"),
                     "leadership": (True, "二、党政主要负责人履行推进法治建设第一责任人职责情况"),
                     "shortcomings": (False, None),
                     "next_year": (True, "三、2026年工作安排")}
    assert maan.missing == ("存在的不足和原因",)


def test_parts_are_matched_by_meaning_not_one_wording(c2025: Comparison) -> None:
    yunwu = _entry(c2025, "云雾乡")
    assert yunwu.known and not yunwu.missing
    assert {p.code: p.heading for p in yunwu.parts}["shortcomings"] == "三、存在的短板"
    taoyuan = _entry(c2025, "桃源乡")
    assert not taoyuan.known and {p.present for p in taoyuan.parts} == {None}  # no headings: not "missing"


def test_completeness_in_the_terminal_the_exports_and_the_view(c2025: Comparison, db: Path, tmp_path: Path) -> None:
    text = render_terminal(c2025, 80)
    assert "【报告完整性（按各报告的一级标题判断）】" in text
    assert "马鞍乡：存在的不足和原因" in text and "桃源乡：未识别到报告的标题" in text
    assert max(len(line) for line in text.splitlines()) <= 80
    ws = load_workbook(write_xlsx(c2025, tmp_path / "c.xlsx"))["报告完整性"]
    rows = {r[0]: r for r in ws.iter_rows(min_row=3, values_only=True) if r[0]}
    assert rows["马鞍乡"][2:7] == ("有（一、2025年推进法治政府建设的主要举措和成效）",
                                  "有（二、党政主要负责人履行推进法治建设第一责任人职责情况）", "缺",
                                  "有（三、2026年工作安排）", "存在的不足和原因")
    html = write_html(c2025, tmp_path / "c.html").read_text(encoding="utf-8")
    assert html.count('class="part-no"') == 1 and 'id="completeness"' in html
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute("SELECT township, part_name, present FROM v_report_completeness "
                           "WHERE year = 2025 AND present = false").fetchall()
    assert rows == [("马鞍乡", "存在的不足和原因", False)]
