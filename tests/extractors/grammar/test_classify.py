"""Indicators from the words before (or after) a number, quotes and provenance."""

from __future__ import annotations

import pytest

from core.catalog import load_catalog
from core.records import Document, Heading, Statistic
from extractors.grammar.classify import classify
from extractors.grammar.quantities import find_quantities

CATALOG = load_catalog()


def stats(text: str, year: int | None = 2023, **doc: object) -> list[Statistic]:
    d = Document(text=text, format="txt", pages=None, **doc)  # type: ignore[arg-type]
    out = classify(d, find_quantities(text), CATALOG, year=year)
    for s in out:
        assert s.quote == text[s.start : s.end]
    return out


def codes(text: str) -> list[tuple[str, float]]:
    return [(s.indicator, s.value) for s in stats(text)]


@pytest.mark.parametrize(
    ("text", "indicator"),
    [
        ("全年共开展普法宣传活动15次。", "publicity_events"),
        ("发放法治宣传资料3000余份。", "publicity_materials"),
        ("悬挂横幅12条。", "publicity_banners_posters"),
        ("解答群众法律咨询200余人次。", "legal_consultations"),
        ("举办法治讲座4场。", "legal_lectures"),
        ("邀请法官授课三次。", "legal_lectures"),
        ("完成合法性审查30件。", "legality_reviews"),
        ("调处矛盾纠纷52起。", "disputes_mediated"),
        ("排查化解矛盾纠纷52起。", "disputes_mediated"),
        ("调解成功率达98%。", "mediation_success_rate"),
        ("办理法律援助案件8件。", "legal_aid_cases"),
        ("聘请法律顾问2名。", "legal_advisers"),
        ("收到政府信息公开申请3件。", "disclosure_requests"),
        ("组织45场法治宣传活动。", "publicity_events"),
        ("开展普法进社区活动12场。", "law_into_communities_events"),
        ("通过举办法治讲座、悬挂横幅、发放资料等40余场。", "publicity_events"),  # mixed forms
        ("开展“送法进社区、进校园”系列活动12场。", "publicity_events"),  # the cue after the number
        ("全年完成9件重大事项与规范性文件合法性审核。", "legality_reviews"),  # the head noun comes last
    ],
)
def test_cue_names_the_indicator(text: str, indicator: str) -> None:
    assert [c for c, _v in codes(text)] == [indicator]


def test_parts_after_qizhong_and_list_totals() -> None:
    got = codes("全年普法宣传活动21次，其中集中宣传7次，法律进农村6次，法律进校园、法律进企业8次。")
    assert got == [("publicity_events", 21), ("publicity_campaigns", 7), ("law_into_communities_events", 6),
                   ("law_into_schools_enterprises_events", 8)]


def test_parts_without_a_cue_stay_other() -> None:
    got = codes("主动公开政府信息40条，其中通知公告10条，人事信息5条。")
    assert got == [("government_information_disclosed", 40), ("other", 10), ("other", 5)]


@pytest.mark.parametrize(
    ("text", "indicator"),
    [
        ("党委理论学习中心组集体学法8次。", "leadership_law_study_sessions"),
        ("领导班子成员专题学法6次。", "leadership_law_study_sessions"),
        ("开展党委会前学法10次。", "leadership_law_study_sessions"),
        ("组织全镇干部集中学法4次。", "official_training_sessions"),
        ("组织干部职工集体学法6次。", "official_training_sessions"),
        ("举办执法人员业务培训班3期。", "official_training_sessions"),
        ("领导干部带头学、专家辅导学等形式开展学习6次。", "leadership_law_study_sessions"),
        ("开展专题研讨5次。", "other"),
        ("开展读书班2期。", "other"),
        ("开展“第一议题”学习9次。", "other"),
        ("镇党校开展学习3次。", "other"),
        ("参训干部120人次。", "official_training_participants"),
        ("培训执法人员56名。", "official_training_participants"),
        ("党委先后召开十二次中心组学法会议。", "leadership_law_study_sessions"),
        ("全乡九十余名干部参加了年度学法用法考试。", "law_exam_participants"),
        ("300余人次参加了学习考试。", "official_training_participants"),
        ("全镇87名国家工作人员参加网上学法考试。", "law_exam_participants"),
        ("31名执法人员全部通过资格考核。", "other"),
        ("中队现有执法队员18名。", "other"),
    ],
)
def test_study_sessions_follow_the_labelling_rules(text: str, indicator: str) -> None:
    assert [c for c, _v in codes(text)] == [indicator]


def test_people_right_after_sessions_attended_them() -> None:
    got = codes("组织干部法治培训4场次，覆盖300余人次；开展普法宣传活动6场，覆盖2000余人次。")
    assert got == [("official_training_sessions", 4), ("official_training_participants", 300),
                   ("publicity_events", 6), ("publicity_audience", 2000)]


@pytest.mark.parametrize(
    "text",
    ["全年召开党委会12次。", "共排查各类矛盾纠纷186起。",
     "开展走访企业30次。", "持证率达100%。", "梳理权责事项清单96项。", "现场办公7次。"],
)
def test_numbers_that_fit_no_indicator_stay_other(text: str) -> None:
    assert [c for c, _v in codes(text)] == ["other"]


def test_coverage_of_all_staff_is_not_attendance() -> None:
    assert codes("组织干部学法12次，实现全镇126名干部全覆盖。") == [("official_training_sessions", 12), ("other", 126)]


def test_unit_must_fit_the_indicator() -> None:
    # 成功率 is a rate: a count of cases next to it is not a rate
    assert codes("调解成功率高，化解纠纷30起。") == [("disputes_mediated", 30)]


