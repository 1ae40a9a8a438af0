"""The sample generator: deterministic, self-consistent labels, and files whose text holds every gold quote."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import docx
import pypdfium2
import pytest

from core.catalog import OTHER, load_catalog
from core.registry import load_registry
from samplegen.county import large_county, sample_county
from samplegen.generate import generate_corpus, generate_county
from samplegen.numbers import chinese_int, say_count
from samplegen.report import ReportStyle, build_report
from tests.conftest import REPO

YEARS = (2022, 2023, 2024)


@pytest.fixture(scope="module")
def docx_county(tmp_path_factory: pytest.TempPathFactory):
    return generate_county(tmp_path_factory.mktemp("county"), seed=7, years=YEARS, pdf=False)


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Path]]:
    out = tmp_path_factory.mktemp("corpus")
    return out, generate_corpus(out, 4, seed=3, pages=(1, 2))


def _docx_text(path: Path) -> str:
    """Paragraphs and table rows in body order, as the contract's readers join them."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    d = docx.Document(str(path))
    lines = []
    for child in d.element.body.iterchildren():
        if child.tag.endswith("}p"):
            lines.append(Paragraph(child, d).text)
        elif child.tag.endswith("}tbl"):
            lines.extend("\t".join(c.text for c in row.cells) for row in Table(child, d).rows)
    return "\n".join(lines)


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _pdf_text_without_running_lines(path: Path, header: str) -> str:
    """PDF text with the page-number footer and running header removed, whitespace squashed."""
    pdf = pypdfium2.PdfDocument(str(path))
    try:
        lines = [ln for page in pdf for ln in page.get_textpage().get_text_range().splitlines()]
    finally:
        pdf.close()
    kept = [ln for ln in lines if not re.fullmatch(r"\s*—\s*\d+\s*—\s*", ln) and _squash(ln) != header]
    return _squash("".join(kept))


def test_same_seed_same_report_and_different_seed_differs() -> None:
    county = sample_county(7)
    place = county.places[3]
    a = build_report(county, place, 2023, seed=7, style=ReportStyle(table=True))
    b = build_report(county, place, 2023, seed=7, style=ReportStyle(table=True))
    c = build_report(county, place, 2023, seed=8, style=ReportStyle(table=True))
    assert a == b
    assert a.gold() != c.gold()


def test_generate_county_is_byte_identical_for_a_seed(tmp_path: Path, docx_county) -> None:
    again = generate_county(tmp_path, seed=7, years=YEARS, pdf=False)
    first = {p.name: p.read_bytes() for p in docx_county.reports}
    second = {p.name: p.read_bytes() for p in again.reports}
    assert first == second
    for g in docx_county.gold_dir.glob("*.json"):
        assert g.read_bytes() == (again.gold_dir / g.name).read_bytes()


def test_gold_quotes_are_in_the_text_at_their_offsets(docx_county) -> None:
    county = sample_county(7)
    for place in county.places:
        for year in YEARS:
            report = build_report(county, place, year, seed=7, style=ReportStyle(table=True, pages=3))
            text = report.text()
            stats = report.statistics()
            assert len(stats) >= 15
            for s in stats:
                assert text[s.start:s.start + len(s.quote)] == s.quote


