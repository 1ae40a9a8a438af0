"""The comparison as files: CSV (UTF-8 with BOM, so Excel reads the Chinese), XLSX and HTML.

Every format shows the same things with the same Chinese labels (warehouse/display.py): each
township's status, headline values with their qualifier marks, change on last year, rank, and the
county line (a total only where values add up). Every text cell of a CSV or XLSX goes through
warehouse.cells.text_cell.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path

from warehouse.cells import text_cell
from warehouse.compare import Comparison, HistoryPoint
from warehouse.display import (
    COVERAGE_LABEL,
    HIGH_LABEL,
    LOW_LABEL,
    MEDIAN_LABEL,
    POOLED_LABEL,
    REASON_HEADER,
    STATUS_HEADER,
    TOTAL_LABEL,
    TOWNSHIP_HEADER,
    cell_text,
    change_header,
    number,
    rank_header,
    rank_text,
    reason_text,
    status_text,
    title,
    total_text,
)
from warehouse.html_page import html_page
from warehouse.terminal import render_terminal
from warehouse.xlsx import write_xlsx

__all__ = ["render_terminal", "table_header", "title", "write_csv", "write_exports", "write_html", "write_xlsx"]


def table_header(c: Comparison) -> list[str]:
    """Per indicator: value (with unit), change on last year (and in percent), rank.

    A rate's change is in percentage points and has no percent column.
    """
    out = [TOWNSHIP_HEADER, STATUS_HEADER, REASON_HEADER]
    for col in c.columns:
        changes = [change_header(col)] if col.is_rate else [f"{col.name}较上年", change_header(col)]
        out += [col.header, *changes]
        out.append(rank_header(col))
    return out


def csv_rows(c: Comparison) -> list[list[str | float | None]]:
    """The CSV as rows of text or numbers: townships, then the county line (县合计 ... 计入乡镇数)."""
    rows: list[list[str | float | None]] = [list(table_header(c))]
    for r in c.rows:
        line: list[str | float | None] = [r.township, status_text(r.status), reason_text(r.status)]
        for cell, col in zip(r.cells, c.columns, strict=True):
            line += [cell_text(cell, col), cell.change]
            line += [rank_text(cell)] if col.is_rate else [cell.change_pct, rank_text(cell)]
        rows.append(line)
    summary: list[tuple[str, list[str | float | None]]] = [
        (TOTAL_LABEL, [total_text(x, col) for x, col in zip(c.county_lines, c.columns, strict=True)]),
        (MEDIAN_LABEL, [x.median for x in c.county_lines]),
        (LOW_LABEL, [x.low for x in c.county_lines]),
        (HIGH_LABEL, [x.high for x in c.county_lines]),
        (COVERAGE_LABEL, [x.coverage for x in c.county_lines]),
    ]
    if any(x.pooled is not None for x in c.county_lines):
        summary.append((POOLED_LABEL, [x.pooled for x in c.county_lines]))
    for label, values in summary:
        line = [label, "", ""]
        for value, col in zip(values, c.columns, strict=True):
            line += [value, None, None] if col.is_rate else [value, None, None, None]
        rows.append(line)
    return rows


def write_csv(c: Comparison, path: Path) -> Path:
    """One row per township, then the county line; UTF-8 with BOM for Excel."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        for row in csv_rows(c):
            w.writerow([_csv_value(v) for v in row])
    return path


def _csv_value(value: str | float | None) -> str:
    """Numbers as a clerk writes them; every text through the one cleaning function."""
    if value is None:
        return ""
    if isinstance(value, str):
        return text_cell(value)
    return number(value)


def write_html(c: Comparison, path: Path, history: Mapping[str, Sequence[HistoryPoint]] | None = None,
               *, today: date | None = None) -> Path:
    """One self-contained page (inline CSS and script, nothing fetched), with a page per township."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(html_page(c, history or {}, today=today), encoding="utf-8")
    return path


def write_exports(db: Path, c: Comparison, out: Path, *, today: date | None = None) -> dict[str, Path]:
    """county-comparison-YEAR.csv, .xlsx and .html (with every township's history read from `db`) in `out`."""
    from warehouse.compare import township_history

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    stem = f"county-comparison-{c.year}"
    paths = {"csv": out / f"{stem}.csv", "xlsx": out / f"{stem}.xlsx", "html": out / f"{stem}.html"}
    write_csv(c, paths["csv"])
    write_xlsx(c, paths["xlsx"], today=today)
    write_html(c, paths["html"], township_history(db, [r.township for r in c.rows]), today=today)
    return paths
