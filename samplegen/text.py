"""A generated report as labelled text: blocks of spans, where a labelled span is a gold quote.

The writers (docx, pdf) and the gold JSON are both derived from the same blocks, so every
quote is by construction a substring of the text a reader gets back.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from core.records import json_number

BlockKind = Literal["title", "heading", "para", "table", "sign"]  # sign: right-aligned issuer and date


@dataclass(frozen=True)
class Label:
    """What a correct extractor reports for one quote (corpus/README.md labelling rules)."""

    indicator: str
    value: float
    unit: str
    qualifier: str


@dataclass(frozen=True)
class Span:
    text: str
    label: Label | None = None
    number: tuple[int, int] | None = None  # the numeral inside `text`: writers may give it its own run
    bold: bool = False  # an inline heading such as "（一）加强组织领导。"


@dataclass(frozen=True)
class Block:
    kind: BlockKind
    spans: tuple[Span, ...] = ()
    level: int = 0  # headings: 1 for 一、, 2 for （一）
    rows: tuple[tuple[Span, ...], ...] = ()  # tables: cells per row, header row first

    def lines(self) -> tuple[tuple[Span, ...], ...]:
        """The block as text lines: one for a paragraph, one per table row (cells joined by a tab)."""
        if self.kind != "table":
            return (self.spans,)
        # A labelled row is one quote: "法律援助案件\t12\t件".
        return tuple((Span("\t".join(c.text for c in row), next((c.label for c in row if c.label), None)),)
                     for row in self.rows)


@dataclass(frozen=True)
class GoldStatistic:
    quote: str
    label: Label
    start: int  # offset of the quote in Report.text()


@dataclass(frozen=True)
class Report:
    id: str  # file stem, e.g. donggang-2023
    title: str
    county: str
    province: str
    township: str  # canonical name
    year: int
    blocks: tuple[Block, ...]

    def text(self) -> str:
        """Paragraphs joined by newlines, table rows as tab-joined cells: what readers return."""
        return "\n".join("".join(s.text for s in line) for b in self.blocks for line in b.lines())

    def statistics(self) -> tuple[GoldStatistic, ...]:
        out, pos = [], 0
        for b in self.blocks:
            for line in b.lines():
                for span in line:
                    if span.label is not None:
                        out.append(GoldStatistic(span.text, span.label, pos))
                    pos += len(span.text)
                pos += 1  # the newline
        return tuple(out)

    def gold(self) -> dict[str, object]:
        """The gold JSON of ../shared/corpus/gold (same keys, same order)."""
        return {
            "id": self.id,
            "source_url": None,
            "title": self.title,
            "province": self.province,
            "county": self.county,
            "township": self.township,
            "year": self.year,
            "text": self.text(),
            "statistics": [
                {"quote": s.quote, "value": json_number(s.label.value), "unit": s.label.unit,
                 "qualifier": s.label.qualifier, "indicator": s.label.indicator}
                for s in self.statistics()
            ],
        }
