"""The bundled sample county ingested once (no Prefect), with one extra file that cannot be read."""

from __future__ import annotations

import shutil
from pathlib import Path

from pipeline import stages
from pipeline.stages import Settings

# 云雾乡 sent no 2024 report in the sample; here it sends one that is cut off half way (a truncated Word file).
UNREADABLE = "云雾乡2024年法治政府建设年度报告.docx"


def build_sample_warehouse(sample_county: Path, folder: Path) -> Path:
    reports = folder / "reports"
    shutil.copytree(sample_county / "reports", reports)
    whole = (sample_county / "reports" / "yunwu-2023.docx").read_bytes()
    (reports / UNREADABLE).write_bytes(whole[: len(whole) // 3])
    db = folder / "county.duckdb"
    stages.ingest([reports], db, Settings(county=sample_county / "county.yaml", data_docs=False))
    return db
