"""The comparison in a terminal: indicators as rows grouped by section, townships as columns, paged to fit.

Every line fits the width (COLUMNS or the real terminal; 80 columns stays readable): a section whose
townships do not fit side by side continues on a further block with the indicator names repeated, and
the county line (县合计, 中位数, 最小值, 最大值, 计入乡镇数) follows as columns of its own. Widths are
display widths (a CJK character takes two columns); control characters never reach the terminal.
"""

from __future__ import annotations

import os
import shutil
import sys
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from warehouse.compare import Column, Comparison, CountyLine
from warehouse.display import (
    COMPLETENESS_LEGEND,
    COMPLETENESS_TITLE,
    COVERAGE_LABEL,
    HIGH_LABEL,
    INDICATOR_HEADER,
    LEGEND,
    LOW_LABEL,
    MEDIAN_LABEL,
    NOT_SUMMED,
    PART_MARK,
    TOTAL_LABEL,
    TOWNSHIP_HEADER,
    cell_text,
    marked,
    missing_text,
    note_text,
    number,
    pad,
    status_summary,
    title,
    width,
    wrap,
)

GAP = "  "
MIN_WIDTH = 40


@dataclass(frozen=True)
class _Block:
    """A column of the printed table: its header and one text per indicator row."""

    header: str
    values: tuple[str, ...]

    @property
    def width(self) -> int:
        return max([width(self.header), *(width(v) for v in self.values)])


