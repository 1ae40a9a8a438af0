"""county.yaml and an indicator file are checked whole before any work: every problem one line naming the
file, the line and what to change (core/registry_file.py, core/catalog_file.py, core.catalog.catalog_problems)."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.catalog import load_catalog
from core.errors import ConfigError
from core.registry import load_registry

COUNTY = "county: 清源县\ntownships:\n  - name: 东关镇\n    aliases: [东关, 东关镇人民政府]\n  - 西城镇\n"


def _problems(load, path: Path) -> list[str]:  # type: ignore[no-untyped-def]
    with pytest.raises(ConfigError) as info:
        load(path)
    lines = str(info.value).splitlines()
    assert all(str(path) in line for line in lines)
    return lines


def test_a_county_file_saved_as_gbk_or_with_a_bom_reads_as_written(tmp_path: Path) -> None:
    for encoding in ("gbk", "utf-8-sig"):
        path = tmp_path / f"{encoding}.yaml"
        path.write_bytes(COUNTY.encode(encoding))
        registry = load_registry(path)
        assert registry.county == "清源县"
        assert registry.resolve("东关") == "东关镇" and registry.resolve("西城镇") == "西城镇"


def test_bytes_that_are_no_chinese_encoding_name_their_line(tmp_path: Path) -> None:
    path = tmp_path / "county.yaml"
    path.write_bytes(b"county: x\ntownships:\n  - name: \xff\xfe\xff\n")
    (line,) = _problems(load_registry, path)
    assert "第 3 行" in line and "UTF-8" in line


@pytest.mark.parametrize(("content", "line", "says"), [
    ("county: 清源县\ntownships:\n  - name: 东关镇\n  - name: 西城镇\n    aliases: [西城, 东关镇]\n",
     5, "别名“东关镇”已是第 3 行乡镇“东关镇”的名称"),
    ("townships:\n  - name: 东关镇\n    aliases: [东关]\n  - name: 西城镇\n    aliases:\n      - 西城\n      - 东关\n",
     7, "别名“东关”已是第 2 行乡镇“东关镇”的别名"),
    ("townships:\n  - 东关镇\n  - 西城镇\n  - 东关镇\n", 4, "乡镇“东关镇”在第 2 行已经列过"),
    ("townships:\n  - name: 东关镇\n    code: 0101\n", 3, 'code 应加引号写成文字，如 code: "65"'),
    ("townships:\n  - name: 东关镇\n    alias: [东关]\n", 3, "不认识的设置“alias”"),
    ("townships:\n  - name: 东关镇\n    aliases: 东关, 东关镇人民政府\n", 3, "aliases 应是一个列表"),
    ("townships:\n  - name: 123\n", 2, "name 应是乡镇名称（文字），而不是 123"),
    ("townships:\n  - {aliases: [东关]}\n", 2, "缺少 name"),
    ("county: 清源县\ntowns:\n  - 东关镇\n", 2, "不认识的设置“towns”"),
    ("townships: [东关镇\n", 2, "不是正确的 YAML 格式"),
])
def test_each_problem_of_a_county_file_is_one_line_with_its_line(tmp_path: Path, content: str, line: int,
                                                                 says: str) -> None:
    path = tmp_path / "county.yaml"
    path.write_text(content, encoding="utf-8")
    (problem,) = _problems(load_registry, path)
    assert f"第 {line} 行" in problem and says in problem, problem


def test_a_county_file_without_a_township_is_refused(tmp_path: Path) -> None:
    for content in ("county: 清源县\n", "county: 清源县\ntownships: []\n", ""):
        path = tmp_path / "county.yaml"
        path.write_text(content, encoding="utf-8")
        (problem,) = _problems(load_registry, path)
        assert "没有列出任何乡镇" in problem or "内容应以 county:" in problem


def test_every_problem_is_listed_at_once_in_the_files_order(tmp_path: Path) -> None:
    path = tmp_path / "county.yaml"
    path.write_text("townships:\n  - name: 东关镇\n    code: 1\n  - name: 西城镇\n    aliases: [东关镇]\n"
                    "  - name: 东关镇\n", encoding="utf-8")
    problems = _problems(load_registry, path)
    assert [p.split("：")[0].rsplit(" ", 2)[-2] for p in problems] == ["3", "5", "6"]


CATALOG_EXTRA = "indicators:\n  - code: village_rules\n    name: 村规民约修订\n    unit: 件\n    cues: [村规民约]\n"


def test_an_indicator_file_in_gbk_reads_as_written(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_bytes(CATALOG_EXTRA.encode("gbk"))
    indicator = load_catalog(extra=path).get("village_rules")
    assert indicator is not None and indicator.name == "村规民约修订" and indicator.cues == ("村规民约",)


@pytest.mark.parametrize(("content", "line", "says"), [
    ("indicators:\n  - code: a1\n    name: 甲\n    unit: 次\n    parent: b1\n"
     "  - code: b1\n    name: 乙\n    unit: 次\n    parent: a1\n", 2, "parent 绕回了自己（a1 → b1 → a1）"),
    ("indicators:\n  - code: a1\n    name: 甲\n    unit: 次\n    parent: a1\n", 2, "parent 绕回了自己（a1 → a1）"),
    ("indicators:\n  - code: a1\n    name: 甲\n    unit: 次\n  - code: a1\n    name: 乙\n    unit: 次\n",
     5, "指标 a1 在第 2 行已经有了"),
    ("indicators:\n  - code: a1\n    name: 普法宣传活动\n    unit: 次\n", 2, "与指标 publicity_events 相同"),
    ("indicators:\n  - code: a1\n    name: 甲\n", 2, "缺少 unit"),
    ("indicators:\n  - code: a1\n    name: 甲\n    unit: 次\n    cue: [甲]\n", 5, "不认识的设置“cue”"),
    ("indicators:\n  - code: a1\n    name: 甲\n    unit: 次\n    cues: 甲乙\n", 5, "cues 应是词语的列表"),
    ("indicators:\n  - code: a1\n    name: 甲\n    unit: 次\n    section: nowhere\n", 2, "section “nowhere”"),
    ("indicators:\n  - name: 甲\n    unit: 次\n", 2, "缺少 code"),
])
def test_each_problem_of_an_indicator_file_is_one_line_with_its_line(tmp_path: Path, content: str, line: int,
                                                                     says: str) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(content, encoding="utf-8")
    (problem,) = _problems(lambda p: load_catalog(extra=p), path)
    assert f"第 {line} 行" in problem and says in problem, problem
