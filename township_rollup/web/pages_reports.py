"""报告导入: upload this year's reports or take the configured folder, ingest them through the same Prefect flow
as `township-rollup ingest`, and show every file's outcome in the clerk's words with what to do."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.formparsers import MultiPartException
from starlette.responses import RedirectResponse, Response

from township_rollup.web.errors import WebError
from township_rollup.web.guard import check_csrf
from township_rollup.web.outcomes import verdict
from township_rollup.web.rendering import render
from township_rollup.web.settings import MAX_FILES_PER_UPLOAD, UPLOAD_SUFFIXES
from township_rollup.web.uploads import discard, new_batch_folder, refusal, safe_name, store
from township_rollup.web.warehouse_access import reading
from warehouse import browse

router = APIRouter()


def _outcomes(request: Request, run_id: str) -> list[dict[str, object]]:
    with reading(request.app.state.bench.settings) as con:
        files = browse.load_files(con, run_id)
    return [{"file": f, "verdict": verdict(f)} for f in files]


@router.get("/reports")
def reports_page(request: Request) -> Response:
    bench = request.app.state.bench
    state = bench.runner.state
    outcomes, runs = [], ()
    if bench.settings.db.exists():
        if state is not None and state.phase == "done" and state.load_id:
            outcomes = _outcomes(request, state.load_id)
        with reading(bench.settings) as con:
            runs = browse.loads(con, limit=10)
    return render(request, "reports.html", {
        "active": "reports", "state": state, "outcomes": outcomes, "runs": runs,
        "folder": bench.settings.reports, "accept": ",".join(UPLOAD_SUFFIXES),
        "max_mb": bench.settings.max_upload_mb, "max_files": MAX_FILES_PER_UPLOAD,
    })


@router.get("/reports/run")
def run_page(request: Request, id: str) -> Response:
    outcomes = _outcomes(request, id)
    if not outcomes:
        raise WebError(404, "没有这次导入", "数据库里没有这次导入的记录。")
    return render(request, "run.html", {"active": "reports", "run_id": id, "outcomes": outcomes})


@router.post("/reports/upload")
async def upload(request: Request) -> Response:
    bench = request.app.state.bench
    s = bench.settings
    try:
        form = await request.form(max_files=MAX_FILES_PER_UPLOAD, max_fields=10)
    except MultiPartException as exc:
        raise WebError(400, "上传没有成功", f"上传的内容无法识别（{exc.message}）。请一次最多选择 "
                                            f"{MAX_FILES_PER_UPLOAD} 个文件重新上传。") from exc
    check_csrf(request, form)
    if bench.runner.busy():
        raise WebError(409, "已有导入正在进行", "上一批报告还在导入，请等它完成后再上传。")
    files = [f for f in form.getlist("files") if isinstance(f, UploadFile) and f.filename]
    if not files:
        raise WebError(400, "没有选择文件", "请先点“选择文件”，选好本年度的报告后再点“上传并导入”。")
    folder = new_batch_folder(s.uploads_dir)

    def keep() -> tuple[list[str], list[str]]:
        kept, refused = [], []
        for f in files:
            name = safe_name(f.filename or "")
            why = refusal(name, f.size, s.max_upload_bytes) if name else "文件名无效"
            if why is None:
                stored = store(folder, name, f.file, s.max_upload_bytes)
                why = stored if isinstance(stored, str) else None
                if why is None:
                    kept.append(name)
            if why is not None:
                refused.append(f"{name or f.filename}：{why}，未上传")
        return kept, refused

    kept, refused = await run_in_threadpool(keep)  # copying a few hundred MB must not stall other pages
    await form.close()
    if not kept:
        discard(folder)
        raise WebError(400, "没有可导入的文件", "；".join(refused) + "。请选择乡镇报告（Word 或 PDF）后重新上传。")
    bench.runner.start([folder], f"上传的 {len(kept)} 个文件", notes=refused)
    return RedirectResponse("/reports", status_code=303)


@router.post("/reports/folder")
async def ingest_folder(request: Request) -> Response:
    bench = request.app.state.bench
    check_csrf(request, await request.form(max_files=0, max_fields=5))
    folder = bench.settings.reports
    if folder is None:
        raise WebError(400, "没有配置报告文件夹", "启动工作台时没有指定 --reports 文件夹；请改用上传。")
    if not folder.is_dir():
        raise WebError(400, "找不到报告文件夹", f"报告文件夹 {folder} 不存在或不是文件夹。请检查后重新启动工作台。")
    bench.runner.start([folder], f"报告文件夹 {folder}")
    return RedirectResponse("/reports", status_code=303)