def terminal_width() -> int:
    """COLUMNS when set, else the width of the terminal (stdout's, else stderr's or stdin's: `compare | less`
    still shows on it), else 80 (output to a file with no terminal at all)."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    for stream in (sys.__stdout__, sys.__stderr__, sys.__stdin__):
        try:
            return os.get_terminal_size(stream.fileno()).columns if stream else 80
        except (OSError, ValueError):
            continue
    return shutil.get_terminal_size((80, 24)).columns


def render_terminal(c: Comparison, width_: int | None = None) -> str:
    """The whole comparison as text whose every line is at most `width_` (default: terminal_width()) columns."""
    cols = max(MIN_WIDTH, width_ or terminal_width())
    lines = [*wrap(_printable(title(c)), cols), "", *wrap(_printable(status_summary(c)), cols, "  ")]
    if not c.columns:
        lines += ["", "（本年度没有已入库的指标数据）"]
    for _code, name, indices in c.sections:
        lines.append("")
        lines += _section(c, name, indices, cols)
    if c.completeness:
        lines.append("")
        lines += _completeness(c, cols)
    notes = [note_text(n, c) for n in c.notes]
    if notes:
        lines += ["", "注："]
        for i, text in enumerate(notes, start=1):
            lines += wrap(_printable(f"{i}. {text}"), cols, "   ")
    lines += ["", *wrap(f"说明：{LEGEND}", cols, "  ")]
    return "\n".join(line.rstrip() for line in lines) + "\n"


def _section(c: Comparison, name: str, indices: Sequence[int], cols: int) -> list[str]:
    columns = [c.columns[i] for i in indices]
    labels = [_printable(col.header) for col in columns]
    label_width = min(max(width(INDICATOR_HEADER), *(width(x) for x in labels)), max(12, cols // 3))
    blocks = [_Block(_printable(r.township), tuple(_printable(cell_text(r.cells[i], c.columns[i])) for i in indices))
              for r in c.rows if r.reported]
    blocks += _county_blocks([c.county_lines[i] for i in indices], columns)
    pages = _pages(blocks, cols - label_width)
    out: list[str] = []
    for n, page in enumerate(pages):
        out.append(f"【{name}】" + ("（续）" if n else ""))
        out += _page(page, labels, label_width)
    return out


def _completeness(c: Comparison, cols: int) -> list[str]:
    """Townships as rows, the required parts as columns (有 / 缺 / 不明), then what each report lacks."""
    entries = c.completeness
    labels = [_printable(e.township) for e in entries]
    label_width = min(max(width(TOWNSHIP_HEADER), *(width(x) for x in labels)), max(12, cols // 3))
    blocks = [_Block(part.short, tuple(PART_MARK[e.parts[k].present] for e in entries))
              for k, part in enumerate(entries[0].parts)]
    out: list[str] = []
    for n, page in enumerate(_pages(blocks, cols - label_width)):
        out.append(f"【{COMPLETENESS_TITLE}】" + ("（续）" if n else ""))
        out += _page(page, labels, label_width, TOWNSHIP_HEADER)
    lacking: dict[str, list[str]] = {}  # what is missing -> the townships it is missing from
    for e in entries:
        if missing_text(e):
            lacking.setdefault(missing_text(e), []).append(e.township)
    if lacking:
        out.append("未见的部分：")
        for text, townships in lacking.items():
            who = f"全部 {len(entries)} 份报告" if len(townships) == len(entries) > 1 else "、".join(townships)
            out += wrap(_printable(f"  {who}：{text}"), cols, "    ")
    out += wrap(COMPLETENESS_LEGEND, cols, "  ")
    return out


def _county_blocks(lines: Sequence[CountyLine], columns: Sequence[Column]) -> list[_Block]:
    def total(line: CountyLine, col: Column) -> str:
        if not col.is_rate:
            return _marked_total(line)
        return f"合并{number(line.pooled)}" if line.pooled is not None else NOT_SUMMED

    return [
        _Block(TOTAL_LABEL, tuple(total(x, col) for x, col in zip(lines, columns, strict=True))),
        _Block(MEDIAN_LABEL, tuple(number(x.median) for x in lines)),
        _Block(LOW_LABEL, tuple(number(x.low) for x in lines)),
        _Block(HIGH_LABEL, tuple(number(x.high) for x in lines)),
        _Block(COVERAGE_LABEL, tuple(x.coverage for x in lines)),
    ]


def _marked_total(line: CountyLine) -> str:
    return marked(line.total, line.qualifier)


def _pages(blocks: Sequence[_Block], room: int) -> list[list[_Block]]:
    """Blocks side by side while they fit in `room` columns (each after a two-space gap); at least one a page."""
    pages: list[list[_Block]] = [[]]
    used = 0
    for block in blocks:
        need = len(GAP) + block.width
        if pages[-1] and used + need > room:
            pages.append([])
            used = 0
        pages[-1].append(block)
        used += need
    return pages


def _page(blocks: Sequence[_Block], labels: Sequence[str], label_width: int,
          label_header: str = INDICATOR_HEADER) -> list[str]:
    widths = [b.width for b in blocks]
    head = pad(label_header, label_width) + "".join(GAP + pad(b.header, w, right=True)
                                                        for b, w in zip(blocks, widths, strict=True))
    rule = "-" * label_width + "".join(GAP + "-" * w for w in widths)
    out = [head, rule]
    for i, label in enumerate(labels):
        parts = _label_lines(label, label_width)
        values = "".join(GAP + pad(b.values[i], w, right=True) for b, w in zip(blocks, widths, strict=True))
        out.append(pad(parts[0], label_width) + values)
        out += parts[1:]
    return out


def _label_lines(label: str, label_width: int) -> list[str]:
    """An indicator label in the label column: broken before its unit (（次）) first, then wherever it must."""
    if width(label) <= label_width:
        return [label]
    head, paren, unit = label.rpartition("（")
    if paren and width(head) <= label_width and width(paren + unit) < label_width:
        return [head, " " + paren + unit]
    return wrap(label, label_width, " ") or [""]


def _printable(text: str) -> str:
    """Control and format characters (an escape sequence in a file's text) never reach the terminal."""
    return "".join("?" if unicodedata.category(ch) in ("Cc", "Cf") else ch for ch in text)
