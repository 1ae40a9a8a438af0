"""End to end over the hand-labelled corpus: the acceptance thresholds, from .txt files.

The corpus is read at run time from every gold* batch under ../shared/corpus (never copied into the project), so a
new batch is measured the day it lands.
Matching follows ../shared/tools/score_extraction.py: per document on value and unit group.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from core.catalog import load_catalog
from core.records import Extraction, SourceFile
from core.registry import Registry
from extractors import extract as extract_module
from extractors.extract import extract
from extractors.readers.read import read_document
from tests.conftest import SHARED

_UNIT_GROUPS = {
    "场": "次", "场次": "次", "期": "次", "堂": "次", "轮": "次", "批次": "次", "批": "次", "课": "次",
    "名": "人", "位": "人", "册": "份", "本": "份", "张": "份", "套": "份", "宗": "件", "起": "件", "例": "件",
    "单": "件", "篇": "条", "则": "条", "幅": "条", "块": "条", "处": "个", "家": "个", "所": "个", "％": "%",
}


def _gold_dir() -> Path | None:
    candidate = os.environ.get("TOWNSHIP_CORPUS") or (SHARED / "corpus" / "gold" if SHARED else None)
    return Path(candidate) if candidate and Path(candidate).is_dir() else None


GOLD = _gold_dir()
BATCHES = sorted(GOLD.parent.glob("gold*")) if GOLD is not None else []
pytestmark = pytest.mark.skipif(GOLD is None, reason="the shared corpus (../shared/corpus/gold) is not present")


def _group(unit: str) -> str:
    u = unit[1:] if unit[:1] in ("万", "亿") and len(unit) > 1 else unit
    return _UNIT_GROUPS.get(u, u)


def _source(path: Path) -> SourceFile:
    data = path.read_bytes()
    return SourceFile(path=path, sha256=hashlib.sha256(data).hexdigest(), size=len(data), kind=path.suffix[1:])


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[dict, Extraction]]:
    assert GOLD is not None
    folder = tmp_path_factory.mktemp("corpus")
    catalog = load_catalog()
    out = []
    for gold_file in sorted(f for batch in BATCHES for f in batch.glob("*.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        gold["batch"] = gold_file.parent.name
        path = folder / f"{gold_file.stem}.txt"
        path.write_text(gold["text"], encoding="utf-8")
        out.append((gold, extract(_source(path), catalog, Registry())))
    return out


def _score(results: list[tuple[dict, Extraction]]) -> dict[str, float]:
    n = {"gold": 0, "pred": 0, "matched": 0, "strict": 0, "ind_gold": 0, "ind_ok": 0, "qual_ok": 0,
         "township_ok": 0, "year_ok": 0}
    for gold, result in results:
        preds = [s.to_json() for s in result.statistics]
        n["gold"] += len(gold["statistics"])
        n["pred"] += len(preds)
        unused = list(range(len(preds)))
        for g in gold["statistics"]:
            cands = [i for i in unused if abs(float(preds[i]["value"]) - float(g["value"])) < 1e-6
                     and _group(str(preds[i]["unit"])) == _group(g["unit"])]
            if not cands:
                continue
            best = next((i for i in cands if preds[i]["indicator"] == g["indicator"]), cands[0])
            unused.remove(best)
            p = preds[best]
            n["matched"] += 1
            n["qual_ok"] += p["qualifier"] == g["qualifier"]
            n["strict"] += p["qualifier"] == g["qualifier"] and p["indicator"] == g["indicator"]
            if g["indicator"] != "other":
                n["ind_gold"] += 1
                n["ind_ok"] += p["indicator"] == g["indicator"]
        n["township_ok"] += result.facts.township == gold["township"]
        n["year_ok"] += result.facts.year == gold["year"]
    precision, recall = n["matched"] / n["pred"], n["matched"] / n["gold"]
    sp, sr = n["strict"] / n["pred"], n["strict"] / n["gold"]
    docs = len(results)
    return {"f1": 2 * precision * recall / (precision + recall), "strict_f1": 2 * sp * sr / (sp + sr),
            "indicator": n["ind_ok"] / n["ind_gold"], "qualifier": n["qual_ok"] / n["matched"],
            "township": n["township_ok"] / docs, "year": n["year_ok"] / docs}


def test_every_document_is_read(results: list[tuple[dict, Extraction]]) -> None:
    assert all(r.status == "ok" for _g, r in results)


def test_every_batch_is_read(results: list[tuple[dict, Extraction]]) -> None:
    assert {g["batch"] for g, _r in results} == {b.name for b in BATCHES} >= {"gold", "gold-2026-11"}


def test_acceptance_thresholds(results: list[tuple[dict, Extraction]]) -> None:
    for batch in BATCHES:
        print(batch.name, _score([(g, r) for g, r in results if g["batch"] == batch.name]))
    score = _score(results)
    print("all", score)
    assert score["f1"] >= 0.98
    assert score["strict_f1"] >= 0.92
    assert score["indicator"] >= 0.92
    assert score["qualifier"] >= 0.98
    assert score["township"] >= 0.98
    assert score["year"] >= 0.98


def test_every_quote_is_the_text_at_its_offsets(results: list[tuple[dict, Extraction]]) -> None:
    """Offsets point into the text the reader extracted (which a reader may tidy), so re-read it."""
    for _gold, result in results:
        text = read_document(result.source).text
        for s in result.statistics:
            assert text[s.start : s.end] == s.quote
            assert s.start < s.end


def test_an_internal_error_rejects_only_that_document(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.txt"
    path.write_text("2023年，西坪镇开展普法活动3次。", encoding="utf-8")

    def broken(*_args: object, **_kwargs: object) -> list[object]:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(extract_module, "classify", broken)
    result = extract(_source(path), load_catalog(), Registry())
    assert result.status == "rejected"
    assert result.error_kind == "internal"
    assert "内部错误" in (result.error or "")


def test_the_catalog_keeps_every_shared_code() -> None:
    import yaml

    assert GOLD is not None
    shared = yaml.safe_load((GOLD.parent.parent / "indicators.yaml").read_text(encoding="utf-8"))["indicators"]
    ours = {i.code: i for i in load_catalog().indicators}
    for entry in shared:
        ind = ours[entry["code"]]
        assert ind.unit == entry["unit"] and ind.parent == entry.get("parent")
        assert set(entry.get("cues") or []) <= set(ind.cues)


def test_a_docx_of_a_report_gives_the_same_statistics_as_its_text(tmp_path: Path,
                                                                   results: list[tuple[dict, Extraction]]) -> None:
    """A real .docx built from a report (one paragraph per line) reads to the same numbers."""
    import docx

    catalog = load_catalog()
    for gold, from_text in results[:6]:
        document = docx.Document()
        for line in gold["text"].split("\n"):
            document.add_paragraph(line)
        path = tmp_path / f"{gold['id'] if gold.get('id') else 'report'}.docx"
        document.save(str(path))
        from_docx = extract(_source(path), catalog, Registry())
        assert from_docx.status == "ok"
        key = [(s.indicator, s.value, s.unit, s.qualifier) for s in from_text.statistics]
        assert [(s.indicator, s.value, s.unit, s.qualifier) for s in from_docx.statistics] == key
        assert (from_docx.facts.township, from_docx.facts.year) == (from_text.facts.township, from_text.facts.year)
