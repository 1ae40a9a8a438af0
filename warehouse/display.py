"""How the comparison reads to a clerk, shared by every rendering: labels, marks, changes, notes, CJK widths.

2000余 is shown 2000+, 近2000 as <2000, 约2000 as ~2000; a value in a unit that does not add up to its
column is shown in its own unit with a * (56批次*). LEGEND says so in every export.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from warehouse.compare import Cell, Column, Comparison, Completeness, CountyLine, Note, PartCheck, Row, TownshipStatus

TOWNSHIP_HEADER = "乡镇/街道"
STATUS_HEADER = "报送情况"
REASON_HEADER = "情况说明"
INDICATOR_HEADER = "指标（计量单位）"
TOTAL_LABEL = "县合计"
MEDIAN_LABEL = "中位数"
LOW_LABEL = "最小值"
HIGH_LABEL = "最大值"
POOLED_LABEL = "全县合并比率"
COVERAGE_LABEL = "计入乡镇数"
CHANGE_SUFFIX = "较上年"
CHANGE_PCT_SUFFIX = "较上年(%)"
CHANGE_POINTS_SUFFIX = "较上年(百分点)"
RANK_SUFFIX = "排名"
FEWER_IS_BETTER = "越少越好"
NOT_RANKED = "不排名"
NOT_SUMMED = "不相加"
UNIT_MARK = "*"
# The clerk's review of a cell (township-rollup review export / import): 58(疑) is still to be checked.
REVIEW_MARKS = {"corrected": "(改)", "confirmed": "(核)", "doubtful": "(疑)"}
REVIEW_LABEL = {"corrected": "已人工更正", "confirmed": "已人工核对", "doubtful": "存疑，待核对"}
STATUS_LABEL = {"reported": "已报送", "quarantined": "报告未通过校验", "unreadable": "报告无法读取",
                "missing": "未报送"}
QUALIFIER_LABEL = {"exact": "", "over": "余/多/以上", "under": "近/不足", "about": "约/左右"}
LEGEND = (
    "2000+ 表示“2000余/多/以上”；<2000 表示“近/不足2000”；~2000 表示“约/左右2000”。"
    "带 * 的数值（如 56批次*）所用单位不能与本栏单位相加，按原单位列出，不计入县合计和排名。"
    "县合计只加单位相符的数值（含约数时标注同样符号）；比率（%）不相加，列出中位数、最小值和最大值"
    "（目录给出分子、分母指标时另列全县合并比率）。计入乡镇数如 7/11 表示 11 个乡镇中有 7 个的数值计入。"
    "排名 1 为最好：一般为最大，标注“越少越好”的指标（如重大安全事故、信访）为最小；"
    "数值相同时“余/以上”在前、“近/不足”在后；形如 1/5 表示 5 个乡镇中的第 1 名。"
    "案件、诉讼、复议、罚没款的多少不分好坏，不排名。"
    "较上年只在同一单位之间比较；比率的变化以百分点计。"
    "“未报送”只指没有收到任何报告；收到但无法读取或未通过校验的，另行注明原因。"
    "(改) 为人工更正后的数字，(核) 为人工核对无误的数字，(疑) 为存疑、尚未核对的数字"
    "（township-rollup review export 导出复核表）。"
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
    """Marked value; a value whose unit does not add up to the column's carries its unit and a *: 56批次*;
    then the clerk's review mark: 58(疑), 60(改), 12(核)."""
    text = marked(cell.value, cell.qualifier)
    if text and not cell.fits:
        text += f"{cell.unit or ''}{UNIT_MARK}"
    return text + REVIEW_MARKS.get(cell.mark or "", "") if text else text


def review_text(cell: Cell) -> str:
    """已人工更正（原为130场）/ 已人工核对 / 存疑，待核对: the review of a cell in words."""
    text = REVIEW_LABEL.get(cell.mark or "", "")
    if cell.mark == "corrected" and cell.extracted_value is not None:
        text += f"（原为{number(cell.extracted_value)}{cell.extracted_unit or ''}）"
    return text


