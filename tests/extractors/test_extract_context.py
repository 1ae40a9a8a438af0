"""Every statistic keeps the words before it in its sentence (Statistic.context), for the clerk's review."""

from __future__ import annotations

import hashlib
from pathlib import Path

from core.catalog import load_catalog
from core.records import SourceFile
from core.registry import Registry
from extractors.extract import SENTENCE_CONTEXT, extract, sentence_before


def test_the_words_before_a_number_stop_at_its_sentence() -> None:
    text = "一、依法行政\n群众满意度高。依托民情热线和信访平台，及时跟进办结36件；另有"
    assert sentence_before(text, text.index("及时")) == "依托民情热线和信访平台，"
    assert sentence_before(text, text.index("依托")) == ""  # a sentence's start
    assert sentence_before(text, text.index("另有")) == ""
    assert sentence_before(text, text.index("群众")) == ""  # a line's start
    long = "甲" * 200 + "办结36件"
    assert sentence_before(long, long.index("办结")) == "甲" * SENTENCE_CONTEXT


def test_extract_keeps_each_statistics_sentence(tmp_path: Path) -> None:
    path = tmp_path / "南门街道2024.txt"
    path.write_text("南门街道2024年法治政府建设工作报告\n\n一、依法行政\n依托民情热线和信访平台，及时跟进办结36件，"
                    "群众满意度逐年提高。全年共组织开展法治宣传活动42次。\n", encoding="utf-8")
    data = path.read_bytes()
    source = SourceFile(path=path, sha256=hashlib.sha256(data).hexdigest(), size=len(data), kind="txt")
    result = extract(source, load_catalog(), Registry())
    assert result.status == "ok"
    context = {s.value: s.context for s in result.statistics}
    assert context[36] == "依托民情热线和信访平台，"
    assert context[42] == ""
