"""Clauses, sentences and table cells around a position in a report's text.

Offsets are those of the text given (the soft view of `softbreaks`, same length as the report's text).
"""

from __future__ import annotations

import re

_NUMBER_CELL = re.compile(r"[0-9０-９.．%％]*")
CLAUSE_BREAKS = "，,。；;：:！？!?\n\t"
SENTENCE_BREAKS = "。；;！？!?\n"


def start_of_clause(text: str, pos: int) -> int:
    """Where the clause holding `pos` starts (after the last 、-free break: ， 。 ； ： newline tab)."""
    window = max(0, pos - 200)
    return max(text.rfind(c, window, pos) for c in CLAUSE_BREAKS) + 1 or window


def end_of_clause(text: str, pos: int) -> int:
    ends = [i for i in (text.find(c, pos, pos + 200) for c in CLAUSE_BREAKS) if i >= 0]
    return min(ends) if ends else min(len(text), pos + 200)


def start_of_sentence(text: str, pos: int) -> int:
    return max(text.rfind(c, max(0, pos - 300), pos) for c in SENTENCE_BREAKS) + 1


def table_label(text: str, start: int, end: int) -> str | None:
    """The label of the table row holding a value cell: its text cells before the value (a 序号 column
    of bare numbers is no label); None in prose."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start : len(text) if line_end < 0 else line_end]
    if "\t" not in line:
        return None
    before = text[line_start:start]
    if "\t" not in before:
        return None  # the number is in the first cell: prose
    cells = before.split("\t")[:-1]
    return "".join(c for c in cells if not _NUMBER_CELL.fullmatch(c.strip()))


def column_header(text: str, start: int) -> str:
    """The header cell above a value cell: the first row of the run of tab-separated lines."""
    line_start = text.rfind("\n", 0, start) + 1
    column = text.count("\t", line_start, start)
    first = line_start
    while first > 0:
        prev_start = text.rfind("\n", 0, first - 1) + 1
        if "\t" not in text[prev_start : first - 1]:
            break
        first = prev_start
    if first == line_start:
        return ""
    header = text[first : text.find("\n", first)].split("\t")
    return header[column] if column < len(header) else ""
