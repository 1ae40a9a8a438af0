"""Find the report files in a folder, identified by content hash."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from core.records import Skipped, SourceFile

REPORT_KINDS = {".docx": "docx", ".pdf": "pdf", ".txt": "txt", ".html": "html", ".htm": "html",
                ".doc": "doc", ".wps": "wps"}
_CHUNK = 1 << 20


def kind_of(path: Path) -> str | None:
    return REPORT_KINDS.get(path.suffix.lower())


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(_CHUNK):
            h.update(chunk)
    return h.hexdigest()


def source_file(path: Path) -> SourceFile:
    st = path.stat()
    return SourceFile(path=path, sha256=sha256_of(path), size=st.st_size, kind=kind_of(path) or "unknown",
                      mtime=st.st_mtime)


def walk(paths: Iterable[Path]) -> Iterator[Path]:
    """Files under `paths` in a stable order; hidden files and Office lock files (~$x.docx) left out."""
    for root in paths:
        if root.is_file():
            yield root
            continue
        for p in sorted(root.rglob("*")):
            if p.is_file() and not any(part.startswith(".") for part in p.relative_to(root).parts) \
                    and not p.name.startswith("~$"):
                yield p


def discover(paths: Iterable[Path]) -> tuple[list[SourceFile], list[Skipped]]:
    """Report files (with hashes) and the files passed over, each with a reason.

    A file that vanishes or cannot be read while the folder is walked is skipped
    with its reason, never an error that ends the batch.
    """
    found: list[SourceFile] = []
    skipped: list[Skipped] = []
    for p in walk(paths):
        if kind_of(p) is None:
            skipped.append(Skipped(p, f"不是报告文件格式（{p.suffix or '无扩展名'}），已跳过"))
            continue
        try:
            found.append(source_file(p))
        except OSError as exc:
            skipped.append(Skipped(p, f"无法读取文件：{exc.strerror or exc}"))
    return found, skipped
