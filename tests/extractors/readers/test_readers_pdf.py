"""The PDF reader on PDFs LibreOffice makes from real .docx files, and on an image-only scan."""

from __future__ import annotations

import sys
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from core.records import Document
from extractors.readers import ocr, ocr_text
from extractors.readers.base import ReadOptions, Unreadable
from extractors.readers.cjk import tidy
from tests.support.readers_files import (
    body_paragraph,
    hand_pdf,
    heading_paragraph,
    image_pdf,
    merged_table,
    page_number_footer,
    read,
    soffice_convert,
    turned_pdf,
)

PARAGRAPHS = [
    "2023 年以来，东关镇政府紧紧围绕县委、县政府中心工作，严格对照文件精神，认真开展法治政府建设的各项工作，"
    "不断提高依法决策、依法管理、依法行政的水平，全镇组织普法宣传活动共19次，受教育人数达2000余人次。",
    "充分发挥普法志愿者以及“法律明白人”作用，依托镇新时代文明实践所（站），广泛宣传法律法规，发放法律宣传资料"
    "五千余份，并组织开展3场普法活动，调解成功率100%，共调处各类矛盾纠纷43起，涉案金额1007.6万元。",
    "全年召开法治建设专题党委会12次，研究解决重点问题8项，组织镇村干部集中学法6次，参加率100%，"
    "全镇47名公职人员全部参加学法考试，31名执法人员全部通过考核，持证上岗率保持100%。",
]
HEADINGS = ["一、总体情况", "二、主要工作和成效", "（一）法治能力建设情况", "（二）夯实基础，不断推进基层法制建设",
            "三、存在问题和不足", "四、下一步工作目标和重点"]
HEADER = "东关镇人民政府办公室"


def _report(path: Path, footer: tuple[str, str]) -> None:
    doc = docx.Document()
    doc.sections[0].header.paragraphs[0].text = HEADER
    page_number_footer(doc.sections[0], *footer)
    for i, heading in enumerate(HEADINGS):
        heading_paragraph(doc, heading)
        for p in PARAGRAPHS[i % 3:] + PARAGRAPHS[: i % 3]:
            body_paragraph(doc, p)
    doc.save(path)


def _block(path: Path) -> None:
    """Paragraphs without first-line indent, separated by spacing, as some offices write them."""
    doc = docx.Document()
    for p in PARAGRAPHS * 2:
        para = doc.add_paragraph()
        para.paragraph_format.space_after = Pt(8)
        run = para.add_run(p)
        run.font.size = Pt(16)
    doc.save(path)


JUSTIFIED = ("办公软件统一使用 WPS Office 2019 与 Microsoft Office，全年采购正版软件共16套，"
             "统计时间为2025-01-20 10:57，金额合计1,234.5万元，同比增长12.5%，"
             "两端对齐的排版会拉开字距但不应拆开数字或拼写。")


def _justified(path: Path) -> None:
    """Justified text (两端对齐), the usual layout of government documents: spacing is stretched."""
    doc = docx.Document()
    for p in [*PARAGRAPHS, JUSTIFIED]:
        para = doc.add_paragraph()
        para.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        para.paragraph_format.first_line_indent = Pt(32)
        para.add_run(p).font.size = Pt(16)
    doc.save(path)


def _columns(path: Path) -> None:
    """A title spread with distributed alignment and a table typed with tab stops."""
    doc = docx.Document()
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.DISTRIBUTE
    title.add_run("工作报告").font.size = Pt(22)
    for row in ("项目\t\t次数\t\t人数", "普法宣传\t\t19次\t\t2000人"):
        doc.add_paragraph(row).runs[0].font.size = Pt(16)
    doc.save(path)


def _table(path: Path) -> None:
    doc = docx.Document()
    body_paragraph(doc, "2023年普法工作情况统计如下。")
    merged_table(doc)
    body_paragraph(doc, "以上数据截至2023年12月31日。")
    doc.save(path)


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    src = tmp_path_factory.mktemp("pdf-src")
    _report(src / "dash.docx", ("- ", " -"))
    _report(src / "di.docx", ("第", "页"))
    _table(src / "table.docx")
    _block(src / "block.docx")
    _justified(src / "justified.docx")
    _columns(src / "columns.docx")
    out = tmp_path_factory.mktemp("pdf")
    soffice_convert(sorted(src.glob("*.docx")), "pdf", out)
    return {p.stem: p for p in out.glob("*.pdf")}


@pytest.fixture(scope="module")
def report(pdfs: dict[str, Path]) -> Document:
    return read(pdfs["dash"])


