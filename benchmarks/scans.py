"""Turn rendered report PDFs into image-only "scans" for measuring OCR (README, "OCR").

Every page of every PDF in --pdf is rasterised with pdfium at --dpi (200 by default, a common
office-scanner setting), in 8-bit grayscale, and the pages are written back as one PDF per
report with Pillow: one JPEG image per page (DCTDecode, --quality), the page size set from the
dpi so it keeps its A4 size in points, and no text layer at all. Deterministic: the same input
gives byte-identical output apart from Pillow's creation date.

    .venv/bin/python ../shared/tools/render_corpus.py \
        --gold ../shared/corpus/gold ../shared/corpus/gold-2026-11 --out /tmp/corpus
    .venv/bin/python -m benchmarks.scans --pdf /tmp/corpus/pdf --out /tmp/corpus/scan200 --check

Options: --color keeps RGB (red stamps, coloured headers) instead of grayscale; --png writes
lossless Flate images instead of JPEG; --check verifies that no output page has a text layer;
--stamp N draws a red official seal (42 mm ring, star, arc text) over the body text of every
page, multiplied into the ink as a stamp is, at a place drawn from the file name (N = seed), to
measure OCR under stamps (with --color the seal stays red; without, it is scanned to grey);
--degrade photocopies the pages as samplegen's scans are (slight rotation, noise, specks).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import random
import sys
from pathlib import Path

import pypdfium2
from PIL import Image, ImageChops, ImageDraw, ImageFont

SEAL_RED = (225, 35, 40)
SEAL_FONT = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc"


def seal(dpi: int, name: str) -> Image.Image:
    """A round red seal on white, 42 mm across: ring, five-pointed star, the issuer's name on an arc."""
    size = round(42 / 25.4 * dpi)
    img = Image.new("RGB", (size, size), "white")
    d = ImageDraw.Draw(img)
    ring = max(2, round(1.2 / 25.4 * dpi))
    d.ellipse([ring // 2, ring // 2, size - ring // 2, size - ring // 2], outline=SEAL_RED, width=ring)
    c, r_star = size / 2, size * 0.16
    pts = [(c + r_star * (1 if k % 2 == 0 else 0.38) * math.sin(k * math.pi / 5),
            c - r_star * (1 if k % 2 == 0 else 0.38) * math.cos(k * math.pi / 5)) for k in range(10)]
    d.polygon(pts, fill=SEAL_RED)
    font = ImageFont.truetype(SEAL_FONT, round(size * 0.13))
    span = math.radians(250)
    for k, ch in enumerate(name):
        a = -span / 2 + span * (k + 0.5) / len(name)
        glyph = Image.new("L", (font.size * 2, font.size * 2), 0)
        ImageDraw.Draw(glyph).text((font.size, font.size), ch, font=font, fill=255, anchor="mm")
        glyph = glyph.rotate(-math.degrees(a), resample=Image.Resampling.BICUBIC)
        rr = size / 2 - ring - font.size * 0.75
        x, y = c + rr * math.sin(a) - glyph.width / 2, c - rr * math.cos(a) - glyph.height / 2
        img.paste(Image.new("RGB", glyph.size, SEAL_RED), (round(x), round(y)), glyph)
    return img


def stamp(page: Image.Image, dpi: int, rng: random.Random) -> Image.Image:
    """The seal multiplied into the page (ink over ink stays dark) over the text block."""
    s = seal(dpi, "某某县某某镇人民政府").rotate(rng.uniform(-20, 20), fillcolor="white")
    x = round(page.width * rng.uniform(0.35, 0.65) - s.width / 2)
    y = round(page.height * rng.uniform(0.2, 0.7) - s.height / 2)
    layer = Image.new("RGB", page.size, "white")
    layer.paste(s, (x, y))
    return ImageChops.multiply(page.convert("RGB"), layer)


def degrade(page: Image.Image, rng: random.Random, seed: int) -> Image.Image:
    """A photocopy, as samplegen makes one for the sample county: rotated, noisy, specked."""
    import numpy as np

    noise = np.random.default_rng(seed)
    img = page.rotate(rng.uniform(-0.8, 0.8), resample=Image.Resampling.BICUBIC, fillcolor="white")
    arr = np.asarray(img, dtype=np.int16)
    arr = arr + noise.normal(0, 3, arr.shape).astype(np.int16) - 4
    arr[noise.random(arr.shape[:2]) < 0.0008] = 40
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))


