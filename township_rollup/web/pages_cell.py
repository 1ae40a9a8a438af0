"""A cell of the comparison: every mention of the indicator in the township's report, the sentence around it
with the number highlighted, its page and headings, and for a PDF the page itself with the number's box."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from township_rollup.web import evidence
from township_rollup.web.errors import WebError
from township_rollup.web.rendering import render
from township_rollup.web.warehouse_access import reading
from warehouse import browse

router = APIRouter()
_SHA = re.compile(r"^[0-9a-f]{64}$")


@router.get("/cell")
def cell_page(request: Request, year: int, township: str, indicator: str) -> Response:
    bench = request.app.state.bench
    with reading(bench.settings) as con:
        mentions = browse.mentions(con, township, year, indicator)
        doc = browse.current_document(con, township, year)
    ind = bench.catalog.get(indicator)
    name = ind.name if ind else indicator
    source = evidence.source_text(doc, bench.settings.max_upload_bytes) if doc else None
    pdf = doc is not None and doc.format == "pdf" and evidence.file_problem(doc) is None
    shown = []
    for m in mentions:
        page_image = pdf and bool(m.page)
        boxes = evidence.number_boxes(Path(doc.path), m.page, m.quote or "", m.value) \
            if page_image and doc is not None and m.page and not doc.ocr else ()
        shown.append({"m": m, "passage": evidence.passage(source.document if source else None, m),
                      "boxes": boxes, "page_image": page_image})
    return render(request, "cell.html", {
        "active": "compare", "year": year, "township": township, "indicator": indicator, "name": name,
        "unit": ind.unit if ind else "", "mentions": shown, "doc": doc,
        "problem": source.problem if source else None,
    })


@router.get("/doc/{sha}/page/{page}.png")
async def page_image(request: Request, sha: str, page: int) -> Response:
    """A page of a loaded PDF, found by its sha256 in the warehouse (never by a path from the browser)."""
    if not _SHA.match(sha):
        raise WebError(404, "没有这个文件", "地址中的文件编号不对。")
    bench = request.app.state.bench

    def look_up() -> browse.DocumentInfo | None:
        with reading(bench.settings) as con:
            return browse.document(con, sha)

    doc = await run_in_threadpool(look_up)
    if doc is None or doc.format != "pdf":
        raise WebError(404, "没有这个文件", "数据库中没有这份 PDF 报告。")
    problem = await run_in_threadpool(evidence.file_problem, doc)
    if problem:
        raise WebError(404, "原文件不可用", problem)
    try:
        png = await run_in_threadpool(evidence.render_page, Path(doc.path), page)
    except ValueError as exc:
        raise WebError(404, "没有这一页", f"{doc.file_name} 没有第 {page} 页。") from exc
    return Response(png, media_type="image/png", headers={"Cache-Control": "private, max-age=3600"})