def test_paragraphs_rejoined_across_line_and_page_breaks(report: Document) -> None:
    lines = report.text.split("\n")
    for p in PARAGRAPHS:
        assert lines.count(tidy(p)) == len(HEADINGS)
    assert "2023年以来" in report.text and "2023 年" not in report.text
    assert "“法律明白人”" in report.text


def test_headers_and_page_numbers_dropped(pdfs: dict[str, Path], report: Document) -> None:
    assert report.pages is not None and report.pages >= 3
    assert HEADER not in report.text
    di = read(pdfs["di"])
    assert HEADER not in di.text
    expected = HEADINGS + [tidy(p) for p in PARAGRAPHS] * len(HEADINGS)
    assert sorted(di.text.split("\n")) == sorted(expected)
    assert sorted(report.text.split("\n")) == sorted(expected)


def test_paragraphs_without_indent_split_at_sentence_ends(pdfs: dict[str, Path]) -> None:
    assert read(pdfs["block"]).text.split("\n") == [tidy(p) for p in PARAGRAPHS * 2]


def test_justified_text_keeps_numbers_and_words(pdfs: dict[str, Path]) -> None:
    assert read(pdfs["justified"]).text.split("\n") == [tidy(p) for p in [*PARAGRAPHS, JUSTIFIED]]


def test_tab_columns_kept_apart_and_spread_title_joined(pdfs: dict[str, Path]) -> None:
    assert read(pdfs["columns"]).text.split("\n") == ["工作报告", "项目\t次数\t人数", "普法宣传\t19次\t2000人"]


def test_headings_and_pages(report: Document) -> None:
    assert [h.text for h in report.headings] == HEADINGS
    assert [h.level for h in report.headings] == [1, 1, 2, 2, 1, 1]
    assert len(report.page_starts) == report.pages
    assert list(report.page_starts) == sorted(report.page_starts)
    assert report.page_at(0) == 1
    assert report.page_at(len(report.text) - 1) == report.pages


def test_table_rows_from_ruled_table(pdfs: dict[str, Path]) -> None:
    doc = read(pdfs["table"])
    lines = doc.text.split("\n")
    assert lines[0] == "2023年普法工作情况统计如下。"
    assert "项目\t次数\t人数" in lines
    assert "普法宣传\t19次\t2000余人次" in lines
    assert any(ln.endswith("9次\t500人") for ln in lines)
    assert lines[-1] == "以上数据截至2023年12月31日。"


def test_max_pages(pdfs: dict[str, Path]) -> None:
    with pytest.raises(Unreadable) as err:
        read(pdfs["dash"], ReadOptions(max_pages=1))
    assert err.value.kind == "too_many_pages"


SCAN = ["2023年东关镇法治政府建设工作报告", "全镇组织普法宣传活动共19次，", "发放法律宣传资料5000余份。"]


@pytest.fixture(scope="module")
def scan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("scan") / "scan.pdf"
    image_pdf(SCAN, path)
    return path


@pytest.mark.parametrize("engine", ["rapidocr", "tesseract"])
def test_scanned_pdf_is_read_by_each_engine(scan: Path, engine: str) -> None:
    doc = read(scan, ReadOptions(ocr_engine=engine))
    assert doc.ocr is True
    assert doc.pages == 1
    assert "普法宣传活动共19次" in doc.text and "发放法律宣传资料5000余份。" in doc.text
    if engine == "rapidocr":  # tesseract reads 东天镇 on this 150-dpi scan
        assert doc.text.startswith("2023年东关镇法治政府建设工作报告")


