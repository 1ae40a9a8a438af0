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
from typing import TYPE_CHECKING

from core.catalog import Catalog, load_catalog
from core.registry import load_registry

if TYPE_CHECKING:
    from core.records import Extraction, SourceFile
    from extractors.readers.base import ReadOptions
    from warehouse.compare import Selection


def _add_catalog_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--county", type=Path, help="county registry (county.yaml): townships and their aliases")
    p.add_argument("--indicators", type=Path, help="extra indicator catalog (YAML) merged over the bundled one")


def cmd_extract(args: argparse.Namespace) -> int:
    from core.records import Extraction, SourceFile
    from extractors.extract import extract
    from extractors.readers.base import ReadOptions
    from pipeline.discover import source_file, walk

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
            if args.format == "text":
                any_rejected |= not _print_text(source, options)
                continue
            result = extract(source, catalog, registry, options)
        any_rejected |= result.status != "ok"
        if args.format == "jsonl":
            print(json.dumps(result.to_json(), ensure_ascii=False), flush=True)
        else:
            _print_extraction(result, catalog)
    return 1 if any_rejected else 0


def _print_text(source: SourceFile, options: ReadOptions) -> bool:
    """The extracted text that statistics' start/end offsets point into."""
    from extractors.readers.base import Unreadable
    from extractors.readers.read import read_document

    try:
        doc = read_document(source, options)
    except Unreadable as exc:
        print(f"{source.path}: {exc.reason}", file=sys.stderr)
        return False
    sys.stdout.write(doc.text)
    return True


def _print_extraction(result: Extraction, catalog: Catalog) -> None:
    from township_rollup.summary import print_extraction

    print_extraction(result, catalog)


EXIT_OK, EXIT_SOME_REJECTED, EXIT_FAILED = 0, 1, 2


def cmd_ingest(args: argparse.Namespace) -> int:
    from township_rollup import quiet

    quiet.apply()
    missing = [str(p) for p in args.paths if not p.exists()]
    if missing:
        print(f"错误：找不到 {', '.join(missing)}", file=sys.stderr)
        return EXIT_FAILED
    from flows.ingest import ingest_reports
    from warehouse.db import DatabaseBusy, connect

    try:
        if args.db.exists():  # upgrade the schema, or refuse a newer file, before any work starts
            connect(args.db, wait_seconds=args.wait).close()
        report = ingest_reports(
            source=[str(p) for p in args.paths], db=str(args.db),
            county=str(args.county) if args.county else None,
            indicators=str(args.indicators) if args.indicators else None,
            chunk_size=args.chunk_size, workers=args.workers, dask_address=args.dask_address,
            max_mb=args.max_mb, ocr=not args.no_ocr, wait_seconds=args.wait,
        )
    except DatabaseBusy as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return EXIT_FAILED
    from township_rollup.summary import print_ingest_summary

    print_ingest_summary(report)
    s = report.summary
    return EXIT_SOME_REJECTED if s.documents_rejected or s.documents_quarantined else EXIT_OK


def cmd_compare(args: argparse.Namespace) -> int:
    from warehouse.compare import comparison, latest_year
    from warehouse.db import DatabaseBusy
    from warehouse.export import render_terminal, write_csv, write_html, write_xlsx

    if not args.db.exists():
        print(f"错误：找不到数据库 {args.db}；请先运行 township-rollup ingest", file=sys.stderr)
        return EXIT_FAILED
    extra, select = _compare_selection(args)
    try:
        year = args.year or latest_year(args.db)
        if year is None:
            print(f"数据库 {args.db} 中还没有任何报告", file=sys.stderr)
            return EXIT_FAILED
        table = comparison(args.db, year, load_catalog(extra=extra),
                           load_registry(args.county) if args.county else None, select=select)
    except DatabaseBusy as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return EXIT_FAILED
    if args.format == "table":
        sys.stdout.write(render_terminal(table, args.width))
        return EXIT_OK
    out = args.out or Path(f"county-comparison-{year}.{args.format}")
    writers = {"csv": write_csv, "xlsx": write_xlsx, "html": write_html}
    try:
        writers[args.format](table, out)
    except OSError as exc:
        print(f"错误：无法写入 {out}：{exc.strerror or exc}", file=sys.stderr)
        return EXIT_FAILED
    print(f"已写入 {out}")
    return EXIT_OK


def _compare_selection(args: argparse.Namespace) -> tuple[Path | None, Selection]:
    """(extra catalog, which indicators to show). `--indicators FILE.yaml` still names an extra catalog."""
    from warehouse.compare import Selection

    extra = args.indicators
    chosen = args.selection or ""
    if chosen.lower().endswith((".yaml", ".yml")) and Path(chosen).is_file():
        extra, chosen = Path(chosen), ""
    names = tuple(x for x in chosen.replace("，", ",").replace("、", ",").split(",") if x.strip())
    return extra, Selection(names, args.section)


