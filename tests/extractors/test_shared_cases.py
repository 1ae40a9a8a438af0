"""The small failing inputs in ../shared/cases (text cases here; the .docx builders are the readers' tests).

Each case stands for a kind of fault seen on real reports; its .json beside it holds the right answer.
They are read at run time, never copied into the project.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from core.catalog import load_catalog
from core.registry import Registry
from extractors.extract import extract
from pipeline.discover import source_file
from tests.conftest import SHARED

TEXT_CASES = sorted((SHARED / "cases").glob("*.txt")) if SHARED else []
pytestmark = pytest.mark.skipif(not TEXT_CASES, reason="../shared/cases is not present")


@pytest.mark.parametrize("case", TEXT_CASES, ids=[p.stem for p in TEXT_CASES])
def test_text_case(case: Path) -> None:
    expected = json.loads(case.with_suffix(".json").read_text(encoding="utf-8"))["expected"]
    result = extract(source_file(case), load_catalog(), Registry())
    assert result.status == "ok"
    for fact in ("township", "county", "year"):
        if fact in expected:
            assert getattr(result.facts, fact) == expected[fact], fact
    got = [(s.value, s.unit, s.qualifier, s.indicator) for s in result.statistics]
    want = [(float(s["value"]), s["unit"], s["qualifier"], s["indicator"]) for s in expected["statistics"]]
    assert got == want
    for s, w in zip(result.statistics, expected["statistics"], strict=True):
        assert s.quote.endswith(w["quote"])
