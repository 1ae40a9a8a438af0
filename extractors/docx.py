"""Word .docx reports."""

from __future__ import annotations

from pathlib import Path

import docx

from township_rollup.records import Document


def read(path: Path, options: object = None) -> Document:
    d = docx.Document(str(path))
    return Document(text="\n".join(p.text for p in d.paragraphs), format="docx", pages=None)
