"""What the workbench is started with: the database, the county, the reports folder, where it listens."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8750
# The reader's own limit (`ingest --max-mb`) applies to each file; one request holds at most this many files
# and this many bytes in all (a county sends a few dozen reports of a few MB each).
MAX_FILES_PER_UPLOAD = 60
MAX_REQUEST_MB = 300
UPLOAD_SUFFIXES = (".docx", ".doc", ".wps", ".pdf", ".txt", ".html", ".htm")


def is_loopback(host: str) -> bool:
    """127.0.0.0/8, ::1 and localhost: only programs on this computer can connect."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def listen_address(workbench_url: str | None) -> tuple[str, int] | None:
    """Where to listen so that the office configuration's `workbench_url` (the address the Prefect artifacts link
    to) reaches the workbench: "http://127.0.0.1:8750" -> ("127.0.0.1", 8750); a plain http address without a
    port -> port 80. None when there is no such address or it is https (a proxy in front decides then)."""
    if not workbench_url:
        return None
    try:
        url = urlsplit(workbench_url)
        port = url.port
    except ValueError:
        return None
    if url.scheme != "http" or not url.hostname:
        return None
    return url.hostname, port or 80


def uploads_dir_for(db: Path) -> Path:
    """county.duckdb -> county-uploads/ beside it (like county-validation/ for the validation report)."""
    return db.parent / f"{db.stem}-uploads"


@dataclass(frozen=True)
class WebSettings:
    """db: the DuckDB file; county/indicators: as for `ingest`; reports: the folder the clerk may ingest with one
    click; uploads: where uploaded files are kept (never a path the browser names); token: required on every
    request when not None (set when listening beyond loopback); max_upload_mb: per file, as `ingest --max-mb`;
    office: the office configuration these came from (township-rollup.toml), if any."""

    db: Path
    county: Path | None = None
    reports: Path | None = None
    indicators: Path | None = None
    uploads: Path | None = None
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    token: str | None = None
    max_upload_mb: float = 50.0
    read_wait_seconds: float = 3.0  # a page waits this long for a database held by a load, then says so
    write_wait_seconds: float = 10.0
    office: Path | None = None

    @property
    def uploads_dir(self) -> Path:
        return self.uploads or uploads_dir_for(self.db)

    @property
    def max_upload_bytes(self) -> int:
        return int(self.max_upload_mb * 1024 * 1024)

    @property
    def max_request_bytes(self) -> int:
        return MAX_REQUEST_MB * 1024 * 1024
