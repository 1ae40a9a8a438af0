"""The workbench's FastAPI application: `create_app(WebSettings)`.

Pages: 对比表 (pages_compare), 报告导入 (pages_reports), a cell's sources and the clerk's decision (pages_cell),
复核队列 (pages_review), a township over the years (pages_township), 数据质量 (pages_quality).
Every request passes guard.Guard first.
"""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from importlib import resources

import duckdb
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

from core.catalog import Catalog, load_catalog
from core.registry import Registry, load_registry
from township_rollup.web import (
    pages_cell,
    pages_compare,
    pages_quality,
    pages_reports,
    pages_review,
    pages_township,
)
from township_rollup.web.errors import WebError
from township_rollup.web.guard import Guard
from township_rollup.web.ingest_job import IngestRunner
from township_rollup.web.rendering import render, render_error
from township_rollup.web.settings import WebSettings
from township_rollup.web.warehouse_access import writing
from warehouse.db import DatabaseBusy


@dataclass(frozen=True)
class Workbench:
    """What every page needs: how it was started, the catalog and county, the ingestion runner."""

    settings: WebSettings
    catalog: Catalog
    registry: Registry | None
    runner: IngestRunner

    @property
    def county_name(self) -> str:
        return (self.registry.county if self.registry else None) or ""


def bring_up_to_date(settings: WebSettings) -> None:
    """A warehouse written by an older release gets this release's tables and views before the first page
    (pages open it read-only, which cannot migrate); one short write connection, closed at once."""
    if not settings.db.exists():
        return
    try:
        with writing(settings):
            pass
    except DatabaseBusy:
        pass  # a load holding it migrates it itself, and pages wait for the load anyway
    except duckdb.Error as exc:  # the pages say so too; the workbench still starts (uploads, other pages)
        print(f"警告：数据库 {settings.db} 无法升级到本版本：{exc}", file=sys.stderr)


def create_app(settings: WebSettings) -> FastAPI:
    bench = Workbench(settings, load_catalog(extra=settings.indicators),
                      load_registry(settings.county) if settings.county else None, IngestRunner(settings))

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        bring_up_to_date(settings)
        yield
        bench.runner.stop()

    app = FastAPI(title="township-rollup 工作台", docs_url=None, redoc_url=None, openapi_url=None, lifespan=lifespan)
    app.state.bench = bench
    app.middleware("http")(Guard(settings, render_error))
    app.mount("/static", StaticFiles(directory=str(resources.files("township_rollup.web") / "static")),
              name="static")
    for module in (pages_compare, pages_reports, pages_cell, pages_review, pages_township, pages_quality):
        app.include_router(module.router)

    @app.exception_handler(WebError)
    async def web_error(request: Request, exc: WebError) -> Response:
        return render_error(request, exc)

    @app.exception_handler(DatabaseBusy)
    async def busy(request: Request, exc: DatabaseBusy) -> Response:
        """A load holds the file: say so, and let the browser try again by itself in a few seconds."""
        return render(request, "busy.html", {"title": "数据库正在导入数据", "retry": 3, "pid": exc.pid,
                                             "program": exc.program, "method": request.method},
                      status=503, headers={"Retry-After": "3"})

    @app.exception_handler(duckdb.Error)
    async def database_error(request: Request, exc: duckdb.Error) -> Response:
        """The file is damaged or from an incompatible release: say so instead of a bare 500."""
        return render_error(request, WebError(500, "数据库无法读取",
                                              f"数据库文件 {settings.db.name} 无法按本版本读取（{type(exc).__name__}："
                                              f"{str(exc).splitlines()[0][:200]}）。请联系技术人员；报告文件和数据库都没有改动。"))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        titles = {404: ("没有这个页面", "地址有误或该页面已不存在。请从上方的菜单进入。"),
                  405: ("不支持的操作", "请使用工作台页面上的按钮。")}
        title, message = titles.get(exc.status_code, ("出错了", str(exc.detail)))
        return render_error(request, WebError(exc.status_code, title, message))

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        return render_error(request, WebError(400, "地址参数有误", "网址中的参数不完整或格式不对。请从菜单重新进入。"))

    return app
