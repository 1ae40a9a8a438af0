"""Clauses, sentences and table cells around a position in a report's text.

Offsets are those of the text given (the soft view of `softbreaks`, same length as the report's text).
"""

from __future__ import annotations

import bisect
import re
from array import array

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
    """Where the sentence holding `pos` starts, at most 300 characters back (never the text's start when no
    break lies within them: every number of a long unbroken text would read back to its start, quadratic)."""
    window = max(0, pos - 300)
    return max(text.rfind(c, window, pos) for c in SENTENCE_BREAKS) + 1 or window


def line_start(text: str, pos: int) -> int:
    """Where the line holding `pos` starts (after the last newline before it), in O(log n)."""
    return _index(text).line_start(pos)


def table_label(text: str, start: int, end: int) -> str | None:
    """The label of the table row holding a value cell: its text cells before the value (a 序号 column
    of bare numbers is no label); None in prose. The label's last `MAX_LABEL` characters, like a clause."""
    index = _index(text)
    line_start, line_end = index.line_start(start), index.line_end(end)
    if not index.has_tab(line_start, line_end) or not index.has_tab(line_start, start):
        return None  # prose, or the number is in the first cell
    return index.row(line_start).label_before(start)


def column_header(text: str, start: int) -> str:
    """The header cell above a value cell: the first row of the run of tab-separated lines."""
    index = _index(text)
    line_start = index.line_start(start)
    column = index.tabs_between(line_start, start)
    first = index.table_top(line_start)
    if first == line_start:
        return ""
    header = index.cells(first)
    return header[column] if column < len(header) else ""


# Where a text's lines and tabs are, found once per text so that each question about a position costs
# O(log n): looking for the line's ends with rfind/find at every number made a one-line text quadratic.
MAX_LABEL = 200


class _Row:
    """One table row (a line with tabs): its cells and which of them are text (the label's cells)."""

    def __init__(self, text: str, start: int, tabs: list[int]) -> None:
        self.text, self.start, self.tabs = text, start, tabs
        self.label_cells: list[tuple[int, int]] = []  # spans of the text cells, in order
        self.labels_through: list[int] = []  # [k]: how many text cells end at or before tabs[k]
        cell_start = start
        for tab in tabs:
            if not _NUMBER_CELL.fullmatch(text[cell_start:tab].strip()):
                self.label_cells.append((cell_start, tab))
            self.labels_through.append(len(self.label_cells))
            cell_start = tab + 1

    def label_before(self, pos: int) -> str:
        k = bisect.bisect_left(self.tabs, pos) - 1
        n, room, pieces = self.labels_through[k], MAX_LABEL, []
        while n > 0 and room > 0:
            s, e = self.label_cells[n - 1]
            pieces.append(self.text[max(s, e - room) : e])
            room -= e - max(s, e - room)
            n -= 1
        return "".join(reversed(pieces))


class _TextIndex:
    def __init__(self, text: str) -> None:
        self.text = text
        self.newlines = array("q", (m.start() for m in re.finditer("\n", text)))
        self.tabs = array("q", (m.start() for m in re.finditer("\t", text)))
        self._row: _Row | None = None
        self._header: tuple[int, list[str]] = (-1, [])
        self._top: dict[int, int] = {}  # line start -> the start of the first line of its run of tab lines

    def line_start(self, pos: int) -> int:
        """Offset of the first character of the line holding `pos` (after the last newline before it)."""
        i = bisect.bisect_left(self.newlines, pos)
        return self.newlines[i - 1] + 1 if i else 0

    def line_end(self, pos: int) -> int:
        """Offset of the first newline at or after `pos` (the text's length when none)."""
        i = bisect.bisect_left(self.newlines, pos)
        return self.newlines[i] if i < len(self.newlines) else len(self.text)

    def tabs_between(self, a: int, b: int) -> int:
        return bisect.bisect_left(self.tabs, b) - bisect.bisect_left(self.tabs, a)

    def has_tab(self, a: int, b: int) -> bool:
        return self.tabs_between(a, b) > 0

    def row(self, line_start: int) -> _Row:
        row = self._row
        if row is None or row.start != line_start:
            end = self.line_end(line_start)
            tabs = self.tabs[bisect.bisect_left(self.tabs, line_start) : bisect.bisect_left(self.tabs, end)]
            row = self._row = _Row(self.text, line_start, list(tabs))
        return row

    def cells(self, line_start: int) -> list[str]:
        """The cells of the line starting at `line_start` (a table's header: asked for by every row below)."""
        if self._header[0] != line_start:
            self._header = (line_start, self.text[line_start : self.line_end(line_start)].split("\t"))
        return self._header[1]

    def table_top(self, line_start: int) -> int:
        """The first of the run of tab lines just above this line (this line itself when the one above has none)."""
        first = line_start
        while first > 0 and first not in self._top:
            prev_start = self.line_start(first - 1)
            if not self.has_tab(prev_start, first - 1):
                break
            first = prev_start
        top = self._top.get(first, first)
        self._top[line_start] = top
        return top


_last: _TextIndex | None = None


def _index(text: str) -> _TextIndex:
    global _last
    index = _last
    if index is None or index.text is not text:
        index = _last = _TextIndex(text)
    return index
