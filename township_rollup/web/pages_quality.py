"""数据质量: what was kept out (quarantined) or flagged (warnings) and why, and the files that could not be read."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from township_rollup.web.outcomes import rejected_todo
from township_rollup.web.rendering import render
from township_rollup.web.warehouse_access import reading
from warehouse import browse

router = APIRouter()
SHOWN_AT_MOST = 500


@router.get("/quality")
def quality_page(request: Request) -> Response:
    bench = request.app.state.bench
    with reading(bench.settings) as con:
        quarantined = browse.quarantined(con, SHOWN_AT_MOST)
        warnings = browse.warnings(con, SHOWN_AT_MOST)
        rejected = browse.rejected(con, SHOWN_AT_MOST)
        unread = browse.reader_warnings(con, limit=SHOWN_AT_MOST)
    return render(request, "quality.html", {
        "active": "quality", "quarantined": quarantined, "warnings": warnings, "rejected": rejected,
        "unread": unread, "limit": SHOWN_AT_MOST, "catalog": bench.catalog, "todo": rejected_todo,
    })
