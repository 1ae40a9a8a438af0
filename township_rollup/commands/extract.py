"""`township-rollup extract FILE...`: read report files and print their statistics; no database."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from core.catalog import load_catalog
from core.registry import load_registry
from township_rollup.options import add_catalog, add_read
from township_rollup.status import EXIT_OK, EXIT_PROBLEMS
from township_rollup.terminal import terminal

if TYPE_CHECKING:
    from core.records import SourceFile
    from extractors.readers.base import ReadOptions

NAME = "extract"
HELP = "读取报告文件，列出其中的每一项数据（不写数据库）"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="+", type=Path, metavar="FILE", help="报告文件（.docx .pdf .doc .wps .txt .html）")
    p.add_argument("--format", choices=["jsonl", "table", "text"], default="table",
                   help="table：给人看的表（默认）；jsonl：每份一行 JSON，给程序用；"
                        "text：读出的原文（数据的位置指向它）")
    p.add_argument("--recursive", "-r", action="store_true", help="FILE 是文件夹时读取其中所有文件")
    add_read(p)
    add_catalog(p)


def run(args: argparse.Namespace) -> int:
    from core.records import Extraction, SourceFile
    from extractors.extract import extract
    from extractors.readers.base import ReadOptions
    from pipeline.discover import source_file, walk
    from township_rollup.summary import print_extraction

    catalog = load_catalog(extra=args.indicators)
    registry = load_registry(args.county)
    options = ReadOptions(max_bytes=int(args.max_mb * 1024 * 1024), ocr=not args.no_ocr)
    any_rejected = False
    skipped: list = []  # type: ignore[type-arg]
    for path in walk(args.paths, skipped) if args.recursive else args.paths:
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
            print_extraction(result, catalog)
    from core.safe_text import display_path, printable

    for s in skipped:  # links out of the folder, pipes, folders that cannot be opened: said, never silent
        terminal.warn(printable(f"已跳过 {display_path(s.path)}：{s.reason}"))
    return EXIT_PROBLEMS if any_rejected or any(s.problem for s in skipped) else EXIT_OK


def _print_text(source: SourceFile, options: ReadOptions) -> bool:
    """The extracted text that statistics' start/end offsets point into."""
    from core.safe_text import display_path, printable
    from extractors.readers.base import Unreadable
    from extractors.readers.read import read_document

    try:
        doc = read_document(source, options)
    except Unreadable as exc:
        terminal.warn(printable(f"{display_path(source.path)}: {exc.reason}"))
        return False
    sys.stdout.write(printable(doc.text, keep_lines=True))  # same length: offsets still point into it
    return True
