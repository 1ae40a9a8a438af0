"""The floor: reading the text of every file once, in one process, and nothing else.

The pipeline's cost is quoted as a ratio of this. PDF through pypdfium2's text
page (the fastest correct reader here); DOCX through lxml's iterparse of
word/document.xml (the w:t runs python-docx also reads, without building its object model).
"""

from __future__ import annotations

import time
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pypdfium2
from lxml import etree

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@dataclass(frozen=True)
class FloorResult:
    files: int
    pages: int
    chars: int
    seconds: float


def read_pdf(path: Path) -> tuple[int, int]:
    pdf = pypdfium2.PdfDocument(str(path))
    try:
        chars = 0
        for i in range(len(pdf)):
            page = pdf[i]
            textpage = page.get_textpage()
            chars += len(textpage.get_text_range())
            textpage.close()
            page.close()
        return len(pdf), chars
    finally:
        pdf.close()


def read_docx(path: Path) -> tuple[int, int]:
    chars = 0
    with zipfile.ZipFile(path) as z, z.open("word/document.xml") as fh:
        for _, el in etree.iterparse(fh, events=("end",), tag=f"{_W}t"):
            chars += len(el.text or "")
            el.clear()
    return 0, chars


def read_all(paths: Sequence[Path]) -> FloorResult:
    start = time.perf_counter()
    pages = chars = 0
    for p in paths:
        n, c = read_pdf(p) if p.suffix.lower() == ".pdf" else read_docx(p)
        pages += n
        chars += c
    return FloorResult(len(paths), pages, chars, time.perf_counter() - start)
