"""The spacing and heading rules every reader shares."""

from __future__ import annotations

from extractors.readers.cjk import GAP, join_wrapped, tidy
from extractors.readers.headings import find_headings


def test_spaces_next_to_chinese_removed_latin_kept() -> None:
    assert tidy("2023 年，全镇 组织 “法律明白人” 培训 3 场") == "2023年，全镇组织“法律明白人”培训3场"
    assert tidy("使用 Word 2016 and WPS\u3000Office") == "使用Word 2016 and WPS Office"
    assert tidy("项目 \t 次数\t 19 次") == "项目\t次数\t19次"


def test_laid_out_gaps_inside_numbers_removed_typed_spaces_kept() -> None:
    assert tidy(f"共 1{GAP}6 次，1{GAP}.{GAP}5 万元", laid_out=True) == "共16次，1.5万元"
    assert tidy("2025-01-20 10:57", laid_out=True) == "2025-01-20 10:57"
    assert tidy("⼯作⽂件⻓期", laid_out=True) == "工作文件长期"


def test_join_wrapped() -> None:
    assert join_wrapped("受教育人数达", "2000余人次") == "受教育人数达2000余人次"
    assert join_wrapped("Word", "Office") == "Word Office"
    assert join_wrapped("共20", "23人") == "共2023人"


def test_find_headings_levels_and_run_in_text() -> None:
    text = "\n".join(["报告", "一、总体情况", "（一）法治能力建设。全年开展学习12次。", "1.加强学习：每月一次。",
                      "(2)开展培训", "1.5万元用于普法", "二、存在问题", "项目\t1、2"])
    found = [(h.level, h.text) for h in find_headings(text)]
    assert found == [(1, "一、总体情况"), (2, "（一）法治能力建设"), (3, "1.加强学习"), (4, "(2)开展培训"),
                     (1, "二、存在问题")]
    for h in find_headings(text):
        assert text[h.start:].startswith(h.text)
