"""The doubt rules, one at a time: what makes a cell doubtful, and what does not."""

from __future__ import annotations

import pytest

from core.catalog import Catalog, Indicator
from core.records import Evidence
from warehouse.doubt import (
    CellFacts,
    Mention,
    cell_doubts,
    derive_evidence,
    not_found_candidates,
    not_found_reason,
    number_span,
    statistic_doubts,
)

CATALOG = Catalog((
    Indicator("publicity_events", "普法宣传活动", "次", cues=("普法宣传活动", "宣传活动", "普法活动"),
              adds=("次", "场", "场次")),
    Indicator("publicity_campaigns", "集中宣传", "次", cues=("集中宣传", "主题宣传"), parent="publicity_events"),
    Indicator("publicity_audience", "普法受众人次", "人次", cues=("受教育", "受众")),
    Indicator("leadership_law_study_sessions", "中心组学法", "次", cues=("中心组学法", "专题学法")),
    Indicator("official_training_sessions", "干部法治培训", "次", cues=("法治培训", "业务培训")),
    Indicator("legality_reviews", "合法性审查", "件", cues=("合法性审查", "审查合同"), adds=("件", "份", "项")),
    Indicator("enforcement_inspections", "执法检查", "次", cues=("执法检查", "专项检查")),
))
EVENTS = CATALOG.get("publicity_events")


def m(value: float, unit: str, quote: str, ordinal: int = 0, **kw: object) -> Mention:
    return Mention(ordinal, value, unit, "exact", quote, **kw)  # type: ignore[arg-type]


def codes(doubts: tuple) -> set[str]:
    return {d.code for d in doubts}


def cell(headline: Mention, indicator: str = "publicity_events", **kw: object) -> CellFacts:
    return CellFacts("东关镇", 2024, indicator, headline, **kw)  # type: ignore[arg-type]


def test_a_plain_statement_with_its_own_cue_is_not_doubtful() -> None:
    assert cell_doubts(cell(m(20, "次", "共开展普法宣传活动20次")), CATALOG) == ()


# ---- the extractor's evidence and confidence, when it fills them (issue 12) ----

@pytest.mark.parametrize(("evidence", "code"), [
    (Evidence("宣传活动", "after", 9, False, "cue_after"), "cue_after"),
    (Evidence("宣传活动", "before", 15, False, "closest_cue"), "cue_distant"),
    (Evidence("学习", "before", 15, True, "study_default"), "cue_generic"),  # the generic word is named first
    (Evidence(None, "carried", 0, False, "people_after_sessions"), "cue_carried"),
    (Evidence(None, "none", 0, False, "fallback"), "cue_none"),
    (Evidence("宣传活动", "before", 0, False, "previous_sentence"), "low_confidence"),
])
def test_weak_evidence_names_what_made_the_confidence_low(evidence: Evidence, code: str) -> None:
    doubts = statistic_doubts(m(20, "次", "开展活动20次", evidence=evidence, confidence=0.55), EVENTS)
    assert [d.code for d in doubts] == [code]
    assert doubts[0].reason


@pytest.mark.parametrize("evidence", [
    Evidence("学习", "before", 0, True, "study_subject"),  # generic, but who studied decided it
    Evidence("宣传活动", "after", 12, False, "cue_after"),
    Evidence("宣传活动", "before", 15, False, "closest_cue"),
    Evidence(None, "carried", 0, False, "people_after_sessions"),
])
def test_the_same_evidence_with_a_high_confidence_is_not_doubtful(evidence: Evidence) -> None:
    assert statistic_doubts(m(20, "次", "开展活动20次", evidence=evidence, confidence=0.75), EVENTS) == ()


def test_filled_evidence_is_trusted_over_the_quote() -> None:
    # the quote alone shows no cue; the extractor says a table row's label named it
    filled = m(20, "次", "20次", evidence=Evidence("普法宣传活动", "table", 0, False, "table_row"), confidence=0.9)
    assert statistic_doubts(filled, EVENTS) == ()
    assert "cue_none" in codes(statistic_doubts(m(20, "次", "20次"), EVENTS))


