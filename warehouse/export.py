"""The comparison as a terminal table, CSV (UTF-8 with BOM, so Excel reads the Chinese), XLSX and HTML.

Every format shows the same things with the same Chinese labels: headline value with its
qualifier mark, change on last year, rank, 县合计 and 中位数, and the townships without a report.
"""

from __future__ import annotations

import csv
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from warehouse.compare import Cell, Comparison
from warehouse.display import (
    CHANGE_PCT_SUFFIX,
    CHANGE_SUFFIX,
    LEGEND,
    MEDIAN_LABEL,
    QUALIFIER_LABEL,
    QUALIFIER_MARKS,
    RANK_SUFFIX,
    STATUS_HEADER,
    STATUS_LABEL,
    TOTAL_LABEL,
    TOWNSHIP_HEADER,
    cell_text,
    marked,
    number,
    pad,
    percent_text,
    rank_text,
    township_label,
    width,
)
from warehouse.html_page import html_page


def title(c: Comparison) -> str:
    return f"{c.county or ''}{c.year}年法治政府建设年度报告指标对比".strip()


def _printable(text: str) -> str:
    """Control characters (e.g. an escape sequence in a file's text) never reach the terminal."""
    return "".join(ch if ch.isprintable() else "?" for ch in text)


def render_terminal(c: Comparison) -> str:
    """An aligned table (CJK characters count two columns), then the legend and missing townships."""
    if not c.columns:
        lines = [_printable(title(c)), "", "（本年度没有已入库的指标数据）"]
        if c.missing:
            lines.append("未报送或报告未通过校验：" + "、".join(_printable(t) for t in c.missing))
        return "\n".join(lines) + "\n"
    header = [TOWNSHIP_HEADER, *(col.header for col in c.columns)]
    body = [[township_label(r), *(cell_text(cell, col) for cell, col in zip(r.cells, c.columns, strict=True))]
            for r in c.rows]
    body.append([TOTAL_LABEL, *(cell_text(t, col) for t, col in zip(c.totals, c.columns, strict=True))])
    body.append([MEDIAN_LABEL, *(number(m) for m in c.medians)])
    table = [[_printable(x) for x in line] for line in [header, *body]]
    widths = [max(width(line[i]) for line in table) for i in range(len(header))]
    rule = "  ".join("-" * w for w in widths)

    def render(line: list[str]) -> str:
        return "  ".join(pad(text, widths[i], right=i > 0) for i, text in enumerate(line)).rstrip()

    lines = [_printable(title(c)), "", render(table[0]), rule]
    lines += [render(line) for line in table[1:-2]]
    if len(table) > 3:
        lines.append(rule)
    lines += [render(line) for line in table[-2:]]
    lines += ["", f"说明：{LEGEND}"]
    if c.missing:
        lines.append("未报送或报告未通过校验：" + "、".join(_printable(t) for t in c.missing))
    return "\n".join(lines) + "\n"


# ---- CSV ----

def table_header(c: Comparison) -> list[str]:
    """Per indicator: value, change on last year, change in percent, rank (CSV and the XLSX main sheet)."""
    out = [TOWNSHIP_HEADER, STATUS_HEADER]
    for col in c.columns:
        out += [col.header, f"{col.name}{CHANGE_SUFFIX}", f"{col.name}{CHANGE_PCT_SUFFIX}", f"{col.name}{RANK_SUFFIX}"]
    return out


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _safe_text(text: str) -> str:
    """A name starting like a formula (=, +, -, @) is prefixed with ' so Excel shows it as text."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def write_csv(c: Comparison, path: Path) -> Path:
    """One row per township, then 县合计 and 中位数; UTF-8 with BOM for Excel."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(table_header(c))
        for r in c.rows:
            line = [_safe_text(r.township), STATUS_LABEL[r.status]]
            for cell, col in zip(r.cells, c.columns, strict=True):
                line += [cell_text(cell, col), number(cell.change), percent_text(cell.change_pct), rank_text(cell)]
            w.writerow(line)
        total = [TOTAL_LABEL, ""]
        median = [MEDIAN_LABEL, ""]
        for t, m, col in zip(c.totals, c.medians, c.columns, strict=True):
            total += [cell_text(t, col), "", "", ""]
            median += [number(m), "", "", ""]
        w.writerow(total)
        w.writerow(median)
    return path


# ---- XLSX ----

_CHANGE_FORMAT = "+#,##0.##;-#,##0.##;0"
_PERCENT_FORMAT = "+0.0%;-0.0%;0.0%"
_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_SUMMARY_FONT = Font(bold=True)


def number_format(value: float | None, qualifier: str | None) -> str:
    """An Excel format that keeps the cell numeric and still shows the qualifier mark."""
    base = "#,##0" if value is None or float(value).is_integer() else "#,##0.0#"
    prefix, suffix = QUALIFIER_MARKS.get(qualifier or "exact", ("", ""))
    return (f'"{prefix}"' if prefix else "") + base + (f'"{suffix}"' if suffix else "")


