"""数据质量: what was kept out (quarantined) or flagged (warnings) and why, the files that could not be read, and
the audit trail of the clerks' decisions (issue 13's v_corrections_audit)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from township_rollup.web.outcomes import rejected_todo
from township_rollup.web.rendering import render
from township_rollup.web.warehouse_access import exclusive, reading
from warehouse import browse
from warehouse.review import audit_trail

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
    with exclusive(bench.settings):
        audit = audit_trail(bench.settings.db, wait_seconds=bench.settings.read_wait_seconds)
    return render(request, "quality.html", {
        "active": "quality", "quarantined": quarantined, "warnings": warnings, "rejected": rejected,
        "unread": unread, "limit": SHOWN_AT_MOST, "catalog": bench.catalog, "todo": rejected_todo,
        "audit": tuple(reversed(audit))[:SHOWN_AT_MOST], "audit_total": len(audit),
    })
