"""Which Prefect API a command's flows report to: a lasting server when one answers, else a temporary one.

A lasting local server (`township-rollup schedule`, or the systemd units) spares every run the ~5–10 s of
starting Prefect's temporary server, and shows the clerk's runs in the office's UI. A server that is
configured but down must not stop a clerk's run: the run then uses a temporary server, and the log says why.

The temporary server is started here (`prefect_api`) rather than by Prefect on the flow's first call: the
same server (Prefect's own API app under uvicorn, as `prefect.server.api.server.SubprocessASGIServer` runs
it), but it boots while this process imports the flows, and this process never imports Prefect's server
package (~2–4 s on 2 cores) only to start a child. Measured by `python -m benchmarks.fixed_cost`.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
import tomllib
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.util import find_spec
from pathlib import Path

from township_rollup.status import Stop

HEALTH_TIMEOUT_SECONDS = 1.0


def answers(api_url: str, timeout: float = HEALTH_TIMEOUT_SECONDS) -> bool:
    """Whether a Prefect API at `api_url` (…/api) answers its health check."""
    try:
        with urllib.request.urlopen(f"{api_url.rstrip('/')}/health", timeout=timeout) as response:
            return response.status == 200
    except (OSError, ValueError):
        return False


def choose_api(office_url: str | None) -> str | None:
    """Point this process (and the workers it starts) at the first Prefect API that answers: the one already set
    (PREFECT_API_URL or the Prefect profile), then the office configuration's. None: a temporary server it is.

    Call before Prefect is imported: it reads its settings once.
    """
    # set in the environment, even empty (= no server), it wins over the profile, as in Prefect
    configured = os.environ["PREFECT_API_URL"] if "PREFECT_API_URL" in os.environ else profile_api_url()
    for url in dict.fromkeys(u for u in (configured, office_url) if u):
        if answers(url):
            os.environ["PREFECT_API_URL"] = url
            return url
        print(f"township-rollup: Prefect API {url} does not answer; using a temporary server for this run")
    if configured:
        os.environ["PREFECT_API_URL"] = ""  # overrides the profile's URL: Prefect then starts a temporary server
    return None


def profile_api_url() -> str | None:
    """PREFECT_API_URL of the active Prefect profile (`prefect config set` writes it), read without importing
    Prefect."""
    home = Path(os.environ.get("PREFECT_HOME") or "~/.prefect").expanduser()
    path = Path(os.environ.get("PREFECT_PROFILES_PATH") or home / "profiles.toml").expanduser()
    try:
        profiles = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None
    active = os.environ.get("PREFECT_PROFILE") or profiles.get("active")
    url = profiles.get("profiles", {}).get(active, {}).get("PREFECT_API_URL")
    return url if isinstance(url, str) and url else None


class TemporaryServer:
    """Prefect's API on a free port of 127.0.0.1 in a child process, for the length of one command."""

    def __init__(self) -> None:
        from flows.local_server import free_port

        self.port = free_port()
        self.api_url = f"http://127.0.0.1:{self.port}/api"
        self.process = self._start()

    def _start(self) -> subprocess.Popen[bytes]:
        # What SubprocessASGIServer runs: no UI, no services but the ephemeral ones.
        env = {**os.environ, "PREFECT_UI_ENABLED": "0", "PREFECT__SERVER_EPHEMERAL": "1", "PREFECT__SERVER_FINAL": "1"}
        env.pop("PREFECT_API_URL", None)
        spec = find_spec("prefect")
        app_dir = str(Path(spec.origin).parent.parent) if spec and spec.origin else "."
        # In the command's process group, as Prefect's own: a Ctrl-C or a kill of the group reaches it too.
        return subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "--app-dir", app_dir, "--factory", "prefect.server.api.server:create_app",
             "--host", "127.0.0.1", "--port", str(self.port), "--log-level", "error", "--lifespan", "on"],
            env=env, stdin=subprocess.DEVNULL, preexec_fn=_end_with_parent if sys.platform == "linux" else None)

    def ready(self, timeout: float | None = None) -> None:
        """Wait until it answers; Stop (the clerk's one line) when it does not within `timeout` seconds
        (default: Prefect's PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS, as for its own temporary server)."""
        if timeout is None:
            timeout = float(os.environ.get("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS") or 90)
        deadline = time.monotonic() + timeout
        while not answers(self.api_url, timeout=2):
            ended = self.process.poll()
            if ended is not None or time.monotonic() > deadline:
                why = f"启动时退出（状态 {ended}）" if ended is not None else f"{timeout:g} 秒内没有应答"
                raise Stop(f"Prefect 的临时服务器{why}，没有开始导入，数据库没有改动；它的输出在运行记录里。"
                           "可再试一次，或让 township-rollup schedule 常驻运行 Prefect 服务器")
            time.sleep(0.05)

    def stop(self) -> None:
        """Let Prefect send what it still holds (logs, events) to the server, then stop the server."""
        if "prefect" in sys.modules:
            from prefect.events.worker import EventsWorker
            from prefect.logging.handlers import APILogWorker

            for service in (APILogWorker, EventsWorker):
                with contextlib.suppress(Exception):
                    service.drain_all(timeout=5)
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def _end_with_parent() -> None:
    """In the server's process before it starts: SIGTERM when the command dies, even by SIGKILL (Linux), so no
    server outlives a command killed outright."""
    import ctypes

    PR_SET_PDEATHSIG = 1
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


class _Lasting:
    def __init__(self, url: str) -> None:
        self.api_url = url

    def ready(self, timeout: float | None = None) -> None:
        return None


@contextmanager
def prefect_api(office_url: str | None) -> Iterator[TemporaryServer | _Lasting]:
    """The Prefect API for one command: a lasting server that answers (see `choose_api`), else a temporary one
    started now and stopped when the block ends. Call `.ready()` just before the first flow, so the server
    boots while the flows are imported. Enter before Prefect is imported: it reads PREFECT_API_URL once."""
    url = choose_api(office_url)
    if url:
        yield _Lasting(url)
        return
    server = TemporaryServer()
    os.environ["PREFECT_API_URL"] = server.api_url  # this process, and the extraction workers it starts
    try:
        yield server
    finally:
        server.stop()
        os.environ["PREFECT_API_URL"] = ""