def cmd_rollup(args: argparse.Namespace) -> int:
    from township_rollup import quiet

    quiet.apply()
    from flows.rollup import yearly_rollup

    result = yearly_rollup(year=args.year, db=str(args.db), out=str(args.out),
                           county=str(args.county) if args.county else None,
                           indicators=str(args.indicators) if args.indicators else None)
    for kind, path in result.exports.items():
        print(f"{kind.upper():5s} {path}")
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    from township_rollup.demo import run_demo

    return run_demo(args.out, db=args.db)


def cmd_serve(args: argparse.Namespace) -> int:
    from township_rollup import quiet

    quiet.apply()  # the ingestion it starts inherits these
    from township_rollup.web.serve import serve
    from township_rollup.web.settings import WebSettings

    return serve(WebSettings(db=args.db.resolve(), county=args.county,
                             reports=args.reports.resolve() if args.reports else None,
                             indicators=args.indicators, host=args.host, port=args.port, max_upload_mb=args.max_mb))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="township-rollup", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("extract", help="extract statistics from report files (no database)")
    p.add_argument("paths", nargs="+", type=Path)
    p.add_argument("--format", choices=["jsonl", "table", "text"], default="table",
                   help="jsonl: the extractor contract; table: for people; text: the text offsets point into")
    p.add_argument("--recursive", "-r", action="store_true", help="walk folders given as PATH")
    p.add_argument("--max-mb", type=float, default=50.0, help="reject files larger than this (MB)")
    p.add_argument("--no-ocr", action="store_true", help="reject scanned PDFs instead of running OCR")
    _add_catalog_args(p)
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("ingest", help="ingest a folder of reports into the county database (Prefect flow)")
    p.add_argument("paths", nargs="+", type=Path, metavar="FOLDER")
    p.add_argument("--db", type=Path, default=Path("county.duckdb"))
    p.add_argument("--workers", type=int, default=None, help="extraction processes (default: one per core)")
    p.add_argument("--chunk-size", type=int, default=None,
                   help="documents per extraction task (default: about four tasks per worker)")
    p.add_argument("--dask-address", default=None, help="run extraction on a Dask cluster, e.g. tcp://127.0.0.1:8786")
    p.add_argument("--max-mb", type=float, default=50.0, help="reject files larger than this (MB)")
    p.add_argument("--no-ocr", action="store_true", help="reject scanned PDFs instead of running OCR")
    p.add_argument("--wait", type=float, default=60.0, help="seconds to wait for a database held by another program")
    _add_catalog_args(p)
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("compare", help="the county comparison table for a year")
    p.add_argument("--db", type=Path, default=Path("county.duckdb"))
    p.add_argument("--year", type=int, default=None, help="reporting year (default: the latest in the database)")
    p.add_argument("--format", choices=["table", "csv", "xlsx", "html"], default="table")
    p.add_argument("--out", type=Path, default=None)
    p.add_argument("--indicators", dest="selection", default=None, metavar="指标",
                   help="only these indicators: codes or Chinese names, comma-separated (e.g. 信访件,调解成功率)")
    p.add_argument("--section", default=None, metavar="类别",
                   help="only one section of the catalog, e.g. 普法宣传 or publicity")
    p.add_argument("--width", type=int, default=None,
                   help="terminal table width in columns (default: COLUMNS or the terminal's width)")
    p.add_argument("--county", type=Path, help="county registry (county.yaml): townships and their aliases")
    p.add_argument("--catalog", dest="indicators", type=Path, default=None,
                   help="extra indicator catalog (YAML) merged over the bundled one")
    p.set_defaults(func=cmd_compare)

    p = sub.add_parser("rollup", help="run the yearly rollup flow: CSV, XLSX and HTML for a year")
    p.add_argument("--db", type=Path, default=Path("county.duckdb"))
    p.add_argument("--year", type=int, default=None, help="default: last year")
    p.add_argument("--out", type=Path, default=Path("exports"))
    _add_catalog_args(p)
    p.set_defaults(func=cmd_rollup)

    p = sub.add_parser("serve", help="the workbench: a local web page from reports in to a checked table out")
    p.add_argument("--db", type=Path, default=Path("county.duckdb"))
    p.add_argument("--reports", type=Path, default=None, help="the reports folder the page may ingest in one click")
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default: this computer only; any other requires the printed token)")
    p.add_argument("--port", type=int, default=8750)
    p.add_argument("--max-mb", type=float, default=50.0, help="largest report file accepted (MB)")
    _add_catalog_args(p)
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("demo", help="ingest the bundled sample county and show its comparison table")
    p.add_argument("--out", type=Path, default=Path("."), help="where county.duckdb and exports/ go")
    p.add_argument("--db", type=Path, default=None)
    p.set_defaults(func=cmd_demo)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from core.errors import ConfigError
    from warehouse.migrate import SchemaTooNew

    args = build_parser().parse_args(argv)
    try:
        if getattr(args, "county", None) or getattr(args, "indicators", None):
            load_catalog(extra=args.indicators)  # a broken file is reported before any work starts
            load_registry(args.county)
        return int(args.func(args) or 0)
    except (ConfigError, SchemaTooNew) as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())
