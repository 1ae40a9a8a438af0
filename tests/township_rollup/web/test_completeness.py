"""Report completeness (issue 14) on the workbench: a column of the comparison, the table of parts under it, and
each township's years on its own page; the comparison's notes under the table."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from pipeline import stages
from pipeline.stages import Settings
from tests.warehouse.test_completeness import COUNTY, REPORTS
from township_rollup.web.app import create_app
from township_rollup.web.settings import WebSettings


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    folder = tmp_path_factory.mktemp("web-completeness")
    for name, text in REPORTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "白沙镇2025.txt").write_text(  # 批次 is not 件: a note under the table
        "白沙镇2025年法治政府建设年度报告\n\n一、主要举措和成效\n受理信访件12批次。\n", encoding="utf-8")
    db = folder / "county.duckdb"
    stages.ingest([folder], db, Settings(county=COUNTY, data_docs=False))
    return TestClient(create_app(WebSettings(db=db, county=COUNTY)), base_url="http://127.0.0.1:8750")


def _row(html: str, township: str) -> str:
    return next(r for r in html.split("<tr") if f">{township}</a></th>" in r)


def test_the_comparison_says_which_reports_lack_a_part(client: TestClient) -> None:
    page = client.get("/compare?year=2025").text
    head = page.split("</thead>")[0]
    assert ">报告完整性</th>" in head
    assert re.search(r'complete-missing".*?title="未见：存在的不足和原因">缺 1 部分<', _row(page, "马鞍乡"))
    assert 'complete-complete' in _row(page, "云雾乡") and ">齐全<" in _row(page, "云雾乡")
    assert ">不明<" in _row(page, "桃源乡")  # no headings: cannot be told, never "missing"
    assert 'class="complete complete-none" data-value=""></td>' in _row(page, "南门街道")  # no report, no mark
    parts = page.split('id="completeness"')[1].split("</section>")[0]
    assert "一、2025年推进法治政府建设的主要举措和成效" in parts and "三、存在的短板" in parts
    assert _row(parts, "马鞍乡").count('class="part-no"') == 1 and _row(parts, "白沙镇").count('class="part-no"') == 3
    assert _row(parts, "桃源乡").count('class="part-unknown"') == 4
    assert "按各报告的一级标题判断" in parts


def test_the_comparison_shows_its_notes(client: TestClient) -> None:
    notes = client.get("/compare?year=2025").text.split('id="notes"')[1].split("</section>")[0]
    assert "白沙镇“信访件”填报为 12批次，单位“批次”不能与“件”相加" in notes


def test_a_townships_page_shows_each_years_parts(client: TestClient) -> None:
    page = client.get("/township", params={"name": "马鞍乡"}).text
    parts = page.split('id="completeness"')[1].split("</section>")[0]
    assert "<th scope=\"row\">2025</th>" in parts and "二、党政主要负责人履行推进法治建设第一责任人职责情况" in parts
    assert parts.count('class="part-no"') == 1 and "存在的不足和原因" in parts