def test_no_major_incident_is_a_zero() -> None:
    got = stats("2023年，我镇全年未发生重大安全事故。")
    assert [(s.indicator, s.value, s.unit) for s in got] == [("major_incidents", 0, "起")]
    assert got[0].quote == "我镇全年未发生重大安全事故"


def test_next_years_targets_are_not_statistics() -> None:
    text = ("一、主要成效\n开展普法活动10次。\n二、下一步工作计划\n计划开展普法活动20次。\n"
            "三、存在问题\n宣传不足。2024年，我镇将开展培训5次。")
    got = stats(text, year=2023)
    assert [(s.indicator, s.value) for s in got] == [("publicity_events", 10)]


@pytest.mark.parametrize(
    "text", ["明年计划开展普法活动20次。", "力争调解成功率达到98%。", "去年同期发生纠纷12起。", "拟新增法律顾问2名。"])
def test_plans_and_last_years_figures_are_not_statistics(text: str) -> None:
    assert stats(text) == []


def test_a_plan_followed_is_a_result() -> None:
    assert codes("按照年度学法计划开展集中学法12次。") == [("leadership_law_study_sessions", 12)]


def test_quote_reads_like_the_clause() -> None:
    text = "2023年，全镇举办的法治宣传活动合计27次，受教育群众1800余人次。"
    got = stats(text)
    assert [s.quote for s in got] == ["全镇举办的法治宣传活动合计27次", "受教育群众1800余人次"]
    text2 = "社区5个法治服务点正常运行。"
    assert stats(text2)[0].quote == "社区5个法治服务点正常运行"
    assert stats("5个法治服务点正常运行。")[0].quote == "5个法治服务点正常运行"


def test_heading_path_and_page() -> None:
    text = "一、主要成效\n（一）普法宣传\n开展普法活动10次。"
    headings = (Heading(0, 1, "一、主要成效"), Heading(7, 2, "（一）普法宣传"))
    d = Document(text=text, format="pdf", pages=2, page_starts=(0, 15), headings=headings)
    (s,) = classify(d, find_quantities(text), CATALOG)
    assert s.heading_path == ("一、主要成效", "（一）普法宣传")
    assert s.page == 2


def test_table_rows_are_classified_by_their_label() -> None:
    text = "指标\t数量\n普法宣传活动（次）\t19\n发放宣传资料（份）\t5000\n调解成功率\t98%"
    got = stats(text)
    assert [(s.indicator, s.value, s.unit) for s in got] == [
        ("publicity_events", 19, "次"), ("publicity_materials", 5000, "份"), ("mediation_success_rate", 98, "%")]
    assert got[0].quote == "普法宣传活动（次）\t19"
    numbered = "序号\t指标\t数量\n1\t法治讲座（场）\t6\n2\t发放宣传资料（份）\t800"
    assert [(s.indicator, s.value, s.unit) for s in stats(numbered)] == [
        ("legal_lectures", 6, "场"), ("publicity_materials", 800, "份")]


def test_user_catalog_cues_are_used(tmp_path) -> None:
    extra = tmp_path / "extra.yaml"
    extra.write_text("indicators:\n  - code: grid_patrols\n    name: 网格巡逻\n    unit: 次\n    cues: [网格巡逻]\n",
                     encoding="utf-8")
    catalog = load_catalog(extra=extra)
    text = "开展网格巡逻40次。"
    d = Document(text=text, format="txt", pages=None)
    assert [s.indicator for s in classify(d, find_quantities(text), catalog)] == ["grid_patrols"]


def test_table_columns_of_other_years_are_left_out() -> None:
    text = "指标\t2022年\t2023年\n开展普法宣传活动（次）\t15\t19\n发放宣传资料（份）\t4000\t5000"
    got = stats(text, year=2023)
    assert [(s.indicator, s.value) for s in got] == [("publicity_events", 19), ("publicity_materials", 5000)]


def test_long_table_rows_are_not_joined_like_wrapped_lines() -> None:
    text = "指标名称\t数量\n全年开展法治宣传教育活动总数（次）\t19\n全年发放各类法治宣传资料总数（份）\t5000\n"
    got = stats(text)
    assert [(s.indicator, s.value, s.unit) for s in got] == [("publicity_events", 19, "次"),
                                                             ("publicity_materials", 5000, "份")]


def test_wrapped_pdf_lines_still_hold_their_cues() -> None:
    text = "2023年，我镇面向辖区居民和外来务工人员组织普法宣\n传活动共23次，全年发放法律宣传资料4200余份。"
    assert codes(text) == [("publicity_events", 23), ("publicity_materials", 4200)]


def test_wunlun_is_not_a_zero() -> None:
    assert stats("无论发生何种安全事故都要及时上报。") == []


@pytest.mark.parametrize(("text", "indicator"), [("张贴宣传海报35张。", "publicity_banners_posters"),
                                                ("张贴标语300份。", "other"),
                                                ("办理群众来信来访87件次。", "other")])
def test_units_an_indicator_holds(text: str, indicator: str) -> None:
    assert [c for c, _v in codes(text)] == [indicator]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("建成法治示范村（社区）3个。", [("rule_of_law_demonstration_villages", 3)]),
        ("聘请法律顾问（律师）5名。", [("legal_advisers", 5)]),
    ],
)
def test_a_parenthesis_before_the_number_does_not_hide_the_cue(text: str, expected: list[tuple[str, float]]) -> None:
    assert codes(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("提交集体研究的重大决策事项4项。", [("major_decisions", 4)]),  # 事项 is the head noun of 重大决策
        ("发放《民法典》读本约1100本。", [("publicity_materials", 1100)]),
    ],
)
def test_compound_nouns_and_book_titles_keep_their_cue(text: str, expected: list[tuple[str, float]]) -> None:
    assert codes(text) == expected
