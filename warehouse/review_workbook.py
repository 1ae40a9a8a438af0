"""The review workbook a clerk fills in Excel or WPS: one row per cell to check, four columns to fill.

Layout (sheet 复核): a title, how to fill it, the 复核人 cell, a header row, then one row per cell: township,
indicator, the number as extracted, why to check it, the sentence with the number in 【】, page, file, other
mentions (or, for an indicator not found, the numbers that may be it), then the clerk's columns 确认 (是),
更正为 (a number, optionally with 余/约/近 and a unit: 2000余人次), 删除 (是) and 备注. Dropdowns for 确认 and
删除; the sheet is protected (no password) so only the clerk's columns and 复核人 can be typed in.

Every row carries, in hidden columns, its cell's key, the cell's state when exported (CellState.token) and an
HMAC-SHA256 signature, with the warehouse's own key (meta.review_key), of everything it shows: a row edited
outside the clerk's columns, copied, or taken from a workbook of another warehouse fails `read_review_workbook`'s
check, and the import is refused whole.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.worksheet.datavalidation import DataValidation

from warehouse.cells import text_cell
from warehouse.display import number, width
from warehouse.review import ReviewCell

SHEET = "复核"
YES = "是"
KIND_LABEL = {"cell": "表中数字", "not_found": "未找到"}
QUALIFIER_WORDS = {"exact": ("", ""), "over": ("", "余"), "under": ("近", ""), "about": ("约", "")}

HEADERS = ("序号", "乡镇/街道", "指标", "提取的数字", "为什么要核对", "原文（数字在【】中）", "页码", "文件",
           "报告中相关的其他数字", "确认", "更正为", "删除", "备注", "_键", "_状态", "_签名")
# Column widths (Excel units, about one Latin character; a Chinese character takes two): the sheet prints on
# A4 landscape, fitted to the page width, at about 80%.
WIDTHS = (5, 11, 14, 10, 30, 32, 5, 14, 32, 6, 11, 6, 14, 4, 4, 4)
_LINE_HEIGHT = 16  # points per line of wrapped text (CJK glyphs need more than Latin's 15)
FIRST_DATA_ROW = 6
HEADER_ROW = 5
WHO_CELL = "C3"
COL_CONFIRM, COL_CORRECT, COL_REMOVE, COL_NOTE = 10, 11, 12, 13
COL_KEY, COL_STATE, COL_SIGNATURE = 14, 15, 16
FILL_COLUMNS = (COL_CONFIRM, COL_CORRECT, COL_REMOVE, COL_NOTE)

_INSTRUCTIONS = (
    "逐行对照原文核对“提取的数字”：无误的在“确认”选“是”；有误的在“更正为”填正确的数字（可带限定词和单位，如 "
    "2000余人次、约30次，不写单位则沿用提取的单位）；这个数字不属于该指标的，在“删除”选“是”。“未找到”的行："
    "报告中确有该指标的，在“更正为”填入；确实没有的，在“确认”选“是”。每行只填一项，可在“备注”写明理由。"
    "填好后保存，运行 township-rollup review import 本文件 --db 数据库；只能在黄色的格子里填写。"
)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
_THIN = Side(style="thin", color="B4C6D6")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="top")


def shown_value(value: float | None, unit: str | None, qualifier: str | None) -> str:
    """130余场, 约30次, 近50件: the number as a report writes it."""
    if value is None:
        return ""
    before, after = QUALIFIER_WORDS.get(qualifier or "exact", ("", ""))
    return f"{before}{number(value)}{after}{unit or ''}"


def _shown(cell: ReviewCell) -> str:
    if cell.kind == "not_found":
        return "（未找到）" if cell.mentions else "（空）"
    return shown_value(cell.value, cell.unit, cell.qualifier)


def _why(cell: ReviewCell) -> str:
    if cell.kind == "not_found" and cell.mentions:
        return "表中没有本报告的这个指标，但报告里有数字可能就是它（见“报告中相关的其他数字”）"
    if cell.kind == "not_found":
        return "表中为空"
    if cell.review in ("corrected", "confirmed"):
        status = {"confirm": "已确认", "correct": "已更正", "remove": "已删除", "add": "已补录"}
        return status.get(cell.review_action or "", "已核对") + "（可再次更改）"
    return "；".join(cell.doubts)


def _others(cell: ReviewCell) -> str:
    return "\n".join(f"{shown_value(m.value, m.unit, m.qualifier)}：{'…' + m.before if m.before else ''}{m.quote or ''}"
                     + (f"（第{m.page}页）" if m.page else "") for m in cell.mentions)


def row_texts(cell: ReviewCell) -> tuple[str, ...]:
    """What a row shows outside the clerk's columns (signed), as written: through text_cell, like every export's
    text (a control character in a file name or quote would make openpyxl refuse the whole workbook)."""
    return tuple(text_cell(t) for t in (
        cell.township, cell.indicator_name, _shown(cell), _why(cell), cell.marked_quote if cell.kind == "cell" else "",
        str(cell.page or ""), cell.file_name or "", _others(cell)))


def cell_key(cell: ReviewCell) -> str:
    return f"{cell.township}|{cell.year}|{cell.indicator}|{cell.kind}"


def signature(key: str, row_key: str, state: str, texts: Sequence[str]) -> str:
    message = "\x1f".join((row_key, state, *texts)).encode("utf-8")
    return hmac.new(key.encode("utf-8"), message, hashlib.sha256).hexdigest()[:32]


def write_review_workbook(cells: Sequence[ReviewCell], path: Path, *, key: str, year: int,
                          county: str | None = None, created_at: datetime | None = None) -> Path:
    """Write the workbook of `cells` (review_cells' order) to `path`; `key` is meta.review_key."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    doubtful = sum(1 for c in cells if c.review not in ("corrected", "confirmed"))
    ws["A1"] = text_cell(f"{county or ''}{year}年法治政府建设年度报告指标复核表".strip())  # county: from county.yaml
    ws["A1"].font = Font(bold=True, size=14)
    moment = (created_at or datetime.now()).strftime("%Y-%m-%d %H:%M")
    ws["A2"] = _INSTRUCTIONS
    ws["A2"].alignment = _WRAP
    ws.merge_cells("A1:M1")
    ws.merge_cells("A2:M2")
    ws.row_dimensions[2].height = 62
    ws["A3"] = "复核人"
    ws["A3"].font = Font(bold=True)
    ws.merge_cells("A3:B3")
    ws[WHO_CELL].fill = _INPUT_FILL
    ws[WHO_CELL].border = _BORDER
    ws[WHO_CELL].protection = Protection(locked=False)
    ws["E3"] = f"共 {len(cells)} 行，其中待核对 {doubtful} 行；导出于 {moment}"
    for col, (title, size) in enumerate(zip(HEADERS, WIDTHS, strict=True), start=1):
        c = ws.cell(row=HEADER_ROW, column=col, value=title)
        c.font = Font(bold=True)
        c.fill = _INPUT_FILL if col in FILL_COLUMNS else _HEADER_FILL
        c.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        c.border = _BORDER
        ws.column_dimensions[c.column_letter].width = size
    for i, cell in enumerate(cells):
        _write_row(ws, FIRST_DATA_ROW + i, i + 1, cell, key)
    last = FIRST_DATA_ROW + max(len(cells), 1) - 1
    yes = DataValidation(type="list", formula1=f'"{YES}"', allow_blank=True, showErrorMessage=True,
                         errorTitle="请选择", error="只能选“是”或留空")
    yes.add(f"J{FIRST_DATA_ROW}:J{last}")
    yes.add(f"L{FIRST_DATA_ROW}:L{last}")
    ws.add_data_validation(yes)
    for col in ("N", "O", "P"):
        ws.column_dimensions[col].hidden = True
    ws.freeze_panes = f"D{FIRST_DATA_ROW}"
    ws.auto_filter.ref = f"A{HEADER_ROW}:M{last}"
    ws.protection.sheet = True
    ws.protection.formatColumns = False  # False = allowed: widen a column, make a row taller
    ws.protection.formatRows = False
    ws.protection.autoFilter = False
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.print_area = f"A1:M{last}"
    wb.save(path)
    return path


def _write_row(ws, row: int, n: int, cell: ReviewCell, key: str) -> None:  # type: ignore[no-untyped-def]
    texts = row_texts(cell)
    values = (n, *texts)
    ws.row_dimensions[row].height = _LINE_HEIGHT * max(_lines(str(v), WIDTHS[i]) for i, v in enumerate(values))
    for col, value in enumerate(values, start=1):
        c = ws.cell(row=row, column=col, value=value if value != "" else None)
        if isinstance(value, str):
            c.data_type = "s"  # a text starting with = stays text
        c.alignment = _WRAP
        c.border = _BORDER
    for col in FILL_COLUMNS:
        c = ws.cell(row=row, column=col)
        c.fill = _INPUT_FILL
        c.border = _BORDER
        c.alignment = _WRAP
        c.protection = Protection(locked=False)
    row_key = cell_key(cell)
    for col, value in ((COL_KEY, row_key), (COL_STATE, cell.state),
                       (COL_SIGNATURE, signature(key, row_key, cell.state, texts))):
        c = ws.cell(row=row, column=col, value=value)
        c.data_type = "s"


def _lines(text: str, column_width: int) -> int:
    """Lines a wrapped text takes in a column (Excel does not size rows itself when a file is opened)."""
    room = max(column_width - 1, 1)
    return sum(max(1, -(-width(line) // room)) for line in text.split("\n"))


# ---- reading it back ----

@dataclass(frozen=True)
class FilledRow:
    """A row of a returned workbook, as the clerk left it."""

    row: int  # the Excel row number, for messages
    township: str
    year: int
    indicator: str
    kind: str  # cell | not_found
    state: str
    indicator_label: str  # 指标 as shown (Chinese)
    extracted: str  # 提取的数字 as shown
    confirm: bool
    correct: object  # the 更正为 cell as read: None, a number, or text (2000余人次)
    remove: bool
    note: str

    @property
    def filled(self) -> bool:
        return self.confirm or self.remove or self.correct not in (None, "")


@dataclass(frozen=True)
class ReturnedWorkbook:
    who: str | None  # 复核人
    rows: tuple[FilledRow, ...]  # every data row, filled or not
    problems: tuple[str, ...]  # why the workbook cannot be trusted (Chinese); empty when every row checks


def read_review_workbook(path: Path, *, key: str) -> ReturnedWorkbook:
    """The rows of a returned workbook and, in `problems`, every sign of tampering: an unsigned or
    re-signed row, a row edited outside the clerk's columns, a row twice, a workbook of another warehouse.

    Raises ValueError (Chinese) when the file is not a review workbook at all.
    """
    try:
        wb = load_workbook(path, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise ValueError(f"无法打开复核表 {path}：{exc}") from exc
    if SHEET not in wb.sheetnames:
        raise ValueError(f"{path} 不是 township-rollup 导出的复核表（没有“{SHEET}”工作表）")
    ws = wb[SHEET]
    header = tuple(ws.cell(row=HEADER_ROW, column=c).value for c in range(1, len(HEADERS) + 1))
    if header != HEADERS:
        raise ValueError(f"{path} 的表头被改动过或不是复核表；请重新导出复核表")
    rows, problems, bad, seen = [], [], [], set()
    for r in range(FIRST_DATA_ROW, ws.max_row + 1):
        values = [ws.cell(row=r, column=c).value for c in range(1, len(HEADERS) + 1)]
        if all(v in (None, "") for v in values):
            continue
        row_key, state, signed = (str(values[COL_KEY - 1] or ""), str(values[COL_STATE - 1] or ""),
                                  str(values[COL_SIGNATURE - 1] or ""))
        texts = tuple("" if v is None else str(v) for v in values[1:9])
        parts = row_key.split("|")
        if len(parts) != 4 or not hmac.compare_digest(signature(key, row_key, state, texts), signed):
            bad.append(r)
            continue
        if row_key in seen:
            problems.append(f"第{r}行与前面某行是同一格（行被复制过）")
            continue
        seen.add(row_key)
        township, year, indicator, kind = parts
        rows.append(FilledRow(r, township, int(year), indicator, kind, state, texts[1], texts[2],
                              _yes(values[COL_CONFIRM - 1]), _blank(values[COL_CORRECT - 1]),
                              _yes(values[COL_REMOVE - 1]), str(values[COL_NOTE - 1] or "").strip()))
    if bad and not rows:
        problems.insert(0, "这个复核表不是从本数据库导出的，或其内容被整体改动过；请从本数据库重新导出复核表")
    elif bad:
        problems.insert(0, "以下行在可填写的黄色列以外被改动过（或是从别处复制来的）：第"
                        + "、".join(str(r) for r in bad) + "行；请重新导出复核表，把填写的内容抄过去")
    who = ws[WHO_CELL].value
    return ReturnedWorkbook(str(who).strip() if who not in (None, "") else None, tuple(rows), tuple(problems))


def _yes(value: object) -> bool:
    return str(value or "").strip() in (YES, "√", "✓", "Y", "y", "1", "对")


def _blank(value: object) -> object:
    if isinstance(value, str):
        value = value.strip()
    return None if value in (None, "") else value
