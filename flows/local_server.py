"""A Prefect server on 127.0.0.1 for the length of a `with` block: as an office runs `prefect server start`.

Used by `township-rollup schedule` (the office's lasting server, on the port of its configuration), the
benchmark (`python -m benchmarks --server`) and the deployment test.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

STARTUP_SECONDS = 120  # 2 cores are slow to start it


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def local_prefect_server(home: Path | None, url: str | None = None) -> Iterator[str]:
    """Start `prefect server start` on 127.0.0.1 and yield its API URL; stop it when the block ends.

    `home`: its PREFECT_HOME (None: this process's). `url`: the API URL to serve (its port is used; the host is
    always 127.0.0.1); None: a free port.
    """
    port = urllib.parse.urlsplit(url).port if url else None
    port = port or free_port()
    api = f"http://127.0.0.1:{port}/api"
    prefect = str(Path(sys.executable).with_name("prefect"))
    env = {**os.environ, "PREFECT_LOGGING_LEVEL": "WARNING"}
    if home is not None:
        env["PREFECT_HOME"] = str(home)
    env.pop("PREFECT_API_URL", None)
    proc = subprocess.Popen([prefect, "server", "start", "--host", "127.0.0.1", "--port", str(port)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            try:
                with urllib.request.urlopen(f"{api}/health", timeout=2):
                    break
            except OSError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise RuntimeError(f"prefect server did not start on 127.0.0.1:{port}") from None
                time.sleep(0.5)
        yield api
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