def test_a_guessed_role() -> None:
    guessed = m(20, "次", "开展普法宣传活动20次", role="total", confidence=0.95,
                evidence=Evidence("普法宣传活动", "before", 0, False, "closest_cue", role_by=None))
    stated = m(20, "次", "共开展普法宣传活动20次", role="total", confidence=0.95,
               evidence=Evidence("普法宣传活动", "before", 0, False, "closest_cue", role_by="共"))
    assert codes(statistic_doubts(guessed, EVENTS)) == {"role_guessed"}
    assert statistic_doubts(stated, EVENTS) == ()
    both = m(20, "次", "共开展活动20次，其中普法宣传活动20次")  # no role stored: read from the quote
    assert "role_guessed" in codes(statistic_doubts(both, EVENTS))


# ---- evidence read back from the quote, for statistics loaded without it ----

def test_derived_evidence_finds_the_cue_before_or_after_the_number() -> None:
    before = derive_evidence(m(20, "次", "共开展普法宣传活动20次"), EVENTS)
    assert (before.cue, before.place, before.distance, before.generic) == ("普法宣传活动", "before", 0, False)
    after = derive_evidence(m(45, "场", "组织45场靶向普法宣传活动"), EVENTS)
    assert (after.place, after.cue) == ("after", "普法宣传活动")
    assert derive_evidence(m(0, "起", "全年未发生重大安全事故"), EVENTS).place == "rule"


def test_study_without_whose_study_is_generic() -> None:
    study = CATALOG.get("leadership_law_study_sessions")
    assert derive_evidence(m(4, "次", "全年开展专题学习4次"), study).generic
    assert derive_evidence(m(4, "次", "全年开展专题学法4次"), study).generic  # a cue, but whose study?
    assert not derive_evidence(m(4, "次", "党委中心组专题学习4次"), study).generic
    training = CATALOG.get("official_training_sessions")
    assert not derive_evidence(m(4, "次", "组织执法规范化培训4次"), training).generic  # training is the staff's


@pytest.mark.parametrize("quote", ["累计学习(培训)600人次", "开展学习6次", "全年专题学法4次"])
def test_study_without_whose_study_is_doubtful_whatever_the_confidence(quote: str) -> None:
    people = Indicator("official_training_participants", "干部参训人次", "人次", cues=("参训",))
    study = CATALOG.get("leadership_law_study_sessions")
    indicator = people if "人次" in quote else study
    unit = "人次" if "人次" in quote else "次"
    cue = "学法" if "学法" in quote else "学习"
    ev = Evidence(cue, "before", 0, True, "study_people")
    doubts = statistic_doubts(m(650, unit, quote, evidence=ev, confidence=0.7), indicator)
    assert [d.code for d in doubts] == ["study_whose"] and f"“{cue}”" in doubts[0].reason
    named = m(650, unit, "机关干部" + quote, evidence=ev, confidence=0.7)  # whose study: the staff's
    assert statistic_doubts(named, indicator) == ()
    training = Evidence("培训", "before", 0, True, "study_training")  # training is the staff's: not this rule
    assert statistic_doubts(m(6, "场", "组织执法规范化培训6场", evidence=training, confidence=0.7),
                            CATALOG.get("official_training_sessions")) == ()


def test_people_counted_after_sessions_are_carried_not_unnamed() -> None:
    audience = CATALOG.get("publicity_audience")
    assert derive_evidence(m(380, "人次", "覆盖380余人次"), audience).place == "carried"
    assert derive_evidence(m(38, "次", "覆盖38次"), audience).place == "none"


def test_the_number_is_found_in_its_quote() -> None:
    assert number_span("受教育人数达2000余人次", "人次") == (6, 13)
    assert number_span("开展十余场普法活动", "场") == (2, 5)
    assert number_span("全年未发生重大安全事故", "起") is None


# ---- the cell's context ----

def test_ocr_and_a_unit_that_cannot_count_the_indicator() -> None:
    assert codes(cell_doubts(cell(m(20, "次", "共开展普法宣传活动20次", ocr=True)), CATALOG)) == {"ocr"}
    places = cell(m(8, "个", "累计专项检查住宅小区8个"), "enforcement_inspections")
    doubts = cell_doubts(places, CATALOG)
    assert codes(doubts) == {"unit_mismatch"} and "“个”" in doubts[0].reason and "“次”" in doubts[0].reason
    assert codes(cell_doubts(cell(m(3, "元", "开展普法宣传活动3元"), "publicity_events"), CATALOG)) == {"unit_mismatch"}
    pieces = cell(m(247, "份", "共审查合同247份"), "legality_reviews")
    assert cell_doubts(pieces, CATALOG) == ()  # 份 adds up with 件 for legality reviews


