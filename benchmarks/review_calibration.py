"""Calibration of the clerk's review: how many cells are marked doubtful, and how many wrong ones they catch.

    .venv/bin/python -m benchmarks.review_calibration                      # every gold* folder of ../shared/corpus
    .venv/bin/python -m benchmarks.review_calibration --gold ../shared/corpus/gold-2026-11 --verbose
    .venv/bin/python -m benchmarks.review_calibration --province 天津市 湖南省 --folder gold-2026-11  # one part
    .venv/bin/python -m benchmarks.review_calibration --not-province 天津市 湖南省 --folder gold-2026-11  # the rest

Ingests the hand-labelled report texts with the product's own `ingest` (a fresh DuckDB file), then holds
every cell of the comparison table against the gold headline by the rule of `../shared/tools/score_table.py`
(imported from there, so the two cannot drift): a shown cell is wrong when its value or unit group differs
from the gold headline's, or when gold has no such cell; a gold cell is missing when the table shows none.
Then it counts

- doubtful share: shown cells marked doubtful (v_cells.review = 'doubtful') / shown cells (target <= 25%);
- found share: wrong shown cells marked doubtful, plus missing cells whose report is not in the table (the
  run lists it as quarantined or rejected) or that the review lists as "indicator not found in this report"
  (v_review_queue kind = not_found), over wrong + missing cells (target >= 90%);
- the not-found listings: how many, how many of them point at a missing gold cell, and on how many of those
  the numbers listed include the gold one (the clerk sees the right number, not only the right question).

A part of the corpus (to develop rules on one part and check them on the other): `--province` keeps the reports
of those provinces, `--not-province` leaves them out; with `--folder NAME` only the reports of gold folders so
named are split, the others all kept (province as the gold file's `province` field).

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
        listed_numbers: dict[tuple[str, str], set[float]] = {}
        for f, code, value in con.execute(
                "SELECT d.file_name, c.indicator, s.value FROM cell_doubts c "
                "JOIN documents d ON d.sha256 = c.document_sha "
                "JOIN statistics s ON s.document_sha = c.document_sha AND list_contains(c.candidates, s.ordinal) "
                "WHERE c.kind = 'not_found'").fetchall():
            listed_numbers.setdefault((Path(f).stem, code), set()).add(float(value))
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
    gold_value = {(stem, code): float(w["value"]) for stem, g in gold.items()
                  for code, w in st.gold_headline(g.get("statistics", []), catalog_unit).items()}
    right_number = sum(1 for k in listed if k in set(missing)
                       and any(abs(v - gold_value[k]) < 1e-6 for v in listed_numbers.get(k, ())))
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
        "not_found_listings_with_the_gold_number": right_number,
        "right_cells_doubtful": len(doubtful) - len(found_wrong),
        "lines": lines,
    }


def keep(path: Path, provinces: list[str] | None, not_provinces: list[str] | None, folder: str | None) -> bool:
    """Whether a gold file is in the part asked for (see the module docstring)."""
    if folder is not None and path.parent.name != folder:
        return True
    province = json.loads(path.read_text(encoding="utf-8")).get("province")
    if provinces is not None and province not in provinces:
        return False
    return not (not_provinces is not None and province in not_provinces)


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
    ap.add_argument("--province", nargs="+", default=None, help="only the reports of these provinces")
    ap.add_argument("--not-province", nargs="+", default=None, help="leave out the reports of these provinces")
    ap.add_argument("--folder", default=None,
                    help="split only the reports of gold folders with this name (e.g. gold-2026-11)")
    ap.add_argument("--keep", type=Path, default=None, help="ingest into this DuckDB file and keep it (a new file)")
    a = ap.parse_args()
    import yaml

    st = score_table_module(a.score_table)
    raw = yaml.safe_load(a.catalog.read_text(encoding="utf-8"))
    items = raw.get("indicators", raw) if isinstance(raw, dict) else raw
    catalog_unit = {i["code"]: i.get("unit") for i in items}
    gold = {p.stem: json.loads(p.read_text(encoding="utf-8"))
            for folder in a.gold for p in sorted(Path(folder).glob("*.json"))
            if keep(p, a.province, a.not_province, a.folder)}
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
        if a.province or a.not_province:
            print(f"part: {'only ' + ' '.join(a.province) if a.province else ''}"
                  f"{' without ' + ' '.join(a.not_province) if a.not_province else ''}"
                  f"{' (in ' + a.folder + ')' if a.folder else ''}")
        for key, value in result.items():
            print(f"{key:<38} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
