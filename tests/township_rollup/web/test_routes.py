"""The workbench's routes through FastAPI's TestClient, on a real DuckDB file: every refusal says why in Chinese
and leaves the database as it was; every value is escaped; no page keeps the file open."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from io import BytesIO
from pathlib import Path

import pytest
import yaml
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from core.catalog import load_catalog
from core.registry import Registry, Township
from tests.conftest import REPO
from tests.support.warehouse_batches import batch, dongguan_2022, dongguan_2023, rejected, report, run, stat
from township_rollup.web.app import create_app
from township_rollup.web.guard import CSRF_COOKIE
from township_rollup.web.settings import WebSettings
from warehouse.db import connect
from warehouse.load import load_batch

SCRIPT_TOWNSHIP = "<script>alert(1)</script>镇"
BASE = "http://127.0.0.1:8750"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "county.duckdb"
    hostile = report("x.docx", SCRIPT_TOWNSHIP, 2023,
                     [stat("publicity_events", 5, "次", '<img src=x onerror="alert(2)">5次')])
    registry = Registry(county="和平县", townships=(Township(SCRIPT_TOWNSHIP), Township("东关镇"), Township("南山乡")))
    load_batch(path, batch(hostile, dongguan_2022(), dongguan_2023(), rejected("坏.pdf")), registry, load_catalog(),
               run("W1"))
    return path


@pytest.fixture
def county(tmp_path: Path) -> Path:
    path = tmp_path / "county.yaml"
    path.write_text(yaml.safe_dump({"county": "和平县", "townships": [
        {"name": SCRIPT_TOWNSHIP}, {"name": "东关镇", "aliases": ["东关"]}, {"name": "南山乡"}]},
        allow_unicode=True), encoding="utf-8")
    return path


def client_for(settings: WebSettings) -> TestClient:
    return TestClient(create_app(settings), base_url=BASE, follow_redirects=False)


@pytest.fixture
def client(db: Path, county: Path, tmp_path: Path) -> TestClient:
    return client_for(WebSettings(db=db, county=county, uploads=tmp_path / "uploads", read_wait_seconds=0.5))


def csrf(client: TestClient) -> str:
    client.get("/reports")
    return client.cookies[CSRF_COOKIE]


def test_every_page_escapes_a_script_in_a_township_name(client: TestClient) -> None:
    pages = ["/compare?year=2023", f"/township?name={SCRIPT_TOWNSHIP}", "/quality", "/reports",
             f"/cell?year=2023&township={SCRIPT_TOWNSHIP}&indicator=publicity_events"]
    for url in pages:
        page = client.get(url)
        assert page.status_code == 200, url
        html = page.text
        assert "<script>alert" not in html and "<img src=x" not in html, url
        assert "script-src 'self'" in page.headers["content-security-policy"]
    compare = client.get("/compare?year=2023").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;镇" in compare
    assert "南山乡" in compare and "未报送" in compare
    cell = client.get("/cell", params={"year": 2023, "township": SCRIPT_TOWNSHIP, "indicator": "publicity_events"})
    assert "&lt;img src=x onerror=&#34;alert(2)&#34;&gt;" in cell.text
    # the only scripts a page loads are the workbench's own
    assert compare.count("<script") == 1 and '<script src="/static/app.js"' in compare


def test_every_page_has_a_plain_title(client: TestClient) -> None:
    """The browser's tab and history show the <title>: words, never a piece of the page's markup."""
    import re

    for url in ("/compare?year=2023", "/quality", "/reports", "/review?year=2023", "/township?name=东关镇",
                "/cell?year=2023&township=东关镇&indicator=publicity_events"):
        title = re.search(r"<title>(.*?)</title>", client.get(url).text, re.S)
        assert title and "<" not in title.group(1) and "\n" not in title.group(1).strip(), (url, title)


def test_no_page_keeps_the_database_open(client: TestClient, db: Path) -> None:
    for url in ("/compare?year=2023", "/quality", "/township?name=东关镇", "/reports",
                "/compare/export?year=2023&format=xlsx"):
        assert client.get(url).status_code == 200, url
        # DuckDB refuses a write connection in this process while any read-only one is open
        connect(db, read_only=False, wait_seconds=0).close()


def test_downloads_are_the_comparison_exports(client: TestClient) -> None:
    xlsx = client.get("/compare/export", params={"year": 2023, "format": "xlsx"})
    assert xlsx.status_code == 200
    assert "filename*=UTF-8''" in xlsx.headers["content-disposition"]
    sheet = load_workbook(BytesIO(xlsx.content)).worksheets[0]  # the first section's sheet, under its title block
    assert sheet.cell(row=3, column=1).value == "乡镇/街道"
    assert [sheet.cell(row=r, column=1).value for r in range(5, 8)] == [SCRIPT_TOWNSHIP, "东关镇", "南山乡"]
    csv = client.get("/compare/export", params={"year": 2023, "format": "csv"})
    assert csv.content.startswith("\ufeff".encode()) and "东关镇" in csv.content.decode("utf-8-sig")
    bad = client.get("/compare/export", params={"year": 2023, "format": "exe"})
    assert bad.status_code == 400 and "可下载的格式只有" in bad.text


def test_a_bad_upload_is_refused_with_its_reason_and_nothing_is_kept(client: TestClient, tmp_path: Path) -> None:
    token = csrf(client)
    program = client.post("/reports/upload", data={"csrf_token": token},
                          files=[("files", ("setup.exe", b"MZ\x90\x00 a program", "application/octet-stream"))])
    assert program.status_code == 400
    assert "setup.exe：不是报告文件" in program.text and "数据库没有任何改动" in program.text
    traversal = client.post("/reports/upload", data={"csrf_token": token},
                            files=[("files", ("../../etc/passwd", b"root:x:0:0", "text/plain"))])
    assert traversal.status_code == 400 and "passwd：不是报告文件" in traversal.text
    empty = client.post("/reports/upload", data={"csrf_token": token},
                        files=[("files", ("东关镇2024.docx", b"", "application/octet-stream"))])
    assert empty.status_code == 400 and "文件是空的" in empty.text
    nothing = client.post("/reports/upload", data={"csrf_token": token})
    assert nothing.status_code == 400 and "没有选择文件" in nothing.text
    uploads = tmp_path / "uploads"
    assert not uploads.exists() or not any(p.is_file() for p in uploads.rglob("*"))
    assert client.app.state.bench.runner.state is None  # no ingestion started


def test_a_form_from_elsewhere_is_refused(client: TestClient, tmp_path: Path) -> None:
    report_file = [("files", ("东关镇2024.docx", b"PK\x03\x04 not really", "application/octet-stream"))]
    no_token = client.post("/reports/upload", files=report_file)
    assert no_token.status_code == 403 and "页面已过期" in no_token.text
    token = csrf(client)
    cross = client.post("/reports/upload", data={"csrf_token": token}, files=report_file,
                        headers={"Origin": "http://evil.example"})
    assert cross.status_code == 403 and "来自其他网站" in cross.text
    assert client.app.state.bench.runner.state is None
    assert not (tmp_path / "uploads").exists() or not any(p.is_file() for p in (tmp_path / "uploads").rglob("*"))


def test_an_upload_too_large_is_refused_before_it_is_read(client: TestClient) -> None:
    token = csrf(client)
    limit = client.app.state.bench.settings.max_request_bytes
    big = client.post("/reports/upload", content=b"x", headers={
        "content-length": str(limit + 1), "content-type": "multipart/form-data; boundary=x", "x-csrf-token": token})
    assert big.status_code == 413 and "上传的文件太大" in big.text


def test_one_file_over_the_per_file_limit(db: Path, county: Path, tmp_path: Path) -> None:
    small = client_for(WebSettings(db=db, county=county, uploads=tmp_path / "uploads", max_upload_mb=0.001))
    token = csrf(small)
    page = small.post("/reports/upload", data={"csrf_token": token},
                      files=[("files", ("东关镇2024.pdf", b"%PDF-1.4 " + b"0" * 5000, "application/pdf"))])
    assert page.status_code == 400 and "文件过大" in page.text


def test_folder_ingestion_needs_a_configured_folder(client: TestClient) -> None:
    page = client.post("/reports/folder", data={"csrf_token": csrf(client)})
    assert page.status_code == 400 and "没有配置报告文件夹" in page.text


HOLDER = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1])
con.execute("BEGIN TRANSACTION")
con.execute("SELECT count(*) FROM documents").fetchall()
print("holding", flush=True)
time.sleep(float(sys.argv[2]))
"""


