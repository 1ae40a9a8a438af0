"""The grammar of quantities: what is a statistic and what only looks like one."""

from __future__ import annotations

import pytest

from extractors.grammar.quantities import find_quantities


def found(text: str) -> list[tuple[float, str, str, str]]:
    return [(q.value, q.unit, q.qualifier, text[q.start : q.end]) for q in find_quantities(text)]


@pytest.mark.parametrize(
    ("text", "value", "unit", "qualifier"),
    [
        ("全年开展活动12次。", 12, "次", "exact"),
        ("全年开展活动１２次。", 12, "次", "exact"),
        ("发放资料1,200份。", 1200, "份", "exact"),
        ("发放资料1，200份。", 1200, "份", "exact"),
        ("调解成功率98.5%。", 98.5, "%", "exact"),
        ("调解成功率98.5％。", 98.5, "%", "exact"),
        ("开展普法活动十九次。", 19, "次", "exact"),
        ("培训干部两千人次。", 2000, "人次", "exact"),
        ("发放资料一万二千份。", 12000, "份", "exact"),
        ("发放资料一万四千余份。", 14000, "份", "over"),
        ("受众三百余人。", 300, "人", "over"),
        ("参考率达百分之九十五。", 95, "%", "exact"),
        ("受教育群众1.2万人次。", 12000, "人次", "exact"),
        ("受教育群众万余人。", 10000, "人", "over"),
        ("受教育群众2万余人次。", 20000, "人次", "over"),
        ("罚款5万元。", 50000, "元", "exact"),
        ("涉案金额1007.6万元。", 10_076_000, "元", "exact"),
        ("罚款50余万元。", 500_000, "元", "over"),
        ("开展讲座20余场。", 20, "场", "over"),
        ("开展讲座20多场。", 20, "场", "over"),
        ("覆盖率达60%以上。", 60, "%", "over"),
        ("受众超过500人。", 500, "人", "over"),
        ("受众超1.5万人次。", 15000, "人次", "over"),
        ("受众逾千人。", 1000, "人", "over"),
        ("惠及师生近千人。", 1000, "人", "under"),
        ("参训不足50人。", 50, "人", "under"),
        ("受众约300人。", 300, "人", "about"),
        ("受众200人左右。", 200, "人", "about"),
        ("张贴标语百余条。", 100, "条", "over"),
        ("开班讲座十余场。", 10, "场", "over"),
        ("开展活动3-5次。", 3, "次", "over"),
        ("开展活动3至5次。", 3, "次", "over"),
        ("开展活动3—5次。", 3, "次", "over"),
        ("开展活动三至五次。", 3, "次", "over"),
        ("惠及群众上千人。", 1000, "人", "over"),
        ("开展学习12\n次。", 12, "次", "exact"),
        ("开展学习12 次。", 12, "次", "exact"),
        ("东岭、西岭、南岭三个村。", 3, "个", "exact"),
        ("设立6个工作小组。", 6, "个", "exact"),
    ],
)
def test_statistics_are_read(text: str, value: float, unit: str, qualifier: str) -> None:
    got = found(text)
    assert len(got) == 1, got
    assert got[0][:3] == (pytest.approx(value), unit, qualifier)


@pytest.mark.parametrize(
    "unit",
    ["次", "场", "场次", "期", "人次", "份", "件", "条", "个", "名", "位", "人", "户", "项", "元", "%", "起",
     "宗", "篇", "幅", "块", "家", "所", "处", "批", "批次", "课时", "册", "张", "本", "套", "轮", "堂"],
)
def test_measure_words(unit: str) -> None:
    got = found(f"全年共计7{unit}。")
    assert [(v, u) for v, u, _q, _s in got] == [(7, unit)]


def test_span_is_the_number_with_its_unit_and_qualifiers() -> None:
    text = "参与群众达1500余人次，知晓率达90%以上"
    assert [s for *_rest, s in found(text)] == ["1500余人次", "90%以上"]


