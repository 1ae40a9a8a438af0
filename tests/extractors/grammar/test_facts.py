"""Township, county, reporting year and title of a report."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.records import Document
from core.registry import Registry, Township
from extractors.grammar.facts import find_facts


def facts(text: str, registry: Registry | None = None, title_hint: str | None = None, path: Path | None = None):
    return find_facts(Document(text=text, format="txt", pages=None, title_hint=title_hint), registry, path)


@pytest.mark.parametrize(
    ("text", "township", "county"),
    [
        ("清河县石桥镇2024年法治政府建设年度报告\n2024年，石桥镇坚持依法行政。", "石桥镇", "清河县"),
        ("2023年度青州市临山区人民政府白沙路街道办事处依法行政情况报告\n今年以来，我街道依法行政。", "白沙路街道",
         "临山区"),
        ("2025年，梧桐大街街道在区委领导下，立足街道实际，推进法治建设。", "梧桐大街街道", None),
        ("2024年，永和镇在上级的正确领导下开展工作。现将永和镇情况报告如下。", "永和镇", None),
        ("现将我镇工作报告如下：一年来，大坪乡坚持依法行政，全面推进乡村振兴，送法下乡。", "大坪乡", None),
        ("中共松山县委、松山县人民政府：\n2024年，白石镇推进行政执法。", "白石镇", "松山县"),
    ],
)
def test_township_and_county(text: str, township: str, county: str | None) -> None:
    f = facts(text)
    assert f.township == township
    assert f.county == county


def test_registry_gives_the_canonical_name_and_county() -> None:
    registry = Registry(county="东关县", townships=(Township("东关镇", aliases=("东关",)),))
    f = facts("2023年东关镇人民政府依法行政工作报告\n东关镇政府认真履行职责。", registry)
    assert (f.township, f.county, f.township_as_written) == ("东关镇", "东关县", "东关镇")
    alias = facts("2023年，东关坚持依法行政。", registry)
    assert alias.township == "东关镇"


def test_township_from_the_file_name_when_the_text_names_none() -> None:
    f = facts("2023年，我镇坚持依法行政，开展普法宣传。", path=Path("2023年西河镇法治报告.txt"))
    assert f.township == "西河镇"


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("2023年西坪镇依法行政工作报告\n2024年，西坪镇将继续努力。", 2023),
        ("西坪镇依法治镇情况报告\n发布时间：2025-01-20\n2024年度，东关镇依法行政。2025年将继续推进。", 2024),
        ("东关镇法治工作\n2023年以来，西坪镇严格执法，落实《纲要（2021-2025年）》。", 2023),
        ("东关镇：推动法治建设\n发布时间:[2024-8-5]\n今年以来，东关镇依法行政。", 2024),
    ],
)
def test_reporting_year(text: str, year: int) -> None:
    assert facts(text).year == year


def test_title_is_the_first_report_line_or_the_hint() -> None:
    assert facts("2023年西坪镇依法行政工作报告\n正文。").title == "2023年西坪镇依法行政工作报告"
    assert facts("东关镇坚持依法行政。", title_hint="东关镇年度报告").title == "东关镇年度报告"


def test_a_title_wrapped_over_two_pdf_lines() -> None:
    text = "2022年度青州市临山区人民政府白沙路街\n道办事处依法行政工作情况报告\n今年以来，我街道依法行政。"
    f = facts(text)
    assert f.title == "2022年度青州市临山区人民政府白沙路街道办事处依法行政工作情况报告"
    assert (f.township, f.county, f.year) == ("白沙路街道", "临山区", 2022)


def test_a_news_headline_is_the_title_when_no_line_says_report() -> None:
    f = facts("桃源乡：多措并举推进法治乡村建设\n来源：县司法局 发布时间：2024-06-12\n今年以来，桃源乡坚持依法行政。")
    assert (f.title, f.township, f.year) == ("桃源乡：多措并举推进法治乡村建设", "桃源乡", 2024)


def test_registry_prefilter_keeps_every_spelling_the_text_holds(sample_county: Path) -> None:
    from core.registry import load_registry

    registry = load_registry(sample_county / "county.yaml")
    every = registry.spellings()
    assert len(every) > 12
    for spelling, _ in every[::3]:
        text = f"2023年，{spelling}人民政府认真贯彻落实，与邻近的{every[0][0]}共同开展普法宣传。"
        kept = registry.spellings_in(text)
        assert [p for p in every if p[0] in text] == [p for p in kept if p[0] in text]  # none lost, registry order
        assert len(kept) < len(every)  # and most are not counted at all


def test_a_street_office_by_its_short_name() -> None:
    registry = Registry(county="白云区", townships=(Township("鹤龙街道"), Township("东关镇", aliases=("东关",))))
    assert facts("2024年，鹤龙街坚持依法行政，开展普法活动。", registry).township == "鹤龙街道"
    assert facts("2024年，鹤龙街坚持依法行政，开展普法活动。").township == "鹤龙街道"  # without a registry too
    assert facts("向社会公布瓜沥镇政府2024年政府信息公开工作年度报告。").township == "瓜沥镇"
