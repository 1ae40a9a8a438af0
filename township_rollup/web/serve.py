"""`township-rollup serve`: start the workbench and say where to open it."""

from __future__ import annotations

import sys

from core.safe_text import display_path
from township_rollup.web.guard import new_token
from township_rollup.web.settings import WebSettings, is_loopback


def url_of(settings: WebSettings) -> str:
    host = f"[{settings.host}]" if ":" in settings.host else settings.host
    base = f"http://{host}:{settings.port}/"
    return f"{base}?token={settings.token}" if settings.token else base


def with_token(settings: WebSettings) -> WebSettings:
    """Listening beyond this computer requires a token; on loopback none is needed."""
    if is_loopback(settings.host) or settings.token:
        return settings
    from dataclasses import replace

    return replace(settings, token=new_token())


def serve(settings: WebSettings) -> int:
    import uvicorn

    from township_rollup.web.app import create_app

    settings = with_token(settings)
    app = create_app(settings)
    print(f"工作台已启动：在浏览器中打开 {url_of(settings)}")
    if settings.office:
        print(f"办公室配置：{display_path(settings.office)}")
    print(f"数据库：{display_path(settings.db)}"
          + (f"    县名单：{display_path(settings.county)}" if settings.county else "")
          + (f"    报告文件夹：{display_path(settings.reports)}" if settings.reports else ""))
    if settings.token:
        print("注意：工作台对局域网开放，只有使用上面带 token 的完整网址才能打开；不要把它发给无关人员。")
    print("按 Ctrl+C 停止。", flush=True)
    try:
        uvicorn.run(app, host=settings.host, port=settings.port, log_level="warning", access_log=False)
    except OSError as exc:
        print(f"错误：无法在 {settings.host}:{settings.port} 上启动（{exc.strerror or exc}）；"
              f"可能端口已被占用，请用 --port 换一个端口。", file=sys.stderr)
        return 2
    return 0