def test_a_kindred_unit_is_not_doubtful() -> None:
    """人 for an audience counted in 人次, 次 for reviews counted in 件: units reports use for the indicator
    (core.units.KINDRED_GROUPS); the comparison keeps them out of totals, the clerk need not check them."""
    people = cell(m(2300, "人", "受教育群众2300余人"), "publicity_audience")
    assert cell_doubts(people, CATALOG) == ()
    times = cell(m(70, "次", "进行合法性审查70次"), "legality_reviews")
    assert cell_doubts(times, CATALOG) == ()
    named = cell(m(14, "名", "组织14名干部参加受教育活动"), "publicity_audience")
    assert cell_doubts(named, CATALOG) == ()
    batches = cell(m(56, "批次", "合法性审查56批次"), "legality_reviews")  # batches of reviews, not reviews
    assert codes(cell_doubts(batches, CATALOG)) == {"unit_mismatch"}


def test_mentions_that_disagree() -> None:
    total = m(20, "次", "共开展普法宣传活动20次", 0)
    parts = (m(5, "次", "其中法律进校园5次", 1), m(8, "次", "开展宣传活动8次", 2))
    assert cell_doubts(cell(total, others=parts), CATALOG) == ()  # a total with parts below it
    bigger = (m(30, "次", "开展宣传活动30次", 1),)
    assert codes(cell_doubts(cell(total, others=bigger), CATALOG)) == {"mentions_disagree"}
    two_totals = (m(18, "次", "全年共开展普法宣传活动18次", 1),)
    assert codes(cell_doubts(cell(total, others=two_totals), CATALOG)) == {"mentions_disagree"}
    plain = m(30, "次", "开展普法宣传活动30次", 0)
    small_plain = (m(10, "次", "开展宣传活动10次", 1), m(12, "次", "开展普法宣传活动12次", 2))
    assert cell_doubts(cell(plain, others=small_plain), CATALOG) == ()  # could be its parts
    too_many = (m(20, "次", "开展宣传活动20次", 1), m(25, "次", "开展普法宣传活动25次", 2))
    doubts = cell_doubts(cell(plain, others=too_many), CATALOG)
    assert codes(doubts) == {"mentions_disagree"} and "20、25、30" in doubts[0].reason


def test_far_from_the_county_and_from_last_year() -> None:
    h = m(400, "次", "共开展普法宣传活动400次")
    peers = tuple((v, "次") for v in (20, 30, 25, 35))
    assert codes(cell_doubts(cell(h, peers=peers), CATALOG)) == {"far_from_county"}
    assert cell_doubts(cell(h, peers=peers[:3]), CATALOG) == ()  # too few townships to judge
    assert cell_doubts(cell(m(40, "次", "共开展普法宣传活动40次"), peers=peers), CATALOG) == ()
    assert codes(cell_doubts(cell(h, last_year=(50, "次")), CATALOG)) == {"far_from_last_year"}
    assert cell_doubts(cell(h, last_year=(200, "场")), CATALOG) == ()
    assert cell_doubts(cell(m(0, "次", "共开展普法宣传活动0次"), last_year=(3, "次")), CATALOG) == ()


def test_validation_warnings_and_a_replaced_report() -> None:
    warned = m(20, "次", "共开展普法宣传活动20次", warnings=("与上年相差超过10倍",))
    assert [d.reason for d in cell_doubts(cell(warned), CATALOG)] == ["与上年相差超过10倍"]
    again = cell_doubts(cell(m(20, "次", "共开展普法宣传活动20次"), report_updated=True), CATALOG)
    assert [d.reason for d in again] == ["报告已更新，请重新核对"]


# ---- indicators not found in a report ----

