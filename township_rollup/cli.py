"""`township-rollup`: the command line a county office uses.

Heavy libraries (Prefect, Great Expectations) are imported inside the commands
that need them, so `extract` starts in well under a second.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from township_rollup.catalog import load_catalog
from township_rollup.registry import load_registry


def _add_catalog_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--county", type=Path, help="county registry (county.yaml): townships and their aliases")
    p.add_argument("--indicators", type=Path, help="extra indicator catalog (YAML) merged over the bundled one")


def cmd_extract(args: argparse.Namespace) -> int:
    from extractors.extract import extract
    from extractors.read import ReadOptions
    from township_rollup.discover import source_file, walk
    from township_rollup.records import Extraction, SourceFile

    catalog = load_catalog(extra=args.indicators)
    registry = load_registry(args.county)
    options = ReadOptions(max_bytes=int(args.max_mb * 1024 * 1024), ocr=not args.no_ocr)
    any_rejected = False
    for path in walk(args.paths) if args.recursive else args.paths:
        try:
            source = source_file(path)
        except OSError as exc:
            source = SourceFile(path=path, sha256="", size=0, kind=path.suffix.lstrip(".").lower())
            result = Extraction.rejected(source, "unreadable", f"无法读取文件：{exc.strerror or exc}")
        else:
            result = extract(source, catalog, registry, options)
        any_rejected |= result.status != "ok"
        if args.format == "jsonl":
            print(json.dumps(result.to_json(), ensure_ascii=False), flush=True)
        else:
            _print_extraction(result, catalog)
    return 1 if any_rejected else 0


def _print_extraction(result: object, catalog: object) -> None:
    from township_rollup.report import print_extraction

    print_extraction(result, catalog)  # type: ignore[arg-type]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="township-rollup", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("extract", help="extract statistics from report files (no database)")
    p.add_argument("paths", nargs="+", type=Path)
    p.add_argument("--format", choices=["jsonl", "table"], default="table")
    p.add_argument("--recursive", "-r", action="store_true", help="walk folders given as PATH")
    p.add_argument("--max-mb", type=float, default=50.0, help="reject files larger than this (MB)")
    p.add_argument("--no-ocr", action="store_true", help="reject scanned PDFs instead of running OCR")
    _add_catalog_args(p)
    p.set_defaults(func=cmd_extract)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
