"""对比表: the county comparison of a year, every number a link to its sources, and the three downloads."""

from __future__ import annotations

import tempfile
from pathlib import Path
from urllib.parse import quote

from fastapi import APIRouter, Request
from starlette.background import BackgroundTask
from starlette.responses import FileResponse, RedirectResponse, Response

from township_rollup.web.errors import WebError
from township_rollup.web.rendering import render
from township_rollup.web.warehouse_access import exclusive, reading
from warehouse import browse
from warehouse.compare import Completeness, comparison
from warehouse.display import (
    COMPLETENESS_LEGEND,
    COMPLETENESS_TITLE,
    LEGEND,
    REVIEW_LABEL,
    cell_text,
    missing_text,
    note_text,
    part_text,
    status_text,
    total_text,
)
from warehouse.export import title, write_csv, write_html, write_xlsx
from warehouse.review import doubtful_cells

router = APIRouter()

EXPORTS = {"csv": (write_csv, "text/csv; charset=utf-8"),
           "xlsx": (write_xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
           "html": (write_html, "text/html; charset=utf-8")}


@router.get("/")
def home(request: Request) -> Response:
    bench = request.app.state.bench
    return RedirectResponse("/compare" if bench.settings.db.exists() else "/reports", status_code=303)


def _year(request: Request, year: int | None) -> tuple[int | None, list[int]]:
    with reading(request.app.state.bench.settings) as con:
        known = browse.years(con)
    if year is None:
        return (known[0] if known else None), known
    return year, known


def _comparison(request: Request, year: int):  # type: ignore[no-untyped-def]
    bench = request.app.state.bench
    with exclusive(bench.settings):
        return comparison(bench.settings.db, year, bench.catalog, bench.registry,
                          wait_seconds=bench.settings.read_wait_seconds)


def _queue_length(request: Request, year: int) -> int:
    """How many numbers the year's review queue holds (the doubtful cells and the indicators a report seems to
    state but the table lacks), so the link says what the queue then shows."""
    bench = request.app.state.bench
    with exclusive(bench.settings):
        return len(doubtful_cells(bench.settings.db, year, catalog=bench.catalog,
                                  wait_seconds=bench.settings.read_wait_seconds))


def completeness_brief(entry: Completeness | None) -> tuple[str, str]:
    """The 报告完整性 column, short so that a row stays one line: (齐全 | 缺 2 部分 | 不明, the parts missing or why
    it cannot be told, for the hover); empty for a township without a report. The section below the table
    names each part and the heading it was found under."""
    if entry is None:
        return "", ""
    if not entry.known:
        return "不明", missing_text(entry)
    if entry.missing:
        return f"缺 {len(entry.missing)} 部分", "未见：" + missing_text(entry)
    return "齐全", "四个部分都有"


@router.get("/compare")
def compare_page(request: Request, year: int | None = None, section: str | None = None) -> Response:
    """The year's table; `section` (a catalog section code) shows only that part's indicators."""
    bench = request.app.state.bench
    year, known = _year(request, year)
    if year is None:
        return render(request, "compare.html", {"active": "compare", "year": None, "years": known, "table": None})
    table = _comparison(request, year)
    catalog = bench.catalog
    sections = []
    for col in table.columns:
        found = catalog.section_of(col.code)
        if found not in sections:
            sections.append(found)
    chosen = [i for i, col in enumerate(table.columns) if section in (None, catalog.section_of(col.code).code)]
    columns = [table.columns[i] for i in chosen]
    parts = {e.township: e for e in table.completeness}
    rows = [{"township": r.township, "status": r.status.code, "status_label": status_text(r.status),
             "file_name": r.status.file_name, "complete": completeness_brief(parts.get(r.township)),
             "complete_state": _complete_state(parts.get(r.township)),
             "cells": [{"text": cell_text(r.cells[i], table.columns[i]), "value": r.cells[i].value,
                        "code": table.columns[i].code, "quote": r.cells[i].quote,
                        "review": r.cells[i].mark} for i in chosen]}
            for r in table.rows]
    totals = [total_text(table.county_lines[i], table.columns[i]) for i in chosen]
    medians = [table.county_lines[i].median for i in chosen]
    return render(request, "compare.html", {
        "active": "compare", "year": year, "years": known, "table": table, "columns": columns, "rows": rows,
        "totals": totals, "medians": medians, "title": title(table),
        "legend": LEGEND.replace("（township-rollup review export 导出复核表）", "（在“复核队列”中逐个核对）"),
        "sections": sections,
        "section": section, "review_label": REVIEW_LABEL,
        "doubtful": sum(1 for r in table.rows for c in r.cells if c.mark == "doubtful"),
        "queue": _queue_length(request, year),
        # the exports' notes send the reader to the validation report; here the data-quality page is one click away
        "notes": [note_text(n, table).replace("见数据校验报告", "见“数据质量”页") for n in table.notes],
        "completeness": [{"township": e.township, "parts": [{"text": part_text(p), "present": p.present}
                                                             for p in e.parts], "missing": missing_text(e)}
                         for e in table.completeness],
        "part_names": [p.name for p in table.completeness[0].parts] if table.completeness else [],
        "completeness_title": COMPLETENESS_TITLE, "completeness_legend": COMPLETENESS_LEGEND,
    })


def _complete_state(entry: Completeness | None) -> str:
    if entry is None:
        return "none"
    return "unknown" if not entry.known else "missing" if entry.missing else "complete"


@router.get("/compare/export")
def export(request: Request, year: int, format: str) -> Response:
    if format not in EXPORTS:
        raise WebError(400, "不支持的格式", "可下载的格式只有 CSV、Excel（XLSX）和网页（HTML）。")
    table = _comparison(request, year)
    writer, media_type = EXPORTS[format]
    folder = Path(tempfile.mkdtemp(prefix="township-rollup-export-"))
    name = f"{title(table)}.{format}"
    path = writer(table, folder / f"comparison.{format}")

    def clean() -> None:
        path.unlink(missing_ok=True)
        folder.rmdir()

    return FileResponse(path, media_type=media_type, background=BackgroundTask(clean),
                        headers={"Content-Disposition": f"attachment; filename=\"comparison-{year}.{format}\"; "
                                                        f"filename*=UTF-8''{quote(name)}"})
