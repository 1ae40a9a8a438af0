"""Calibration of the clerk's review: how many cells are marked doubtful, and how many wrong ones they catch.

    .venv/bin/python -m benchmarks.review_calibration                      # every gold* folder of ../shared/corpus
    .venv/bin/python -m benchmarks.review_calibration --gold ../shared/corpus/gold-2026-11 --verbose

Ingests the hand-labelled report texts with the product's own `ingest` (a fresh DuckDB file), then holds
every cell of the comparison table against the gold headline by the rule of `../shared/tools/score_table.py`
(imported from there, so the two cannot drift): a shown cell is wrong when its value or unit group differs
from the gold headline's, or when gold has no such cell; a gold cell is missing when the table shows none.
Then it counts

- doubtful share: shown cells marked doubtful (v_cells.review = 'doubtful') / shown cells (target <= 25%);
- found share: wrong shown cells marked doubtful, plus missing cells whose report is not in the table (the
  run lists it as quarantined or rejected) or that the review lists as "indicator not found in this report"
  (v_review_queue kind = not_found), over wrong + missing cells (target >= 90%);
- the not-found listings: how many, and how many of them point at a missing gold cell.

Prints figures; asserts nothing (issue 13's targets are for the README and the closing note).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parent.parent
# ../shared beside the checkout (a git worktree sits one level deeper, e.g. /work/wt/NAME)
SHARED = next((p / "shared" for p in REPO.parents if (p / "shared" / "corpus").is_dir()), REPO.parent / "shared")


def score_table_module(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("score_table", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot import {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def ingest(gold: dict[str, dict], work: Path, cli: Path, db: Path | None = None) -> Path:
    inp = work / "in"
    inp.mkdir()
    for stem, g in gold.items():
        (inp / f"{stem}.txt").write_text(g["text"], encoding="utf-8")
    db = db or work / "calibration.duckdb"
    env = dict(os.environ, PREFECT_HOME=str(work / "prefect"), DO_NOT_TRACK="1",
               PREFECT_SERVER_ANALYTICS_ENABLED="false", PREFECT_LOGGING_LEVEL="ERROR")
    done = subprocess.run([str(cli), "ingest", str(inp), "--db", str(db)], capture_output=True, text=True, env=env,
                          timeout=1800)
    if not db.exists():
        raise SystemExit(f"ingest failed (exit {done.returncode}):\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
    return db


def measure(gold: dict[str, dict], db: Path, st: ModuleType, catalog_unit: dict[str, str | None]) -> dict:
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        shown = {(Path(f).stem, code): (value, unit, review, doubts) for f, code, value, unit, review, doubts in
                 con.execute("SELECT file_name, indicator, value, unit, review, doubts FROM v_headline").fetchall()}
        listed = {(Path(f).stem, code): reasons for f, code, reasons in con.execute(
            "SELECT file_name, indicator, doubts FROM v_review_queue WHERE kind = 'not_found'").fetchall()}
        in_table = {Path(r[0]).stem for r in con.execute(
            "SELECT file_name FROM documents WHERE is_current AND status = 'loaded'").fetchall()}
    finally:
        con.close()
    wrong_shown, missing, lines = [], [], []
    for stem, g in gold.items():
        want = st.gold_headline(g.get("statistics", []), catalog_unit)
        for code, w in want.items():
            got = shown.get((stem, code))
            if got is None:
                missing.append((stem, code))
                found = stem not in in_table or (stem, code) in listed
                lines.append(f"{'found' if found else 'MISSED'} MISSING [{stem}] {code} = {w['value']}{w['unit']} "
                             f"({w['quote']})" + (" — report not in table" if stem not in in_table else ""))
            elif abs(float(got[0]) - float(w["value"])) >= 1e-6 or st.group(got[1]) != st.group(w["unit"]):
                wrong_shown.append((stem, code))
                lines.append(f"{'found' if got[2] == 'doubtful' else 'MISSED'} WRONG [{stem}] {code}: "
                             f"{got[0]}{got[1]} want {w['value']}{w['unit']} {got[3]}")
        for (s, code), got in shown.items():
            if s == stem and code not in want:
                wrong_shown.append((stem, code))
                lines.append(f"{'found' if got[2] == 'doubtful' else 'MISSED'} EXTRA [{stem}] {code}: "
                             f"{got[0]}{got[1]} {got[3]}")
    doubtful = [k for k, v in shown.items() if v[2] == "doubtful"]
    found_wrong = [k for k in wrong_shown if shown[k][2] == "doubtful"]
    found_missing = [k for k in missing if k[0] not in in_table or k in listed]
    bad = len(wrong_shown) + len(missing)
    useful = sum(1 for k in listed if k in set(missing))
    return {
        "reports": len(gold),
        "cells_shown": len(shown),
        "cells_doubtful": len(doubtful),
        "doubtful_share": round(len(doubtful) / len(shown), 3) if shown else 0.0,
        "cells_wrong_shown": len(wrong_shown),
        "cells_missing": len(missing),
        "wrong_found_doubtful": len(found_wrong),
        "missing_found_listed": len(found_missing),
        "missing_in_reports_not_in_table": sum(1 for k in missing if k[0] not in in_table),
        "found_share": round((len(found_wrong) + len(found_missing)) / bad, 3) if bad else 1.0,
        "not_found_listings": len(listed),
        "not_found_listings_on_missing_cells": useful,
        "right_cells_doubtful": len(doubtful) - len(found_wrong),
        "lines": lines,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", nargs="+", type=Path,
                    default=sorted((SHARED / "corpus").glob("gold*")), help="folders of gold JSON files")
    ap.add_argument("--score-table", type=Path, default=SHARED / "tools" / "score_table.py")
    ap.add_argument("--catalog", type=Path, default=SHARED / "indicators.yaml",
                    help="the reference catalog the gold files are labelled against")
    ap.add_argument("--cli", type=Path, default=REPO / ".venv" / "bin" / "township-rollup")
    ap.add_argument("--verbose", action="store_true", help="list every wrong and missing cell, found or missed")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--keep", type=Path, default=None, help="ingest into this DuckDB file and keep it (a new file)")
    a = ap.parse_args()
    import yaml

    st = score_table_module(a.score_table)
    raw = yaml.safe_load(a.catalog.read_text(encoding="utf-8"))
    items = raw.get("indicators", raw) if isinstance(raw, dict) else raw
    catalog_unit = {i["code"]: i.get("unit") for i in items}
    gold = {p.stem: json.loads(p.read_text(encoding="utf-8"))
            for folder in a.gold for p in sorted(Path(folder).glob("*.json"))}
    with tempfile.TemporaryDirectory(prefix="review-calibration-") as tmp:
        if a.keep is not None and a.keep.exists():
            raise SystemExit(f"{a.keep} exists; --keep writes a new file")
        result = measure(gold, ingest(gold, Path(tmp), a.cli, a.keep), st, catalog_unit)
    lines = result.pop("lines")
    if a.verbose:
        print("\n".join(sorted(lines)))
    if a.json:
        print(json.dumps(result))
    else:
        print(f"gold folders: {', '.join(str(g) for g in a.gold)}")
        for key, value in result.items():
            print(f"{key:<38} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
