"""What every request passes before a page runs: who may connect, how much it may send, where it came from.

- Listening beyond loopback requires the token printed at start (`?token=` once; then a cookie).
- Listening on loopback accepts only loopback host names, so a web site cannot reach the workbench through
  a name it points at 127.0.0.1 (DNS rebinding).
- A request body must say its length and stay under the limit (uploads): the server never reads more.
- Forms carry a token that matches a cookie only this site can set (double-submit), and a form sent from
  another site (Origin / Sec-Fetch-Site) is refused, so no other page can make the browser change the data.
- Every response forbids scripts, styles and frames from anywhere but the workbench itself (CSP).
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Awaitable, Callable
from urllib.parse import urlencode, urlsplit

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from township_rollup.web.errors import WebError
from township_rollup.web.settings import WebSettings, is_loopback

TOKEN_COOKIE = "tr_token"
CSRF_COOKIE = "tr_csrf"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
_SAFE_METHODS = ("GET", "HEAD", "OPTIONS")

Handler = Callable[[Request], Awaitable[Response]]
Render = Callable[[Request, WebError], Response]


def new_token() -> str:
    return secrets.token_urlsafe(24)


def _same(a: str | None, b: str | None) -> bool:
    return bool(a) and bool(b) and hmac.compare_digest(str(a), str(b))


def _host_name(host_header: str) -> str:
    """'127.0.0.1:8750' -> '127.0.0.1', '[::1]:8750' -> '::1'."""
    return urlsplit(f"//{host_header}").hostname or ""


class Guard:
    """The HTTP middleware: `app.middleware("http")(Guard(settings, render))`; `render` draws a refusal."""

    def __init__(self, settings: WebSettings, render: Render) -> None:
        self.settings = settings
        self.render = render

    async def __call__(self, request: Request, call_next: Handler) -> Response:
        request.state.csrf = request.cookies.get(CSRF_COOKIE) or secrets.token_urlsafe(24)
        refused = self._refusal(request)
        if refused is not None:
            response = self.render(request, refused)
        elif self.settings.token and request.query_params.get("token"):
            return self._accept_token(request)
        else:
            response = await call_next(request)
        if request.cookies.get(CSRF_COOKIE) != request.state.csrf:
            response.set_cookie(CSRF_COOKIE, request.state.csrf, httponly=True, samesite="strict", path="/")
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("Cache-Control", "no-store")
        return response

    def _refusal(self, request: Request) -> WebError | None:
        s = self.settings
        if is_loopback(s.host) and not is_loopback(_host_name(request.headers.get("host", ""))):
            return WebError(400, "地址不对", "请用 http://127.0.0.1 打开工作台（本工作台只接受本机地址）。")
        if s.token and not self._has_token(request):
            return WebError(403, "需要访问令牌",
                            "工作台在局域网上开放，须使用启动时终端里显示的完整网址（含 token=…）打开。")
        if request.method not in _SAFE_METHODS:
            length = request.headers.get("content-length")
            if length is None:
                return WebError(411, "请求不完整", "提交的内容没有说明大小，已拒绝。请用工作台页面上的按钮提交。")
            if not length.isdigit() or int(length) > s.max_request_bytes:
                limit = s.max_request_bytes // (1024 * 1024)
                return WebError(413, "上传的文件太大",
                                f"一次最多上传 {limit} MB（每个文件不超过 {s.max_upload_mb:g} MB）。"
                                "请分几次上传，或把文件放进报告文件夹后用“导入文件夹”。")
            if self._cross_site(request):
                return WebError(403, "已拒绝来自其他网站的提交",
                                "这个操作不是从工作台页面发出的，没有执行。请在工作台页面上重新操作。")
        return None

    def _has_token(self, request: Request) -> bool:
        t = self.settings.token
        bearer = request.headers.get("authorization", "")
        return (_same(request.cookies.get(TOKEN_COOKIE), t) or _same(request.query_params.get("token"), t)
                or _same(bearer.removeprefix("Bearer ").strip() if bearer.startswith("Bearer ") else None, t))

    def _accept_token(self, request: Request) -> Response:
        """The token came in the address: keep it in a cookie and take it out of the address bar."""
        query = urlencode([(k, v) for k, v in request.query_params.multi_items() if k != "token"])
        response = RedirectResponse(request.url.path + (f"?{query}" if query else ""), status_code=303)
        response.set_cookie(TOKEN_COOKIE, str(self.settings.token), httponly=True, samesite="strict", path="/")
        return response

    @staticmethod
    def _cross_site(request: Request) -> bool:
        if request.headers.get("sec-fetch-site") in ("cross-site", "same-site"):
            return True
        origin = request.headers.get("origin")
        if origin and origin != "null":
            return urlsplit(origin).netloc != request.headers.get("host", "")
        return origin == "null"


def check_csrf(request: Request, form: FormData | None) -> None:
    """Raise WebError(403) unless the form (or the X-CSRF-Token header) carries this browser's CSRF cookie."""
    cookie = request.cookies.get(CSRF_COOKIE)
    sent = request.headers.get(CSRF_HEADER)
    if sent is None and form is not None:
        value = form.get(CSRF_FIELD)
        sent = value if isinstance(value, str) else None
    if not _same(cookie, sent):
        raise WebError(403, "页面已过期", "这个表单来自一个已过期的页面，操作没有执行。请刷新页面后重新操作。")
