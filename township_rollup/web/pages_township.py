"""A township: its values over the years (a small chart per indicator) and every report it sent, with versions."""

from __future__ import annotations

from itertools import groupby

from fastapi import APIRouter, Request
from starlette.responses import Response

from township_rollup.web.charts import bar_chart
from township_rollup.web.errors import WebError
from township_rollup.web.rendering import render
from township_rollup.web.warehouse_access import reading
from warehouse import browse
from warehouse.display import COMPLETENESS_LEGEND, missing_text, part_text

router = APIRouter()


@router.get("/township")
def township_page(request: Request, name: str) -> Response:
    bench = request.app.state.bench
    with reading(bench.settings) as con:
        series = browse.township_series(con, name)
        documents = browse.township_documents(con, name)
        unread = browse.reader_warnings(con, township=name)
        parts = browse.township_completeness(con, name)
        known = name in browse.townships(con)
    if not known and not documents:
        raise WebError(404, "没有这个乡镇", "数据库里没有这个乡镇（街道）。请从对比表中点击乡镇名称进入。")
    years = sorted({p.year for p in series} | {d.year for d in documents if d.year})
    order = {code: i for i, code in enumerate(bench.catalog.codes)}
    by_indicator = sorted(((code, list(points)) for code, points in groupby(series, key=lambda p: p.indicator)),
                          key=lambda item: (order.get(item[0], len(order)), item[0]))
    charts = []
    for code, points in by_indicator:
        ind = bench.catalog.get(code)
        charts.append(bar_chart(code, ind.name if ind else points[0].indicator_name,
                                ind.unit if ind else (points[0].catalog_unit or ""), points, years,
                                ind.fits if ind else lambda unit: True))
    completeness = [{"year": year, "file_name": e.file_name, "missing": missing_text(e),
                     "parts": [{"text": part_text(p), "present": p.present} for p in e.parts]} for year, e in parts]
    return render(request, "township.html", {
        "active": "compare", "name": name, "charts": charts, "documents": documents, "years": years,
        "unread": unread, "completeness": completeness, "completeness_legend": COMPLETENESS_LEGEND,
        "part_names": [p.name for p in parts[0][1].parts] if parts else []})
