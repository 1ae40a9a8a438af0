"""The comparison as an Excel workbook a county office can print, sign and send up (openpyxl).

One sheet per section of the catalog (普法宣传, 学法与培训, ...), each headed the way a statistical
report is: 表名, then 填报单位 / 报告年度 / 制表日期, the indicator names with the 计量单位 of every
column, the townships, the county line, and a footer line for 填表人 and 审核人. Printed landscape,
fit to the page width, header rows repeated on every page, township column frozen.

Then: 报送情况 (each township's status and what to do), 较上年与排名, 数据来源 (every number's
sentence, page and file), 说明 (legend and notes). Values stay numbers (the qualifier is in the
number format: #,##0"+"); a value in a unit that does not add up is text (56批次*), so a SUM in Excel
leaves it out too. Every cell is written by `_put`, every text through warehouse.cells.text_cell.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from warehouse.cells import text_cell
from warehouse.compare import Column, Comparison, CountyLine
from warehouse.display import (
    COMPLETENESS_LEGEND,
    COMPLETENESS_TITLE,
    COVERAGE_LABEL,
    FEWER_IS_BETTER,
    HIGH_LABEL,
    LEGEND,
    LOW_LABEL,
    MEDIAN_LABEL,
    NOT_RANKED,
    NOT_SUMMED,
    POOLED_LABEL,
    QUALIFIER_LABEL,
    QUALIFIER_MARKS,
    REASON_HEADER,
    REVIEW_MARKS,
    STATUS_HEADER,
    TOTAL_LABEL,
    TOWNSHIP_HEADER,
    cell_text,
    made_on,
    missing_text,
    note_text,
    part_text,
    previous_text,
    reason_text,
    review_text,
    status_text,
    title,
    width,
)

UNIT_ROW_LABEL = "计量单位"
FOOTER_LINE = "填表人：　　　　　　　　审核人：　　　　　　　　单位负责人：　　　　　　　　（单位盖章）"
NEXT_STEP = {
    "reported": "",
    "quarantined": "核对校验报告中的原因，请乡镇更正后重新报送",
    "unreadable": "请乡镇重新发送可以打开的文件（Word 或 PDF）",
    "missing": "催报",
}

_CHANGE_FORMAT = "+#,##0.##;-#,##0.##;0"
_PERCENT_FORMAT = "+0.0%;-0.0%;0.0%"
_TITLE_FONT = Font(bold=True, size=16)
_BOLD = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_SUMMARY_FILL = PatternFill("solid", fgColor="F2F2F2")
_OTHER_UNIT_FILL = PatternFill("solid", fgColor="FCE4D6")
_DOUBTFUL_FILL = PatternFill("solid", fgColor="FFF2CC")  # (疑): still to be checked before the table is signed
_THIN = Side(style="thin", color="808080")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
_WRAP = Alignment(vertical="top", wrap_text=True)

# Rows of a section sheet (1-based).
TITLE_ROW, INFO_ROW, HEADER_ROW, UNIT_ROW, FIRST_DATA_ROW = 1, 2, 3, 4, 5
ONE_PAGE_ROWS = 45  # a section sheet this short prints on one page (scaled), longer ones run on


def write_xlsx(c: Comparison, path: Path, *, today: date | None = None) -> Path:
    """Write the workbook; returns `path`. Raises OSError when the file cannot be written (e.g. open in Excel)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb = Workbook()
    first = wb.active
    sections = c.sections or (("", "对比", ()),)
    taken = {title.casefold() for title in (*FIXED_SHEETS, *EXCEL_RESERVED)}
    for n, (_code, name, indices) in enumerate(sections):
        ws = first if n == 0 else wb.create_sheet()
        ws.title = _sheet_title(name, taken)
        _section_sheet(ws, c, name, indices, made_on(today))
    status, completeness, changes, sources, legend = FIXED_SHEETS
    _status_sheet(wb.create_sheet(status), c)
    if c.completeness:
        _completeness_sheet(wb.create_sheet(completeness), c)
    _changes_sheet(wb.create_sheet(changes), c)
    _sources_sheet(wb.create_sheet(sources), c)
    _legend_sheet(wb.create_sheet(legend), c)
    wb.save(path)
    return path


