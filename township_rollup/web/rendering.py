"""Pages from Jinja2 templates shipped with the package; every value is escaped (autoescape is on for all)."""

from __future__ import annotations

from importlib import resources
from typing import Any
from urllib.parse import urlencode

import jinja2
from fastapi.templating import Jinja2Templates
from starlette.requests import Request
from starlette.responses import Response

from township_rollup.web.errors import WebError
from warehouse.display import QUALIFIER_LABEL, marked, number

_env = jinja2.Environment(
    loader=jinja2.FileSystemLoader(str(resources.files("township_rollup.web") / "templates")),
    autoescape=True,  # every template, whatever its name: a township called <script> is text
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
_env.filters["marked"] = lambda value, qualifier="exact": marked(value, qualifier)
_env.filters["number"] = number
_env.filters["qualifier_label"] = lambda q: QUALIFIER_LABEL.get(q or "exact", "")
_env.filters["when"] = lambda t: t.strftime("%Y-%m-%d %H:%M") if t else ""
_env.globals["query"] = lambda **kw: urlencode({k: v for k, v in kw.items() if v is not None})
templates = Jinja2Templates(env=_env)

NAV = (("compare", "对比表"), ("review", "复核队列"), ("reports", "报告导入"), ("quality", "数据质量"))


def render(request: Request, name: str, context: dict[str, Any], status: int = 200,
           headers: dict[str, str] | None = None) -> Response:
    bench = request.app.state.bench
    state = bench.runner.state
    base = {"csrf_token": request.state.csrf, "nav": NAV, "county": bench.county_name, "ingest": state,
            "active": context.get("active", "")}
    return templates.TemplateResponse(request, name, {**base, **context}, status_code=status, headers=headers)


def render_error(request: Request, error: WebError) -> Response:
    return render(request, "error.html", {"title": error.title, "message": error.message}, status=error.status)