def test_gold_values_match_the_words_the_generator_wrote() -> None:
    """No parsing: the generator's own record of each number agrees with what it printed."""
    rng = random.Random(5)
    for _ in range(2000):
        true = rng.randint(0, 250000)
        said = say_count(rng, true, "人次")
        numeral = said.text[said.number[0]:said.number[1]]
        scale = 10000 if said.text[said.number[1]:].startswith("万") else 1
        if re.fullmatch(r"[\d.]+", numeral):
            assert float(numeral) * scale == pytest.approx(said.value)
        else:
            assert chinese_int(int(said.value // scale)) in (numeral, "一" + numeral)  # 百余 = 一百余
        assert said.unit == "人次"
        if said.qualifier == "over":
            assert said.value < true
        elif said.qualifier == "under":
            assert said.value > true
        elif said.qualifier == "exact":
            assert said.value == true
    expected = ["十九", "两千", "一百零五", "一万四千", "三千零五十"]
    assert [chinese_int(n) for n in (19, 2000, 105, 14000, 3050)] == expected


def test_gold_files_follow_the_corpus_format_and_catalog(docx_county) -> None:
    codes = set(load_catalog().codes) | {OTHER}
    real_dirs = [d for p in REPO.parents[:2] if (d := p / "shared" / "corpus" / "gold").is_dir()]
    real = json.loads(next(real_dirs[0].glob("*.json")).read_text(encoding="utf-8")) if real_dirs else None
    for path in docx_county.gold_dir.glob("*.json"):
        gold = json.loads(path.read_text(encoding="utf-8"))
        if real is not None:
            assert list(gold) == list(real)
        assert gold["id"] == path.stem
        for s in gold["statistics"]:
            assert set(s) == {"quote", "value", "unit", "qualifier", "indicator"}
            assert s["indicator"] in codes
            assert s["qualifier"] in ("exact", "over", "under", "about")
            assert s["quote"] in gold["text"]
            assert "万" not in s["unit"]


def test_parts_never_exceed_their_totals(docx_county) -> None:
    catalog = load_catalog()
    children: dict[str, list[str]] = {}
    for ind in catalog.indicators:
        if ind.parent:
            children.setdefault(ind.parent, []).append(ind.code)
    checked = 0
    for path in docx_county.gold_dir.glob("*.json"):
        stats = json.loads(path.read_text(encoding="utf-8"))["statistics"]
        by_code: dict[str, float] = {}
        for s in stats:
            by_code[s["indicator"]] = by_code.get(s["indicator"], 0) + s["value"]
        for parent, kids in children.items():
            if parent in by_code and any(k in by_code for k in kids):
                assert sum(by_code.get(k, 0) for k in kids) <= by_code[parent], path.name
                checked += 1
        rate = by_code.get("mediation_success_rate")
        assert rate is None or 0 <= rate <= 100
    assert checked > 5


def test_registry_loads_and_knows_every_report_township(docx_county) -> None:
    registry = load_registry(docx_county.registry)
    assert registry.county == "清源县"
    assert len(registry.townships) >= 12
    assert {t.name[-1] for t in registry.townships} >= {"镇", "乡", "道"}
    for path in docx_county.gold_dir.glob("*.json"):
        gold = json.loads(path.read_text(encoding="utf-8"))
        assert registry.resolve(gold["township"]) == gold["township"]
        assert gold["title"]  # titles name the township in one of its spellings
        assert any(spelling in gold["title"] for spelling in registry.names() if registry.resolve(spelling)
                   == gold["township"])


def test_county_has_gaps_trends_and_a_broken_file(docx_county) -> None:
    golds = [json.loads(p.read_text(encoding="utf-8")) for p in docx_county.gold_dir.glob("*.json")]
    present = {(g["township"], g["year"]) for g in golds}
    assert len(present) == 12 * len(YEARS) - 2
    assert all(pair not in present for pair in docx_county.missing)
    # figures differ year over year for the same township
    events = {(g["township"], g["year"]): s["value"] for g in golds for s in g["statistics"]
              if s["indicator"] == "publicity_events"}
    changed = [t for t in {t for t, _ in events} if len({events[(t, y)] for y in YEARS if (t, y) in events}) > 1]
    assert len(changed) >= 8
    with pytest.raises(Exception):  # noqa: B017 - any failure to open is the point
        docx.Document(str(docx_county.broken))
    assert not (docx_county.gold_dir / f"{docx_county.broken.stem}.json").exists()


def test_docx_text_is_the_gold_text(docx_county) -> None:
    for path in docx_county.reports:
        if path == docx_county.broken:
            continue
        gold = json.loads((docx_county.gold_dir / f"{path.stem}.json").read_text(encoding="utf-8"))
        d = docx.Document(str(path))
        assert d.core_properties.title == gold["title"]
        assert _docx_text(path) == gold["text"]


def test_small_corpus_is_half_docx_half_pdf_with_gold_quotes_in_the_pdf_text(small_corpus) -> None:
    out, paths = small_corpus
    assert sorted(p.suffix for p in paths) == [".docx", ".docx", ".pdf", ".pdf"]
    assert all(p.exists() and p.stat().st_size > 1000 for p in paths)
    registry = load_registry(out / "county.yaml")
    for path in paths:
        gold = json.loads((out / "gold" / f"{path.stem}.json").read_text(encoding="utf-8"))
        assert registry.resolve(gold["township"]) == gold["township"]
        if path.suffix == ".docx":
            assert _docx_text(path) == gold["text"]
            continue
        flat = _pdf_text_without_running_lines(path, _squash(gold["county"] + gold["township"]))
        for s in gold["statistics"]:
            assert _squash(s["quote"]) in flat, s["quote"]


def test_bundled_sample_matches_its_gold() -> None:
    """samples/county as committed: every gold quote is in its file's text; one scan, one broken file."""
    root = REPO / "samples" / "county"
    registry = load_registry(root / "county.yaml")
    assert len(registry.townships) >= 12
    reports = sorted((root / "reports").iterdir())
    golds = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in (root / "gold").glob("*.json")}
    assert sum(p.stat().st_size for p in root.rglob("*") if p.is_file()) < 3_000_000
    image_only = []
    for path in reports:
        gold = golds.get(path.stem)
        if gold is None:
            assert path.name.endswith("-draft.docx")  # the broken file
            continue
        if path.suffix == ".docx":
            assert _docx_text(path) == gold["text"]
            continue
        flat = _pdf_text_without_running_lines(path, _squash(gold["county"] + gold["township"]))
        if not flat:
            image_only.append(path)
            continue
        assert flat == _squash(gold["text"])
    assert len(image_only) == 1
    kinds = [p.suffix for p in reports]
    assert abs(kinds.count(".pdf") - kinds.count(".docx")) <= 3


def test_large_county_names_are_unique() -> None:
    county = large_county(400)
    assert len({p.name for p in county.places}) == 400
    assert len({p.slug for p in county.places}) == 400
