"""The batch as two pandas frames (documents, statistics) with the derived columns rules span rows with.

GX checks one row at a time; anything that needs other rows (the parent's value, last year's
value, a later file for the same township and year) is computed here into a column first.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from core.catalog import Catalog, Indicator
from core.records import Extraction, Statistic
from core.units import compatible

HeadlineKey = tuple[str, int, str]  # (township, year, indicator)


@dataclass(frozen=True)
class Headline:
    """The largest value a document states for an indicator (in a unit the indicator counts in)."""

    value: float
    unit: str
    statistic: int


@dataclass(frozen=True)
class BatchFrames:
    documents: pd.DataFrame  # one row per ok extraction
    statistics: pd.DataFrame  # one row per statistic of an ok extraction


def build_frames(extractions: Sequence[Extraction], catalog: Catalog,
                 previous: Mapping[HeadlineKey, float]) -> BatchFrames:
    """Frames over the ok extractions; townships must already be canonical where the registry knows them."""
    indicators = {i.code: i for i in catalog.indicators}
    superseded = superseded_by(extractions)
    headlines = {e.source.sha256: document_headlines(e, indicators) for e in extractions}
    current = {key: headlines[e.source.sha256] for e in extractions
               if e.source.sha256 not in superseded and (key := township_year(e)) is not None}
    documents = pd.DataFrame(
        [{
            "sha256": e.source.sha256,
            "path": e.source.shown,
            "township": e.facts.township_name,
            "township_written": e.facts.township_as_written,
            "year": e.facts.year,
            "superseded_by": superseded.get(e.source.sha256),
        } for e in extractions],
        columns=["sha256", "path", "township", "township_written", "year", "superseded_by"],
    ).astype({"year": "Int64"})
    by_year = _index_previous(previous)
    rows = []
    for e in extractions:
        mine = headlines[e.source.sha256]
        last_year = _last_year(e, current, by_year)
        for i, s in enumerate(e.statistics):
            rows.append(_statistic_row(e, i, s, indicators.get(s.indicator), mine, last_year))
    statistics = pd.DataFrame(rows, columns=_STATISTIC_COLUMNS).astype(
        {"value": "float64", "parent_value": "float64", "last_year_value": "float64", "yoy_ratio": "float64",
         "stat": "int64", "unit_compatible": "bool"})
    return BatchFrames(documents=documents, statistics=statistics)


_STATISTIC_COLUMNS = ["sha256", "stat", "indicator", "value", "unit", "qualifier", "quote", "indicator_unit",
                      "unit_compatible", "parent", "parent_value", "parent_unit", "last_year_value", "yoy_ratio"]


# Small counts swing legitimately (2 lawsuits last year, none this year): the tenfold check
# only looks at values where either year reached this much.
YOY_MIN_VALUE = 20.0


def _statistic_row(e: Extraction, i: int, s: Statistic, ind: Indicator | None,
                   mine: dict[str, Headline], last_year: dict[str, float]) -> dict[str, object]:
    unit_ok = ind is None or ind.counted_in(s.unit)
    parent = mine.get(ind.parent) if ind is not None and ind.parent else None
    compare_parent = parent is not None and unit_ok and compatible(parent.unit, s.unit)
    head = mine.get(s.indicator)
    last = last_year.get(s.indicator) if head is not None and head.statistic == i else None
    comparable = last and not math.isnan(s.value) and max(s.value, last) >= YOY_MIN_VALUE
    ratio = s.value / last if comparable else None
    return {
        "sha256": e.source.sha256,
        "stat": i,
        "indicator": s.indicator,
        "value": s.value,
        "unit": s.unit,
        "qualifier": s.qualifier,
        "quote": s.quote,
        "indicator_unit": ind.unit if ind else None,
        "unit_compatible": unit_ok,
        "parent": ind.parent if ind else None,
        "parent_value": parent.value if compare_parent else None,
        "parent_unit": parent.unit if compare_parent else None,
        "last_year_value": last,
        "yoy_ratio": ratio,
    }


def township_year(e: Extraction) -> tuple[str, int] | None:
    township = e.facts.township_name
    if not township or e.facts.year is None:
        return None
    return township, e.facts.year


def superseded_by(extractions: Sequence[Extraction]) -> dict[str, str]:
    """sha256 of each earlier file for a township and year -> path of the latest file claiming the same.

    Later means a higher mtime, ties broken by path; a byte-identical copy supersedes nothing.
    """
    groups: dict[tuple[str, int], list[Extraction]] = {}
    for e in extractions:
        key = township_year(e)
        if key is not None:
            groups.setdefault(key, []).append(e)
    out: dict[str, str] = {}
    for group in groups.values():
        group.sort(key=lambda e: (e.source.mtime, e.source.shown))
        latest = group[-1]
        for e in group[:-1]:
            if e.source.sha256 != latest.source.sha256:
                out[e.source.sha256] = latest.source.shown
    return out


def document_headlines(e: Extraction, indicators: Mapping[str, Indicator]) -> dict[str, Headline]:
    """Per catalog indicator: the largest usable value the document states (the first one on ties)."""
    out: dict[str, Headline] = {}
    for i, s in enumerate(e.statistics):
        ind = indicators.get(s.indicator)
        if ind is None or math.isnan(s.value) or s.value < 0 or not ind.counted_in(s.unit):
            continue
        best = out.get(s.indicator)
        if best is None or s.value > best.value:
            out[s.indicator] = Headline(s.value, s.unit, i)
    return out


def _index_previous(previous: Mapping[HeadlineKey, float]) -> dict[tuple[str, int], dict[str, float]]:
    out: dict[tuple[str, int], dict[str, float]] = {}
    for (township, year, indicator), value in previous.items():
        out.setdefault((township, year), {})[indicator] = value
    return out


def _last_year(e: Extraction, current: Mapping[tuple[str, int], dict[str, Headline]],
               previous: Mapping[tuple[str, int], dict[str, float]]) -> dict[str, float]:
    """Last year's headline per indicator: from this batch's current report if any, else the warehouse."""
    key = township_year(e)
    if key is None:
        return {}
    township, year = key
    out = dict(previous.get((township, year - 1), {}))
    out.update({ind: h.value for ind, h in current.get((township, year - 1), {}).items()})
    return out
