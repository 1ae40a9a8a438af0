"""Prefect artifacts: what the office sees of a run in the Prefect UI."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from prefect.artifacts import create_markdown_artifact, create_table_artifact

from core.safe_text import display_path
from warehouse.plan import OUTCOME_LABELS

if TYPE_CHECKING:
    from pipeline.stages import IngestReport



def publish_ingest_artifacts(report: IngestReport) -> None:
    s = report.summary
    rows = [
        {"文件": Path(f.path).name, "乡镇": f.township or "", "年度": f.year or "",
         "结果": OUTCOME_LABELS.get(f.outcome, f.outcome), "原因": "；".join(filter(None, (f.reason, *f.warnings)))}
        for f in s.files
    ]
    create_table_artifact(table=rows, key="ingest-files", description="本次导入的每个文件及其结果")
    create_markdown_artifact(markdown=ingest_markdown(report), key="ingest-summary",
                             description="导入汇总")


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
        uri = report.data_docs.resolve().as_uri()
        lines.append(f"- 数据校验报告（Great Expectations Data Docs）: [{display_path(report.data_docs)}]({uri})")
    return "\n".join(lines)


def publish_rollup_artifacts(year: int, exports: dict[str, Path], townships: int, missing: list[str]) -> None:
    links = "\n".join(f"- {kind.upper()}: [{display_path(p.name)}]({p.resolve().as_uri()})"
                      for kind, p in exports.items())
    missing_text = "、".join(missing) if missing else "无"
    create_markdown_artifact(
        key="yearly-rollup",
        markdown=f"# {year}年度 全县法治政府建设数据对比\n\n- 乡镇（街道）: {townships}\n"
                 f"- 没有可用报告: {missing_text}\n\n## 导出文件\n{links}\n",
        description=f"{year}年度对比表",
    )
