"""Uploaded reports: kept under the workbench's own folder, named by us; nothing the browser says is a path.

Each upload goes into a folder of its own (uploads/20250301-101500-ab12cd/), so a run ingests exactly the files
of that upload, and the warehouse's documents.path points at a file that stays where it is for the cell page.
"""

from __future__ import annotations

import secrets
import shutil
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from township_rollup.web.settings import UPLOAD_SUFFIXES

_FORBIDDEN = set('<>:"/\\|?*') | {"\x00"}
_MAX_NAME = 120


@dataclass(frozen=True)
class Refused:
    name: str
    reason: str  # Chinese


def safe_name(raw: str) -> str:
    """The file's own name without any folder part, control or reserved characters; '' when nothing is left."""
    name = unicodedata.normalize("NFC", raw.replace("\\", "/").rsplit("/", 1)[-1])
    name = "".join(ch for ch in name if ch.isprintable() and ch not in _FORBIDDEN).strip(" .")
    if len(name) > _MAX_NAME:
        stem, dot, suffix = name.rpartition(".")
        name = stem[: _MAX_NAME - len(suffix) - 1] + dot + suffix if dot else name[:_MAX_NAME]
    return name


def refusal(name: str, size: int | None, max_bytes: int) -> str | None:
    """Why an uploaded file is not kept (kind or size), in Chinese; None when it may go in."""
    suffix = Path(name).suffix.lower()
    if suffix not in UPLOAD_SUFFIXES:
        kinds = "、".join(s.lstrip(".") for s in UPLOAD_SUFFIXES)
        return f"不是报告文件（只接受 {kinds}）"
    if size is not None and size > max_bytes:
        return f"文件过大（{size / 1e6:.1f} MB，上限 {max_bytes / 1e6:.0f} MB）"
    if size == 0:
        return "文件是空的（0 字节）"
    return None


def new_batch_folder(root: Path) -> Path:
    folder = root / f"{datetime.now():%Y%m%d-%H%M%S}-{secrets.token_hex(3)}"
    folder.mkdir(parents=True, exist_ok=False)
    return folder


def store(folder: Path, name: str, data: BinaryIO, max_bytes: int) -> Path | str:
    """Copy one upload into `folder` under `name` (made unique); the path, or why it was not kept."""
    target = folder / name
    n = 1
    while target.exists():
        n += 1
        target = folder / f"{Path(name).stem}（{n}）{Path(name).suffix}"
    written = 0
    with open(target, "wb") as out:
        while chunk := data.read(1 << 20):
            written += len(chunk)
            if written > max_bytes:
                break
            out.write(chunk)
    if written > max_bytes or written == 0:
        target.unlink(missing_ok=True)
        return refusal(name, written if written else 0, max_bytes) or "文件过大"
    return target


def discard(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)