FIXED_SHEETS = ("报送情况", "报告完整性", "较上年与排名", "数据来源", "说明")
EXCEL_RESERVED = ("History",)  # Excel keeps this name for itself and repairs a workbook that uses it
_SHEET_NAME_MAX = 31


def _sheet_title(name: str, taken: set[str]) -> str:
    """A sheet name for a section (its name may come from a user's catalog) that Excel and WPS open without
    "repairing" the file: at most 31 characters, none of []:*?/\\ or a control character, no ' at either end,
    and unlike every name in `taken` (compared as Excel does, ignoring case; the fixed sheets' names are in it).
    A name already taken gets (2), (3), ... within the 31 characters. Adds the result to `taken`."""
    clean = "".join("_" if ch in "[]:*?/\\" else ch for ch in name if unicodedata.category(ch) not in ("Cc", "Cf"))
    base = clean.strip().strip("'")[:_SHEET_NAME_MAX] or "对比"
    title, n = base, 1
    while title.casefold() in taken:
        n += 1
        suffix = f"({n})"
        title = base[: _SHEET_NAME_MAX - len(suffix)] + suffix
    taken.add(title.casefold())
    return title


def _put(ws: Worksheet, row: int, col: int, value: object, *, number_format: str | None = None):  # type: ignore[no-untyped-def]
    """Write one cell: text through text_cell (kept as a string, never a formula), numbers as numbers."""
    if isinstance(value, str):
        cell = ws.cell(row=row, column=col, value=text_cell(value))
        cell.data_type = "s"
    else:
        cell = ws.cell(row=row, column=col, value=value)
        if number_format and value is not None:
            cell.number_format = number_format
    return cell


def number_format(value: float | None, qualifier: str | None, review: str | None = None) -> str:
    """An Excel format that keeps the cell numeric and still shows the qualifier and review marks."""
    base = "#,##0" if value is None or float(value).is_integer() else "#,##0.0#"
    prefix, suffix = QUALIFIER_MARKS.get(qualifier or "exact", ("", ""))
    suffix += REVIEW_MARKS.get(review or "", "")
    return (f'"{prefix}"' if prefix else "") + base + (f'"{suffix}"' if suffix else "")


# ---- a section sheet: the table to sign and send up ----

def _section_sheet(ws: Worksheet, c: Comparison, section: str, indices: Sequence[int], today: str) -> None:
    columns = [c.columns[i] for i in indices]
    last_col = 2 + len(columns)
    _title_block(ws, f"{title(c)}（{section}）", c, today, last_col)
    _put(ws, HEADER_ROW, 1, TOWNSHIP_HEADER)
    _put(ws, HEADER_ROW, 2, STATUS_HEADER)
    _put(ws, UNIT_ROW, 1, UNIT_ROW_LABEL)
    for j, col in enumerate(columns, start=3):
        _put(ws, HEADER_ROW, j, _header_text(col))
        _put(ws, UNIT_ROW, j, col.unit or "")
    for row in (HEADER_ROW, UNIT_ROW):
        for j in range(1, last_col + 1):
            cell = ws.cell(row=row, column=j)
            cell.font, cell.fill, cell.alignment, cell.border = _BOLD, _HEADER_FILL, _CENTER, _BOX

    r = FIRST_DATA_ROW
    for row in c.rows:
        _put(ws, r, 1, row.township)
        _put(ws, r, 2, status_text(row.status))
        for j, i in enumerate(indices, start=3):
            cell, col = row.cells[i], c.columns[i]
            if cell.value is None:
                continue
            if cell.fits:
                put = _put(ws, r, j, cell.value, number_format=number_format(cell.value, cell.qualifier, cell.mark))
            else:
                put = _put(ws, r, j, cell_text(cell, col))
                put.fill = _OTHER_UNIT_FILL
            if cell.mark == "doubtful":
                put.fill = _DOUBTFUL_FILL
        r += 1
    lines = [c.county_lines[i] for i in indices]
    r = _county_rows(ws, r, lines, columns)
    for row_cells in ws.iter_rows(min_row=FIRST_DATA_ROW, max_row=r - 1, max_col=last_col):
        for cell in row_cells:
            cell.border = _BOX
    r += 1
    _put(ws, r, 1, FOOTER_LINE)
    ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=last_col)
    r += 2
    notes = _section_notes(c, indices)
    for i, text in enumerate(notes):
        _put(ws, r + i, 1, text).alignment = _WRAP
        ws.merge_cells(start_row=r + i, start_column=1, end_row=r + i, end_column=last_col)
    notes_row, r = r, r + len(notes)
    widths = _column_widths(ws, last_col, min_total=width(ws.cell(row=TITLE_ROW, column=1).value or "") * 1.6)
    ws.row_dimensions[HEADER_ROW].height = 15 * max(_lines(_header_text(col), w) for col, w in
                                                   zip(columns, widths[2:], strict=True)) if columns else 30
    for i, text in enumerate(notes):  # merged cells do not grow by themselves
        ws.row_dimensions[notes_row + i].height = 15 * _lines(text, sum(widths) * 1.1)
    _print_setup(ws, f"{get_column_letter(last_col)}{r}", f"{HEADER_ROW}:{UNIT_ROW}")
    if r <= ONE_PAGE_ROWS:  # a county's table and its notes on one sheet of paper, not a page of notes alone
        ws.page_setup.fitToHeight = 1
    ws.freeze_panes = ws.cell(row=FIRST_DATA_ROW, column=2)


