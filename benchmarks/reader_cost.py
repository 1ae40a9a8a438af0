"""What reading a .docx or a PDF costs, per file and per step, in one process (the docstrings quote it).

    PYTHONPATH=. python -m benchmarks.reader_cost [FOLDER] [--rounds 20]

Each file is read `rounds` times and the median kept. For .docx: opening and parsing the parts
(docx_package), walking the body into lines, and the coverage check (every w:t the body holds against
the text); for PDF: the whole read per page, and the coverage check's share of it. FOLDER defaults to
the bundled sample county (samples/county/reports).
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from extractors.readers import coverage, docx, pdf
from extractors.readers.base import ReadOptions, Unreadable
from extractors.readers.docx_package import open_package

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "county" / "reports"


def _median_ms(fn: Callable[[], object], rounds: int) -> float:
    times = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return 1000 * statistics.median(times)


def docx_costs(path: Path, rounds: int) -> tuple[float, float, float, float, int]:
    """(total, open, walk, coverage) in ms, and the characters read."""
    options = ReadOptions()
    total = _median_ms(lambda: docx.read(path, options), rounds)
    opened = _median_ms(lambda: open_package(path), rounds)
    package = open_package(path)
    lines, _ = docx.package_lines(package, depth=0)
    text = "".join(ln.text for ln in lines)

    def check() -> None:
        held = coverage.ink("".join(docx._HELD_TEXT(package.body)))
        coverage.significant(coverage.unread(held, coverage.ink(text)), sum(held.values()))

    checked = _median_ms(check, rounds)
    walked = _median_ms(lambda: docx.package_lines(package, depth=0), rounds) - checked
    return total, opened, walked, checked, len(text)


def pdf_costs(path: Path, rounds: int) -> tuple[float, int]:
    """(total ms, pages)."""
    options = ReadOptions(ocr=False)
    return _median_ms(lambda: pdf.read(path, options), rounds), pdf.read(path, options).pages or 0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("folder", type=Path, nargs="?", default=SAMPLE)
    ap.add_argument("--rounds", type=int, default=20)
    a = ap.parse_args()
    docx_rows = []
    for path in sorted(a.folder.glob("*.docx")):
        try:
            docx_rows.append(docx_costs(path, a.rounds))
        except Exception as exc:  # a broken sample (the county has one on purpose) is not a cost
            print(f"skipped {path.name}: {type(exc).__name__}")
    if docx_rows:
        cols = list(zip(*docx_rows, strict=True))
        print(f".docx, {len(docx_rows)} files, median of each step (ms): "
              f"read {statistics.median(cols[0]):.2f} = open+parse {statistics.median(cols[1]):.2f} + "
              f"walk {statistics.median(cols[2]):.2f} + coverage {statistics.median(cols[3]):.2f}; "
              f"characters {statistics.median(cols[4]):.0f}")
    pdf_rows = []
    for path in sorted(a.folder.glob("*.pdf")):
        try:
            ms, pages = pdf_costs(path, a.rounds)
        except Unreadable:  # a scan: OCR is not what this measures
            continue
        if pages:
            pdf_rows.append((ms, pages))
    if pdf_rows:
        per_page = statistics.median(ms / pages for ms, pages in pdf_rows)
        print(f".pdf, {len(pdf_rows)} files (text layer; scans not OCR'd here): {per_page:.2f} ms a page")


if __name__ == "__main__":
    main()
