"""The validation report's front page: written from the warehouse, plain HTML, readable offline in Chromium."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from pipeline import stages
from pipeline.stages import Settings, data_docs_dir
from tests.support.browser import chromium
from validation.data_docs import remote_references

REPO = Path(__file__).resolve().parents[2]
COUNTY = REPO / "samples" / "county" / "county.yaml"


def test_front_page_lists_every_run_and_what_to_do_offline(tmp_path: Path, sample_county: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "云雾乡2025.txt").write_text(
        "云雾乡2025年法治政府建设年度报告\n\n全年共开展普法宣传活动10次，其中集中宣传20次。\n", encoding="utf-8")
    (folder / "幸福镇2025.txt").write_text(
        "幸福镇2025年法治政府建设年度报告\n\n全年共开展普法宣传活动12次。\n", encoding="utf-8")
    whole = (sample_county / "reports" / "maan-2023.docx").read_bytes()
    (folder / "马鞍乡2025年度报告.docx").write_bytes(whole[: len(whole) // 3])
    db = tmp_path / "county.duckdb"
    settings = Settings(county=COUNTY)
    stages.ingest([folder], db, settings)
    (folder / "桃源乡2025.txt").write_text("桃源乡2025年法治政府建设年度报告\n\n开展普法宣传活动5次。\n",
                                          encoding="utf-8")
    stages.ingest([folder], db, settings)  # a second run: both are listed, newest first

    site = data_docs_dir(db)
    page = site / "index.html"
    html = page.read_text(encoding="utf-8")
    assert (site / "gx-index.html").is_file()  # Great Expectations' own index, kept and linked
    assert "<script" not in html.lower() and remote_references(site) == []
    with chromium(1280, 1000) as driver:
        driver.get(page.as_uri())
        text = driver.find_element("tag name", "body").text
        shot = tmp_path / "validation.png"
        driver.save_screenshot(str(shot))
    assert "数据校验结果" in text and text.count("的导入（编号") == 2
    assert text.index("收到文件 4 个") < text.index("收到文件 3 个")  # newest run first
    assert "乡镇（街道）在本县名录中" in text and "分项不大于合计" in text  # rules in Chinese, with results
    assert "需要处理的文件和数据" in text and "全部 14 条规则都通过" in text  # the second run found nothing new
    for expected in ("整份报告隔离", "幸福镇2025.txt", "在 county.yaml 中加入它",  # quarantined: file, reason, advice
                     "单项数据隔离", "云雾乡2025.txt", "「其中集中宣传20次」", "核对合计数和“其中”的分项数",
                     "无法读取", "马鞍乡2025年度报告.docx", "请乡镇重新发送可以打开的文件"):
        assert expected in text, expected
    image = Image.open(shot).convert("L")
    assert image.getextrema()[1] - image.getextrema()[0] > 100
