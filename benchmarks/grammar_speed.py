"""Print how long facts, quantities and classification take on a report-sized text, and how the grammar's
cost grows with the text: ms per 10,000 characters on normal and adversarial text of growing size.

    PYTHONPATH=. python -m benchmarks.grammar_speed [--corpus ../shared/corpus/gold]
    PYTHONPATH=. python -m benchmarks.grammar_speed --scaling      # only the growth table

Reading is not timed: this is the cost the grammar adds on top of a reader. The growth table is the
grammar's stated bound: linear in the text, so each row's figures stay level as the size grows
(a quadratic step would double them at each doubling).
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from pathlib import Path

from core.catalog import load_catalog
from core.records import Document
from core.registry import Registry
from extractors.grammar.classify import classify
from extractors.grammar.facts import find_facts
from extractors.grammar.quantities import find_quantities


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=Path(__file__).resolve().parents[2] / "shared/corpus/gold")
    ap.add_argument("--chars", type=int, default=11_000, help="about five pages of a report")
    ap.add_argument("--rounds", type=int, default=50)
    ap.add_argument("--scaling", action="store_true", help="only the growth table")
    a = ap.parse_args()
    if a.scaling:
        scaling()
        return
    texts = [json.loads(p.read_text(encoding="utf-8"))["text"] for p in sorted(a.corpus.glob("*.json"))]
    text = ""
    for t in texts * 100:
        if len(text) >= a.chars:
            break
        text += t + "\n"
    catalog, registry = load_catalog(), Registry()
    doc = Document(text=text, format="txt", pages=None)
    classify(doc, find_quantities(text), catalog)  # build the cue index once, as a batch does
    totals = [0.0, 0.0, 0.0]
    n = 0
    for _ in range(a.rounds):
        t0 = time.perf_counter()
        facts = find_facts(doc, registry)
        t1 = time.perf_counter()
        quantities = find_quantities(text)
        t2 = time.perf_counter()
        n = len(classify(doc, quantities, catalog, year=facts.year))
        t3 = time.perf_counter()
        totals = [totals[0] + t1 - t0, totals[1] + t2 - t1, totals[2] + t3 - t2]
    ms = [1000 * t / a.rounds for t in totals]
    print(f"text {len(text)} chars, {n} statistics; per document: facts {ms[0]:.2f} ms, "
          f"quantities {ms[1]:.2f} ms, classify {ms[2]:.2f} ms, total {sum(ms):.2f} ms")



SIZES = (10_000, 100_000, 400_000)
SAMPLE_GOLD = Path(__file__).resolve().parents[1] / "samples/county/gold"


def _normal(n: int) -> str:
    """The bundled sample county's reports (tables included), end to end, cut at n characters."""
    texts = [json.loads(p.read_text(encoding="utf-8"))["text"] for p in sorted(SAMPLE_GOLD.glob("*.json"))]
    out, size = [], 0
    while size < n:
        for t in texts:
            out.append(t)
            size += len(t) + 1
    return "\n".join(out)[:n]


def _repeat(unit: str) -> Callable[[int], str]:
    return lambda n: (unit * (n // len(unit) + 1))[:n]


# Text shaped to find super-linear steps: each was quadratic before (quantities retried an unbounded number at
# every digit; line, heading, section and table lookups scanned back from every number).
CASES: dict[str, Callable[[int], str]] = {
    "normal: the sample county's reports": _normal,
    "digits, no measure word": _repeat("1"),
    "Chinese numerals, no measure word": _repeat("一"),
    "one line, a statistic each 10 chars": _repeat("开展普法宣传活动3次"),
    "a heading line per statistic": _repeat("（一）普法宣传3次\n"),
    "next-year sections, one per line": _repeat("（一）下一步宣传3次\n（二）宣传4次\n"),
    "table rows under a 2023年 column": lambda n: "2024年度报告\n项目\t2023年（次）\t2024年（次）\n"
                                        + _repeat("普法宣传\t3\t4\n")(n),
    "years on one line": _repeat("2023年"),
}


def scaling(sizes: tuple[int, ...] = SIZES) -> None:
    """Print the grammar's cost (facts + quantities + classification) in ms per 10,000 characters."""
    catalog, registry = load_catalog(), Registry()
    warm = Document(text="开展普法宣传活动3次", format="txt", pages=None)
    classify(warm, find_quantities(warm.text), catalog)
    print("grammar cost, CPU ms per 10,000 characters (linear: level along each row)")
    print(f"{'text':40}" + "".join(f"{n:>12,}" for n in sizes) + "   largest/smallest")
    for name, make in CASES.items():
        row = []
        for n in sizes:
            doc = Document(text=make(n), format="txt", pages=None)
            t0 = time.process_time()  # CPU time: the machine is shared, and the grammar is one thread
            facts = find_facts(doc, registry)
            classify(doc, find_quantities(doc.text), catalog, year=facts.year)
            row.append((time.process_time() - t0) * 1000 * 10_000 / len(doc.text))
        print(f"{name:40}" + "".join(f"{ms:12.1f}" for ms in row) + f"{row[-1] / row[0]:12.2f}")


if __name__ == "__main__":
    main()
