"""Which Prefect API a command's flows report to: a lasting server when one answers, else a temporary one.

A lasting local server (`township-rollup schedule`, or the systemd units) spares every run the ~5–10 s of
starting Prefect's temporary server, and shows the clerk's runs in the office's UI. A server that is
configured but down must not stop a clerk's run: the run then uses a temporary server, and the log says why.
"""

from __future__ import annotations

import os
import tomllib
import urllib.request
from pathlib import Path

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
