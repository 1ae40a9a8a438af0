"""Warehouse figures: load throughput, reload of an unchanged batch, comparison and exports.

    python -m benchmarks.warehouse_load [--documents 2000] [--per-document 60]

Prints seconds; asserts nothing (tests do that).
"""

from __future__ import annotations

import argparse
import hashlib
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from core.catalog import load_catalog
from core.records import DocumentFacts, Extraction, SourceFile, Statistic, ValidatedBatch
from core.registry import Registry, Township
from warehouse.compare import comparison
from warehouse.export import render_terminal, write_csv, write_html, write_xlsx
from warehouse.load import RunInfo, known_hashes, load_batch


def synthetic_batch(documents: int, per_document: int, codes: list[str], townships: int) -> ValidatedBatch:
    out = []
    for d in range(documents):
        township, year = f"第{d % townships}镇", 2000 + d // townships
        stats = tuple(
            Statistic(codes[k % len(codes)], float(d + k), "次", "exact", f"共开展活动{d + k}次", k * 30, k * 30 + 9,
                      page=1 + k // 20, heading_path=("一、普法",))
            for k in range(per_document)
        )
        sha = hashlib.sha256(f"bench-{d}".encode()).hexdigest()
        source = SourceFile(Path(f"/bench/{township}{year}.docx"), sha, 40_000, "docx", 1.7e9)
        out.append(Extraction(source, "ok", facts=DocumentFacts(township=township, year=year), format="docx",
                              pages=4, statistics=stats))
    return ValidatedBatch(tuple(out))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=2000)
    parser.add_argument("--per-document", type=int, default=60)
    parser.add_argument("--townships", type=int, default=25)
    args = parser.parse_args()
    catalog = load_catalog()
    registry = Registry(county="基准县", townships=tuple(Township(f"第{i}镇") for i in range(args.townships)))
    batch = synthetic_batch(args.documents, args.per_document, list(catalog.codes), args.townships)
    rows = args.documents * args.per_document
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.duckdb"

        def timed(label: str, fn):  # type: ignore[no-untyped-def]
            start = time.perf_counter()
            result = fn()
            print(f"{label:<42} {time.perf_counter() - start:8.3f} s")
            return result

        run1 = RunInfo("bench-1", datetime.now(UTC), "/bench")
        timed(f"load {args.documents} documents / {rows} statistics",
              lambda: load_batch(db, batch, registry, catalog, run1))
        timed("known_hashes", lambda: known_hashes(db))
        run2 = RunInfo("bench-2", datetime.now(UTC), "/bench")
        timed("reload the same batch (all unchanged)", lambda: load_batch(db, batch, registry, catalog, run2))
        year = 2000 + (args.documents - 1) // args.townships
        c = timed(f"comparison {year}", lambda: comparison(db, year, catalog, registry))
        timed("render_terminal", lambda: render_terminal(c))
        timed("write_csv", lambda: write_csv(c, Path(tmp) / "c.csv"))
        timed("write_xlsx", lambda: write_xlsx(c, Path(tmp) / "c.xlsx"))
        timed("write_html", lambda: write_html(c, Path(tmp) / "c.html"))
        print(f"{'database size':<42} {db.stat().st_size / 1e6:8.1f} MB")


if __name__ == "__main__":
    main()