def previous_text(cell: Cell, column: Column) -> str:
    """Last year's value; in its own unit with a * when that unit does not add up to the column's."""
    text = number(cell.previous)
    if text and not column.fits(cell.previous_unit):
        text += f"{cell.previous_unit or ''}{UNIT_MARK}"
    return text


def change_text(cell: Cell, column: Column) -> str:
    """+4（+25%）, or +1.2个百分点 for a rate; empty when last year is unknown or in another unit."""
    if cell.change is None:
        return ""
    sign = "+" if cell.change > 0 else ""
    if column.is_rate:
        return f"{sign}{number(cell.change)}个百分点"
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


def change_header(column: Column) -> str:
    return f"{column.name}{CHANGE_POINTS_SUFFIX if column.is_rate else CHANGE_PCT_SUFFIX}"


def rank_header(column: Column) -> str:
    """信访件排名（越少越好）: a ranking that runs the other way round says so; 行政执法案件排名（不排名）."""
    if not column.is_ranked:
        return f"{column.name}{RANK_SUFFIX}（{NOT_RANKED}）"
    return f"{column.name}{RANK_SUFFIX}" + (f"（{FEWER_IS_BETTER}）" if column.fewer_is_better else "")


def total_text(line: CountyLine, column: Column) -> str:
    """The 县合计 cell: the marked total of a count or amount; 不相加 for a rate."""
    if column.is_rate:
        return NOT_SUMMED
    return marked(line.total, line.qualifier)


def status_text(status: TownshipStatus) -> str:
    """已报送 / 已报送（扫描件，OCR 识别）/ 报告无法读取 / ... : the 报送情况 column."""
    text = STATUS_LABEL[status.code]
    extra = []
    if status.ocr:
        extra.append("扫描件，OCR 识别，请核对")
    if status.replaced:
        extra.append("已更新为新版本")
    if status.read_warnings:
        extra.append(f"部分未读 {status.read_warnings} 处，请核对原件")
    return f"{text}（{'；'.join(extra)}）" if extra else text


def reason_text(status: TownshipStatus) -> str:
    """Why a township's file did not count, with the file: for the 情况说明 column."""
    if status.code in ("quarantined", "unreadable"):
        return "：".join(x for x in (status.file_name, status.reason) if x)
    return ""


def township_label(row: Row) -> str:
    return row.township if row.reported else f"{row.township}（{STATUS_LABEL[row.status.code]}）"


def status_summary(c: Comparison) -> str:
    """报送情况：12 个乡镇（街道）中已报送 10 个；报告无法读取 1 个：东岗镇；未报送 1 个：云雾乡。"""
    parts = []
    for code in ("reported", "unreadable", "quarantined", "missing"):
        names = [r.township for r in c.rows if r.status.code == code]
        if not names:
            continue
        label = f"{STATUS_LABEL[code]} {len(names)} 个"
        parts.append(label if code == "reported" else f"{label}：{'、'.join(names)}")
    return f"报送情况：{len(c.rows)} 个乡镇（街道）中" + "；".join(parts) + "。"


def note_text(note: Note, c: Comparison) -> str:
    """One note as a Chinese sentence a clerk can act on."""
    who = note.township or ""
    if note.kind == "unit":
        col = c.column(note.column or "")
        name = col.name if col else note.column
        unit = col.unit if col else ""
        return (f"{who}“{name}”填报为 {marked(note.value, note.qualifier)}{note.unit or ''}，"
                f"单位“{note.unit}”不能与“{unit}”相加，按原单位列出，未计入县合计和排名。")
    if note.kind == "unreadable":
        return (f"{who}：收到报告 {note.file_name or ''}，但无法读取（{note.reason or '原因不明'}）。"
                "请让该乡镇重新发送。")
    if note.kind == "quarantined":
        return (f"{who}：收到报告 {note.file_name or ''}，但未通过校验（{note.reason or '原因不明'}）。"
                "请核对后让该乡镇更正重发。")
    if note.kind == "ocr":
        return f"{who}：报告 {note.file_name or ''} 是扫描件，数字由 OCR 识别，请对照原件核对。"
    if note.kind == "replaced":
        return f"{who}：先后收到 {note.count} 个版本，表中为最新版本 {note.file_name or ''}。"
    if note.kind == "other_files":
        return f"{who}：另有 {note.count} 个文件无法使用（无法读取或未通过校验），见数据校验报告。"
    if note.kind == "read_warnings":
        return (f"{who}：报告 {note.file_name or ''} 有 {note.count} 处内容未能读取（见数据校验报告），"
                "表中数字可能不全，请对照原件核对。")
    if note.kind == "unattributed":
        return (f"收到文件 {note.file_name or ''}，但无法读取，也无法从文件名判断属于哪个乡镇"
                f"（{note.reason or '原因不明'}）。")
    return who


