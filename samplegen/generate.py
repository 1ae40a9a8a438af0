"""Generate realistic township reports with ground-truth labels: the bundled sample county and benchmark corpora.

    python -m samplegen county samples/county          # the committed sample
    python -m samplegen corpus /tmp/corpus2000 -n 2000  # a benchmark corpus

Every report comes with a gold JSON in the format of ../shared/corpus/gold, so
../shared/tools/score_extraction.py can score the extractor on reports the real corpus does not hold.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from samplegen.county import MAX_PLACES, County, Place, large_county, sample_county, write_registry
from samplegen.files import (
    PDF_FONTS,
    convert_to_pdf,
    print_progress,
    write_docx,
    write_scanned_pdf,
    write_truncated,
)
from samplegen.report import ReportStyle, build_report
from samplegen.text import Report


@dataclass(frozen=True)
class SampleCounty:
    registry: Path  # county.yaml
    reports: tuple[Path, ...]  # every file in reports/, the scanned and broken ones included
    gold_dir: Path
    scanned: Path | None  # image-only PDF (has a gold file: OCR should recover it)
    broken: Path  # truncated .docx (no gold file: it cannot be read)
    missing: tuple[tuple[str, int], ...]  # (township, year) with no report on purpose


@dataclass(frozen=True)
class _Planned:
    report: Report
    style: ReportStyle
    fmt: str  # docx or pdf


def _style(rng: random.Random, pages: tuple[int, int]) -> ReportStyle:
    return ReportStyle(
        table=rng.random() < 0.25,
        bold_numbers=rng.random() < 0.3,
        inline_headings=rng.random() < 0.3,
        ascii_parens=rng.random() < 0.15,
        header_footer=rng.random() < 0.7,
        pages=rng.randint(*pages),
    )


def _plan(county: County, pairs: Sequence[tuple[Place, int]], seed: int, pages: tuple[int, int],
          pdf: bool) -> list[_Planned]:
    """Styles and formats for each (township, year): a seeded random half (rounded down) becomes PDF."""
    rng = random.Random(f"plan:{seed}")
    order = list(range(len(pairs)))
    rng.shuffle(order)
    pdf_set = set(order[: len(order) // 2]) if pdf else set()
    out = []
    for i, (place, year) in enumerate(pairs):
        style = _style(rng, pages)
        report = build_report(county, place, year, seed=seed, style=style)
        out.append(_Planned(report, style, "pdf" if i in pdf_set else "docx"))
    return out


def _write(planned: Sequence[_Planned], reports_dir: Path, gold_dir: Path, *, progress: bool = False) -> list[Path]:
    """Write gold JSON, .docx files, and .pdf files converted in batches; returns report paths in plan order."""
    reports_dir.mkdir(parents=True, exist_ok=True)
    gold_dir.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="samplegen-docx-") as tmp:
        to_convert = []
        show = print_progress("docx/gold") if progress else None
        for i, item in enumerate(planned):
            write_gold(item.report, gold_dir / f"{item.report.id}.json")
            if item.fmt == "pdf":
                to_convert.append(write_docx(item.report, item.style, Path(tmp) / f"{item.report.id}.docx", PDF_FONTS))
                paths.append(reports_dir / f"{item.report.id}.pdf")
            else:
                paths.append(write_docx(item.report, item.style, reports_dir / f"{item.report.id}.docx"))
            if show and ((i + 1) % 200 == 0 or i + 1 == len(planned)):
                show(i + 1, len(planned))
        if to_convert:
            convert_to_pdf(to_convert, reports_dir, progress=print_progress("pdf") if progress else None)
    return paths


def write_gold(report: Report, path: Path) -> Path:
    path.write_text(json.dumps(report.gold(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path


def generate_county(out: Path, *, seed: int = 7, years: Sequence[int] = (2022, 2023, 2024), pdf: bool = True,
                    pages: tuple[int, int] = (3, 3)) -> SampleCounty:
    """The sample county: 12 townships x years (two township-years missing on purpose), half .docx and
    half .pdf, one PDF replaced by a scan of itself, plus one truncated .docx.

    With pdf=False every report is a .docx and there is no scan (no LibreOffice needed).
    """
    county = sample_county(seed)
    years = tuple(years)
    missing = (("青龙镇", years[0]), ("云雾乡", years[-1]))
    pairs = [(p, y) for p in county.places for y in years if (p.name, y) not in missing]
    planned = _plan(county, pairs, seed, pages, pdf)
    reports_dir, gold_dir = out / "reports", out / "gold"
    for old in [*reports_dir.glob("*"), *gold_dir.glob("*.json")] if out.exists() else []:
        old.unlink()
    paths = _write(planned, reports_dir, gold_dir)
    scanned = None
    pdfs = [p for p in paths if p.suffix == ".pdf"]
    if pdfs:
        shortest = min(planned, key=lambda item: len(item.report.text()) if item.fmt == "pdf" else 1 << 30)
        scanned = reports_dir / f"{shortest.report.id}.pdf"  # one page keeps the image-only file small
        write_scanned_pdf(scanned, scanned, seed=seed)
    docxs = [p for p in paths if p.suffix == ".docx"]
    source = docxs[0]
    broken = write_truncated(source, reports_dir / f"{source.stem}-draft.docx")
    registry = write_registry(county, out / "county.yaml")
    return SampleCounty(registry=registry, reports=(*paths, broken), gold_dir=gold_dir, scanned=scanned,
                        broken=broken, missing=missing)


def generate_corpus(out: Path, n: int, *, seed: int = 1, pages: tuple[int, int] = (3, 6),
                    years: Sequence[int] = (2019, 2020, 2021, 2022, 2023, 2024), progress: bool = False) -> list[Path]:
    """`n` benchmark reports (half .docx, half .pdf) with gold JSON, from a county of ceil(n / len(years))
    townships; writes out/reports, out/gold and out/county.yaml."""
    if not 1 <= n <= MAX_PLACES * len(years):
        raise ValueError(f"n must be between 1 and {MAX_PLACES * len(years)} for {len(years)} years")
    county = large_county(math.ceil(n / len(years)), seed)
    pairs = [(p, y) for p in county.places for y in years][:n]
    planned = _plan(county, pairs, seed, pages, pdf=True)
    paths = _write(planned, out / "reports", out / "gold", progress=progress)
    write_registry(county, out / "county.yaml")
    return paths


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m samplegen", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="command", required=True)
    c = sub.add_parser("county", help="the sample county: county.yaml, reports/, gold/")
    c.add_argument("out", type=Path)
    c.add_argument("--seed", type=int, default=7)
    c.add_argument("--years", type=int, nargs="+", default=[2022, 2023, 2024])
    c.add_argument("--no-pdf", action="store_true", help="write every report as .docx (no LibreOffice)")
    b = sub.add_parser("corpus", help="N benchmark reports with gold labels")
    b.add_argument("out", type=Path)
    b.add_argument("-n", type=int, default=200)
    b.add_argument("--seed", type=int, default=1)
    b.add_argument("--pages", type=int, nargs=2, default=[3, 6], metavar=("MIN", "MAX"))
    a = ap.parse_args(argv)
    start = time.perf_counter()
    if a.command == "county":
        result = generate_county(a.out, seed=a.seed, years=a.years, pdf=not a.no_pdf)
        print(f"wrote {len(result.reports)} files, registry {result.registry}, gold {result.gold_dir}")
    else:
        paths = generate_corpus(a.out, a.n, seed=a.seed, pages=(a.pages[0], a.pages[1]), progress=True)
        print(f"wrote {len(paths)} reports under {a.out}")
    print(f"took {time.perf_counter() - start:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