def write_xlsx(c: Comparison, path: Path) -> Path:
    """Sheets: the comparison (frozen header), townships without a report, the long headline table, legend."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb = Workbook()
    ws = wb.active
    ws.title = f"{c.year}年对比"
    _comparison_sheet(ws, c)
    _missing_sheet(wb.create_sheet("未报送乡镇"), c)
    _long_sheet(wb.create_sheet("指标明细"), c)
    legend = wb.create_sheet("说明")
    legend.append([title(c)])
    legend.append([LEGEND])
    legend.column_dimensions["A"].width = 120
    wb.save(path)
    return path


def _value_cell(ws, row: int, col: int, cell: Cell) -> None:  # type: ignore[no-untyped-def]
    if cell.value is None:
        return
    target = ws.cell(row=row, column=col, value=cell.value)
    target.number_format = number_format(cell.value, cell.qualifier)


def _text_cell(ws, row: int, col: int, text: str | None):  # type: ignore[no-untyped-def]
    """A string cell that stays a string even if it starts with = (openpyxl would store a formula)."""
    cell = ws.cell(row=row, column=col, value=text)
    if text is not None:
        cell.data_type = "s"
    return cell


def _comparison_sheet(ws, c: Comparison) -> None:  # type: ignore[no-untyped-def]
    ws.append(table_header(c))
    for cell in ws[1]:
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for i, r in enumerate(c.rows, start=2):
        _text_cell(ws, i, 1, r.township)
        ws.cell(row=i, column=2, value=STATUS_LABEL[r.status])
        for j, cell in enumerate(r.cells):
            base = 3 + 4 * j
            _value_cell(ws, i, base, cell)
            if cell.change is not None:
                ws.cell(row=i, column=base + 1, value=cell.change).number_format = _CHANGE_FORMAT
            if cell.change_pct is not None:
                ws.cell(row=i, column=base + 2, value=cell.change_pct / 100).number_format = _PERCENT_FORMAT
            if cell.rank is not None:
                ws.cell(row=i, column=base + 3, value=cell.rank)
    total_row = len(c.rows) + 2
    ws.cell(row=total_row, column=1, value=TOTAL_LABEL).font = _SUMMARY_FONT
    ws.cell(row=total_row + 1, column=1, value=MEDIAN_LABEL).font = _SUMMARY_FONT
    for j, (t, m) in enumerate(zip(c.totals, c.medians, strict=True)):
        _value_cell(ws, total_row, 3 + 4 * j, t)
        if m is not None:
            ws.cell(row=total_row + 1, column=3 + 4 * j, value=m).number_format = number_format(m, "exact")
    ws.freeze_panes = "B2"
    _fit_columns(ws)


def _missing_sheet(ws, c: Comparison) -> None:  # type: ignore[no-untyped-def]
    ws.append([TOWNSHIP_HEADER, STATUS_HEADER])
    for cell in ws[1]:
        cell.font = _HEADER_FONT
    for r in c.rows:
        if not r.reported:
            _text_cell(ws, ws.max_row + 1, 1, r.township)
            ws.cell(row=ws.max_row, column=2, value=STATUS_LABEL[r.status])
    ws.freeze_panes = "A2"
    _fit_columns(ws)


def _long_sheet(ws, c: Comparison) -> None:  # type: ignore[no-untyped-def]
    ws.append([TOWNSHIP_HEADER, "年度", "指标", "数值", "单位", "限定词", "上年数值", CHANGE_SUFFIX, RANK_SUFFIX,
               "原文", "页码", "文件"])
    for cell in ws[1]:
        cell.font = _HEADER_FONT
    for r in c.rows:
        for cell, col in zip(r.cells, c.columns, strict=True):
            if cell.value is None:
                continue
            ws.append([None, c.year, col.name, cell.value, cell.unit or col.unit,
                       QUALIFIER_LABEL.get(cell.qualifier or "exact", ""), cell.previous, cell.change,
                       cell.rank, None, cell.page, None])
            n = ws.max_row
            for column, text in ((1, r.township), (10, cell.quote), (12, cell.file_name)):
                _text_cell(ws, n, column, text)
            ws.cell(row=n, column=4).number_format = number_format(cell.value, cell.qualifier)
            ws.cell(row=n, column=8).number_format = _CHANGE_FORMAT
    ws.freeze_panes = "A2"
    _fit_columns(ws)


def _fit_columns(ws) -> None:  # type: ignore[no-untyped-def]
    """Column width from the widest text (CJK counts two), capped so quotes do not push others off-screen."""
    for column in ws.columns:
        longest = 0
        for cell in column:
            if cell.value is None:
                continue
            text = marked(cell.value, "exact") if isinstance(cell.value, float) else str(cell.value)
            longest = max(longest, width(text) + (2 if isinstance(cell.value, float) else 0))
        ws.column_dimensions[get_column_letter(column[0].column)].width = min(max(longest + 2, 8), 60)


# ---- HTML ----

def write_html(c: Comparison, path: Path) -> Path:
    """One self-contained page: inline CSS and SVG, no scripts, no external files."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(html_page(c, title(c)), encoding="utf-8")
    return path
