"""The report's period: what states a result of the reported year and what does not.

Next year's plans (下一步工作 sections, 计划开展..., a sentence opening with next year),
last year's figures (去年同期, a table column headed 2022年) are not statistics of the report.
Headings are the reader's; for a text without them, heading lines are found here.
"""

from __future__ import annotations

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


def future_spans(text: str, headings: tuple[Heading, ...]) -> list[tuple[int, int]]:
    """Sections about next year's work (下一步工作, 2025年工作计划): their numbers are targets."""
    spans: list[tuple[int, int]] = []
    for i, h in enumerate(headings):
        if not _FUTURE_HEADING.search(h.text):
            continue
        end = next((n.start for n in headings[i + 1 :] if n.level <= h.level), len(text))
        spans.append((h.start, end))
    return spans


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


