"""RapidOCR (rapidocr-onnxruntime 1.4.4: PaddleOCR's PP-OCRv4 detection and recognition in ONNX, the
models inside the wheel, so it runs offline) on a scanned PDF page, lines kept with their geometry.

Measured on 200-dpi image-only scans of the corpus (README, "OCR"): quote recall 0.995 against
tesseract's 0.881, at ~1.6 CPU-s a page. How it is called here, and why (measured 2026-11-30):

- The page is rendered in colour with its long side at 2,000 px (RapidOCR shrinks anything larger) and
  reduced to the red channel: a red seal goes pale there while black ink, under the seal too, stays dark.
- Detection runs on a copy whose long side is DETECTION_SIDE px (~0.3 CPU-s a page against ~2.2 at
  2,000 px, the same lines found), recognition on crops of the full image: two calls of the public API
  (use_rec=False, then use_det=False per line), since 1.4.x cannot set the detector's size below 2,000.
- No 0/180° line classifier (use_cls=False): it turned upright lines over, which then read as nothing.
- One engine per process, built on first use (onnxruntime's thread pools do not survive a fork), with
  OCR_THREADS_ENV threads (default 1: the batch already runs one extraction per core).
"""

from __future__ import annotations

import functools
import logging
import math
import os
import statistics
from typing import TYPE_CHECKING, Any

from extractors.readers.cjk import GAP
from extractors.readers.layout import COLUMN_GAP, Line, join_columns
from extractors.readers.ocr_text import fix_characters, pair_quotes_lines

if TYPE_CHECKING:
    import numpy as np
    import pypdfium2

RENDER_SIDE = 2000  # px, the page's long side for recognition (RapidOCR's max_side_len)
DETECTION_SIDE = 960  # px, the long side the detector sees
OCR_THREADS_ENV = "TOWNSHIP_ROLLUP_OCR_THREADS"
Quad = list[list[float]]  # four [x, y] corners: top-left, top-right, bottom-right, bottom-left


# onnxruntime >= 1.29 reports usage to Microsoft from Linux too (its 1DS telemetry: a device id and an event
# store under ~/.cache/Microsoft, uploads to mobile.events.data.microsoft.com). Nothing may leave the office's
# machine: ORT_DISABLE_TELEMETRY=1, set before onnxruntime starts, turns all of it off (onnxruntime PR 27379).
TELEMETRY_OFF = {"ORT_DISABLE_TELEMETRY": "1"}


@functools.cache
def rapidocr_importable() -> str | None:
    """None when RapidOCR loads, else why not (it is missing, or onnxruntime or OpenCV cannot load a library)."""
    os.environ.update(TELEMETRY_OFF)  # before the first import of onnxruntime, whoever calls first
    try:
        import rapidocr_onnxruntime  # noqa: F401
    except Exception as exc:  # ImportError, OSError from a missing libGL, onnxruntime's own errors
        return f"{type(exc).__name__}: {exc}"
    return None


def threads() -> int:
    try:
        return max(1, int(os.environ.get(OCR_THREADS_ENV, "1")))
    except ValueError:
        return 1


@functools.cache
def engine() -> Any:
    os.environ.update(TELEMETRY_OFF)
    from rapidocr_onnxruntime import RapidOCR

    logging.getLogger("RapidOCR").setLevel(logging.WARNING)  # it logs each call at DEBUG to stderr
    return RapidOCR(intra_op_num_threads=threads(), inter_op_num_threads=1, max_side_len=RENDER_SIDE,
                    use_cls=False)


def read_page(page: pypdfium2.PdfPage) -> list[Line]:
    """The page's lines in PDF points, so layout treats them like a text layer."""
    width, height = page.get_size()
    scale = RENDER_SIDE / max(width, height)
    image = page.render(scale=scale).to_numpy()
    red = image[:, :, 2].copy() if image.ndim == 3 else image  # pdfium renders BGR(A)
    return lines(recognise(red), scale)


