"""The workbench as a clerk uses it: the real server (`township-rollup serve`) in headless Chromium, driven by
Selenium through Debian's chromium-driver. One server and one browser for the module; each page's screenshot is
kept (the folder is printed at the end of the run; WORKBENCH_SCREENSHOTS chooses it)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

from tests.township_rollup.web.conftest import SCREENSHOT_FOLDERS

CHROMIUM, DRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
CLI = str(Path(sys.executable).with_name("township-rollup"))
PDF_REPORT, DOCX_REPORT = "nanmen-2024.pdf", "qinglong-2024.docx"

pytestmark = pytest.mark.skipif(not Path(DRIVER).exists(), reason="chromium-driver is installed by scripts/setup")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Workbench:
    def __init__(self, url: str, driver: WebDriver, shots: Path, downloads: Path, db: Path) -> None:
        self.url, self.driver, self.shots, self.downloads, self.db = url, driver, shots, downloads, db

    def open(self, path: str) -> None:
        self.driver.get(self.url + path)

    def shot(self, name: str) -> Path:
        path = self.shots / f"{name}.png"
        self.driver.save_screenshot(str(path))
        return path

    def wait(self, seconds: float = 20) -> WebDriverWait:
        return WebDriverWait(self.driver, seconds)


@pytest.fixture(scope="module")
def bench(tmp_path_factory: pytest.TempPathFactory, sample_county: Path) -> Iterator[Workbench]:
    home = tmp_path_factory.mktemp("workbench")
    shots = Path(os.environ.get("WORKBENCH_SCREENSHOTS") or tempfile.mkdtemp(prefix="workbench-screenshots-"))
    shots.mkdir(parents=True, exist_ok=True)
    SCREENSHOT_FOLDERS.append(str(shots))
    port = _free_port()
    db = home / "county.duckdb"
    # as an office starts it: `init` once, then `serve` with no options in the configuration's folder
    url = f"http://127.0.0.1:{port}"
    subprocess.run([CLI, "init", "--county", str(sample_county / "county.yaml"), "--reports", "reports", "--db",
                    db.name, "--exports", "exports", "--prefect-server", "none", "--workbench", url],
                   cwd=home, check=True, capture_output=True)
    server = subprocess.Popen([CLI, "serve"], cwd=home, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(url + "/reports", timeout=2).close()
            break
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                said = server.stdout.read() if server.stdout else ""
                raise AssertionError(f"the workbench did not start: {said}") from None
            time.sleep(0.3)
    downloads = home / "downloads"
    downloads.mkdir()
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 f"--user-data-dir={home / 'profile'}", "--window-size=1366,768", "--lang=zh-CN"):
        options.add_argument(flag)
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                              "download.prompt_for_download": False})
    driver = webdriver.Chrome(options=options, service=Service(DRIVER))
    # a viewport of 1366x768, as on an office laptop (the window's size includes its frame)
    frame = driver.execute_script("return [outerWidth - innerWidth, outerHeight - innerHeight]")
    driver.set_window_size(1366 + frame[0], 768 + frame[1])
    try:
        yield Workbench(url, driver, shots, downloads, db)
    finally:
        driver.quit()
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        shutil.rmtree(home / "profile", ignore_errors=True)


def test_upload_two_reports_and_read_every_outcome(bench: Workbench, sample_county: Path) -> None:
    d = bench.driver
    bench.open("/")
    assert d.current_url.endswith("/reports")  # no database yet: the workbench starts where the reports go in
    bench.shot("1-reports-in-empty")
    picker = d.find_element(By.ID, "files")
    picker.send_keys("\n".join(str(sample_county / "reports" / name) for name in (PDF_REPORT, DOCX_REPORT)))
    assert "已选择 2 个文件" in d.find_element(By.ID, "chosen").text
    d.find_element(By.ID, "upload").click()
    bench.wait(10).until(ec.presence_of_element_located((By.ID, "job")))
    bench.shot("2-reports-in-running")
    phase = "return document.getElementById('job')?.dataset.phase"  # one call: the page reloads itself meanwhile
    bench.wait(240).until(lambda drv: drv.execute_script(phase) in ("done", "failed"))
    job = d.find_element(By.ID, "job")
    assert job.get_attribute("data-phase") == "done", job.text
    rows = d.find_elements(By.CSS_SELECTOR, "#outcomes tbody tr")
    outcomes = {r.find_element(By.CSS_SELECTOR, "td.file").text: r.find_element(By.CSS_SELECTOR, "td.outcome").text
                for r in rows}
    assert outcomes == {PDF_REPORT: "已导入", DOCX_REPORT: "已导入"}
    assert {r.find_elements(By.TAG_NAME, "td")[2].text for r in rows} == {"南门街道", "青龙镇"}
    bench.shot("3-reports-in-outcomes")


def test_comparison_cell_quote_and_page_image(bench: Workbench) -> None:
    d = bench.driver
    bench.open("/compare")
    table = bench.wait().until(ec.presence_of_element_located((By.ID, "comparison")))
    assert "2024年法治政府建设年度报告指标对比" in d.find_element(By.TAG_NAME, "h1").text
    names = [th.text for th in table.find_elements(By.CSS_SELECTOR, "tbody th")]
    assert "南门街道" in names and "青龙镇" in names and "云雾乡" in names  # the registry's townships, all of them
    bench.shot("4-comparison")
    # sorting by a column puts the larger value first on the second click
    header = table.find_element(By.CSS_SELECTOR, "thead th[data-code='publicity_audience']")
    header.click()
    header.click()
    order = [th.text for th in table.find_elements(By.CSS_SELECTOR, "tbody tr th")]
    assert order[:2] == ["青龙镇", "南门街道"] and header.get_attribute("aria-sort") == "descending"  # 9486, 7000+
    row = next(r for r in table.find_elements(By.CSS_SELECTOR, "tbody tr") if r.find_element(By.TAG_NAME, "th").text
               == "南门街道")
    columns = [th.get_attribute("data-code") for th in table.find_elements(By.CSS_SELECTOR, "thead th")]
    cell = row.find_elements(By.CSS_SELECTOR, "td")[columns.index("publicity_audience") - 1]
    assert cell.text == "7000+"
    cell.find_element(By.TAG_NAME, "a").click()
    quote = bench.wait().until(ec.presence_of_element_located((By.CSS_SELECTOR, "article.headline blockquote")))
    assert quote.find_element(By.TAG_NAME, "mark").text == "7000人次以上"
    assert "本年度覆盖群众" in quote.text
    assert "第 1 页" in d.find_element(By.CSS_SELECTOR, "article.headline .where").text
    image = d.find_element(By.CSS_SELECTOR, "article.headline .page-image img")
    bench.wait().until(lambda drv: drv.execute_script("return arguments[0].complete && arguments[0].naturalWidth",
                                                      image))
    assert d.execute_script("return arguments[0].naturalWidth", image) == 900
    boxes = d.find_elements(By.CSS_SELECTOR, "article.headline svg.boxes rect")
    assert boxes, "the number's box is drawn on the page"
    # the box sits where pdfium put the characters: around the middle of page 1, on the left or right margin
    assert all(0.3 < float(b.get_attribute("y")) / 1000 < 0.7 for b in boxes)
    bench.shot("5-cell-pdf")


def test_word_report_cell_shows_its_paragraph(bench: Workbench) -> None:
    bench.open("/cell?year=2024&township=青龙镇&indicator=publicity_events")
    quote = bench.wait().until(ec.presence_of_element_located((By.CSS_SELECTOR, "article.headline blockquote")))
    assert quote.find_element(By.TAG_NAME, "mark").text.startswith("76")
    assert len(quote.text) > len(quote.find_element(By.TAG_NAME, "mark").text) + 10  # the paragraph around it
    assert not bench.driver.find_elements(By.CSS_SELECTOR, ".page-image")  # a Word report has no page image
    bench.shot("6-cell-docx")


def test_xlsx_download_is_the_table(bench: Workbench) -> None:
    bench.open("/compare?year=2024")
    bench.driver.find_element(By.ID, "download-xlsx").click()
    deadline = time.monotonic() + 30
    while not (files := [p for p in bench.downloads.glob("*.xlsx")]) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert files, "the Excel file was downloaded"
    sheet = load_workbook(files[0])["普法宣传"]  # a sheet per section, headed like a statistical report
    header = [c.value for c in sheet[3]]
    rows = {sheet.cell(row=r, column=1).value: r for r in range(5, sheet.max_row + 1)}
    assert sheet.cell(row=rows["南门街道"], column=header.index("普法受众人次\n（人次）") + 1).value == 7000


def test_township_page(bench: Workbench) -> None:
    d = bench.driver
    bench.open("/compare?year=2024")
    d.find_element(By.LINK_TEXT, "南门街道").click()
    bench.wait().until(ec.presence_of_element_located((By.ID, "documents")))
    assert PDF_REPORT in d.find_element(By.ID, "documents").text and "现用" in d.find_element(By.ID, "documents").text
    assert len(d.find_elements(By.CSS_SELECTOR, "figure.chart svg rect.bar")) >= 20
    bench.shot("7-township")


def _xlsx_value(bench: Workbench, township: str, section: str, header_text: str) -> object:
    """A township's value in the downloaded workbook: a sheet per section, header row 3 under the title block."""
    for old in bench.downloads.glob("*"):
        old.unlink()
    bench.open("/compare?year=2024")
    bench.driver.find_element(By.ID, "download-xlsx").click()
    deadline = time.monotonic() + 30
    while not (files := list(bench.downloads.glob("*.xlsx"))) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert files, "the Excel file was downloaded"
    sheet = load_workbook(files[0])[section]
    header = [c.value for c in sheet[3]]
    rows = {sheet.cell(row=r, column=1).value: r for r in range(5, sheet.max_row + 1)}
    return sheet.cell(row=rows[township], column=header.index(header_text) + 1).value


