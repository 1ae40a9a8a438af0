"""The .docx reader on real files built with python-docx."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from core.records import Document
from extractors.readers.base import ReadOptions, Unreadable
from tests.support.readers_files import (
    add_chinese_numbering,
    body_paragraph,
    deleted_mark_paragraph,
    merged_table,
    numbered_paragraph,
    read,
    text_box_paragraph,
    tracked_change_paragraph,
)


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Document:
    doc = docx.Document()
    doc.core_properties.title = "2023年东关镇法治政府建设工作报告"
    doc.sections[0].header.paragraphs[0].text = "东关镇人民政府文件页眉"
    doc.sections[0].footer.paragraphs[0].text = "第1页页脚"
    doc.add_paragraph("2023年东关镇法治政府建设工作报告")
    num = add_chinese_numbering(doc)
    numbered_paragraph(doc, "总体情况", num, 0)
    body_paragraph(doc, "2023 年，全镇组织普法宣传活动共 19 次，受教育人数达2000余人次。")
    numbered_paragraph(doc, "主要工作和成效", num, 0)
    numbered_paragraph(doc, "法治能力建设情况", num, 1)
    numbered_paragraph(doc, "夯实基础", num, 1)
    tracked_change_paragraph(doc, "全年办理行政复议案件", "3件", "5件", "，均依法办结。")
    deleted_mark_paragraph(doc, "全年调解纠纷")
    doc.add_paragraph("43起。")
    text_box_paragraph(doc, "详见下表。", "文本框：发放宣传资料5000余份")
    merged_table(doc)
    doc.add_heading("下一步工作打算", level=1)
    body_paragraph(doc, "Word 2016 and WPS Office remain in use.")
    path = tmp_path_factory.mktemp("docx") / "report.docx"
    doc.save(path)
    return read(path)


def lines(doc: Document) -> list[str]:
    return doc.text.split("\n")


def test_numbered_headings_carry_their_rendered_labels(report: Document) -> None:
    assert "一、总体情况" in lines(report)
    assert "二、主要工作和成效" in lines(report)
    assert "（一）法治能力建设情况" in lines(report)
    assert "（二）夯实基础" in lines(report)


def test_headings_have_levels_and_offsets(report: Document) -> None:
    by_text = {h.text: h for h in report.headings}
    assert by_text["一、总体情况"].level == 1
    assert by_text["（一）法治能力建设情况"].level == 2
    assert by_text["下一步工作打算"].level == 1  # Heading 1 style, no number
    for h in report.headings:
        assert report.text[h.start:].startswith(h.text)
    offset = report.text.index("夯实基础")
    assert report.heading_path_at(offset) == ("二、主要工作和成效", "（二）夯实基础")


def test_no_spaces_inside_chinese(report: Document) -> None:
    assert "2023年，全镇组织普法宣传活动共19次，受教育人数达2000余人次。" in lines(report)
    assert "Word 2016 and WPS Office remain in use." in lines(report)


def test_tracked_changes_read_as_accepted(report: Document) -> None:
    assert "全年办理行政复议案件3件，均依法办结。" in lines(report)
    assert "5件" not in report.text
    assert "全年调解纠纷43起。" in lines(report)


def test_text_box_read_once(report: Document) -> None:
    assert report.text.count("文本框：发放宣传资料5000余份") == 1
    assert lines(report).index("文本框：发放宣传资料5000余份") == lines(report).index("详见下表。") + 1


def test_table_rows_tab_joined_with_merged_cell_once(report: Document) -> None:
    assert "项目\t次数\t人数" in lines(report)
    assert "普法宣传\t19次\t2000余人次" in lines(report)
    assert "9次\t500人" in lines(report)
    assert sum(ln.startswith("普法宣传") for ln in lines(report)) == 1


def test_headers_footers_left_out(report: Document) -> None:
    assert "页眉" not in report.text
    assert "页脚" not in report.text


def test_pages_and_title(report: Document) -> None:
    assert report.format == "docx"
    assert report.pages == 1  # docProps/app.xml of python-docx's template
    assert report.page_starts == ()
    assert report.page_at(10) is None
    assert report.title_hint == "2023年东关镇法治政府建设工作报告"


def test_body_order(report: Document) -> None:
    order = ["2023年东关镇", "一、总体情况", "二、主要工作", "全年办理", "详见下表", "项目\t", "下一步工作打算",
             "Word 2016"]
    positions = [report.text.index(s) for s in order]
    assert positions == sorted(positions)


def test_max_pages_from_metadata(tmp_path: Path) -> None:
    doc = docx.Document()
    doc.add_paragraph("正文")
    path = tmp_path / "long.docx"
    doc.save(path)
    with pytest.raises(Unreadable) as err:
        read(path, ReadOptions(max_pages=0))
    assert err.value.kind == "too_many_pages"


def test_stale_page_count_is_dropped(tmp_path: Path) -> None:
    doc = docx.Document()  # python-docx keeps its template's <Pages>1</Pages> however long the text
    for _ in range(40):
        body_paragraph(doc, "全镇组织普法宣传活动共19次，受教育人数达2000余人次，发放法律宣传资料5000余份。" * 2)
    path = tmp_path / "long.docx"
    doc.save(path)
    assert read(path).pages is None


def test_docx_of_only_images_is_no_text(tmp_path: Path) -> None:
    doc = docx.Document()
    doc.add_paragraph("   ")
    path = tmp_path / "blank.docx"
    doc.save(path)
    with pytest.raises(Unreadable) as err:
        read(path)
    assert err.value.kind == "no_text"
    assert "没有文字" in err.value.reason


def test_tab_aligned_columns_stay_apart(tmp_path: Path) -> None:
    doc = docx.Document()
    doc.add_paragraph("\t全镇组织普法宣传活动共19次。")
    doc.add_paragraph("普法宣传\t\t19次\t2000人")
    path = tmp_path / "tabs.docx"
    doc.save(path)
    assert read(path).text.split("\n") == ["全镇组织普法宣传活动共19次。", "普法宣传\t19次\t2000人"]


def test_numbering_from_list_style(tmp_path: Path) -> None:
    """A numbered style (numPr on the style, not the paragraph) renders its labels; bullets add nothing."""
    doc = docx.Document()
    doc.add_paragraph("加强学习", style="List Number")
    doc.add_paragraph("开展培训", style="List Number")
    doc.add_paragraph("要点", style="List Bullet")
    path = tmp_path / "lists.docx"
    doc.save(path)
    report = read(path)
    assert report.text.split("\n") == ["1.加强学习", "2.开展培训", "要点"]
    assert [(h.level, h.text) for h in report.headings] == [(3, "1.加强学习"), (3, "2.开展培训")]


def test_a_whole_read_carries_no_warning(report: Document) -> None:
    """Deleted tracked changes, the VML copy of a text box and headers are left out on purpose: not unread."""
    assert report.warnings == ()


def test_nested_table_rows_stay_rows(tmp_path: Path) -> None:
    """A statistics table pasted into a cell of a layout table, beside a label cell."""
    doc = docx.Document()
    outer = doc.add_table(rows=1, cols=2)
    outer.cell(0, 0).text = "附表"
    inner = outer.cell(0, 1).add_table(rows=3, cols=2)
    for r, (a, b) in enumerate([("项目", "数量"), ("普法宣传活动（场）", "25"), ("调处矛盾纠纷（件）", "37")]):
        inner.cell(r, 0).text, inner.cell(r, 1).text = a, b
    path = tmp_path / "nested.docx"
    doc.save(path)
    assert read(path).text.split("\n") == ["附表", "项目\t数量", "普法宣传活动（场）\t25", "调处矛盾纠纷（件）\t37"]


def test_controls_fields_and_hyperlinks_keep_their_text(tmp_path: Path) -> None:
    from tests.support.shapes import controls_fields_links

    path = tmp_path / "controls.docx"
    controls_fields_links("青松镇2024年法治政府建设年度报告")(path)
    assert read(path).text.split("\n") == [
        "青松镇2024年法治政府建设年度报告",
        "全年开展法治宣传活动18次，发放宣传资料3000余份，调处矛盾纠纷52件，办理法律援助案件9件。"]


@pytest.mark.parametrize("kind", ["mhtml", "rtf", "text", "docx"])
def test_alt_chunk_parts_are_read_in_place(tmp_path: Path, kind: str) -> None:
    from tests.support.shapes import SENTENCE, _altchunk

    path = tmp_path / f"{kind}.docx"
    _altchunk(kind, "白石镇2024年法治政府建设年度报告")(path)
    doc = read(path)
    assert doc.text.split("\n")[:2] == ["白石镇2024年法治政府建设年度报告", SENTENCE]
    assert doc.warnings == ()


def test_alt_chunk_of_an_unreadable_kind_is_a_warning_or_the_reason_for_rejection(tmp_path: Path) -> None:
    from tests.support.shapes import _altchunk

    path = tmp_path / "pdf-chunk.docx"
    _altchunk("pdf", "桃源镇2024年法治政府建设年度报告")(path)
    doc = read(path)
    assert doc.text == "桃源镇2024年法治政府建设年度报告"
    assert [w.kind for w in doc.warnings] == ["part_unread"]
    assert "word/afchunk.pdf 未能读取（正文中嵌入了 application/pdf 格式的内容" in doc.warnings[0].message
    only = tmp_path / "only-pdf-chunk.docx"
    _altchunk("pdf", "")(only)
    with pytest.raises(Unreadable) as err:
        read(only)
    assert err.value.kind == "unsupported"
    assert err.value.reason.startswith("Word 文档的正文是嵌入的其他格式内容，无法读取")


def test_text_the_reader_cannot_place_is_reported(tmp_path: Path) -> None:
    from tests.support.shapes import unknown_container

    path = tmp_path / "wrapped.docx"
    unknown_container("云溪镇2024年法治政府建设年度报告")(path)
    doc = read(path)
    assert doc.text == "云溪镇2024年法治政府建设年度报告"
    assert [(w.kind, w.page, w.message) for w in doc.warnings] == [
        ("text_unread", None, "文档中有约 37 个字（67%）未能读取，请核对原件")]
