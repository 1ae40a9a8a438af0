"""复核队列: the doubtful cells of a year (issue 13's review), one after another, with the cell page's sources and
actions, and a count of what is left. A decided cell leaves the queue (warehouse v_review_queue)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from township_rollup.web.pages_cell import cell_context
from township_rollup.web.rendering import render
from township_rollup.web.warehouse_access import exclusive, reading
from warehouse import browse
from warehouse.corrections import ACTION_LABEL
from warehouse.review import ReviewCell, doubtful_cells

router = APIRouter()


@router.get("/review")
async def review_page(request: Request, year: int | None = None, skip: int = 0) -> Response:
    bench = request.app.state.bench

    def queue() -> tuple[int | None, list[int], tuple[ReviewCell, ...]]:
        with reading(bench.settings) as con:
            years = browse.years(con)
        chosen = year if year is not None else (years[0] if years else None)
        if chosen is None:
            return None, years, ()
        with exclusive(bench.settings):
            return chosen, years, doubtful_cells(bench.settings.db, chosen, catalog=bench.catalog,
                                                 wait_seconds=bench.settings.read_wait_seconds)

    chosen, years, cells = await run_in_threadpool(queue)
    context: dict[str, object] = {"active": "review", "year": chosen, "years": years, "left": len(cells),
                                  "candidates": (),
                                  "skip": skip, "done": ACTION_LABEL.get(request.query_params.get("done") or ""),
                                  "warnings": request.query_params.getlist("warn")}
    if cells:
        index = skip % len(cells)
        cell = cells[index]
        inner = await run_in_threadpool(cell_context, request, cell.year, cell.township, cell.indicator)
        context |= {k: v for k, v in inner.items() if k not in ("done", "warnings")}
        context["position"] = index + 1
        context["candidates"] = cell.mentions if cell.kind == "not_found" else ()
    return render(request, "review.html", context)
