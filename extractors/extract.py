"""One file in, one Extraction out: read, find the facts, find and classify the numbers."""

from __future__ import annotations

import re

from extractors.read import ReadOptions, Unreadable, read_document
from township_rollup.catalog import OTHER, Catalog
from township_rollup.records import DocumentFacts, Extraction, SourceFile, Statistic
from township_rollup.registry import Registry

_NUM = re.compile(r"(\d+(?:\.\d+)?)(余|多)?(人次|次|场|份|件|条|个|名|项|人|%)")


def extract(source: SourceFile, catalog: Catalog, registry: Registry,
            options: ReadOptions = ReadOptions()) -> Extraction:
    try:
        doc = read_document(source, options)
    except Unreadable as exc:
        return Extraction.rejected(source, exc.kind, exc.reason)
    stats = tuple(
        Statistic(indicator=OTHER, value=float(m.group(1)), unit=m.group(3),
                  qualifier="over" if m.group(2) else "exact", quote=m.group(0), start=m.start(), end=m.end(),
                  page=doc.page_at(m.start()))
        for m in _NUM.finditer(doc.text)
    )
    return Extraction(source=source, status="ok", facts=DocumentFacts(), format=doc.format, pages=doc.pages,
                      statistics=stats, text_chars=len(doc.text))
