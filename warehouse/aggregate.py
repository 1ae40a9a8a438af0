"""How townships' values add up to a county line, rank and compare with last year: pure functions.

The rules come from the catalog (core/catalog.py, `aggregate`, `better`, `adds`): a count or amount
sums over the townships whose value is in a unit that adds up; a rate (%) never sums, its county
line is the median and the range (and the pooled rate when the catalog names numerator and
denominator); a "fewer is better" indicator ranks the smallest first; a value in a unit that does
not add up (人 for 人次, 批次 for 件) is in no total and no ranking.
"""

from __future__ import annotations

import statistics as stats
from collections.abc import Sequence
from dataclasses import dataclass

from core.catalog import normal_unit
from core.units import clean_number


@dataclass(frozen=True)
class Valued:
    """What the rules need of one township's value: the number, its qualifier, and whether its unit fits."""

    value: float
    qualifier: str = "exact"
    fits: bool = True


def total_qualifier(qualifiers: Sequence[str]) -> str:
    """exact if every part is exact; over/under if every inexact part leans that way; else about."""
    inexact = {q for q in qualifiers if q != "exact"}
    if not inexact:
        return "exact"
    if len(inexact) == 1 and inexact != {"about"}:
        return inexact.pop()
    return "about"


# Within one value: 7000余 is more than 7000, 近7000 less; 约7000 is taken as 7000.
_LEANS = {"over": 1, "under": -1}


def ranks(values: Sequence[Valued | None], *, fewer_is_better: bool) -> list[int | None]:
    """Competition ranks (1, 1, 3) of the values whose unit fits; None for the others.

    Rank 1 is the largest value, or the smallest when fewer is better; of two equal values the one
    stated as more than it (7000余) is the larger, the one stated as less (近7000) the smaller.
    """
    def key(v: Valued) -> tuple[float, int]:
        return v.value, _LEANS.get(v.qualifier, 0)

    ordered = sorted((key(v) for v in values if v is not None and v.fits), reverse=not fewer_is_better)
    position: dict[tuple[float, int], int] = {}
    for i, k in enumerate(ordered, start=1):
        position.setdefault(k, i)
    return [position[key(v)] if v is not None and v.fits else None for v in values]


def same_unit_group(unit: str | None, other: str | None, adds: Sequence[str]) -> bool:
    """True when two values can be compared: both in units that add up to the column, or in one same unit."""
    mine, theirs = normal_unit(unit), normal_unit(other)
    column = {normal_unit(u) for u in adds}
    if (not mine or mine in column) and (not theirs or theirs in column):
        return True
    return mine == theirs


def change(value: float, previous: float, *, is_rate: bool) -> tuple[float, float | None]:
    """(change, change in percent): for a rate the change is in percentage points and no percent is given.

    Percent is None when last year was 0 (no meaningful ratio).
    """
    diff = clean_number(value - previous)
    if is_rate or previous == 0:
        return diff, None
    return diff, round((value - previous) / abs(previous) * 100, 1)


@dataclass(frozen=True)
class Summary:
    """A column's county line, before labels: see CountyLine in compare.py."""

    total: float | None
    qualifier: str
    median: float | None
    low: float | None
    high: float | None
    covered: int
    excluded: int


def summarise(values: Sequence[Valued | None], *, is_rate: bool) -> Summary:
    """Total (sums only), median and range over the values whose unit fits; how many counted and left out."""
    counted = [v for v in values if v is not None and v.fits]
    excluded = sum(1 for v in values if v is not None and not v.fits)
    numbers = [v.value for v in counted]
    if not numbers:
        return Summary(None, "exact", None, None, None, 0, excluded)
    total = None if is_rate else clean_number(sum(numbers))
    qualifier = "exact" if is_rate else total_qualifier([v.qualifier for v in counted])
    return Summary(total, qualifier, clean_number(float(stats.median(numbers))), min(numbers), max(numbers),
                   len(numbers), excluded)


def pooled_rate(pairs: Sequence[tuple[Valued | None, Valued | None]]) -> tuple[float | None, int]:
    """Sum of numerators over sum of denominators, in percent, over townships with both values in fitting units.

    Returns (rate rounded to 0.1, townships counted); None when no township has both or the denominators sum to 0.
    """
    both = [(n.value, d.value) for n, d in pairs if n is not None and d is not None and n.fits and d.fits]
    denominator = sum(d for _, d in both)
    if not both or denominator == 0:
        return None, len(both)
    return round(sum(n for n, _ in both) / denominator * 100, 1), len(both)