COMPLETENESS_TITLE = "报告完整性（按各报告的一级标题判断）"
PART_MARK = {True: "有", False: "缺", None: "不明"}
COMPLETENESS_LEGEND = ("年度报告应包括：主要举措和成效；党政主要负责人履行推进法治建设第一责任人职责情况；"
                       "存在的不足和原因；下一年度工作安排。“有”表示报告中有讲这部分的一级标题（标题措辞不限，如“存在问题”“不足”“短板”都算），"
                       "“缺”表示没有找到这样的标题，请对照原文确认；“不明”表示报告中没有识别到标题，无法判断。")


def part_text(part: PartCheck) -> str:
    """有（二、存在的困难和问题，第3页） / 缺 / 不明: one part of one report, with where it was found."""
    if part.present and part.heading:
        where = part.heading + (f"，第{part.page}页" if part.page else "")
        return f"有（{where}）"
    return PART_MARK[part.present]


def missing_text(entry: Completeness) -> str:
    """What a clerk asks the township for: the parts not found, or that the headings could not be read."""
    if not entry.known:
        return "未识别到报告的标题，无法判断，请查看原文"
    return "、".join(entry.missing)


def made_on(today: date | None = None) -> str:
    """制表日期 as written on a Chinese statistical report: 2025年4月1日."""
    d = today or date.today()
    return f"{d.year}年{d.month}月{d.day}日"


def title(c: Comparison) -> str:
    return f"{c.county or ''}{c.year}年法治政府建设年度报告指标对比表".strip()


def width(text: str) -> int:
    """Terminal columns: wide and full-width characters (CJK) take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else
               0 if unicodedata.combining(ch) else 1 for ch in text)


def pad(text: str, columns: int, *, right: bool = False) -> str:
    gap = " " * max(0, columns - width(text))
    return gap + text if right else text + gap


# Chinese typesetting: these never start a line (the character before them moves down with them).
_NO_LINE_START = set("，。、；：？！）》”’,.;:?!)%*")
# and these never end one (an opening quote or bracket moves down to what it opens)
_NO_LINE_END = set("（《“‘(")
# A run of these (a number with its marks, a file name, a code) is never broken across lines.
_WORD = re.compile(r"[0-9A-Za-z.+~<*%_/-]+|.", re.DOTALL)
_LAST_WORD = re.compile(r"(?:[0-9A-Za-z.+~<*%_/-]+|.)$", re.DOTALL)


def wrap(text: str, columns: int, indent: str = "") -> list[str]:
    """Break `text` into lines of at most `columns` display columns (CJK counts two); later lines indented.

    Numbers and Latin words stay whole (200 never splits into 20 / 0); punctuation such as ，。）
    never starts a line: the character before it moves down with it; an opening “（《 never ends one.
    """
    columns = max(columns, width(indent) + 4)
    lines: list[str] = []
    line = ""
    for token in _WORD.findall(text):
        if width(line + token) > columns and line.strip():
            carry = ""
            if token[0] in _NO_LINE_START:
                last = _LAST_WORD.search(line)
                if last and last.start() > len(indent):
                    line, carry = line[: last.start()], last.group(0)
            while len(line) > len(indent) + 1 and line[-1] in _NO_LINE_END:
                line, carry = line[:-1], line[-1] + carry
            lines.append(line)
            line = indent + carry
        while width(line + token) > columns:  # a word longer than a line: cut it where it must
            room = columns - width(line)
            cut = max(1, next((i for i in range(len(token), 0, -1) if width(token[:i]) <= room), 1))
            lines.append(line + token[:cut])
            line, token = indent, token[cut:]
        line += token
    if line.strip():
        lines.append(line)
    return lines
