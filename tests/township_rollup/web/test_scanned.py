"""A number of a scanned PDF on the cell page: the page image with the number's box, found by the ingestion's OCR
(the page has no characters for pdfium to place). Checked against the text layer of the report it was scanned
from: the OCR box must sit where pdfium puts the same characters."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote

import pypdfium2 as pdfium
import pytest
from fastapi.testclient import TestClient

from pipeline import stages
from pipeline.stages import Settings
from tests.conftest import SAMPLE
from township_rollup.web import evidence
from township_rollup.web.app import create_app
from township_rollup.web.settings import WebSettings

ORIGINAL = SAMPLE / "reports" / "nanmen-2024.pdf"
QUOTE = "本年度覆盖群众7000人次以上"  # page 1, across a line break: two boxes


def scan_first_page(source: Path, target: Path) -> None:
    """Page 1 as a 200-dpi grey image in a PDF of the same page size: a scan, no text layer."""
    pdf = pdfium.PdfDocument(str(source))
    try:
        image = pdf[0].render(scale=200 / 72).to_pil().convert("L")
    finally:
        pdf.close()
    image.save(target, "PDF", resolution=200.0)


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    folder = tmp_path_factory.mktemp("scanned")
    scan_first_page(ORIGINAL, folder / "南门街道2024年法治政府建设工作总结（扫描）.pdf")
    db = folder / "county.duckdb"
    summary, _, _ = stages.ingest([folder], db, Settings(county=SAMPLE / "county.yaml", data_docs=False))
    assert summary.documents_loaded == 1
    return TestClient(create_app(WebSettings(db=db, county=SAMPLE / "county.yaml")),
                      base_url="http://127.0.0.1:8750")


def test_a_scanned_numbers_box_is_found_by_ocr_where_the_text_layer_has_it(client: TestClient) -> None:
    page = client.get("/cell", params={"year": 2024, "township": "南门街道", "indicator": "publicity_audience"})
    assert page.status_code == 200 and "扫描件" in page.text
    headline = page.text.split('class="mention headline"')[1].split("</article>")[0]
    assert "<rect" not in headline  # nothing to place without OCR: the browser asks for it once the page is shown
    url = unquote(headline.split('data-boxes="')[1].split('"')[0].replace("&amp;", "&"))
    assert url.startswith("/doc/") and "/page/1/boxes?" in url
    answer = client.get(url).json()
    found = [tuple(b) for b in answer["boxes"]]
    expected = evidence.number_boxes(ORIGINAL, 1, QUOTE, 7000)  # pdfium's character boxes on the original
    assert len(expected) == 2 and len(found) == 2, answer
    for (x, y, w, h), e in zip(found, expected, strict=True):
        assert abs(x - e.x) < 0.02 and abs(y - e.y) < 0.02, (found, expected)
        assert 0.7 < w / e.width < 1.5 and 0.6 < h / e.height < 2.0, (found, expected)


def test_asking_for_boxes_of_what_is_not_there(client: TestClient) -> None:
    url = client.get("/cell", params={"year": 2024, "township": "南门街道", "indicator": "publicity_audience"}).text
    sha = url.split("/doc/")[1].split("/")[0]
    elsewhere = client.get(f"/doc/{sha}/page/1/boxes", params={"quote": "全年没有这句话99999次", "value": 99999})
    assert elsewhere.status_code == 200 and elsewhere.json()["boxes"] == []
    assert client.get(f"/doc/{sha}/page/7/boxes", params={"quote": "x", "value": 1}).status_code == 404
    assert client.get("/doc/" + "0" * 64 + "/page/1/boxes", params={"quote": "x", "value": 1}).status_code == 404
    assert client.get(f"/doc/{sha}/page/1/boxes").status_code == 400  # no quote: the page's own links carry it


def test_a_number_not_found_links_the_reports_pages(client: TestClient) -> None:
    page = client.get("/cell", params={"year": 2024, "township": "南门街道", "indicator": "legal_advisers"}).text
    found = page.split('id="not-found"')[1].split("</section>")[0]
    assert found.count('/page/') == 1 and 'page/1.png" target="_blank"' in found  # the scan has one page
