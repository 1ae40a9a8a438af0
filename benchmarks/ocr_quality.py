"""OCR quality on image-only scans of the corpus: quote recall, and the extractions for the shared scorer.

Each scan is read once (in --jobs processes): the statistics go to --out as the extractor's JSON Lines,
and the share of gold quotes found in the document's text is printed (whitespace removed on both sides,
as OCR may break or join lines; "folded" also counts a quote whose full- and half-width punctuation
differs, ， against ,). Then the shared scorer reads the saved extractions instead of OCR'ing again:

    .venv/bin/python -m benchmarks.scans --pdf /tmp/corpus/pdf --out /tmp/corpus/scan200 --check
    .venv/bin/python -m benchmarks.ocr_quality --gold ../shared/corpus/gold ../shared/corpus/gold-2026-11 \\
        --docs /tmp/corpus/scan200 --out /tmp/ocr.jsonl [--engine tesseract]
    python3 ../shared/tools/score_extraction.py --gold ../shared/corpus/gold ../shared/corpus/gold-2026-11 \\
        --docs /tmp/corpus/scan200 --cmd ".venv/bin/python -m benchmarks.ocr_quality --replay /tmp/ocr.jsonl"

Prints CPU seconds per page (the OCR workers' own) and wall time too.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
import unicodedata
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

_WS = re.compile(r"\s+")


def squash(text: str) -> str:
    return _WS.sub("", text)


def fold(text: str) -> str:
    """Full- and half-width forms as one (， and ,), and both Chinese quote marks as one."""
    return unicodedata.normalize("NFKC", text).replace("“", '"').replace("”", '"')


def _read(path: str, engine: str) -> tuple[str, dict[str, object], str, int, float]:
    """(path, the extractor's JSON, the document's text, pages, CPU seconds) for one scan."""
    os.environ.setdefault("TOWNSHIP_ROLLUP_OCR_THREADS", "1")
    from core.catalog import load_catalog
    from core.records import Document
    from core.registry import Registry
    from extractors import extract as extract_module
    from extractors.readers.base import ReadOptions
    from pipeline.discover import source_file

    read: list[Document] = []
    reader = extract_module.read_document

    def keeping(source: object, options: ReadOptions) -> Document:  # the text the offsets point into, kept
        read.append(reader(source, options))  # type: ignore[arg-type]
        return read[-1]

    extract_module.read_document = keeping  # type: ignore[assignment]
    start = _cpu()
    result = extract_module.extract(source_file(Path(path)), load_catalog(), Registry(), ReadOptions(ocr_engine=engine))
    text, pages = (read[0].text, read[0].pages or 0) if read else ("", 0)
    return path, result.to_json(), text, pages, _cpu() - start


def _cpu() -> float:
    """CPU seconds of this process and of the children it waited for (the tesseract CLI)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def measure(gold_dirs: list[Path], docs: Path, out: Path, engine: str, jobs: int) -> None:
    gold = {p.stem: json.loads(p.read_text(encoding="utf-8")) for d in gold_dirs for p in sorted(d.glob("*.json"))}
    paths = [str(p) for p in sorted(docs.glob("*.pdf")) if p.stem in gold]
    started = time.perf_counter()
    with ProcessPoolExecutor(jobs) as pool:
        results = list(pool.map(_read, paths, [engine] * len(paths)))
    wall = time.perf_counter() - started
    found = folded = total = full = pages = 0
    cpu = 0.0
    with out.open("w", encoding="utf-8") as fh:
        for path, record, text, n_pages, seconds in results:
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
            quotes = [s["quote"] for s in gold[Path(path).stem]["statistics"]]
            plain, loose = squash(text), fold(squash(text))
            hits = sum(squash(q) in plain for q in quotes)
            found += hits
            folded += sum(fold(squash(q)) in loose for q in quotes)
            total += len(quotes)
            full += hits == len(quotes)
            pages += n_pages
            cpu += seconds
    print(f"{len(paths)} scans, {pages} pages, engine {engine}: quote recall {found}/{total} = {found / total:.3f} "
          f"(folded {folded / total:.3f}); documents with every quote {full}/{len(paths)}")
    print(f"CPU {cpu / max(pages, 1):.2f} s a page (OCR and grammar, workers and their tesseract processes); "
          f"wall {wall:.0f} s with "
          f"{jobs} processes; extractions in {out}")


def replay(saved: Path, paths: list[str]) -> None:
    """Print the saved extraction of each path, in the order given (the shared scorer's --cmd)."""
    by_path = {}
    for line in saved.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        by_path[record["path"]] = line
    for path in paths:
        print(by_path[str(Path(path))])


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--replay":
        replay(Path(sys.argv[2]), sys.argv[3:])
        return
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", type=Path, nargs="+", required=True)
    ap.add_argument("--docs", type=Path, required=True, help="a folder of image-only PDFs (benchmarks.scans)")
    ap.add_argument("--out", type=Path, required=True, help="where the extractions go (JSON Lines)")
    ap.add_argument("--engine", default="auto", choices=["auto", "rapidocr", "tesseract"])
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    a = ap.parse_args()
    measure(a.gold, a.docs, a.out, a.engine, a.jobs)


if __name__ == "__main__":
    main()