def _title_block(ws: Worksheet, name: str, c: Comparison, today: str, last_col: int) -> None:
    """表名 across the table, then 填报单位 (left), 报告年度 (middle) and 制表日期 (right)."""
    _put(ws, TITLE_ROW, 1, name).font = _TITLE_FONT
    ws.cell(row=TITLE_ROW, column=1).alignment = Alignment(horizontal="center", vertical="center")
    ws.merge_cells(start_row=TITLE_ROW, start_column=1, end_row=TITLE_ROW, end_column=max(last_col, 3))
    ws.row_dimensions[TITLE_ROW].height = 30
    last_col = max(last_col, 3)
    unit, year, made = f"填报单位：{c.county or ''}", f"报告年度：{c.year}年", f"制表日期：{today}"
    if last_col >= 6:  # 填报单位 over township and status, 报告年度 in the middle, 制表日期 on the right
        middle = 3 + (last_col - 3) // 2
        spans = [(1, 2, unit, "left"), (3, middle, year, "center"), (middle + 1, last_col, made, "right")]
    else:
        spans = [(1, 2, unit, "left"), (3, last_col, f"{year}　{made}", "right")]
    for start, end, text, align in spans:
        _put(ws, INFO_ROW, start, text).alignment = Alignment(horizontal=align)
        if end > start:
            ws.merge_cells(start_row=INFO_ROW, start_column=start, end_row=INFO_ROW, end_column=end)


def _county_rows(ws: Worksheet, r: int, lines: Sequence[CountyLine], columns: Sequence[Column]) -> int:
    """县合计 (a rate is not summed), 中位数, 最小值, 最大值, 计入乡镇数 and, when known, the pooled rate."""
    rows: list[tuple[str, list[object]]] = [
        (TOTAL_LABEL, [NOT_SUMMED if col.is_rate else x.total for x, col in zip(lines, columns, strict=True)]),
        (MEDIAN_LABEL, [x.median for x in lines]),
        (LOW_LABEL, [x.low for x in lines]),
        (HIGH_LABEL, [x.high for x in lines]),
        (COVERAGE_LABEL, [x.coverage for x in lines]),
    ]
    if any(x.pooled is not None for x in lines):
        rows.append((POOLED_LABEL, [x.pooled for x in lines]))
    for label, values in rows:
        _put(ws, r, 1, label).font = _BOLD
        for j, (value, line) in enumerate(zip(values, lines, strict=True), start=3):
            qualifier = line.qualifier if label == TOTAL_LABEL else "exact"
            cell = _put(ws, r, j, value, number_format=number_format(value, qualifier)
                        if isinstance(value, float | int) else None)
            cell.alignment = Alignment(horizontal="right")
        for j in range(1, 3 + len(values)):
            ws.cell(row=r, column=j).fill = _SUMMARY_FILL
        r += 1
    return r


def _section_notes(c: Comparison, indices: Sequence[int]) -> list[str]:
    codes = {c.columns[i].code for i in indices}
    notes = [note_text(n, c) for n in c.notes if n.kind == "unit" and n.column in codes]
    out = ["注：带 * 的数值单位不能与本栏相加，按原单位列出，未计入县合计和排名；比率（%）不相加。其余说明见“说明”表。"]
    out += [f"{i}. {text}" for i, text in enumerate(notes, start=1)]
    return out


