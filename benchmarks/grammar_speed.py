"""Print how long facts, quantities and classification take on a report-sized text.

    PYTHONPATH=. python -m benchmarks.grammar_speed [--corpus ../shared/corpus/gold]

Reading is not timed: this is the cost the grammar adds on top of a reader.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from core.catalog import load_catalog
from core.records import Document
from core.registry import Registry
from extractors.grammar.classify import classify
from extractors.grammar.facts import find_facts
from extractors.grammar.quantities import find_quantities


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--corpus", type=Path, default=Path(__file__).resolve().parents[2] / "shared/corpus/gold")
    ap.add_argument("--chars", type=int, default=11_000, help="about five pages of a report")
    ap.add_argument("--rounds", type=int, default=50)
    a = ap.parse_args()
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


if __name__ == "__main__":
    main()
