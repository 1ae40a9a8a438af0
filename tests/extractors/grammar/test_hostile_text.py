"""Text shaped to make the grammar slow: runs of numerals with no measure word, one-line texts, thousands
of headings and table rows. The grammar reads them right (its cost per character is the benchmark's:
`python -m benchmarks.grammar_speed --scaling`), and a time limit stops a document that would hold the batch.
"""

from __future__ import annotations

import pytest

from core.catalog import load_catalog
from core.records import Document, Heading
from core.registry import Registry
from extractors.grammar.classify import classify
from extractors.grammar.facts import find_facts
from extractors.grammar.quantities import find_quantities
from extractors.grammar.time_limit import TimeLimitExceeded, check, time_limit


def found(text: str) -> list[tuple[float, str, str]]:
    return [(q.value, q.unit, text[q.start : q.end]) for q in find_quantities(text)]


@pytest.mark.parametrize("run", ["1" * 5000, "１" * 5000, "一" * 5000, "三十" * 2500, "1" + ",000" * 1250,
                                 "1." + "1" * 5000])
def test_a_long_run_of_numerals_is_no_statistic_and_hides_none(run: str) -> None:
    assert found(f"开展普法宣传活动3次，{run}，发放资料200份。") == [(3, "次", "3次"), (200, "份", "200份")]


@pytest.mark.parametrize("run", ["1" * 40, "１" * 40, "一" * 40])
def test_a_measure_word_after_a_long_run_does_not_make_its_tail_a_count(run: str) -> None:
    assert found(f"编号{run}次") == []


def test_a_number_does_not_start_inside_a_full_width_number() -> None:
    """１２３４，５６７次 is no badly grouped 1,234,567, and its tail ４，５６７ no count 4,567."""
    assert 4567 not in [v for v, _u, _s in found("共计１２３４，５６７次")]
    assert found("共计１２３４５６次") == [(123456, "次", "１２３４５６次")]
    assert found("共计１，２３４，５６７次") == [(1_234_567, "次", "１，２３４，５６７次")]


def test_a_one_line_text_and_a_heading_per_line_keep_every_statistic_and_its_heading() -> None:
    line = "开展普法宣传活动3次，" * 2000
    doc = Document(text=line, format="txt", pages=None)
    stats = classify(doc, find_quantities(line), load_catalog())
    assert len(stats) == 2000 and {s.indicator for s in stats} == {"publicity_events"}
    text = "".join(f"（{i}）普法宣传\n开展普法宣传活动{i}次。\n" for i in range(1, 1001))
    headings = tuple(Heading(start=text.index(f"（{i}）"), level=2, text=f"（{i}）普法宣传") for i in range(1, 1001))
    doc = Document(text=text, format="txt", pages=None, headings=headings)
    stats = classify(doc, find_quantities(text), load_catalog())
    assert [s.heading_path for s in stats] == [(f"（{i}）普法宣传",) for i in range(1, 1001)]


def test_rows_of_a_long_table_read_their_label_and_skip_the_column_of_last_year() -> None:
    text = "2024年法治政府建设情况报告\n项目\t2023年（次）\t2024年（次）\n" + "普法宣传活动\t3\t4\n" * 3000
    doc = Document(text=text, format="txt", pages=None)
    facts = find_facts(doc, Registry())
    stats = classify(doc, find_quantities(text), load_catalog(), year=facts.year)
    assert facts.year == 2024
    assert [(s.indicator, s.value) for s in stats] == [("publicity_events", 4)] * 3000


def test_years_on_one_line_still_give_the_reporting_year() -> None:
    doc = Document(text="2023年" * 5000 + "，2024年度法治政府建设报告", format="txt", pages=None)
    assert find_facts(doc, Registry()).year == 2023


def test_the_time_limit_stops_the_grammar_and_only_inside_its_block() -> None:
    check()  # no limit set: nothing happens
    text = "开展普法宣传活动3次，" * 100
    with pytest.raises(TimeLimitExceeded) as raised, time_limit(0):
        classify(Document(text=text, format="txt", pages=None), find_quantities(text), load_catalog())
    assert raised.value.seconds == 0
    check()
