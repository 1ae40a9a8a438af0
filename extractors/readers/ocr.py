"""OCR of scanned PDF pages with the tesseract CLI (chi_sim), lines kept with their geometry.

The CLI rather than a Python binding: no new dependency, and one process per
page that can be killed on a timeout. OMP_THREAD_LIMIT=1 because the batch
already runs one extraction per core.
"""

from __future__ import annotations

import csv
import functools
import io
import os
import re
import shutil
import statistics
import subprocess
import tempfile
from pathlib import Path

import pypdfium2

from extractors.readers.cjk import GAP
from extractors.readers.layout import COLUMN_GAP, Line, join_columns

DPI = 300
LANG = "chi_sim"
PAGE_TIMEOUT = 180.0
# tesseract reads 千 as 干 in numbers: 5干 / 两干 / 干余.
_QIAN = re.compile(r"(?<=[0-9０-９两二三四五六七八九十百])干|(?<=一)干(?=[余多万0-9])|干(?=余)")


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


# chi_sim confusions measured on the rendered corpus (benchmarks/reader_quality.py --ocr): the
# misread forms are not words, so replacing them cannot damage a correct reading.
_WORD_FIXES: tuple[tuple[str, str], ...] = (
    ("法冶", "法治"), ("冶理", "治理"), ("政冶", "政治"), ("整冶", "整治"), ("综冶", "综治"), ("自冶", "自治"),
    ("防冶", "防治"), ("沙实", "落实"),
)


def fix_misreads(text: str) -> str:
    """Known tesseract misreadings in report text, and ASCII quotes back to Chinese “…” pairs."""
    text = _QIAN.sub("千", text)
    for wrong, right in _WORD_FIXES:
        text = text.replace(wrong, right)
    return pair_quotes(text)


def pair_quotes(text: str) -> str:
    """tesseract reads ” as "; in Chinese text a straight quote closes the last “ left open."""
    out: list[str] = []
    is_open = False
    for ch in text:
        if ch in "“”\"":
            ch = "”" if (ch == "”" or (ch == '"' and is_open)) else "“"
            is_open = ch == "“"
        out.append(ch)
    return "".join(out)


def ocr_page(page: pypdfium2.PdfPage, timeout: float = PAGE_TIMEOUT) -> list[Line]:
    """The page's lines in PDF points, so layout treats them like a text layer."""
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