def rasterise(src: Path, dpi: int, color: bool, stamp_seed: int | None = None,
              degrade_seed: int | None = None) -> list[Image.Image]:
    pdf = pypdfium2.PdfDocument(str(src))
    try:
        pages = [pdf[i].render(scale=dpi / 72, grayscale=not color and stamp_seed is None).to_pil()
                 for i in range(len(pdf))]
    finally:
        pdf.close()
    if stamp_seed is not None:
        rng = random.Random(f"stamp:{stamp_seed}:{src.stem}")
        pages = [stamp(p, dpi, rng) for p in pages]
    pages = [p.convert("RGB" if color else "L") for p in pages]
    if degrade_seed is not None:
        rng = random.Random(f"scan:{degrade_seed}:{src.stem}")
        pages = [degrade(p, rng, degrade_seed + i) for i, p in enumerate(pages)]
    return pages


def write_scan(images: list[Image.Image], out: Path, dpi: int, quality: int, png: bool) -> None:
    if png:  # Pillow writes mode-L/RGB pages as DCT (JPEG); "P" mode is written with Flate
        images = [im.convert("P", palette=Image.Palette.ADAPTIVE, colors=256) for im in images]
        images[0].save(out, "PDF", resolution=dpi, save_all=True, append_images=images[1:])
    else:
        images[0].save(out, "PDF", resolution=dpi, save_all=True, append_images=images[1:], quality=quality)


def text_chars(path: Path) -> int:
    """Characters in the PDF's text layer (0 for a true image-only PDF)."""
    pdf = pypdfium2.PdfDocument(str(path))
    try:
        n = 0
        for i in range(len(pdf)):
            tp = pdf[i].get_textpage()
            n += tp.count_chars()
            tp.close()
        return n
    finally:
        pdf.close()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pdf", required=True, type=Path, help="folder of text-layer PDFs (render_corpus.py's pdf/)")
    ap.add_argument("--out", required=True, type=Path)
    ap.add_argument("--dpi", type=int, default=200)
    ap.add_argument("--quality", type=int, default=85, help="JPEG quality")
    ap.add_argument("--color", action="store_true")
    ap.add_argument("--png", action="store_true")
    ap.add_argument("--check", action="store_true", help="fail if any output page has a text layer")
    ap.add_argument("--stamp", type=int, default=None, metavar="SEED", help="a red seal over the text of every page")
    ap.add_argument("--degrade", type=int, default=None, metavar="SEED", help="rotate, add noise and specks")
    a = ap.parse_args()
    a.out.mkdir(parents=True, exist_ok=True)
    manifest = {}
    pages = 0
    for src in sorted(a.pdf.glob("*.pdf")):
        images = rasterise(src, a.dpi, a.color, a.stamp, a.degrade)
        dst = a.out / src.name
        write_scan(images, dst, a.dpi, a.quality, a.png)
        pages += len(images)
        manifest[src.name] = {"pages": len(images), "size": dst.stat().st_size,
                              "source_sha256": hashlib.sha256(src.read_bytes()).hexdigest()}
        if a.check and (n := text_chars(dst)):
            print(f"{dst}: has a text layer ({n} chars)", file=sys.stderr)
            return 1
    (a.out / "manifest.json").write_text(json.dumps(
        {"dpi": a.dpi, "color": a.color, "png": a.png, "quality": a.quality, "stamp": a.stamp,
         "degrade": a.degrade, "files": manifest},
        ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"{len(manifest)} PDFs, {pages} pages at {a.dpi} dpi -> {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