def test_correct_a_value_and_the_table_and_xlsx_change(bench: Workbench) -> None:
    d = bench.driver
    bench.open("/cell?year=2024&township=南门街道&indicator=publicity_audience")
    form = bench.wait().until(ec.presence_of_element_located((By.ID, "decide-form")))
    form.find_element(By.ID, "who").send_keys("王科员")
    form.find_element(By.ID, "value").send_keys("7200")
    form.find_element(By.ID, "reason").send_keys("与乡镇电话核实为7200人次")
    form.find_element(By.ID, "correct").click()
    bench.wait().until(ec.presence_of_element_located((By.ID, "done")))
    assert "已更正为 7200人次" in d.find_element(By.ID, "review-status").text
    bench.shot("9-cell-corrected")
    bench.open("/compare?year=2024")
    row = next(r for r in d.find_elements(By.CSS_SELECTOR, "#comparison tbody tr")
               if r.find_element(By.TAG_NAME, "th").text == "南门街道")
    columns = [th.get_attribute("data-code") for th in d.find_elements(By.CSS_SELECTOR, "#comparison thead th")]
    cell = row.find_elements(By.CSS_SELECTOR, "td")[columns.index("publicity_audience") - 1]
    assert cell.text == "7200(改)" and "review-corrected" in cell.get_attribute("class")  # the exports' mark
    assert _xlsx_value(bench, "南门街道", "普法宣传", "普法受众人次\n（人次）") == 7200