def test_rapidocr_is_the_engine_and_tesseract_the_fallback(scan: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from extractors.readers import ocr_rapid

    assert ocr.rapidocr_ready("auto") and not ocr.rapidocr_ready("tesseract")
    monkeypatch.setitem(sys.modules, "rapidocr_onnxruntime", None)  # as where onnxruntime or OpenCV cannot load
    ocr_rapid.rapidocr_importable.cache_clear()
    try:
        assert ocr_rapid.rapidocr_importable() is not None
        assert not ocr.rapidocr_ready("auto") and ocr.ocr_ready("auto")
        doc = read(scan)  # read by tesseract
    finally:
        ocr_rapid.rapidocr_importable.cache_clear()
    assert doc.ocr is True and "5000余份" in doc.text
    with pytest.raises(Unreadable) as err:  # RapidOCR asked for by name and not there: said, not swapped
        monkeypatch.setitem(sys.modules, "rapidocr_onnxruntime", None)
        try:
            read(scan, ReadOptions(ocr_engine="rapidocr"))
        finally:
            ocr_rapid.rapidocr_importable.cache_clear()
    assert err.value.kind == "ocr_unavailable"


def test_rapidocr_boxes_become_lines() -> None:
    """Boxes on one row are one line; a wide blank between them is a column (tab); coordinates in points."""
    from extractors.readers import ocr_rapid

    def box(x0: float, x1: float, y0: float, y1: float) -> list[list[float]]:
        return [[x0, y0], [x1, y0], [x1, y1], [x0, y1]]

    found = [
        (box(100, 400, 100, 140), "普法宣传", 0.99),
        (box(700, 800, 102, 141), "19次", 0.98),
        (box(100, 900, 200, 240), "发放法律宣传资料5干余份，“好差评“满意", 0.97),
        (box(1000, 1040, 203, 238), "丶", 0.6),
    ]
    lines = ocr_rapid.lines(found, scale=2.0)
    assert [ln.text for ln in lines] == ["普法宣传\t19次", "发放法律宣传资料5千余份，“好差评”满意、"]
    assert (lines[0].left, lines[0].right, lines[0].top) == (50, 400, 50)
    assert 20 < lines[0].em < 23


def test_scanned_pdf_without_ocr_is_refused(scan: Path) -> None:
    with pytest.raises(Unreadable) as err:
        read(scan, ReadOptions(ocr=False))
    assert err.value.kind == "scanned"
    assert "扫描版" in err.value.reason


def test_scanned_pdf_without_tesseract_says_how_to_install(scan: Path, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # a machine where tesseract is not installed (and RapidOCR not used)
    ocr.tesseract_ready.cache_clear()
    try:
        with pytest.raises(Unreadable) as err:
            read(scan, ReadOptions(ocr_engine="tesseract"))
    finally:
        ocr.tesseract_ready.cache_clear()  # recomputed once PATH is restored
    assert err.value.kind == "ocr_unavailable"
    assert "apt-get install tesseract-ocr tesseract-ocr-chi-sim" in err.value.reason


def test_ocr_misread_of_thousand_fixed() -> None:
    fixed = ocr_text.fix_misreads("发放资料5干余份，两干人次，干余册，若干意见")
    assert fixed == "发放资料5千余份，两千人次，千余册，若干意见"
    fixed = ocr_text.fix_misreads('“好差评"非常满意，“第一议题"全年沙实，法冶讲座')
    assert fixed == "“好差评”非常满意，“第一议题”全年落实，法治讲座"
    # RapidOCR: 丶 for 、, ° and · for 。 after a character (a · inside quotes or between digits stays)
    fixed = ocr_text.fix_misreads("宣传丶培训°开展“法治讲堂·逢九必讲”活动·12·4宪法日")
    assert fixed == "宣传、培训。开展“法治讲堂·逢九必讲”活动。12·4宪法日"


HELVETICA = b"<< /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >>"


def _hand_pdf(content: bytes, path: Path, title: bytes = b"") -> None:

    stream = b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content)
    info = [b"<< /Title (%s) >>" % title] if title else []
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources %s /Contents 4 0 R >>" % HELVETICA,
               stream, *info]
    path.write_bytes(hand_pdf(objects, b"/Info 5 0 R" if title else b""))


def test_glyphs_ordered_by_position_not_drawing_order(tmp_path: Path) -> None:
    path = tmp_path / "order.pdf"
    _hand_pdf(b"BT /F1 12 Tf 120 700 Td (world) Tj ET BT /F1 12 Tf 72 700 Td (hello) Tj ET", path)
    assert read(path).text == "hello world"


def test_simulated_bold_read_once(tmp_path: Path) -> None:
    path = tmp_path / "bold.pdf"
    _hand_pdf(b"BT /F1 12 Tf 72 700 Td (Bold 2023 all) Tj ET BT /F1 12 Tf 72.3 700 Td (Bold 2023 all) Tj ET", path)
    assert read(path).text == "Bold 2023 all"


def test_title_from_metadata(tmp_path: Path) -> None:
    path = tmp_path / "titled.pdf"
    _hand_pdf(b"BT /F1 12 Tf 72 700 Td (report) Tj ET", path, title=b"Annual report 2023")
    assert read(path).title_hint == "Annual report 2023"