def recognise(image: np.ndarray) -> list[tuple[Quad, str, float]]:
    """(quad in `image` pixels, text, score) of every line RapidOCR finds, detection on a reduced copy."""
    import cv2
    import numpy as np

    ocr = engine()
    shrink = min(1.0, DETECTION_SIDE / max(image.shape[:2]))
    small = cv2.resize(image, None, fx=shrink, fy=shrink, interpolation=cv2.INTER_AREA) if shrink < 1 else image
    boxes, _ = ocr(small, use_cls=False, use_rec=False)
    found = []
    for box in boxes or []:
        quad = (np.array(box, dtype=np.float32) / shrink).astype(np.float32)
        result, _ = ocr(_crop(image, quad), use_det=False, use_cls=False, use_rec=True)
        if result:
            text, score = result[0][0], float(result[0][1])
            if text.strip() and score >= ocr.text_score:
                found.append((quad.tolist(), str(text), score))
    return found


def _crop(image: np.ndarray, quad: np.ndarray) -> np.ndarray:
    """The line under `quad`, straightened (as RapidOCR crops the lines it detects itself)."""
    import cv2
    import numpy as np

    width = int(max(np.linalg.norm(quad[0] - quad[1]), np.linalg.norm(quad[2] - quad[3])))
    height = int(max(np.linalg.norm(quad[0] - quad[3]), np.linalg.norm(quad[1] - quad[2])))
    target = np.array([[0, 0], [width, 0], [width, height], [0, height]], dtype=np.float32)
    matrix = cv2.getPerspectiveTransform(quad, target)
    crop = cv2.warpPerspective(image, matrix, (max(width, 1), max(height, 1)), borderMode=cv2.BORDER_REPLICATE,
                               flags=cv2.INTER_CUBIC)
    return np.rot90(crop) if crop.shape[0] >= 1.5 * crop.shape[1] else crop


def lines(found: list[tuple[Quad, str, float]], scale: float) -> list[Line]:
    """RapidOCR's lines as layout Lines in points: boxes side by side on one row (table cells, a spread title,
    a line the detector split) are one line, split into cells where the blank is wider than COLUMN_GAP ems,
    as ocr.tsv_lines does with tesseract's words. The quad's own height is about the font size."""
    boxes = []
    for quad, text, _score in found:
        xs, ys = [p[0] for p in quad], [p[1] for p in quad]
        h = (math.dist(quad[0], quad[3]) + math.dist(quad[1], quad[2])) / 2  # not the bounding box: skew
        boxes.append((min(xs), max(xs), min(ys), max(ys), text, h))
    rows: list[list[tuple[float, float, float, float, str, float]]] = []
    for box in sorted(boxes, key=lambda b: (b[2] + b[3]) / 2):
        middle = (box[2] + box[3]) / 2
        if rows and min(b[2] for b in rows[-1]) <= middle <= max(b[3] for b in rows[-1]):
            rows[-1].append(box)
        else:
            rows.append([box])
    out: list[Line] = []
    for row in rows:
        row.sort(key=lambda b: b[0])
        em = statistics.median(b[5] for b in row) * 1.1  # the box hugs the ink, as tesseract's words do
        cells: list[list[str]] = [[]]
        right: float | None = None
        for left, r, _top, _bottom, text, _h in row:
            if right is not None and left - right > COLUMN_GAP * em:
                cells.append([])
            cells[-1].append(text)
            right = r
        text = fix_characters(join_columns([GAP.join(c) for c in cells]))
        if text:
            out.append(Line(text, min(b[0] for b in row) / scale, max(b[1] for b in row) / scale,
                            min(b[2] for b in row) / scale, max(b[3] for b in row) / scale, em / scale))
    out.sort(key=lambda ln: (ln.top, ln.left))
    texts = pair_quotes_lines([ln.text for ln in out])
    return [Line(t, ln.left, ln.right, ln.top, ln.bottom, ln.em, ln.table) for ln, t in zip(out, texts, strict=True)]