def test_confirm_a_doubtful_cell_and_the_queue_shrinks(bench: Workbench) -> None:
    d = bench.driver
    d.find_element(By.LINK_TEXT, "复核队列").click()
    left = int(bench.wait().until(ec.presence_of_element_located((By.ID, "left-count"))).text)
    assert left >= 1
    title = d.find_element(By.CSS_SELECTOR, "h2.cell-title").text
    assert d.find_elements(By.CSS_SELECTOR, "#review-status li"), "the queue says why the number is doubtful"
    bench.shot("10-review-queue")
    who = d.find_element(By.ID, "who")
    assert who.get_attribute("value") == "王科员"  # remembered from the last decision
    d.find_element(By.ID, "confirm").click()
    bench.wait().until(ec.presence_of_element_located((By.ID, "done")))
    if left == 1:
        assert d.find_elements(By.ID, "queue-empty")
    else:
        assert int(d.find_element(By.ID, "left-count").text) == left - 1
        assert d.find_element(By.CSS_SELECTOR, "h2.cell-title").text != title
    bench.shot("11-review-queue-after-confirm")
    d.find_element(By.LINK_TEXT, "数据质量").click()
    audit = bench.wait().until(ec.presence_of_element_located((By.ID, "audit"))).text
    assert "王科员" in audit and "确认" in audit and "更正" in audit
    bench.shot("8-data-quality")


def test_a_scanned_page_gets_its_box_from_ocr(bench: Workbench, tmp_path: Path) -> None:
    """Last: the scan replaces 南门街道's report. Its page has no text layer, so the box comes from OCR, which the
    page asks the server for once it is shown (a few seconds), then draws."""
    from tests.township_rollup.web.test_scanned import ORIGINAL, scan_first_page

    scan = tmp_path / "南门街道2024年工作总结（扫描件）.pdf"
    scan_first_page(ORIGINAL, scan)
    d = bench.driver
    bench.open("/reports")
    earlier = d.find_element(By.ID, "job")  # the first upload's outcome, shown until this one starts
    d.find_element(By.ID, "files").send_keys(str(scan))
    d.find_element(By.ID, "upload").click()
    bench.wait(20).until(ec.staleness_of(earlier))
    phase = "return document.getElementById('job')?.dataset.phase"
    bench.wait(240).until(lambda drv: drv.execute_script(phase) in ("done", "failed"))
    job = d.find_element(By.ID, "job")
    assert job.get_attribute("data-phase") == "done" and "上传的 1 个文件" in job.text, job.text
    assert d.find_element(By.CSS_SELECTOR, "#outcomes td.outcome").text == "替换了旧版本"
    bench.open("/cell?year=2024&township=南门街道&indicator=publicity_audience")
    holder = bench.wait().until(ec.presence_of_element_located((By.CSS_SELECTOR, "article.headline [data-boxes]")))
    bench.wait(120).until(lambda drv: holder.get_attribute("data-found"))
    assert holder.get_attribute("data-found") == "yes"
    boxes = holder.find_elements(By.CSS_SELECTOR, "svg.boxes rect")
    assert len(boxes) == 2 and all(0.4 < float(b.get_attribute("y")) / 1000 < 0.55 for b in boxes)
    assert "位置由文字识别得出" in d.find_element(By.CSS_SELECTOR, "article.headline summary").text
    bench.shot("12-cell-scanned-pdf")
