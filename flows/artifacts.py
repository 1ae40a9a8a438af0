"""Prefect artifacts: what the office sees of a run in the Prefect UI.

Nothing here links to a file:// address (a browser will not open one from the UI): the exports are named by
their path on the office machine, what a clerk needs to read is in the artifact itself (the problem list, the
comparison table, the townships yet to report), and when the office configuration names the workbench
(`workbench_url`), the links open its pages: the year's table, its downloads, the data-quality page.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from prefect.artifacts import create_markdown_artifact, create_table_artifact

from core.safe_text import display_path
from warehouse.plan import OUTCOME_LABELS, FileOutcome

if TYPE_CHECKING:
    from pipeline.stages import IngestReport

NOT_CLEAN = "有问题"  # the name of the Completed state of a run that needs the office's attention
PROBLEM_OUTCOMES = ("rejected", "quarantined")
WHAT_TO_DO = {
    "rejected": "请乡镇重新发送能打开的 Word 或 PDF 文件，放进报告文件夹后重新运行",
    "quarantined": "核对报告里的乡镇名称、年度和数字；改正后请乡镇重新发送，或在县乡镇名册里补上乡镇的其他叫法",
    "incomplete": "报告有部分文字未能读取，对比表里它的数字可能不全：请核对原件，必要时请乡镇重新发送",
}
TABLE_ROWS_AT_MOST = 500  # a province's run can list thousands; the warehouse keeps them all


def publish_ingest_artifacts(report: IngestReport) -> None:
    s = report.summary
    rows = [
        {"文件": Path(f.path).name, "乡镇": f.township or "", "年度": f.year or "",
         "结果": OUTCOME_LABELS.get(f.outcome, f.outcome), "原因": "；".join(filter(None, (f.reason, *f.warnings)))}
        for f in s.files
    ]
    create_table_artifact(table=rows[:TABLE_ROWS_AT_MOST], key="ingest-files", description="本次导入的每个文件及其结果")
    create_markdown_artifact(markdown=ingest_markdown(report), key="ingest-summary", description="导入汇总")


def ingest_markdown(report: IngestReport) -> str:
    s = report.summary
    lines = [
        f"# 导入汇总 `{s.load_id}`",
        "",
        f"- 数据库: `{display_path(report.db)}`",
        f"- 新导入报告: {s.documents_loaded}；未变化: {s.documents_unchanged}；"
        f"未能读取: {s.documents_rejected}；已隔离: {s.documents_quarantined}",
        f"- 导入数据: {s.statistics_loaded} 项；隔离: {s.statistics_quarantined} 项；"
        f"警告: {s.warnings} 项",
    ]
    if s.corrections_carried or s.corrections_to_recheck:
        lines.append(f"- 人工核对: 沿用 {s.corrections_carried} 项，需重新核对 {s.corrections_to_recheck} 项")
    if s.documents_with_warnings:
        lines.append(f"- 部分文字未能读取的报告: {s.documents_with_warnings} 份（数据可能不全，请核对原件）")
    if report.data_docs:
        docs = display_path(report.data_docs)
        lines.append(f"- 数据校验报告（Great Expectations Data Docs），在本机用浏览器打开: `{docs}`")
    return "\n".join(lines)


def problem_files(files: Sequence[FileOutcome]) -> list[FileOutcome]:
    """The files of a run that need the office's attention: rejected (unreadable), quarantined, or loaded with
    parts the reader could not read (their numbers may be incomplete)."""
    return [f for f in files if f.outcome in PROBLEM_OUTCOMES or f.warnings]


def needs_attention(problems: Sequence[FileOutcome]) -> str:
    """The headline of a problem list: how many files, of which kinds."""
    return f"{len(problems)} 个文件需要处理（未能读取、已隔离或部分文字未读）"


def publish_problems(problems: Sequence[FileOutcome], headline: str, workbench: str | None = None) -> None:
    """The problem list of a run (artifact `problems`): every file that needs attention, why, and what to do."""
    rows = [{"文件": display_path(Path(f.path).name), "乡镇": f.township or "", "年度": f.year or "",
             "结果": OUTCOME_LABELS.get(f.outcome, f.outcome) if f.outcome in PROBLEM_OUTCOMES else "部分未读",
             "原因": "；".join(filter(None, (f.reason, *f.warnings))),
             "怎么办": WHAT_TO_DO.get(f.outcome if f.outcome in PROBLEM_OUTCOMES else "incomplete", ""),
             "位置": display_path(f.path)} for f in problems]
    where = f"\n\n在工作台查看和处理：[{workbench}/quality]({workbench}/quality)" if workbench else ""
    create_table_artifact(table=rows[:TABLE_ROWS_AT_MOST] or [{"说明": headline}], key="problems",
                          description=headline + where)


def publish_rollup_artifacts(year: int, exports: Mapping[str, Path], townships: int, missing: list[str],
                             workbench: str | None = None) -> None:
    files = "\n".join(f"- {kind.upper()}: `{display_path(p.resolve())}`" for kind, p in exports.items())
    if workbench:
        files = (f"在工作台打开：[{year}年度对比表]({workbench}/compare?year={year})；下载 "
                 + "、".join(f"[{kind.upper()}]({workbench}/compare/export?year={year}&format={kind})"
                            for kind in exports) + "\n\n本机文件：\n" + files)
    missing_text = "、".join(missing) if missing else "无"
    create_markdown_artifact(
        key="yearly-rollup",
        markdown=f"# {year}年度 全县法治政府建设数据对比\n\n- 乡镇（街道）: {townships}\n"
                 f"- 没有可用报告: {missing_text}\n\n## 导出文件（在本机打开）\n{files}\n\n"
                 f"对比表的内容见本次运行的表格 `comparison-{year}`。\n",
        description=f"{year}年度对比表",
    )
    if "csv" in exports:
        rows = csv_rows(exports["csv"])
        if rows:
            create_table_artifact(table=rows[:TABLE_ROWS_AT_MOST], key=f"comparison-{year}",
                                  description=f"{year}年度全县对比表（与 {exports['csv'].name} 相同）")


def csv_rows(path: Path) -> list[dict[str, str]]:
    """The export's rows as the table artifact shows them: the header row's names as keys."""
    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    if not rows:
        return []
    header = [name or f"列{i + 1}" for i, name in enumerate(rows[0])]
    return [dict(zip(header, row, strict=False)) for row in rows[1:]]


def publish_deadline_artifacts(year: int, deadline: date, today: date, missing: Sequence[str],
                               received: Mapping[str, str]) -> None:
    """The deadline check (artifact `deadline-check`): who has not reported `year` yet, and who has."""
    status = {"loaded": "已报送", "quarantined": "已收到，未通过校验"}
    rows = [{"乡镇（街道）": name, "情况": "尚未报送"} for name in missing]
    rows += [{"乡镇（街道）": name, "情况": status.get(s, s)} for name, s in sorted(received.items())]
    days = (deadline - today).days
    create_table_artifact(
        table=rows, key="deadline-check",
        description=f"截至 {today:%Y年%m月%d日}，{len(missing)} 个乡镇（街道）尚未报送 {year} 年度报告；"
                    f"截止日期 {deadline:%Y年%m月%d日}（还有 {days} 天）")
