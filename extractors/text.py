"""Plain-text reports."""

from __future__ import annotations

from pathlib import Path

from township_rollup.records import Document


def read(path: Path, options: object = None) -> Document:
    return Document(text=path.read_text(encoding="utf-8-sig"), format="txt", pages=None)
