"""`python -m benchmarks.validation_speed`: seconds validate() takes per batch, cold and warm.

Each size runs in a fresh interpreter so "cold" includes importing Great Expectations and
building the context; "warm" is the best of three later runs in the same process.
Prints figures, asserts nothing (not part of the test run).
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from core.catalog import OTHER, Catalog, load_catalog
from core.records import DocumentFacts, Extraction, SourceFile, Statistic
from core.registry import Registry, Township

ROWS_PER_DOCUMENT = 20
_UNITS = {"次": ("次", "场", "期"), "人次": ("人次", "人"), "份": ("份", "册"), "条": ("条", "幅"),
          "件": ("件", "起"), "人": ("人", "名"), "个": ("个", "家")}  # written variants of a canonical unit


def synthetic_batch(documents: int, catalog: Catalog, seed: int = 7) -> tuple[list[Extraction], Registry]:
    """`documents` reports over 100 townships and several years, 20 statistics each, a few rule breaks."""
    rng = random.Random(seed)
    townships = [f"第{i}镇" for i in range(100)]
    extractions = []
    for d in range(documents):
        stats = []
        for _ in range(ROWS_PER_DOCUMENT):
            ind = rng.choice(catalog.indicators)
            code = ind.code if rng.random() > 0.1 else OTHER
            unit = rng.choice(_UNITS.get(ind.unit, (ind.unit,)))
            value = float(rng.randint(0, 99) if ind.unit == "%" else rng.randint(1, 5000))
            if rng.random() < 0.01:
                value = -value
            quote = f"共{value:g}{unit}"
            stats.append(Statistic(code, value, unit, "exact", quote, 0, len(quote)))
        source = SourceFile(Path(f"/reports/r{d}.docx"), f"{d:064x}", 1000, "docx", mtime=float(d))
        facts = DocumentFacts(township=townships[d % 100], year=2005 + (d // 100) % 20)
        extractions.append(Extraction(source, "ok", facts=facts, format="docx", statistics=tuple(stats)))
    registry = Registry(county="某县", townships=tuple(Township(t) for t in townships))
    return extractions, registry


def measure(documents: int) -> dict[str, float]:
    """Run in a fresh process: cold call, warm calls, and a warm call writing Data Docs."""
    catalog = load_catalog()
    extractions, registry = synthetic_batch(documents, catalog)
    started = time.perf_counter()
    from validation.gx_runtime import runtime
    from validation.validate import validate

    runtime()  # GX import, ephemeral context, suites
    setup = time.perf_counter() - started
    first = validate(extractions, registry, catalog)
    cold = time.perf_counter() - started
    warm = min(validate(extractions, registry, catalog).seconds for _ in range(3))
    with tempfile.TemporaryDirectory() as tmp:
        with_docs = validate(extractions, registry, catalog, data_docs_dir=Path(tmp)).seconds
    return {"documents": documents, "rows": sum(len(e.statistics) for e in extractions),
            "findings": len(first.findings), "gx_setup_s": setup, "cold_s": cold, "warm_s": warm,
            "warm_with_data_docs_s": with_docs}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, nargs="*", default=[30, 2000], help="documents per batch")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        print(json.dumps(measure(args.child)))
        return
    print("cold = GX import + context + first validate(); warm = a later validate(); +docs = warm with Data Docs")
    print(f"{'documents':>9} {'rows':>7} {'findings':>8} {'setup s':>8} {'cold s':>8} {'warm s':>8} {'+docs s':>8}")
    for n in args.n:
        out = subprocess.run([sys.executable, "-m", "benchmarks.validation_speed", "--child", str(n)],
                             capture_output=True, text=True, check=True)
        r = json.loads(out.stdout.strip().splitlines()[-1])
        print(f"{r['documents']:>9} {r['rows']:>7} {r['findings']:>8} {r['gx_setup_s']:>8.2f} {r['cold_s']:>8.2f}"
              f" {r['warm_s']:>8.2f} {r['warm_with_data_docs_s']:>8.2f}")


if __name__ == "__main__":
    main()