def test_font_without_usable_unicode_counts_as_scanned(tmp_path: Path) -> None:
    """Every glyph maps to the private-use area (a broken ToUnicode map): the text layer is unusable."""

    cmap = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Broken def "
            b"1 begincodespacerange <00> <FF> endcodespacerange 1 beginbfrange <00> <FF> <E000> endbfrange "
            b"endcmap CMapName currentdict /CMap defineresource pop end end")
    content = b"BT /F1 24 Tf 72 700 Td (Report 2023 with 5000 copies) Tj ET"
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> "
               b"/Contents 4 0 R >>",
               b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>",
               b"<< /Length %d >>\nstream\n%s\nendstream" % (len(cmap), cmap)]
    path = tmp_path / "pua.pdf"
    path.write_bytes(hand_pdf(objects))
    with pytest.raises(Unreadable) as err:
        read(path, ReadOptions(ocr=False))
    assert err.value.kind == "scanned"
    doc = read(path)  # with OCR the rendered glyphs are read instead
    assert doc.ocr is True
    assert "2023" in doc.text


SAMPLE_PDF = Path(__file__).resolve().parents[3] / "samples" / "county" / "reports" / "baisha-2022.pdf"


@pytest.mark.parametrize("turns", [1, 2, 3])
@pytest.mark.parametrize("shown_upright", [True, False], ids=["rotate", "sideways"])
def test_turned_pages_read_upright_in_reading_order(tmp_path: Path, turns: int, shown_upright: bool) -> None:
    """A landscape annex drawn turned on a portrait sheet, shown upright by /Rotate or left sideways."""
    path = tmp_path / "turned.pdf"
    turned_pdf(SAMPLE_PDF, path, turns, shown_upright=shown_upright)
    upright = read(SAMPLE_PDF)
    doc = read(path)
    assert doc.text == upright.text
    assert doc.page_starts == upright.page_starts
    assert doc.warnings == ()


def _pasted(tmp_path: Path, source: str, pasted: str, quarter_turns: float, scale: float, page: int) -> Path:
    from tests.support.shapes import with_pasted_page

    path = tmp_path / "pasted.pdf"
    with_pasted_page(source, pasted, quarter_turns, scale, page)(path)
    return path


def test_slanted_watermark_left_out_without_warning(tmp_path: Path) -> None:
    doc = read(_pasted(tmp_path, "baisha-2022.pdf", "yunwu-2022.pdf", 0.5, 0.6, 0))  # drawn across it at 45°
    assert doc.text == read(SAMPLE_PDF).text
    assert doc.warnings == ()


def test_sideways_block_on_an_upright_page_is_reported(tmp_path: Path) -> None:
    # the last page of another report pasted sideways into the margin: not placed, and not silent
    doc = read(_pasted(tmp_path, "liuhe-2023.pdf", "baisha-2022.pdf", 1.0, 0.35, 2))
    assert "白沙" not in doc.text
    [warning] = doc.warnings
    assert (warning.kind, warning.page) == ("text_unread", 1)
    assert warning.message.startswith("第1页的文字未能全部读取（约 ")


def test_scanned_page_in_a_text_pdf_without_ocr_is_reported_not_skipped(tmp_path: Path) -> None:
    from tests.support.shapes import with_scanned_page

    path = tmp_path / "scanned-page.pdf"
    with_scanned_page("baisha-2022.pdf", ["全年开展法治讲座26场。"])(path)
    doc = read(path, ReadOptions(ocr=False))
    assert doc.pages == 4 and doc.ocr is False
    assert [(w.kind, w.page) for w in doc.warnings] == [("page_unread", 2)]
    assert "第2页是扫描图片（没有文字层），当前设置未启用文字识别（OCR）" in doc.warnings[0].message
    assert "白沙镇2022年度法治政府建设情况报告" in doc.text


def test_rapidocr_keeps_onnxruntime_from_reporting_to_microsoft(tmp_path: Path) -> None:
    """onnxruntime's telemetry keeps a device id and an event store under ~/.cache/Microsoft and uploads them;
    reading a scanned report must create neither (nothing leaves the office's machine)."""
    import json
    import os
    import subprocess

    from tests.conftest import SAMPLE

    env = {k: v for k, v in os.environ.items() if not k.startswith("ORT_")}
    env.update(HOME=str(tmp_path), TOWNSHIP_ROLLUP_OCR_ENGINE="rapidocr")
    cli = Path(sys.executable).with_name("township-rollup")
    done = subprocess.run([str(cli), "extract", str(SAMPLE / "reports" / "qinglong-2023.pdf"), "--format", "jsonl"],
                          capture_output=True, text=True, env=env, timeout=600)
    result = json.loads(done.stdout.splitlines()[0])
    assert result["status"] == "ok" and result["document"]["ocr"] is True, done.stderr
    assert not (tmp_path / ".cache" / "Microsoft").exists()