def test_numbers_that_may_be_an_indicator_the_table_lacks() -> None:
    reviews = CATALOG.get("legality_reviews")
    inspections = CATALOG.get("enforcement_inspections")
    other = (("other", m(40, "条", "提供合法性审查意见40余条", 1), frozenset()),
             ("other", m(8, "次", "累计检查住宅小区8次", 2), frozenset()),
             ("other", m(3, "次", "召开党委会议3次", 3), frozenset()))
    assert [x.ordinal for x in not_found_candidates(reviews, other, CATALOG)] == [1]
    assert [x.ordinal for x in not_found_candidates(inspections, other, CATALOG)] == [2]
    training = CATALOG.get("official_training_sessions")
    generic = (("leadership_law_study_sessions", m(4, "次", "全年开展专题学习4次", 4), frozenset({"cue_generic"})),)
    assert [x.ordinal for x in not_found_candidates(training, generic, CATALOG)] == [4]
    sure = (("leadership_law_study_sessions", m(4, "次", "全年开展专题学习4次", 4), frozenset({"ocr"})),)
    assert not_found_candidates(training, sure, CATALOG) == ()


def test_a_cue_of_digits_gives_no_head_to_hint_with() -> None:
    """12345 (the hotline) names petitions; its last two characters, 45, would point at every 45 in a report."""
    catalog = Catalog((*CATALOG.indicators,
                       Indicator("petitions_handled", "信访件", "件", cues=("信访", "12345", "信访件"),
                                 adds=("件", "起", "场"))))
    petitions = catalog.get("petitions_handled")
    numbers = (("other", m(45, "场", "组织45场靶向宣讲", 1), frozenset()),
               ("other", m(30, "件", "受理12345工单30件", 2), frozenset()))
    assert [x.ordinal for x in not_found_candidates(petitions, numbers, catalog)] == [2]


def test_a_number_no_words_named_is_listed_under_the_indicator_its_sentence_names() -> None:
    """依托民情热线和信访平台，及时跟进办结36件: the clause says nothing, its sentence names the petitions."""
    catalog = Catalog((*CATALOG.indicators,
                       Indicator("petitions_handled", "信访件", "件", cues=("信访", "热线"), adds=("件", "起"))))
    petitions = catalog.get("petitions_handled")
    unnamed = Evidence(None, "none", 0, False, "no_cue")
    named = Evidence("诉求", "before", 0, True, "other_word")
    numbers = (
        ("other", m(36, "件", "及时跟进办结36件", 1, evidence=unnamed, context="依托民情热线和信访平台，"),
         frozenset()),
        ("other", m(12, "件", "处理群众诉求12件", 2, evidence=named, context="依托信访平台，"), frozenset()),
        ("other", m(9, "件", "办结9件", 3, evidence=unnamed, context="依托信访平台受理来信20封，"), frozenset()),
        ("other", m(40, "人次", "接待40人次", 4, evidence=unnamed, context="依托信访平台，"), frozenset()),
        ("other", m(7, "件", "办结7件", 5, evidence=unnamed), frozenset()),  # loaded before the context was kept
    )
    found = not_found_candidates(petitions, numbers, catalog)
    assert [x.ordinal for x in found] == [1]  # not: its own words (2), words of an earlier number (3), 人次 (4)
    reason = not_found_reason(petitions, found)
    assert "“…依托民情热线和信访平台，及时跟进办结36件”" in reason


def test_a_generic_statement_beside_a_disagreeing_number_may_be_one_kind_of_it() -> None:
    """开展宣传活动20场 beside 累计普法宣传活动120场: the table shows 120 and doubts it (mentions disagree); the 20
    may be the campaigns the table lacks. A statement with its own words (普法活动) is not listed."""
    campaigns = CATALOG.get("publicity_campaigns")
    generic = Evidence("活动", "before", 0, True, "closest_cue")
    own = Evidence("普法活动", "before", 0, False, "closest_cue")
    beside = (("publicity_events", m(30, "场", "结合宪法日共开展主题日活动30余场", 1, evidence=generic, confidence=0.8),
               frozenset({"mentions_disagree"})),
              ("publicity_events", m(20, "场", "开展普法活动20场", 2, evidence=own, confidence=0.95),
               frozenset({"mentions_disagree"})))
    assert [x.ordinal for x in not_found_candidates(campaigns, beside, CATALOG)] == [1]
    agreeing = ((beside[0][0], beside[0][1], frozenset()),)  # the cell is not doubtful: nothing to list
    assert not_found_candidates(campaigns, agreeing, CATALOG) == ()
