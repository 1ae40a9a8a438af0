"""How values look to a clerk, shared by every export: qualifier marks, changes, ranks, CJK widths.

2000余 is shown 2000+, 近2000 as <2000, 约2000 as ~2000 (LEGEND says so in every export).
"""

from __future__ import annotations

import unicodedata

from warehouse.compare import Cell, Column, Row

TOWNSHIP_HEADER = "乡镇/街道"
STATUS_HEADER = "报送情况"
TOTAL_LABEL = "县合计"
MEDIAN_LABEL = "中位数"
CHANGE_SUFFIX = "较上年"
CHANGE_PCT_SUFFIX = "较上年(%)"
RANK_SUFFIX = "排名"
STATUS_LABEL = {"loaded": "已报送", "quarantined": "报告未通过校验", "missing": "未报送"}
QUALIFIER_LABEL = {"exact": "", "over": "余/多/以上", "under": "近/不足", "about": "约/左右"}
LEGEND = (
    "2000+ 表示“2000余/多/以上”；<2000 表示“近/不足2000”；~2000 表示“约/左右2000”。"
    "县合计为各乡镇数值之和（含约数时标注同样符号）；中位数只计已填报的乡镇；"
    "排名 1 为最大，形如 1/5 表示 5 个乡镇中的第 1 名；较上年为与上一年度的差值及百分比。"
)


def number(value: float | None) -> str:
    """2000.0 -> 2000, 98.5 -> 98.5, 1/3 -> 0.33: as a clerk writes numbers."""
    if value is None:
        return ""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.2f}".rstrip("0").rstrip(".")


# (prefix, suffix) around a value: 2000+ (余/多/以上), <2000 (近/不足), ~2000 (约/左右). Every view uses these.
QUALIFIER_MARKS = {"exact": ("", ""), "over": ("", "+"), "under": ("<", ""), "about": ("~", "")}


def mark(text: str, qualifier: str | None) -> str:
    prefix, suffix = QUALIFIER_MARKS.get(qualifier or "exact", ("", ""))
    return f"{prefix}{text}{suffix}"


def marked(value: float | None, qualifier: str | None) -> str:
    """The value with its qualifier mark: 2000+ (over), <2000 (under), ~2000 (about)."""
    text = number(value)
    return mark(text, qualifier) if text else ""


def cell_text(cell: Cell, column: Column) -> str:
    """Marked value, with the report's unit when it differs from the column's (e.g. 98.5%)."""
    text = marked(cell.value, cell.qualifier)
    if text and cell.unit and column.unit and cell.unit != column.unit:
        text += cell.unit
    return text


def change_text(cell: Cell) -> str:
    """+4（+25%） against last year; empty when last year is unknown."""
    if cell.change is None:
        return ""
    sign = "+" if cell.change > 0 else ""
    text = f"{sign}{number(cell.change)}"
    if cell.change_pct is not None:
        pct_sign = "+" if cell.change_pct > 0 else ""
        text += f"（{pct_sign}{number(cell.change_pct)}%）"
    return text


def percent_text(value: float | None) -> str:
    return f"{number(value)}%" if value is not None else ""


def rank_text(cell: Cell) -> str:
    if cell.rank is None:
        return ""
    return f"{cell.rank}/{cell.ranked}" if cell.ranked else str(cell.rank)


def township_label(row: Row) -> str:
    return row.township if row.status == "loaded" else f"{row.township}（{STATUS_LABEL[row.status]}）"


def width(text: str) -> int:
    """Terminal columns: wide and full-width characters (CJK) take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else
               0 if unicodedata.combining(ch) else 1 for ch in text)


def pad(text: str, columns: int, *, right: bool = False) -> str:
    gap = " " * max(0, columns - width(text))
    return gap + text if right else text + gap
