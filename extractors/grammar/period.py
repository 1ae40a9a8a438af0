"""The report's period: what states a result of the reported year and what does not.

Next year's plans (下一步工作 sections, 计划开展..., a sentence opening with next year),
last year's figures (去年同期, a table column headed 2022年) are not statistics of the report.
Headings are the reader's; for a text without them, heading lines are found here.
"""

from __future__ import annotations

import bisect
import re

from core.records import Heading, Quantity
from extractors.grammar.clauses import column_header, start_of_clause, start_of_sentence, table_label

_HEADING_LINE = re.compile(
    r"^\s*(?:([一二三四五六七八九十]+)、|[（(]([一二三四五六七八九十]+)[)）]|(\d+)[.．、](?!\d))")
_TARGET = re.compile(r"(?:(?<![按照据定法度作工])计划|拟|力争|争取|预计|目标为|目标是)[^，,。；;\n]{0,12}?"
                     r"(?:开展|举办|组织|完成|实现|达到|达|召开|发放|培训|新增|建成|建设|打造|覆盖)")
_LAST_YEAR = re.compile(r"(?:去年|上年|上一年)同期")
_CHANGE = re.compile(r"[增减升降]|提高|比")
_FUTURE_HEADING = re.compile(r"下一步|下步|工作计划|工作打算|工作思路|工作安排|明年|来年|今后")


def is_target(text: str, q: Quantity, year: int | None) -> bool:
    """A plan or a past year's figure, not a result of the report's period.

    计划开展10次 / 力争达到95% (a target), 2025年，我镇将... in a 2024 report (next year),
    去年同期5起 (the year before).
    """
    clause = text[start_of_clause(text, q.start) : q.start]
    if _TARGET.search(clause) or (_LAST_YEAR.search(clause) and not _CHANGE.search(clause)):
        return True
    if year is None:
        return False
    sentence = text[start_of_sentence(text, q.start) : q.start].lstrip()
    m = re.match(r"(20\d\d)年", sentence)
    return bool(m) and int(m.group(1)) > year


def other_year_column(text: str, q: Quantity, year: int | None) -> bool:
    """A table column headed 2022年 or 上年 in a 2023 report holds last year's figures."""
    if year is None or table_label(text, q.start, q.end) is None:
        return False
    header = column_header(text, q.start)
    m = re.search(r"(20\d\d)\s*年", header)
    return bool(m and int(m.group(1)) != year) or bool(re.search(r"上年|去年|同期", header))


class Spans:
    """Sorted, merged spans of a text; `pos in spans` in O(log n) (numbers are tested one by one)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for a, b in sorted(spans):
            if merged and a <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], b)
            elif a < b:
                merged.append([a, b])
        self.starts = [a for a, _b in merged]
        self.ends = [b for _a, b in merged]

    def __contains__(self, pos: int) -> bool:
        i = bisect.bisect_right(self.starts, pos) - 1
        return i >= 0 and pos < self.ends[i]

    def __bool__(self) -> bool:
        return bool(self.starts)


def future_spans(text: str, headings: tuple[Heading, ...]) -> Spans:
    """Sections about next year's work (下一步工作, 2025年工作计划): their numbers are targets.

    A section runs to the next heading of its level or above (found for all headings in one pass).
    """
    ends = [len(text)] * len(headings)
    open_: list[int] = []  # headings whose section has not ended yet, levels increasing
    for i, h in enumerate(headings):
        while open_ and headings[open_[-1]].level >= h.level:
            ends[open_.pop()] = h.start
        open_.append(i)
    return Spans([(h.start, ends[i]) for i, h in enumerate(headings) if _FUTURE_HEADING.search(h.text)])


def fallback_headings(text: str) -> tuple[Heading, ...]:
    """Heading lines when the reader gave none: 一、 / （一） / 1. at a line start, short lines."""
    out: list[Heading] = []
    pos = 0
    for line in text.split("\n"):
        m = _HEADING_LINE.match(line)
        # a run-in heading (（二）加强学习培训。按照...) ends at its first full stop
        heading = line.strip().split("。", 1)[0]
        if m and len(heading) <= 40:
            level = 1 if m.group(1) else 2 if m.group(2) else 3
            out.append(Heading(start=pos, level=level, text=heading))
        pos += len(line) + 1
    return tuple(out)