@pytest.mark.parametrize(
    "text",
    [
        "2023年以来，我镇开展工作。",  # a year
        "2023年3月12日召开会议。",  # a date
        "于12.4国家宪法日开展宣传。",  # a date written with a dot
        "结合3·15消费者权益日宣传。",  # a date with a middle dot
        "落实《纲要（2021-2025年）》要求。",  # a year range inside a law's name
        "一、总体情况\n1.加强学习\n（3）完善制度",  # section numbers
        "这是第三次开展此项工作。",  # an ordinal
        "树牢四个意识，坚决做到两个维护。",  # slogans
        "增强“四个意识”、坚定“四个自信”、做到“两个维护”。",  # quoted slogans in a list
        "落实决策、执行、结果等五公开。",
        "落实一规划两纲要。",
        "推进法律七进工作。",
        "落实一岗双责要求。",
        "启动八五普法。",
        "严格落实三会一课制度。",
        "通过12345热线受理诉求。",  # a hotline number with no measure word
        "依据《中华人民共和国行政处罚法》第三十二条处理。",  # a law and its article
        "印发《通知》（镇政发〔2023〕5号）。",  # a document number
        "党委每月1次听取汇报。",  # a frequency
        "每季度召开1次会议。",
        "开展活动**次，发放资料*000份。",  # masked numbers
        "认真学习党的二十大报告。",  # the Party congress
        "实现一次性告知，做到千家万户全覆盖。",  # bare 一 and 千/万 in words
        "体现在四个方面。",
        "惠及成百上千人。",  # a vague multitude, no count
        "四套班子领导带头。",
        "整改期限为6个月。",  # a duration
        "在5个工作日内答复。",
        "每季度至少听取1次汇报。",
        "浏览:76次",
        "编号12345678901234次",  # an identifier, not a count  # the web page's view counter
        "2023张庄镇邀请律师授课。2023年度报告",  # a year run into a name
    ],
)
def test_not_statistics(text: str) -> None:
    assert found(text) == []


def test_table_cells_take_their_unit_from_the_label_or_the_header() -> None:
    text = "项目\t数量\n普法宣传活动（次）\t19\n受教育人数（万人次）\t1.2\n调解成功率\t98%\n发放资料\t5000\t份"
    got = {(v, u) for v, u, _q, _s in found(text)}
    assert got == {(19, "次"), (12000, "人次"), (98, "%"), (5000, "份")}
    unit_column = "指标\t单位\t数值\n发放宣传资料\t份\t3200\n罚没款\t万元\t1.5\n"
    assert [(v, u) for v, u, _q, _s in found(unit_column)] == [(3200, "份"), (15000, "元")]
    header_text = "项目\t场次（次）\n法治讲座\t4\n"
    assert [(v, u) for v, u, _q, _s in found(header_text)] == [(4, "次")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("行政诉讼案件零起，行政复议案件0起。", [(0, "起", "exact", "零起"), (0, "起", "exact", "0起")]),
        ("引发行政复议零件。", [(0, "件", "exact", "零件")]),
        ("本年度败诉零件", [(0, "件", "exact", "零件")]),
        ("实现零上访、零距离服务。", []),  # slogans, not counts
        ("汽车零件厂搬迁。", []),  # 零件 the word
        ("问题零星分布。", []),
    ],
)
def test_a_stated_zero_is_a_count_only_before_a_measure_word(text: str, expected: list[tuple]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("创建民主法治示范村四个，", [(4, "个", "exact", "四个")]),
        ("清理规范性文件一件。", [(1, "件", "exact", "一件")]),
        ("树牢四个意识，做到两个维护。", []),  # a small number before its noun describes, it does not count
        ("坚持一个中心。", []),
    ],
)
def test_a_small_chinese_count_at_the_end_of_its_clause_is_a_statistic(text: str, expected: list[tuple]) -> None:
    assert found(text) == expected
