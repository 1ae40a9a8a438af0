"""Converting a .doc or .wps with LibreOffice fetches nothing the file links to (extractors/readers/offline.py).

The test listens on a loopback address no real service uses (127.0.0.77, a free port) and counts every
connection made to it: the reports link there, and any connect() to it fails the test.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from extractors.readers.offline import neutralise, offline_prefix

CLI = str(Path(sys.executable).with_name("township-rollup"))


@pytest.fixture
def listener() -> Iterator[tuple[str, list[bytes]]]:
    """(base address, requests received): a loopback server that records whoever connects."""
    server = socket.socket()
    server.bind(("127.0.0.77", 0))
    server.listen(16)
    hits: list[bytes] = []

    def serve() -> None:
        while True:
            try:
                conn, _ = server.accept()
            except OSError:
                return
            hits.append(conn.recv(1024).split(b"\r\n")[0] or b"(connected)")
            conn.close()

    threading.Thread(target=serve, daemon=True).start()
    yield f"http://127.0.0.77:{server.getsockname()[1]}", hits
    server.close()


def _web_page(base: str) -> str:
    return (f'<html><head><meta charset="utf-8"><link rel="stylesheet" href="{base}/style.css">'
            f"<style>@import url({base}/import.css); body {{ background: url({base}/bg.png) }}</style>"
            f'<script src="{base}/x.js"></script></head><body><h1>2024年东关镇法治政府建设年度报告</h1>'
            f'<p>全年开展普法宣传活动12次。</p><img src="{base}/logo.png"><iframe src="{base}/f.html"></iframe>'
            f'<object data="{base}/o.swf"></object><a href="{base}/more.html">详见</a></body></html>')


def test_a_web_page_saved_as_doc_or_wps_is_read_and_nothing_it_links_to_is_fetched(
        tmp_path: Path, listener: tuple[str, list[bytes]]) -> None:
    base, hits = listener
    files = []
    for suffix in ("doc", "wps"):
        path = tmp_path / f"东关镇.{suffix}"
        path.write_text(_web_page(base), encoding="utf-8")
        files.append(str(path))
    done = subprocess.run([CLI, "extract", *files, "--format", "jsonl"], capture_output=True, text=True,
                          timeout=600, env={**os.environ})
    assert done.returncode == 0, done.stderr[-2000:]
    assert "普法宣传活动12次" in done.stdout
    assert hits == []


def test_neutralised_markup_and_rtf_name_no_address_to_load(listener: tuple[str, list[bytes]]) -> None:
    base, _ = listener
    page = neutralise(_web_page(base).encode("utf-8"), "html").decode("utf-8")
    assert base not in page.replace('href=""', "")
    assert "2024年东关镇法治政府建设年度报告" in page and "全年开展普法宣传活动12次。" in page and "详见" in page
    rtf = ('{\\rtf1{\\field{\\*\\fldinst INCLUDEPICTURE "' + base + '/p.png" \\\\d}{\\fldrslt }}'
           "2024\\par}").encode("ascii")
    safe = neutralise(rtf, "rtf")
    assert len(safe) == len(rtf) and b"http:" not in safe and b"INCLUDEPICTURE" in safe


def test_the_converter_runs_where_no_outside_address_exists(listener: tuple[str, list[bytes]]) -> None:
    prefix = offline_prefix()
    if not prefix:
        pytest.skip("this system allows no network namespace: the neutralised file is the only layer here")
    base, hits = listener
    port = int(base.rsplit(":", 1)[1])
    probe = f"import socket; socket.create_connection(('127.0.0.77', {port}), timeout=5)"
    done = subprocess.run([*prefix, sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert done.returncode != 0 and "Error" in done.stderr
    assert hits == []


def test_neutralised_page_keeps_its_charset_and_loses_its_refresh() -> None:
    """A GB2312 web page saved as .wps names its charset in a meta http-equiv: without it LibreOffice reads
    the Chinese as mojibake. A meta refresh loads an address and goes."""
    page = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
            '<meta http-equiv="refresh" content="0; url=http://127.0.0.77:9/">'
            "</head><body><p>开展普法宣传活动19次</p></body></html>").encode("gb2312")
    out = neutralise(page, "html")
    assert b"charset=gb2312" in out
    assert b"refresh" not in out and b"127.0.0.77" not in out
    assert "开展普法宣传活动19次".encode("gb2312") in out
