"""Files shaped like those in the bug trackers of our readers' libraries, ingested as one folder: each is read
whole, or loads with a warning naming what could not be read, or is rejected with the reason. Never `ok` and
silent while its numbers are missing (tests/support/shapes.py builds the files and says what each must give)."""

from __future__ import annotations

import io
from contextlib import redirect_stdout
from pathlib import Path

import duckdb
import pytest

from core.catalog import load_catalog
from core.records import Extraction
from core.registry import Registry
from extractors.extract import extract
from extractors.readers.read import read_document
from pipeline import stages
from pipeline.discover import source_file
from pipeline.stages import IngestReport, Settings, Timings
from tests.conftest import SHARED
from tests.support.shapes import SAMPLE_REPORTS, SHAPES, TEXTS, Shape
from township_rollup.summary import print_ingest_summary
from warehouse.load import LoadSummary

pytestmark = pytest.mark.skipif(SHARED is None, reason="../shared/cases is not beside the checkout")


class Ingested:
    def __init__(self, folder: Path, db: Path, summary: LoadSummary, extractions: dict[str, Extraction]) -> None:
        self.folder, self.db, self.summary, self.extractions = folder, db, summary, extractions


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> Ingested:
    folder = tmp_path_factory.mktemp("shapes")
    for shape in SHAPES:
        shape.build(folder / shape.name)
    for leftover in folder.glob(".*"):  # the case scripts' output folders
        for f in leftover.iterdir():
            f.unlink()
        leftover.rmdir()
    db = tmp_path_factory.mktemp("db") / "county.duckdb"
    summary, batch, _ = stages.ingest([folder], db, Settings(data_docs=False))
    return Ingested(folder, db, summary, {e.source.path.name: e for e in batch.extractions})


@pytest.fixture(scope="module")
def references() -> dict[str, Extraction]:
    catalog = load_catalog()
    return {s.reference: extract(source_file(SAMPLE_REPORTS / s.reference), catalog, Registry())
            for s in SHAPES if s.reference}


def _stats(e: Extraction) -> set[tuple[float, str, str, str]]:
    return {(s.value, s.unit, s.qualifier, s.indicator) for s in e.statistics}


def _values(e: Extraction) -> set[tuple[float, str]]:
    return {(s.value, s.unit) for s in e.statistics}


@pytest.mark.parametrize("shape", SHAPES, ids=[s.name for s in SHAPES])
def test_each_shape_is_read_or_flagged(shape: Shape, ingested: Ingested, references: dict[str, Extraction]) -> None:
    e = ingested.extractions[shape.name]
    if shape.outcome == "rejected":
        assert (e.status, e.error_kind) == ("rejected", shape.error_kind), e.error
        assert e.error and "嵌入" in e.error
        return
    assert e.status == "ok", e.error
    if shape.outcome == "warned":
        assert shape.warning in {w.kind for w in e.warnings}
        assert all(w.message.endswith("请核对原件") for w in e.warnings)
        return
    assert e.warnings == ()
    if shape.title:
        assert f"{e.facts.township}{e.facts.year}" == shape.title
    assert _stats(e) >= shape.statistics
    assert _values(e) >= shape.values
    if shape.reference:
        ref = references[shape.reference]
        assert (e.facts.township, e.facts.year) == (ref.facts.township, ref.facts.year)
        assert [(s.value, s.unit, s.qualifier, s.indicator, s.quote, s.page) for s in e.statistics] == \
               [(s.value, s.unit, s.qualifier, s.indicator, s.quote, s.page) for s in ref.statistics]
    if shape.name in TEXTS:
        assert read_document(source_file(ingested.folder / shape.name)).text == TEXTS[shape.name].strip()


def test_the_scanned_page_of_a_text_pdf_is_read_by_ocr_and_marked(ingested: Ingested) -> None:
    e = ingested.extractions["scanned-page.pdf"]
    shape = next(s for s in SHAPES if s.name == "scanned-page.pdf")
    scanned = [s for s in e.statistics if (s.value, s.unit, s.qualifier, s.indicator) in shape.statistics]
    assert len(scanned) == 2 and all(s.ocr and s.page == 2 for s in scanned)
    assert not any(s.ocr for s in e.statistics if s.page != 2)
    assert e.ocr is True


def test_no_document_is_ok_and_silent_while_its_values_are_missing(ingested: Ingested) -> None:
    for shape in SHAPES:
        e = ingested.extractions[shape.name]
        missing = shape.expected() - _values(e)
        assert not (e.status == "ok" and not e.warnings and missing), f"{shape.name}: {missing} missing, no warning"
        if shape.outcome == "warned" and shape.statistics:
            assert missing, f"{shape.name} warns though nothing is missing"


def test_reader_warnings_reach_the_warehouse_and_the_summary(ingested: Ingested) -> None:
    warned = {s.name: s.warning for s in SHAPES if s.outcome == "warned"}
    with duckdb.connect(str(ingested.db), read_only=True) as con:
        rows = con.execute("SELECT d.file_name, w.kind, w.page, w.message FROM document_warnings w "
                           "JOIN documents d ON d.sha256 = w.document_sha ORDER BY 1").fetchall()
        per_load = con.execute("SELECT documents_with_warnings FROM loads").fetchall()
    assert {name: kind for name, kind, _, _ in rows} == warned
    assert ("sideways-block.pdf", "text_unread", 1) in {r[:3] for r in rows}
    assert per_load == [(len(warned),)]
    assert ingested.summary.documents_with_warnings == len(warned)
    report = IngestReport(summary=ingested.summary, warnings=(), plan=stages.Plan((), (), ()), timings=Timings(),
                          db=ingested.db, data_docs=None)
    out = io.StringIO()
    with redirect_stdout(out):
        print_ingest_summary(report)
    printed = out.getvalue()
    assert f"有 {len(warned)} 份报告的部分文字未能读取" in printed
    for name in warned:
        line = next(ln for ln in printed.splitlines() if name in ln)
        assert line.lstrip().startswith("[部分未读]") and "请核对原件" in line


def test_the_extractor_json_lists_the_warnings(ingested: Ingested) -> None:
    record = ingested.extractions["unknown-container.docx"].to_json()
    assert record["status"] == "ok"
    assert record["warnings"] == [{"kind": "text_unread", "page": None,
                                   "message": "文档中有约 37 个字（67%）未能读取，请核对原件"}]
    assert ingested.extractions["nested-table.docx"].to_json()["warnings"] == []
