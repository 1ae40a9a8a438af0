"""A cell of the comparison: every mention of the indicator in the township's report, the sentence around it
with the number highlighted, its page and headings, and for a PDF the page itself with the number's box; and the
clerk's decision on it (confirm, correct, remove, add) through the review's corrections (issue 13)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from urllib.parse import quote, unquote, urlencode

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import JSONResponse, RedirectResponse, Response

from pipeline.review import Applied, CorrectionRefused, StaleCells, apply_correction, parse_value
from township_rollup.web import evidence
from township_rollup.web.errors import WebError
from township_rollup.web.guard import check_csrf
from township_rollup.web.rendering import render
from township_rollup.web.warehouse_access import exclusive, reading
from warehouse import browse
from warehouse.corrections import ACTION_LABEL, cell_state

router = APIRouter()
_SHA = re.compile(r"^[0-9a-f]{64}$")


WHO_COOKIE = "tr_who"


def cell_context(request: Request, year: int, township: str, indicator: str) -> dict[str, object]:
    """What the cell page and the review queue show of one cell: its mentions, their sources, its review."""
    bench = request.app.state.bench
    with reading(bench.settings) as con:
        mentions = browse.mentions(con, township, year, indicator)
        doc = browse.current_document(con, township, year)
        review = browse.cell_review(con, township, year, indicator)
        state = cell_state(con, township, year, indicator).token if doc is not None else None
    ind = bench.catalog.get(indicator)
    source = evidence.source_text(doc, bench.settings.max_upload_bytes) if doc else None
    pdf = doc is not None and doc.format == "pdf" and evidence.file_problem(doc) is None
    shown = []
    for m in mentions:
        page_image = pdf and bool(m.page)
        # a page with text: pdfium's character boxes now; a scanned page: OCR'd when the browser asks (boxes_url)
        boxes = evidence.number_boxes(Path(doc.path), m.page, m.quote or "", m.value) \
            if page_image and doc is not None and m.page and not m.ocr else ()
        boxes_url = None
        if page_image and m.ocr:
            boxes_url = f"/doc/{m.document_sha}/page/{m.page}/boxes?" + urlencode({"quote": m.quote or "",
                                                                                  "value": m.value})
        shown.append({"m": m, "passage": evidence.passage(source.document if source else None, m),
                      "boxes": boxes, "page_image": page_image, "boxes_url": boxes_url})
    done = request.query_params.get("done")
    return {
        "year": year, "township": township, "indicator": indicator, "name": ind.name if ind else indicator,
        "unit": ind.unit if ind else "", "mentions": shown, "doc": doc, "review": review, "state": state,
        "problem": source.problem if source else None, "who": unquote(request.cookies.get(WHO_COOKIE, "")),
        "done": ACTION_LABEL.get(done or "", None), "warnings": request.query_params.getlist("warn"),
        "qualifiers": QUALIFIER_CHOICES,
    }


QUALIFIER_CHOICES = (("exact", "准确数"), ("over", "余/多/以上"), ("under", "近/不足"), ("about", "约/左右"))


@router.get("/cell")
def cell_page(request: Request, year: int, township: str, indicator: str) -> Response:
    return render(request, "cell.html", {"active": "compare", **cell_context(request, year, township, indicator)})


@router.post("/cell/decide")
async def decide(request: Request) -> Response:
    """Confirm, correct, remove or add one cell's number through the review's corrections (pipeline.review):
    validated by the ingestion rules, written in one transaction, or refused with the reason and nothing written."""
    bench = request.app.state.bench
    form = await request.form(max_files=0, max_fields=20)
    check_csrf(request, form)
    names = ("year", "township", "indicator", "action", "value", "unit", "qualifier", "reason", "who", "state", "back")
    field = {k: str(form.get(k) or "").strip() for k in names}
    if not field["year"].isdigit() or not field["township"] or not field["indicator"]:
        raise WebError(400, "表单不完整", "这个表单缺少乡镇、年度或指标。请从对比表重新进入。")
    action = field["action"]
    if action not in ACTION_LABEL:
        raise WebError(400, "无法识别的操作", "请使用页面上的“确认无误”“保存更正”“删除”或“补录”按钮。")
    if not field["who"]:
        raise WebError(400, "请填写审核人", "每一次核对都会记入审核记录，请在“审核人”一栏填写您的姓名。")
    if action != "confirm" and not field["reason"]:
        raise WebError(400, "请填写原因",
                       f"“{ACTION_LABEL[action]}”须写明原因（例如“报告第2页写的是120次”），以便日后查证。")
    value = unit = qualifier = None
    if action in ("correct", "add"):
        parsed = parse_value(field["value"]) if field["value"] else None
        if parsed is None:
            raise WebError(400, "数字无法识别",
                           f"“{field['value']}”不是一个数字。请填写如 120、2000余、约30、1.2万 这样的数字。")
        value, written_unit, written_qualifier = parsed
        unit = written_unit or field["unit"] or None
        qualifier = written_qualifier if written_qualifier != "exact" else (field["qualifier"] or "exact")
    year, township, indicator = int(field["year"]), field["township"], field["indicator"]

    def apply() -> Applied:
        with exclusive(bench.settings):
            return apply_correction(bench.settings.db, township, year, indicator, action, value=value, unit=unit,
                                    qualifier=qualifier, reason=field["reason"], who=field["who"],
                                    expected_state=field["state"] or None, via="web", catalog=bench.catalog,
                                    registry=bench.registry, wait_seconds=bench.settings.write_wait_seconds)

    try:
        applied = await run_in_threadpool(apply)
    except StaleCells as exc:
        message = "您打开页面之后，这个数字已被更新（新的报告或其他人的核对）。请刷新页面，看清现在的数字后再操作。"
        raise WebError(409, "这个数字已经变化", message + "；".join(exc.problems)) from exc
    except CorrectionRefused as exc:
        raise WebError(400, "没有保存：数字未通过校验", "；".join(exc.problems)) from exc
    params = [("done", action), *(("warn", w) for w in applied.warnings)]
    if field["back"] == "review":
        target = "/review?" + urlencode([("year", year), *params])
    else:
        target = "/cell?" + urlencode([("year", year), ("township", township), ("indicator", indicator), *params])
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(WHO_COOKIE, quote(field["who"]), httponly=True, samesite="strict", path="/",
                        max_age=365 * 24 * 3600)
    return response


@router.get("/doc/{sha}/page/{page}/boxes")
async def page_boxes(request: Request, sha: str, page: int, quote: str, value: float) -> Response:
    """Where the number of `quote` stands on a scanned page of a loaded PDF, read by OCR on the first look (a few
    seconds; the cell page asks for it after it is shown): {"boxes": [[x, y, width, height], ...]} as fractions
    of the page from its top left, [] when OCR does not find it there; {"problem": "..."} when it cannot look."""
    doc = await _loaded_pdf(request, sha)
    problem = await run_in_threadpool(evidence.file_problem, doc)
    if problem is None:
        try:
            scanned = await run_in_threadpool(evidence.ocr_page, Path(doc.path), sha, page)
        except ValueError as exc:
            raise WebError(404, "没有这一页", f"{doc.file_name} 没有第 {page} 页。") from exc
        except (OSError, subprocess.SubprocessError) as exc:
            problem = f"这一页的文字识别没有成功（{type(exc).__name__}），请在页面中查找该数字。"
        else:
            boxes = evidence.ocr_number_boxes(scanned, quote, value)
            return JSONResponse({"boxes": [[round(b.x, 4), round(b.y, 4), round(b.width, 4), round(b.height, 4)]
                                           for b in boxes]})
    return JSONResponse({"boxes": [], "problem": problem})


@router.get("/doc/{sha}/page/{page}.png")
async def page_image(request: Request, sha: str, page: int) -> Response:
    """A page of a loaded PDF, found by its sha256 in the warehouse (never by a path from the browser)."""
    doc = await _loaded_pdf(request, sha)
    problem = await run_in_threadpool(evidence.file_problem, doc)
    if problem:
        raise WebError(404, "原文件不可用", problem)
    try:
        png = await run_in_threadpool(evidence.render_page, Path(doc.path), page)
    except ValueError as exc:
        raise WebError(404, "没有这一页", f"{doc.file_name} 没有第 {page} 页。") from exc
    return Response(png, media_type="image/png", headers={"Cache-Control": "private, max-age=3600"})


async def _loaded_pdf(request: Request, sha: str) -> browse.DocumentInfo:
    """The loaded PDF report with this sha256 (found in the warehouse, never by a path from the browser);
    WebError 404 for anything else."""
    if not _SHA.match(sha):
        raise WebError(404, "没有这个文件", "地址中的文件编号不对。")
    bench = request.app.state.bench

    def look_up() -> browse.DocumentInfo | None:
        with reading(bench.settings) as con:
            return browse.document(con, sha)

    doc = await run_in_threadpool(look_up)
    if doc is None or doc.format != "pdf":
        raise WebError(404, "没有这个文件", "数据库中没有这份 PDF 报告。")
    return doc
