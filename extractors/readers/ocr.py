"""OCR of scanned PDF pages, lines kept with their geometry: RapidOCR the engine, tesseract the fallback.

RapidOCR (extractors/readers/ocr_rapid.py) reads each scanned page; tesseract does when RapidOCR cannot
load (not installed, or onnxruntime/OpenCV missing a system library), fails on a page, or finds no text
on it, or when ReadOptions.ocr_engine says "tesseract". Either way the page's statistics are marked ocr.

On 200-dpi scans of the corpus (README, "OCR"): RapidOCR quote recall 0.995, F1 0.995 (= the text
layer), ~1.6 CPU-s a page; tesseract 0.881 and 0.975, ~1.6 CPU-s a page.

tesseract through its CLI (chi_sim) rather than a Python binding: one process per page that can be
killed on a timeout. OMP_THREAD_LIMIT=1 because the batch already runs one extraction per core.
RapidOCR runs in this process and has no timeout; its input is bounded (a page rendered at 2,000 px).
"""

from __future__ import annotations

import csv
import functools
import io
import os
import shutil
import statistics
import subprocess
import tempfile
from pathlib import Path

import pypdfium2

from extractors.readers.cjk import GAP
from extractors.readers.layout import COLUMN_GAP, Line, join_columns
from extractors.readers.ocr_text import fix_misreads

DPI = 300
LANG = "chi_sim"
PAGE_TIMEOUT = 180.0


@functools.cache
def tesseract_ready() -> bool:
    exe = shutil.which("tesseract")
    if exe is None:
        return False
    try:
        out = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return False
    return LANG in (out.stdout + out.stderr).split()


ENGINES = ("auto", "rapidocr", "tesseract")


def rapidocr_ready(engine: str = "auto") -> bool:
    from extractors.readers.ocr_rapid import rapidocr_importable

    return engine != "tesseract" and rapidocr_importable() is None


def ocr_ready(engine: str = "auto") -> bool:
    """Whether scanned pages can be read with this engine choice (auto: RapidOCR, else tesseract)."""
    return rapidocr_ready(engine) or (engine != "rapidocr" and tesseract_ready())


def ocr_page(page: pypdfium2.PdfPage, engine: str = "auto", timeout: float = PAGE_TIMEOUT) -> list[Line]:
    """The page's lines in PDF points, so layout treats them like a text layer.

    RapidOCR unless `engine` is "tesseract"; tesseract when RapidOCR cannot load, raises or finds no text.
    Raises OSError or SubprocessError when no engine can read the page."""
    if rapidocr_ready(engine):
        from extractors.readers import ocr_rapid

        try:
            lines = ocr_rapid.read_page(page)
        except Exception as exc:  # onnxruntime and OpenCV raise their own types: fall back, never stop the batch
            if engine == "rapidocr" or not tesseract_ready():
                raise OSError(f"RapidOCR: {type(exc).__name__}: {exc}") from exc
        else:
            if lines or engine == "rapidocr" or not tesseract_ready():
                return lines
    return tesseract_page(page, timeout)


def tesseract_page(page: pypdfium2.PdfPage, timeout: float = PAGE_TIMEOUT) -> list[Line]:
    """tesseract's lines of the page, in PDF points."""
    scale = DPI / 72
    image = page.render(scale=scale, grayscale=True).to_pil()
    with tempfile.TemporaryDirectory(prefix="ocr-") as tmp:
        png = Path(tmp) / "page.png"
        image.save(png)
        env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
        proc = subprocess.run(["tesseract", str(png), "stdout", "-l", LANG, "--psm", "3", "tsv"],
                              capture_output=True, timeout=timeout, env=env, check=False)
    if proc.returncode != 0:
        raise OSError(proc.stderr.decode("utf-8", "replace")[-300:])
    return tsv_lines(proc.stdout.decode("utf-8", "replace"), scale)


def _columns(words: list[dict[str, str]], em: float) -> list[str]:
    """Words joined with gaps, split into columns where the blank between words is wide."""
    cells: list[list[str]] = [[]]
    right: int | None = None
    for w in sorted(words, key=lambda w: int(w["left"])):
        if right is not None and int(w["left"]) - right > COLUMN_GAP * em:
            cells.append([])
        cells[-1].append(w["text"])
        right = int(w["left"]) + int(w["width"])
    return [GAP.join(c) for c in cells]


def tsv_lines(tsv: str, scale: float) -> list[Line]:
    words: dict[tuple[str, str, str], list[dict[str, str]]] = {}
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        if row.get("level") == "5" and (row.get("text") or "").strip():
            words.setdefault((row["block_num"], row["par_num"], row["line_num"]), []).append(row)
    lines = []
    for group in words.values():
        left = min(int(w["left"]) for w in group)
        top = min(int(w["top"]) for w in group)
        right = max(int(w["left"]) + int(w["width"]) for w in group)
        bottom = max(int(w["top"]) + int(w["height"]) for w in group)
        em = statistics.median(int(w["height"]) for w in group) * 1.1
        text = fix_misreads(join_columns(_columns(group, em)))
        if text:
            lines.append(Line(text, left / scale, right / scale, top / scale, bottom / scale, em / scale))
    return sorted(lines, key=lambda ln: (ln.top, ln.left))