def test_a_page_met_by_a_running_load_says_so_and_retries(client: TestClient, db: Path) -> None:
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(db), "30"], stdout=subprocess.PIPE, text=True,
                              cwd=REPO, env=dict(os.environ, PYTHONPATH=str(REPO)))
    try:
        assert holder.stdout and holder.stdout.readline().strip() == "holding"
        page = client.get("/compare?year=2023")
        assert page.status_code == 503 and page.headers["retry-after"] == "3"
        assert "数据库正在导入数据" in page.text and '<meta http-equiv="refresh" content="3">' in page.text
        assert str(holder.pid) in page.text
        export = client.get("/compare/export?year=2023&format=xlsx")
        assert export.status_code == 503
    finally:
        holder.kill()
        holder.wait()
    time.sleep(0.2)
    assert client.get("/compare?year=2023").status_code == 200


def test_off_loopback_every_request_needs_the_token(db: Path, county: Path) -> None:
    open_to_lan = client_for(WebSettings(db=db, county=county, host="0.0.0.0", token="s3cret-token"))
    for url in ("/", "/compare?year=2023", "/static/app.css", "/doc/" + "0" * 64 + "/page/1.png"):
        refused = open_to_lan.get(url)
        assert refused.status_code == 403, url
        assert "需要访问令牌" in refused.text
    assert open_to_lan.get("/compare?year=2023&token=wrong").status_code == 403
    first = open_to_lan.get("/compare?year=2023&token=s3cret-token")
    assert first.status_code == 303 and first.headers["location"] == "/compare?year=2023"
    assert open_to_lan.get("/compare?year=2023").status_code == 200  # the cookie carries it from now on
    bearer = client_for(WebSettings(db=db, county=county, host="0.0.0.0", token="s3cret-token"))
    assert bearer.get("/quality", headers={"Authorization": "Bearer s3cret-token"}).status_code == 200


