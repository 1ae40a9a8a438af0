"""Terminal rendering of results for people (the JSON Lines output is for programs).

Every text from outside (file names, reasons quoting them, titles, quotes, names from the user's YAML)
is printed through core.safe_text.printable: an escape sequence cannot reach the terminal and a
newline in a file name cannot forge a line of the summary.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from core.catalog import Catalog
from core.records import Extraction
from core.safe_text import display_path
from core.safe_text import printable as p
from warehouse.display import marked
from warehouse.plan import OUTCOME_LABELS

if TYPE_CHECKING:
    from pipeline.stages import IngestReport



def print_extraction(result: Extraction, catalog: Catalog) -> None:
    f = result.facts
    print(f"== {p(display_path(result.source.path))}")
    if result.status != "ok":
        print(f"   未读取: {p(result.error or '')}")
        return
    print(f"   {p(f.county or '?')} {p(f.township or '?')} {f.year or '?'}年  {p(f.title or '')}"
          f"  ({result.format}, {result.pages or '-'} 页, {len(result.statistics)} 项数据)")
    for s in result.statistics:
        value = marked(s.value, s.qualifier)
        print(f"   {p(catalog.name(s.indicator)):<16} {value:>10} {s.unit:<4} p{s.page or '-'}  「{p(s.quote)}」")


def print_ingest_summary(r: IngestReport, say: Callable[[str], None] = print) -> None:
    """The run summary a clerk reads: counts first, then every file that needs attention and why."""
    s = r.summary
    say(f"导入完成（{s.load_id}）：新导入 {s.documents_loaded} 份报告，未变化跳过 {s.documents_unchanged} 份，"
          f"未能读取 {s.documents_rejected} 份，隔离 {s.documents_quarantined} 份")
    say(f"数据：导入 {s.statistics_loaded} 项，隔离 {s.statistics_quarantined} 项，警告 {s.warnings} 项")
    if s.documents_with_warnings:
        say(f"有 {s.documents_with_warnings} 份报告的部分文字未能读取，数据可能不全，请核对原件（见下）")
    if s.corrections_carried or s.corrections_to_recheck:
        say(f"人工核对：新版本报告沿用了 {s.corrections_carried} 项；{s.corrections_to_recheck} 项因报告内容改变，"
            f"需重新核对（township-rollup review export 导出复核表）")
    attention = [f"  [{OUTCOME_LABELS.get(f.outcome, f.outcome)}] {p(display_path(f.path))}：{p(f.reason or '')}"
                 for f in s.files if f.outcome not in ("loaded", "unchanged")]
    attention += [f"  [部分未读] {p(display_path(f.path))}：{p('；'.join(f.warnings))}" for f in s.files if f.warnings]
    # a large run loads in sub-batches: load ids run-1, run-2, ... share the run's id as prefix
    _print_capped(attention, "个文件", f"SELECT * FROM load_files WHERE load_id LIKE '{s.load_id}%'", say)
    _print_capped([f"  [警告] {p(w.reason)}" for w in r.warnings], "条警告",
                  f"SELECT * FROM warnings WHERE load_id LIKE '{s.load_id}%'", say)
    if r.data_docs:
        say(f"数据校验报告：{p(display_path(r.data_docs))}")


SHOWN_AT_MOST = 40  # a province's run can list thousands; the warehouse keeps them all


def _print_capped(lines: list[str], what: str, query: str, say: Callable[[str], None]) -> None:
    for line in lines[:SHOWN_AT_MOST]:
        say(line)
    if len(lines) > SHOWN_AT_MOST:
        say(f"  …… 另有 {len(lines) - SHOWN_AT_MOST} {what}未列出；完整列表见数据库：{query}")
