"""Terminal rendering of results for people (the JSON Lines output is for programs)."""

from __future__ import annotations

from township_rollup.catalog import Catalog
from township_rollup.records import Extraction

_QUALIFIER_MARK = {"exact": "", "over": "+", "under": "-", "about": "~"}


def print_extraction(result: Extraction, catalog: Catalog) -> None:
    f = result.facts
    print(f"== {result.source.path}")
    if result.status != "ok":
        print(f"   未读取: {result.error}")
        return
    print(f"   {f.county or '?'} {f.township or '?'} {f.year or '?'}年  {f.title or ''}"
          f"  ({result.format}, {result.pages or '-'} 页, {len(result.statistics)} 项数据)")
    for s in result.statistics:
        value = f"{s.value:g}{_QUALIFIER_MARK[s.qualifier]}"
        print(f"   {catalog.name(s.indicator):<16} {value:>10} {s.unit:<4} p{s.page or '-'}  「{s.quote}」")