def test_on_loopback_only_loopback_names_are_served(client: TestClient) -> None:
    rebound = client.get("/compare?year=2023", headers={"Host": "evil.example:8750"})
    assert rebound.status_code == 400 and "127.0.0.1" in rebound.text
    assert client.get("/compare?year=2023", headers={"Host": "localhost:8750"}).status_code == 200


def test_wrong_addresses_get_chinese_pages(client: TestClient) -> None:
    assert "没有这个乡镇" in client.get("/township?name=不存在镇").text
    assert client.get("/cell?year=abc&township=东关镇&indicator=x").status_code == 400
    missing = client.get("/no/such/page")
    assert missing.status_code == 404 and "没有这个页面" in missing.text
    assert client.get("/doc/../../etc/passwd/page/1.png").status_code == 404
    assert client.get("/doc/" + "a" * 64 + "/page/1.png").status_code == 404
    empty_cell = client.get("/cell?year=2023&township=东关镇&indicator=legal_advisers")
    assert empty_cell.status_code == 200 and "没有找到" in empty_cell.text
    # nothing to confirm as it stands: the clerk is told what to do, and where the report is to look in it
    assert "请填写数字并点“补录”" in empty_cell.text
    assert "原文件：<code>/reports/东关镇2023.docx</code>" in empty_cell.text


def test_without_a_database_the_workbench_starts_at_reports_in(tmp_path: Path) -> None:
    fresh = client_for(WebSettings(db=tmp_path / "new.duckdb"))
    assert fresh.get("/").headers["location"] == "/reports"
    assert fresh.get("/reports").status_code == 200
    none = fresh.get("/compare")
    assert none.status_code == 404 and "还没有数据库" in none.text
    assert not (tmp_path / "new.duckdb").exists()  # a page never creates the file


def test_a_warehouse_from_an_older_release_is_brought_up_to_date_at_start(db: Path, county: Path) -> None:
    con = connect(db, wait_seconds=5)
    con.execute("DROP VIEW v_document_history")  # as if written before this release's views
    con.close()
    unstarted = client_for(WebSettings(db=db, county=county))
    page = unstarted.get("/township?name=东关镇")  # without the startup: the view is missing
    assert page.status_code == 500 and "数据库无法读取" in page.text and "请联系技术人员" in page.text
    with client_for(WebSettings(db=db, county=county)) as started:  # the context runs the app's startup
        assert started.get("/township?name=东关镇").status_code == 200


