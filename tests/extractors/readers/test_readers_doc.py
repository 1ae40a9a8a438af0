"""Old Word .doc (and .wps) files, converted by LibreOffice."""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
import pytest

from extractors.readers.base import ReadOptions, Unreadable
from tests.support.readers_files import body_paragraph, heading_paragraph, read, soffice_convert


@pytest.fixture(scope="module")
def doc_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    src = tmp_path_factory.mktemp("doc-src") / "report.docx"
    d = docx.Document()
    heading_paragraph(d, "一、总体情况")
    body_paragraph(d, "全镇组织普法宣传活动共19次，受教育人数达2000余人次。")
    d.save(src)
    out = tmp_path_factory.mktemp("doc")
    soffice_convert([src], "doc", out)
    return out / "report.doc"


@pytest.fixture(scope="module")
def rtf_as_doc(doc_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Old office systems save RTF under a .doc name."""
    out = tmp_path_factory.mktemp("rtf")
    soffice_convert([doc_file], "rtf", out)
    renamed = out / "rtf-report.doc"
    (out / "report.rtf").rename(renamed)
    return renamed


def test_doc_converted_and_read(doc_file: Path) -> None:
    doc = read(doc_file)
    assert doc.format == "doc"
    assert doc.text.split("\n") == ["一、总体情况", "全镇组织普法宣传活动共19次，受教育人数达2000余人次。"]
    assert [h.text for h in doc.headings] == ["一、总体情况"]


def test_rtf_saved_as_doc_is_converted(rtf_as_doc: Path) -> None:
    assert rtf_as_doc.read_bytes().startswith(b"{\\rtf")
    assert read(rtf_as_doc).text.split("\n") == ["一、总体情况", "全镇组织普法宣传活动共19次，受教育人数达2000余人次。"]


def test_wps_extension_is_converted(doc_file: Path, tmp_path: Path) -> None:
    wps = tmp_path / "report.wps"
    shutil.copyfile(doc_file, wps)
    doc = read(wps)
    assert doc.format == "wps"
    assert "2000余人次" in doc.text


def test_doc_renamed_docx_is_still_read(doc_file: Path, tmp_path: Path) -> None:
    renamed = tmp_path / "report.docx"
    shutil.copyfile(doc_file, renamed)
    assert "2000余人次" in read(renamed).text


def test_conversion_timeout_kills_soffice(doc_file: Path) -> None:
    with pytest.raises(Unreadable) as err:
        read(doc_file, ReadOptions(convert_timeout=0.05))
    assert err.value.kind == "conversion_timeout"
    assert "超时" in err.value.reason


def test_missing_libreoffice_names_the_package(doc_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # a machine without LibreOffice
    with pytest.raises(Unreadable) as err:
        read(doc_file)
    assert err.value.kind == "converter_unavailable"
    assert "libreoffice-writer-nogui" in err.value.reason


def test_garbage_doc_fails_conversion(tmp_path: Path) -> None:
    bad = tmp_path / "bad.doc"
    bad.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00\xff" * 3000)
    with pytest.raises(Unreadable) as err:
        read(bad)
    assert err.value.kind in ("conversion_failed", "corrupt", "no_text")
