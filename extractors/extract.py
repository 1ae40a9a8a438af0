"""One file in, one Extraction out: read, find the facts, find and classify the numbers."""

from __future__ import annotations

import errno
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from core.catalog import Catalog
from core.records import Document, Extraction, SourceFile
from core.registry import Registry
from core.safe_text import storable
from extractors.grammar.classify import classify
from extractors.grammar.facts import find_facts
from extractors.grammar.quantities import find_quantities
from extractors.grammar.simplified import simplified_view
from extractors.grammar.time_limit import TimeLimitExceeded, time_limit
from extractors.readers.base import ReadOptions, Unreadable
from extractors.readers.read import read_document
from extractors.snapshot import ScratchUnavailable, snapshot

VANISHED = "文件在读取前已被删除或移动；如仍需导入，请放回后重新运行"
# The grammar takes a few ms for a five-page report and is linear in the text (benchmarks/grammar_speed.py);
# a minute is the time of a text thousands of times a report's size, which holds the batch for nothing.
GRAMMAR_SECONDS = 60.0
# What a statistic keeps of the sentence before its quote (Statistic.context): a clause or two of a report's
# sentence; a longer run is a list or a paragraph without stops, whose far words name other things.
SENTENCE_CONTEXT = 60
SENTENCE_ENDS = ("。", "；", ";", "！", "!", "？", "?", "\n")


def extract(source: SourceFile, catalog: Catalog, registry: Registry,
            options: ReadOptions = ReadOptions(), *, grammar_seconds: float = GRAMMAR_SECONDS) -> Extraction:
    """Read `source` and find its facts and statistics; never raises (a failure is a rejected Extraction).

    `grammar_seconds`: the grammar's time limit for this document (reading is bounded by `options`).
    """
    start = time.perf_counter()
    result = _extract(source, catalog, registry, options, grammar_seconds)
    return replace(result, seconds=time.perf_counter() - start)


def _extract(source: SourceFile, catalog: Catalog, registry: Registry, options: ReadOptions,
             grammar_seconds: float) -> Extraction:
    if not source.path.exists():  # the folder changed while it was read; readers would say it differently
        return Extraction.rejected(source, "vanished", VANISHED)
    source, doc = _read(source, options)
    if isinstance(doc, Extraction):
        return doc
    try:
        with time_limit(grammar_seconds):
            view = doc if (simple := simplified_view(doc.text)) is doc.text else replace(doc, text=simple)
            facts = find_facts(view, registry, Path(source.shown))  # a name that is not UTF-8, as shown
            stats = classify(view, find_quantities(view.text), catalog, year=facts.year)
        if view is not doc:  # quotes as the report writes them (traditional characters), offsets unchanged
            stats = [replace(s, quote=doc.text[s.start : s.end]) for s in stats]
        stats = [replace(s, context=sentence_before(doc.text, s.start)) for s in stats]
        if doc.ocr_pages:  # a scanned page in a text PDF: only its statistics are OCR's
            stats = [replace(s, ocr=doc.ocr_at(s.page)) for s in stats]
    except TimeLimitExceeded as exc:
        return Extraction.rejected(source, "time_limit", too_slow(exc.seconds, len(doc.text)), fmt=doc.format)
    except Exception as exc:  # one odd document must not stop the batch
        reason = storable(f"提取统计数据时出现内部错误：{type(exc).__name__}: {exc}")
        return Extraction.rejected(source, "internal", reason, fmt=doc.format)
    headings = tuple(replace(h, page=doc.page_at(h.start)) for h in doc.headings)
    return Extraction(source=source, status="ok", facts=facts, format=doc.format, pages=doc.pages, ocr=doc.ocr,
                      statistics=tuple(stats), text_chars=len(doc.text), warnings=doc.warnings, headings=headings)


def sentence_before(text: str, start: int, limit: int = SENTENCE_CONTEXT) -> str:
    """The words of `text` before offset `start` in the same sentence (after the last 。；！？ or line break), at most
    `limit` characters: 依托民情热线和信访平台，for 及时跟进办结36件. Empty at a sentence's start."""
    head = text[max(0, start - limit) : start]
    cut = max(head.rfind(mark) for mark in SENTENCE_ENDS)
    return head[cut + 1 :]


def _read(source: SourceFile, options: ReadOptions) -> tuple[SourceFile, Document | Extraction]:
    """The document, read from a copy made as the file is hashed (extractors/snapshot.py); the source comes
    back with the hash and size of the bytes read, which differ from discovery's when the file was replaced."""
    try:
        with snapshot(source.path, options.max_bytes) as snap:
            if (snap.sha256 or source.sha256, snap.size) != (source.sha256, source.size):
                source = replace(source, sha256=snap.sha256 or source.sha256, size=snap.size)
            return source, read_document(replace(source, path=snap.path), options)
    except Unreadable as exc:
        if (full := disk_full(exc)) is not None:  # a reader's temporary files (an OCR page image, a conversion)
            return source, Extraction.rejected(source, "scratch_unavailable",
                                               scratch_reason(ScratchUnavailable(tempfile.gettempdir(), full)))
        return source, Extraction.rejected(source, exc.kind, exc.reason)
    except ScratchUnavailable as exc:
        return source, Extraction.rejected(source, "scratch_unavailable", scratch_reason(exc))
    except FileNotFoundError:
        return source, Extraction.rejected(source, "vanished", VANISHED)
    except OSError as exc:
        if (full := disk_full(exc)) is not None:
            return source, Extraction.rejected(source, "scratch_unavailable",
                                               scratch_reason(ScratchUnavailable(tempfile.gettempdir(), full)))
        return source, Extraction.rejected(source, "unreadable", storable(f"无法读取文件：{exc.strerror or exc}"))
    except Exception as exc:  # a reader bug must not stop the batch
        reason = storable(f"读取文件时出现内部错误：{type(exc).__name__}: {exc}")
        return source, Extraction.rejected(source, "internal", reason)


_DISK_FULL = (errno.ENOSPC, errno.EDQUOT)


def disk_full(exc: BaseException) -> OSError | None:
    """The "no space left" error behind `exc` (itself, or what it was raised from), if any: this machine's
    temporary folder filled up, which a reader would otherwise report as the file's fault (OCR failed:
    ask the township for a Word version)."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, OSError) and seen.errno in _DISK_FULL:
            return seen
        seen = seen.__cause__ or seen.__context__
    return None


def scratch_reason(exc: ScratchUnavailable) -> str:
    """The temporary folder, not the report, is the problem: say which folder and what to do."""
    full = exc.error.errno in _DISK_FULL
    what = "空间已满" if full else f"无法写入（{exc.error.strerror or exc.error}）"
    return storable(f"本机临时文件夹 {exc.folder} {what}，无法读取本文件（文件本身没有问题）；"
                    "请清理磁盘空间或用环境变量 TMPDIR 指定其他文件夹后重新运行")


def too_slow(seconds: float, chars: int) -> str:
    """The reason for a document the grammar could not finish within its time limit."""
    return (f"提取统计数据超过 {seconds:g} 秒的时限（全文 {chars:,} 字），未导入，其他文件照常导入；"
            "请确认这是正常的年度报告，必要时让乡镇删去无关内容或拆分后重新发送")
