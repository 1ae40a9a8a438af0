"""PDF reports."""

from __future__ import annotations

from pathlib import Path

import pypdfium2

from township_rollup.records import Document


def read(path: Path, options: object = None) -> Document:
    pdf = pypdfium2.PdfDocument(str(path))
    texts, starts, pos = [], [], 0
    for page in pdf:
        t = page.get_textpage().get_text_range().replace("\r\n", "\n")
        starts.append(pos)
        texts.append(t)
        pos += len(t) + 1
    return Document(text="\n".join(texts), format="pdf", pages=len(texts), page_starts=tuple(starts))
