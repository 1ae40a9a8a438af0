"""`township-rollup serve`: start the workbench and say where to open it."""

from __future__ import annotations

import errno
import socket
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


def listening_socket(host: str, port: int) -> socket.socket:
    """The workbench's socket, bound before anything is announced: OSError when the address is taken
    (another program, or a workbench already running) or not this computer's."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn does; a live listener still refuses
        sock.bind((host, port))
        sock.listen(128)
    except OSError:
        sock.close()
        raise
    return sock


def serve(settings: WebSettings) -> int:
    import uvicorn

    from township_rollup.web.app import create_app

    settings = with_token(settings)
    try:  # bound first: a port in use is one line, never 已启动 then an error from uvicorn
        sock = listening_socket(settings.host, settings.port)
    except OSError as exc:
        taken = exc.errno == errno.EADDRINUSE
        print(f"错误：无法在 {settings.host}:{settings.port} 上启动工作台（"
              + ("这个端口已被占用：工作台可能已经在运行，或另一个程序在用它" if taken else (exc.strerror or str(exc)))
              + "）；请用 --port 换一个端口" + ("，或打开已在运行的工作台" if taken else "") + "。", file=sys.stderr)
        return 2
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
    config = uvicorn.Config(app, host=settings.host, port=settings.port, log_level="warning", access_log=False)
    with sock:
        uvicorn.Server(config).run(sockets=[sock])
    return 0
