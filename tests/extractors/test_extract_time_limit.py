"""A document the grammar cannot finish within its time limit is rejected with the reason, not waited for."""

from __future__ import annotations

import hashlib
from pathlib import Path

from core.catalog import load_catalog
from core.records import SourceFile
from core.registry import Registry
from extractors.extract import GRAMMAR_SECONDS, extract


def _source(path: Path) -> SourceFile:
    data = path.read_bytes()
    return SourceFile(path=path, sha256=hashlib.sha256(data).hexdigest(), size=len(data), kind=path.suffix[1:])


def _one_line_report(path: Path) -> Path:
    """A report run into one line with a long digit run in it: the shape that once took minutes."""
    path.write_text("2024年东关镇法治政府建设年度报告。" + "开展普法宣传活动3次，" * 1000 + "1" * 20_000 + "。",
                    encoding="utf-8")
    return path


def test_a_document_past_the_time_limit_is_rejected_with_the_limit_and_its_size(tmp_path: Path) -> None:
    result = extract(_source(_one_line_report(tmp_path / "东关镇.txt")), load_catalog(), Registry(),
                     grammar_seconds=0)
    assert result.status == "rejected" and result.error_kind == "time_limit"
    assert "超过 0 秒的时限" in (result.error or "") and f"{19 + 11_000 + 20_001:,} 字" in (result.error or "")
    assert "其他文件照常导入" in (result.error or "")


def test_the_same_document_within_the_default_limit_is_read_in_full(tmp_path: Path) -> None:
    result = extract(_source(_one_line_report(tmp_path / "东关镇.txt")), load_catalog(), Registry())
    assert GRAMMAR_SECONDS >= 30
    assert result.status == "ok" and len(result.statistics) == 1000
    assert (result.facts.township, result.facts.year) == ("东关镇", 2024)
