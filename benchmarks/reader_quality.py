"""How well the docx and pdf readers keep the gold quotes, and how fast the PDF reader is.

Render the corpus first:
    /work/main/.venv/bin/python ../shared/tools/render_corpus.py --gold ../shared/corpus/gold --out /tmp/corpus
then
    python -m benchmarks.reader_quality --gold ../shared/corpus/gold --docs /tmp/corpus
"""

from __future__ import annotations

import argparse
import json
import re
import tempfile
import time
from pathlib import Path

import pypdfium2

from extractors.readers.base import ReadOptions, Unreadable
from extractors.readers.cjk import tidy
from extractors.readers.read import read_document
from pipeline.discover import source_file

_WS = re.compile(r"\s+")


def squash(text: str) -> str:
    return _WS.sub("", text)


def quote_coverage(gold: Path, docs: Path, kind: str, verbose: bool) -> tuple[int, int, int, int]:
    """(documents with every quote found, documents, quotes found, quotes) for one rendered format."""
    full = n_docs = found = total = 0
    for g in sorted(gold.glob("*.json")):
        path = docs / kind / f"{g.stem}.{kind}"
        if not path.exists():
            continue
        quotes = [s["quote"] for s in json.loads(g.read_text(encoding="utf-8"))["statistics"]]
        try:
            text = squash(read_document(source_file(path), ReadOptions()).text)
        except Unreadable as exc:
            text = ""
            print(f"  {g.stem}: unreadable {exc.kind}: {exc.reason}")
        missing = [q for q in quotes if squash(q) not in text]
        n_docs += 1
        full += not missing
        total += len(quotes)
        found += len(quotes) - len(missing)
        if missing and verbose:
            print(f"  {kind} {g.stem}: missing {missing}")
    return full, n_docs, found, total


def paragraph_fidelity(gold: Path, docs: Path, kind: str) -> tuple[int, int]:
    """(gold paragraphs that come out as exactly one line of the text, gold paragraphs): line re-joining."""
    kept = total = 0
    for g in sorted(gold.glob("*.json")):
        path = docs / kind / f"{g.stem}.{kind}"
        if not path.exists():
            continue
        try:
            lines = set(read_document(source_file(path), ReadOptions()).text.split("\n"))
        except Unreadable:
            lines = set()
        paras = [tidy(ln) for ln in json.loads(g.read_text(encoding="utf-8"))["text"].splitlines() if tidy(ln)]
        total += len(paras)
        kept += sum(p in lines for p in paras)
    return kept, total


def ocr_coverage(gold: Path, docs: Path, limit: int, dpi: int = 200) -> tuple[int, int, int, int, float]:
    """The rendered PDFs turned into image-only scans and read back through OCR:
    (documents with every quote, documents, quotes found, quotes, seconds per page)."""
    full = n_docs = found = total = pages = 0
    seconds = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for g in sorted(gold.glob("*.json"))[:limit]:
            src = docs / "pdf" / f"{g.stem}.pdf"
            pdf = pypdfium2.PdfDocument(str(src))
            images = [pdf[i].render(scale=dpi / 72, grayscale=True).to_pil() for i in range(len(pdf))]
            pdf.close()
            scan = Path(tmp) / f"{g.stem}.pdf"
            images[0].save(scan, "PDF", resolution=dpi, save_all=True, append_images=images[1:])
            t0 = time.perf_counter()
            text = squash(read_document(source_file(scan), ReadOptions()).text)
            seconds += time.perf_counter() - t0
            pages += len(images)
            quotes = [s["quote"] for s in json.loads(g.read_text(encoding="utf-8"))["statistics"]]
            hits = sum(squash(q) in text for q in quotes)
            n_docs += 1
            full += hits == len(quotes)
            found += hits
            total += len(quotes)
    return full, n_docs, found, total, seconds / max(pages, 1)


def pdf_speed(docs: Path) -> tuple[float, float, int]:
    """ms/page for read_document vs plain pypdfium2 get_text_range on the same files."""
    pdfs = sorted((docs / "pdf").glob("*.pdf"))
    t0 = time.perf_counter()
    pages = 0
    for p in pdfs:
        pdf = pypdfium2.PdfDocument(str(p))
        for page in pdf:
            page.get_textpage().get_text_range()
            pages += 1
        pdf.close()
    plain = time.perf_counter() - t0
    t0 = time.perf_counter()
    for p in pdfs:
        read_document(source_file(p), ReadOptions())
    ours = time.perf_counter() - t0
    return ours / pages * 1000, plain / pages * 1000, pages


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--gold", type=Path, required=True)
    ap.add_argument("--docs", type=Path, required=True)
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--ocr", type=int, default=0, metavar="N", help="also OCR the first N PDFs rendered as scans")
    a = ap.parse_args()
    for kind in ("docx", "pdf"):
        full, n, found, total = quote_coverage(a.gold, a.docs, kind, a.verbose)
        print(f"{kind}: {full}/{n} documents with every gold quote ({full / max(n, 1):.1%}); "
              f"quotes {found}/{total} ({found / max(total, 1):.1%})")
        kept, paras = paragraph_fidelity(a.gold, a.docs, kind)
        print(f"{kind}: {kept}/{paras} gold paragraphs come out as exactly one line ({kept / max(paras, 1):.1%})")
    ours, plain, pages = pdf_speed(a.docs)
    print(f"pdf speed over {pages} pages: reader {ours:.1f} ms/page, plain pypdfium2 text {plain:.1f} ms/page")
    if a.ocr:
        full, n, found, total, per_page = ocr_coverage(a.gold, a.docs, a.ocr)
        print(f"ocr (200 dpi scans): {full}/{n} documents with every gold quote; quotes {found}/{total} "
              f"({found / max(total, 1):.1%}); {per_page:.1f} s/page")


if __name__ == "__main__":
    main()