def test_reader_warnings_show_on_the_township_and_data_quality_pages(tmp_path: Path, county: Path) -> None:
    import dataclasses

    from core.records import ReadWarning

    db = tmp_path / "warned.duckdb"
    partly = dataclasses.replace(dongguan_2023(), warnings=(
        ReadWarning("text_unread", "第2页的文字未能全部读取（约 40 个字，12%），请核对原件", 2),))
    load_batch(db, batch(partly), Registry(county="和平县", townships=(Township("东关镇"),)), load_catalog(), run("R1"))
    client = client_for(WebSettings(db=db, county=county))
    quality = client.get("/quality").text.split('id="unread"')[1].split("</section>")[0]
    assert "东关镇2023.docx" in quality and "第2页的文字未能全部读取" in quality
    township = client.get("/township?name=东关镇").text
    assert 'id="unread"' in township and "请核对原件" in township
    assert '<a href="/compare?year=2023">2023年对比表</a> › 东关镇' in township  # the way back
    notes = client.get("/compare?year=2023").text.split('id="notes"')[1].split("</section>")[0]
    assert "有 1 处内容未能读取（见“数据质量”页）" in notes  # where the workbench shows them, not the GX report

def _cell_form(client: TestClient, **fields: str) -> dict[str, str]:
    page = client.get("/cell", params={"year": 2023, "township": "东关镇", "indicator": "publicity_events"})
    state = page.text.split('name="state" value="')[1].split('"')[0]
    return {"csrf_token": client.cookies[CSRF_COOKIE], "year": "2023", "township": "东关镇",
            "indicator": "publicity_events", "state": state, "who": "李文书", "back": "cell", **fields}


def _corrections(db: Path) -> int:
    con = connect(db, read_only=True, wait_seconds=5)
    try:
        return con.execute("SELECT count(*) FROM corrections").fetchone()[0]
    finally:
        con.close()


def test_a_correction_that_fails_validation_changes_nothing(client: TestClient, db: Path) -> None:
    refusals = [
        ({"action": "correct", "value": "-5", "reason": "笔误"}, 400, "没有保存：数字未通过校验"),
        ({"action": "correct", "value": "很多", "reason": "笔误"}, 400, "“很多”不是一个数字"),
        ({"action": "correct", "value": "25"}, 400, "请填写原因"),
        ({"action": "remove", "reason": "x", "who": ""}, 400, "请填写审核人"),
        ({"action": "add", "value": "25", "reason": "补"}, 400, "请用“更正”"),
        ({"action": "confirm", "state": "0000000000000000"}, 409, "这个数字已经变化"),
        ({"action": "drop-table"}, 400, "无法识别的操作"),
    ]
    for fields, status, words in refusals:
        page = client.post("/cell/decide", data=_cell_form(client, **fields))
        assert page.status_code == status, (fields, page.text[-800:])
        assert words in page.text and "数据库没有任何改动" in page.text, fields
    assert _corrections(db) == 0
    no_token = client.post("/cell/decide", data={k: v for k, v in _cell_form(client, action="confirm").items()
                                                  if k != "csrf_token"})
    assert no_token.status_code == 403 and _corrections(db) == 0


def test_a_correction_is_recorded_shown_and_audited(client: TestClient, db: Path) -> None:
    done = client.post("/cell/decide", data=_cell_form(client, action="correct", value="25", unit="次",
                                                       qualifier="exact", reason="报告第2页写的是25次"))
    assert done.status_code == 303 and "done=correct" in done.headers["location"]
    assert 'value="李文书"' in client.get("/cell?year=2023&township=东关镇&indicator=legal_advisers").text  # remembered
    cell = client.get(done.headers["location"])
    assert "已更正" in cell.text and "原提取值 20次" in cell.text and "李文书" in cell.text
    assert _corrections(db) == 1
    audit = client.get("/quality").text.split('id="audit"')[1]
    assert "李文书" in audit and "报告第2页写的是25次" in audit and "25次" in audit
    compare = client.get("/compare?year=2023").text
    assert "review-corrected" in compare
