"""How far a statistic's confidence can be trusted: precision per confidence band on hand-labelled reports.

    .venv/bin/python -m benchmarks.calibration --gold ../shared/corpus/gold ../shared/corpus/gold-2026-11

Each gold text is extracted in process; predictions are matched to the labels per document on value and unit group
(as ../shared/tools/score_extraction.py does). A statistic is right when its indicator and qualifier are the
labelled ones; a prediction that matches no label is wrong (it should not be a statistic). Prints, per band of
confidence, how many statistics fall in it and the share that are right, then the share at >= 0.9 and its precision.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from collections.abc import Sequence
from pathlib import Path

from core.catalog import load_catalog
from core.registry import Registry
from extractors.extract import extract
from pipeline.discover import source_file

BANDS = ((0.9, 1.01), (0.8, 0.9), (0.7, 0.8), (0.6, 0.7), (0.0, 0.6))
_GROUPS = {"场": "次", "场次": "次", "期": "次", "人次": "人", "名": "人", "位": "人", "起": "件", "宗": "件",
           "册": "份", "本": "份", "张": "份"}


def _group(unit: str) -> str:
    return _GROUPS.get(unit, unit)


def judged(folders: Sequence[Path]) -> list[tuple[float, bool, str]]:
    """(confidence, right, rule) for every statistic extracted from the gold texts."""
    catalog = load_catalog()
    out: list[tuple[float, bool, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for gold_file in sorted(f for folder in folders for f in Path(folder).glob("*.json")):
            gold = json.loads(gold_file.read_text(encoding="utf-8"))
            path = Path(tmp) / f"{gold_file.stem}.txt"
            path.write_text(gold["text"], encoding="utf-8")
            result = extract(source_file(path), catalog, Registry())
            labels = list(gold["statistics"])
            for s in result.statistics:
                same = [g for g in labels
                        if abs(float(g["value"]) - s.value) < 1e-6 and _group(g["unit"]) == _group(s.unit)]
                best = next((g for g in same if g["indicator"] == s.indicator), same[0] if same else None)
                if best is not None:
                    labels.remove(best)
                right = best is not None and best["indicator"] == s.indicator and best["qualifier"] == s.qualifier
                out.append((s.confidence, right, s.evidence.rule))
    return out


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, nargs="+", required=True, help="folders of gold JSON files")
    ap.add_argument("--rules", action="store_true", help="also print precision per deciding rule")
    a = ap.parse_args(argv)
    rows = judged(a.gold)
    print(f"{'confidence':<12}{'statistics':>11}{'share':>8}{'right':>8}")
    for low, high in BANDS:
        band = [r for c, r, _ in rows if low <= c < high]
        if band:
            share, right = len(band) / len(rows), sum(band) / len(band)
            print(f"{low:.1f}-{min(high, 1.0):.1f}    {len(band):>11}{share:>8.1%}{right:>8.1%}")
    high = [r for c, r, _ in rows if c >= 0.9]
    precision = sum(high) / max(1, len(high))
    print(f"at >= 0.9: {len(high) / len(rows):.1%} of {len(rows)} statistics, precision {precision:.3f}")
    if a.rules:
        for rule in sorted({rule for _c, _r, rule in rows}):
            hits = [r for _c, r, ru in rows if ru == rule]
            print(f"  {rule:<28}{len(hits):>6}{sum(hits) / len(hits):>8.1%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