def _header_text(col: Column) -> str:
    """普法宣传活动 / （次） / （越少越好）: broken before the unit, so a narrow column wraps cleanly."""
    return f"{col.name}\n（{col.unit}）" + (f"\n（{FEWER_IS_BETTER}）" if col.fewer_is_better else "")


def _lines(text: str, column_width: float) -> int:
    """Printed lines of a wrapped cell: each line of `text` over a column `column_width` characters wide."""
    room = max(1.0, column_width - 1)
    return sum(max(1, -(-width(line) // int(room))) for line in text.split("\n"))


def _column_widths(ws: Worksheet, last_col: int, *, min_total: float = 0) -> list[float]:
    """Township and status columns fit their text; value columns fit values (headers wrap).

    A sheet of few columns is widened to `min_total` so its title and footer fit above and below it.
    """
    widths: list[float] = []
    for j in range(1, last_col + 1):
        longest = 0
        for row in ws.iter_rows(min_row=FIRST_DATA_ROW, min_col=j, max_col=j):
            for cell in row:
                if cell.value is not None and not _merged(ws, cell.coordinate):
                    longest = max(longest, width(str(cell.value)) + (2 if not isinstance(cell.value, str) else 0))
        if j > 2:
            longest = max(longest, 8)
        cap = 30 if j <= 2 else 14
        widths.append(min(max(longest + 2, 8), cap))
    spare = min_total - sum(widths)
    if spare > 0 and last_col > 2:
        widths[2:] = [w + spare / (last_col - 2) for w in widths[2:]]
    for j, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(j)].width = w
    return widths


def _merged(ws: Worksheet, coordinate: str) -> bool:
    return any(coordinate in rng for rng in ws.merged_cells.ranges)


def _print_setup(ws: Worksheet, last_cell: str, title_rows: str) -> None:
    """Landscape A4, fit to one page wide, `title_rows` on every page, page numbers in the footer.

    The print area runs from A1 (the title block) to `last_cell`.
    """
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = title_rows
    ws.print_area = f"A1:{last_cell}"
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = 0.6
    ws.page_margins.bottom = 0.8  # room for the page number below the table
    ws.page_margins.footer = 0.3
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"


# ---- the other sheets ----

@dataclass(frozen=True)
class _Num:
    """A number with its own format (a qualifier mark) in a list sheet whose column has another."""

    value: float | None
    number_format: str


def _table_sheet(ws: Worksheet, name: str, header: Sequence[str], rows: Sequence[Sequence[object]],
                 widths: Sequence[int], formats: dict[int, str] | None = None) -> None:
    """A titled list with a frozen, filterable header row, printed landscape to the page width."""
    _put(ws, 1, 1, name).font = _TITLE_FONT
    for j, text in enumerate(header, start=1):
        cell = _put(ws, 2, j, text)
        cell.font, cell.fill, cell.alignment, cell.border = _BOLD, _HEADER_FILL, _CENTER, _BOX
    ws.row_dimensions[2].height = 15 * max(_lines(h, w) for h, w in zip(header, widths, strict=False))
    for i, values in enumerate(rows, start=3):
        for j, value in enumerate(values, start=1):
            fmt = (formats or {}).get(j)
            if isinstance(value, _Num):
                value, fmt = value.value, value.number_format
            cell = _put(ws, i, j, value, number_format=fmt)
            cell.alignment = _WRAP
        # wrapped text does not make a row taller by itself (LibreOffice, WPS): as tall as its longest cell
        ws.row_dimensions[i].height = 15 * max(
            (_lines(v, w) for v, w in zip(values, widths, strict=False) if isinstance(v, str)), default=1)
    for j, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(j)].width = w
    last = get_column_letter(len(header))
    ws.freeze_panes = "B3"
    ws.auto_filter.ref = f"A2:{last}{max(2, len(rows) + 2)}"
    _print_setup(ws, f"{last}{len(rows) + 2}", "2:2")


def _status_sheet(ws: Worksheet, c: Comparison) -> None:
    rows = [(r.township, status_text(r.status), r.status.file_name or "", reason_text(r.status),
             NEXT_STEP[r.status.code]) for r in c.rows]
    _table_sheet(ws, f"{c.county or ''}{c.year}年各乡镇（街道）报送情况",
                 [TOWNSHIP_HEADER, STATUS_HEADER, "文件", REASON_HEADER, "处理建议"], rows, [14, 26, 30, 50, 30])


def _completeness_sheet(ws: Worksheet, c: Comparison) -> None:
    parts = c.completeness[0].parts
    rows = [(e.township, e.file_name or "", *(part_text(p) for p in e.parts), missing_text(e))
            for e in c.completeness]
    _table_sheet(ws, f"{c.county or ''}{c.year}年{COMPLETENESS_TITLE}",
                 [TOWNSHIP_HEADER, "文件", *(p.name for p in parts), "未见的部分"], rows,
                 [12, 20, *(26 for _ in parts), 30])
    note = len(rows) + 4
    _put(ws, note, 1, COMPLETENESS_LEGEND).alignment = _WRAP
    ws.merge_cells(start_row=note, start_column=1, end_row=note, end_column=3 + len(parts))
    ws.row_dimensions[note].height = 45
    ws.print_area = f"A1:{get_column_letter(3 + len(parts))}{note}"


def _changes_sheet(ws: Worksheet, c: Comparison) -> None:
    rows = []
    for r in c.rows:
        for cell, col in zip(r.cells, c.columns, strict=True):
            if cell.value is None:
                continue
            value: object = _Num(cell.value, number_format(cell.value, cell.qualifier, cell.mark)) if cell.fits \
                else cell_text(cell, col)
            previous: object = cell.previous if col.fits(cell.previous_unit) else previous_text(cell, col)
            pct = None if cell.change_pct is None else cell.change_pct / 100
            rows.append((r.township, col.section_name, col.name, col.unit, value, previous, cell.change,
                         None if col.is_rate else pct,
                         f"{cell.rank}/{cell.ranked}" if cell.rank else "",
                         NOT_RANKED if not col.is_ranked else FEWER_IS_BETTER if col.fewer_is_better else "越多越好"))
    _table_sheet(ws, f"{c.county or ''}{c.year}年各项指标较上年变化与排名",
                 [TOWNSHIP_HEADER, "类别", "指标", UNIT_ROW_LABEL, "本年", "上年", "较上年（比率为百分点）",
                  "较上年(%)", "排名", "排名方向"], rows, [12, 14, 28, 9, 11, 11, 14, 11, 8, 10],
                 {5: "#,##0.##", 6: "#,##0.##", 7: _CHANGE_FORMAT, 8: _PERCENT_FORMAT})


def _sources_sheet(ws: Worksheet, c: Comparison) -> None:
    rows = []
    for r in c.rows:
        for cell, col in zip(r.cells, c.columns, strict=True):
            if cell.value is None:
                continue
            rows.append((r.township, col.name, cell.value, cell.unit or col.unit,
                         QUALIFIER_LABEL.get(cell.qualifier or "exact", ""), "是" if cell.fits else "否（单位不同）",
                         cell.quote or "", cell.page, cell.file_name or "", "是" if cell.ocr else "",
                         review_text(cell)))
    _table_sheet(ws, f"{c.county or ''}{c.year}年每个数字的来源",
                 [TOWNSHIP_HEADER, "指标", "数值", "单位（原文）", "限定词", "计入合计", "原文句子", "页码", "文件",
                  "OCR 识别", "核对"], rows, [12, 24, 11, 10, 10, 12, 60, 6, 26, 8, 22], {3: "#,##0.##"})


def _legend_sheet(ws: Worksheet, c: Comparison) -> None:
    lines = [title(c), "", f"说明：{LEGEND}", ""]
    notes = [note_text(n, c) for n in c.notes]
    if notes:
        lines.append("注：")
        lines += [f"{i}. {text}" for i, text in enumerate(notes, start=1)]
    for i, text in enumerate(lines, start=1):
        _put(ws, i, 1, text).alignment = _WRAP
        ws.row_dimensions[i].height = 15 * max(1, -(-width(text) // 110))
    ws.cell(row=1, column=1).font = _TITLE_FONT
    ws.column_dimensions["A"].width = 120
    _print_setup(ws, f"A{len(lines)}", "1:1")
