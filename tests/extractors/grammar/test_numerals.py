"""Chinese and Arabic numerals as reports write them."""

from __future__ import annotations

import pytest

from extractors.grammar.numerals import parse_arabic, parse_chinese, parse_number


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("十", 10), ("十九", 19), ("二十", 20), ("五十六", 56), ("一百", 100), ("百", 100), ("三百", 300),
        ("两千", 2000), ("一千零五", 1005), ("两百零三", 203), ("三千五", 3500), ("一万二", 12000),
        ("一万二千", 12000), ("一万四千", 14000), ("万", 10000), ("十二万", 120000), ("一亿", 100_000_000),
        ("三亿五千万", 350_000_000), ("零", 0), ("二〇二三", 2023), ("贰拾", 20),
    ],
)
def test_chinese_numerals(written: str, value: int) -> None:
    assert parse_chinese(written) == value


@pytest.mark.parametrize("written", ["三五", "十百", "", "十a"])
def test_malformed_chinese_numerals_are_not_numbers(written: str) -> None:
    assert parse_chinese(written) is None


@pytest.mark.parametrize(
    ("written", "value"),
    [("12", 12), ("１２", 12), ("1,200", 1200), ("1，200", 1200), ("98.5", 98.5), ("９８．５", 98.5)],
)
def test_arabic_numerals(written: str, value: float) -> None:
    assert parse_arabic(written) == value


@pytest.mark.parametrize("written", ["1.2.3", ".5", "5.", "abc"])
def test_malformed_arabic_numerals_are_not_numbers(written: str) -> None:
    assert parse_arabic(written) is None


@pytest.mark.parametrize(("written", "value"), [("1.5万", 15000), ("1007.6万", 10_076_000), ("2亿", 200_000_000),
                                               ("一万四千", 14000)])
def test_arabic_with_wan_and_yi(written: str, value: float) -> None:
    assert parse_number(written) == pytest.approx(value)
