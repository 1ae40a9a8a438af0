"""Which indicator a number counts, read top to bottom: clause, candidates, evidence, decision.

1. **Clause** (`Clause`): the words that belong to one number: from the clause's start (or the number before it in
   the same clause, or the table row's label) to the number, on to the clause's end; the sentence and the paragraph
   around it, where the subject of the clause is looked for; the heading it sits under.
2. **Candidates** (`candidates`): every cue of the catalog and of the grammar's own vocabulary (`cues.py`) in the
   clause, except those inside a name (a law's or a document's title in 《…》, a campaign's name in quotes): the cue
   that ends closest before the number first, then those after the measure word.
3. **Evidence**: what makes any number "other" whatever its cue (a change on last year, last year's figure, one
   company's case), who did it (study), how the clause is framed (an inspection verb, a publicity list), and the
   part/total role (`role_of`).
4. **Decision** (`decide`): the first candidate whose indicator can hold the measure word, refined (the narrowest
   part, a list of publicity forms, whose study), else a verb frame, else the count carried over from the number
   just before, else "other"; with the `Evidence` and a confidence.

The rules are the field's, not one report's: the catalog's cues and the national categories in `cues.py`, the clause's
verb and head noun, the measure word, the subject. Labelling conventions follow `../shared/corpus/README.md`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from core.catalog import OTHER
from core.records import CuePlace, Evidence, Quantity, Role
from extractors.grammar.clauses import end_of_clause, line_start, start_of_clause, start_of_sentence, table_label
from extractors.grammar.cues import (
    BLOCK,
    FRAMES,
    GENERIC_CUES,
    HEAD_NOUNS,
    INSPECTION_VERBS,
    PEOPLE_WORDS,
    STUDY,
    CueIndex,
    accepts,
    cues_in,
    unit_group,
)

LEADERSHIP_STUDY = "leadership_law_study_sessions"
OFFICIAL_TRAINING = "official_training_sessions"
TRAINING_PARTICIPANTS = "official_training_participants"
PUBLICITY_AUDIENCE = "publicity_audience"
PUBLICITY_EVENTS = "publicity_events"
PUBLICITY_CAMPAIGNS = "publicity_campaigns"
DISPUTES_MEDIATED = "disputes_mediated"
INSPECTIONS = "enforcement_inspections"
ONLINE_POSTS = "online_publicity_posts"
DISCLOSED = "government_information_disclosed"
ENFORCEMENT_CASES = "enforcement_cases"
MAJOR_DECISIONS = "major_decisions"
_DECISION_CONTEXT = re.compile(r"三重一大|重大行政决策|重大决策|集体决策|集体讨论|集体研究|决策程序")

# Forms of publicity: a list naming several of them sums up publicity events.
PUBLICITY_FAMILY = frozenset({
    PUBLICITY_EVENTS, PUBLICITY_CAMPAIGNS, "law_into_communities_events", "law_into_schools_enterprises_events",
    "legal_lectures", "publicity_materials", "publicity_banners_posters", ONLINE_POSTS,
})


# ---------------------------------------------------------------------------------------------------- 1. the clause
@dataclass(frozen=True)
class Reading:
    """One report as the decision reads it: the soft view of its text (same offsets), names, headings."""

    text: str
    names: bytearray  # 1 where a character lies inside a name: 《…》 or a long quoted phrase
    year: int | None = None


_BOOK_TITLE = re.compile(r"《[^《》\n]{1,80}》")
_QUOTED_NAME = re.compile(r"[“\"「『][^“”\"」』\n]{2,40}[”\"」』]")


def names_of(text: str) -> bytearray:
    """Titles in 《…》 and quoted phrases: words inside them name a law, a document or a campaign.

    A quoted phrase that is one term (“法律明白人”) is still read: `cues_in_names` lets a cue through when it fills
    the quotes.
    """
    mask = bytearray(len(text))
    for pattern in (_BOOK_TITLE, _QUOTED_NAME):
        for m in pattern.finditer(text):
            mask[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    return mask


@dataclass(frozen=True)
class Clause:
    """The words around one quantity that decide what it counts (offsets into `reading.text`)."""

    reading: Reading
    q: Quantity
    start: int  # the clause's start, or just after the previous number in the same clause
    end: int  # the clause's end after the number
    label: str | None  # the table row's label cells; None in prose
    heading: str  # the heading path, joined

    @property
    def text(self) -> str:
        return self.reading.text

    @property
    def group(self) -> str:
        return unit_group(self.q.unit)

    @property
    def before(self) -> str:
        return self.label if self.label is not None else self.text[self.start : self.q.start]

    @property
    def after(self) -> str:
        return self.text[self.q.end : self.end]

    @property
    def whole(self) -> str:
        """The clause around the number, both sides."""
        return self.text[self.start : self.end]

    @property
    def sentence_start(self) -> int:
        return start_of_sentence(self.text, self.q.start)


_TRAILING_ASIDE = re.compile(r"[（(][^（）()]{1,10}[）)]\s*$")


def clause_of(reading: Reading, q: Quantity, heading: str, previous_end: int | None) -> Clause:
    """The clause of `q`: a number before it in the same clause ends that number's part of it."""
    text = reading.text
    label = table_label(text, q.start, q.end)
    start = start_of_clause(text, q.start) if label is None else line_start(text, q.start)
    if previous_end is not None and start < previous_end <= q.start:
        start = previous_end
    return Clause(reading, q, start, end_of_clause(text, q.end), label, heading)


# ----------------------------------------------------------------------------------------------- 2. the candidates
@dataclass(frozen=True)
class Candidate:
    word: str
    code: str  # a catalog code, or BLOCK / STUDY
    start: int  # offsets in the report's text
    end: int
    place: CuePlace
    named: bool = False  # inside a quoted name: read only when no cue outside names the number


def candidates(c: Clause, index: CueIndex) -> tuple[list[Candidate], list[Candidate]]:
    """Cues before the number (closest first, the longest on a tie) and after it (in reading order).

    Cues inside a title (《…》) are left out unless they end a title that stands right before the number
    (发放《安全使用手册》200份: the title's head noun is what was handed out); cues inside a quoted name come after
    every cue outside quotes (开展“平安信访”宣传活动5次 counts publicity, not petitions).
    """
    before_text = c.before
    aside = _TRAILING_ASIDE.search(before_text)
    if aside:  # 法治示范村（社区）3个: the parenthesis qualifies the noun; the cue stands before it
        before_text = before_text[: aside.start()]
    if c.label is not None:
        place: CuePlace = "table"
        base = line_start(c.text, c.q.start)
        before = [Candidate(w, index.code_of[w], base + s, base + e, place) for s, e, w in cues_in(index, before_text)]
    else:
        before = [_named(c, Candidate(w, index.code_of[w], c.start + s, c.start + e, "before"))
                  for s, e, w in cues_in(index, before_text)]
        before += [Candidate(m.group(), code, c.start + m.start(), c.start + m.end(), "before")
                   for pattern, code in FRAMES for m in pattern.finditer(before_text)
                   if not c.reading.names[c.start + m.start()]]
    before = [cand for cand in before if cand is not None]
    before.sort(key=lambda m: (not m.named, m.end, m.end - m.start), reverse=True)
    after = [_named(c, Candidate(w, index.code_of[w], c.q.end + s, c.q.end + e, "after"))
             for s, e, w in cues_in(index, c.after)]
    after = [cand for cand in after if cand is not None]
    # 完成25件重大事项与规范性文件法制审核: the head noun, and so the cue, comes last;
    # 52名机关人员学习: people are the head noun, what they did follows
    after.sort(key=lambda m: (m.start, -(m.end - m.start)), reverse=c.group not in ("人", "人次"))
    # a generic study word (学法) names less than a catalog cue after it (学法用法考试)
    after.sort(key=lambda m: (m.named, m.code == STUDY))
    return before, after


_TITLE_HEAD_GAP = 2  # 《…手册》200份, 《…读本》等200册


def _named(c: Clause, cand: Candidate) -> Candidate | None:
    """The candidate as a name's word: None inside a title, `named` inside quotes, itself elsewhere."""
    if not c.reading.names[cand.start]:
        return cand
    text = c.text
    # a title is at most 80 characters (_BOOK_TITLE): looking no further keeps a one-line text linear
    title_start = text.rfind("《", max(0, cand.start - 81), cand.start + 1)
    title_end = text.find("》", title_start, title_start + 82) if title_start >= 0 else -1
    if title_start >= 0 and title_end >= cand.end:
        head_noun = title_end == cand.end and 0 <= c.q.start - title_end - 1 <= _TITLE_HEAD_GAP
        return cand if head_noun else None
    opening, closing = text[cand.start - 1 : cand.start], text[cand.end : cand.end + 1]
    whole_term = opening != "" and opening in "“\"「『" and closing in "”\"」』"
    return cand if whole_term else Candidate(cand.word, cand.code, cand.start, cand.end, cand.place, named=True)


# --------------------------------------------------------------------------------------------- 4. the decision
@dataclass(frozen=True)
class Decision:
    code: str
    evidence: Evidence
    confidence: float

    @classmethod
    def of(cls, code: str, evidence: Evidence, unit: str) -> Decision:
        return cls(code, evidence, confidence(code, evidence, unit))


# How often each deciding rule is right, as measured on the corpus's dev part (python -m benchmarks.calibration
# --rules) and rounded down for reports never seen: a rule that reads a cue next to the number is surer than one
# that reads a subject two sentences back. A generic or distant cue costs more.
RULE_CONFIDENCE: dict[str, float] = {
    # rules that make a number "other" whatever its cue
    "change": 0.9, "last_year": 0.85, "earlier_year": 0.8, "one_party": 0.8, "reference": 0.85,
    "part_of_total": 0.85, "mixed_list": 0.8, "other_word": 0.9, "screened_only": 0.85, "posts_not_about_law": 0.8,
    "new_media_not_disclosure": 0.75, "study_other_kind": 0.85, "study_unit": 0.9, "study_people": 0.85,
    # a cue named the indicator
    "closest_cue": 0.95, "cue_after": 0.75, "publicity_list": 0.85, "places_inspected": 0.8, "study_subject": 0.9,
    "study_training": 0.85, "study_heading": 0.7, "study_sentence": 0.75, "study_previous_sentence": 0.65,
    "study_default": 0.55, "stated_no_incident": 0.9,
    # no cue of its own: read from the numbers around it
    "list_item": 0.7, "people_after_sessions": 0.6, "case_head_noun": 0.6, "previous_sentence": 0.55,
    "no_cue": 0.85,
}
# Measure words of the counts the catalog holds: a number in one of them that no cue names may be a missed indicator.
_COUNTED_GROUPS = frozenset({"次", "件", "人次", "份", "条", "元"})


def confidence(code: str, e: Evidence, unit: str) -> float:
    """How likely the indicator (and so the table's column) is right, in [0, 1]."""
    score = RULE_CONFIDENCE.get(e.rule, 0.7)
    if code != OTHER and e.generic:
        score -= 0.15
    if code != OTHER and e.distance > 12:
        score -= 0.1
    if e.rule == "no_cue" and unit_group(unit) in _COUNTED_GROUPS:
        score -= 0.15
    return round(max(0.05, min(1.0, score)), 3)


@dataclass(frozen=True)
class Previous:
    """The number decided just before, for counts of people that follow counts of sessions."""

    q: Quantity
    code: str


def decide(c: Clause, index: CueIndex, previous: Previous | None) -> Decision:
    """The indicator of the quantity in `c`, with what decided it."""
    frame = not_a_level(c)
    if frame is not None:
        rule, words = frame
        return Decision.of(OTHER, Evidence(cue=words, place="rule", rule=rule), c.q.unit)
    before, after = candidates(c, index)
    mixed = _mixed_list(c, index, before)
    if mixed is not None:
        return mixed
    for cand in before:
        if cand.word in HEAD_NOUNS and any(_adjacent(c.text, o.end, cand.start) and o.code not in (BLOCK, STUDY)
                                            for o in before):
            continue  # 重大决策事项: the generic word is the head noun of the cue right before it
        code, rule = _resolve(c, index, cand)
        if code is not None:
            if code != OTHER:
                code = _narrowest(index, code, cand, before, c.group)
                mixed = _mixed_publicity(index, code, before, c.before, c.group)
                rule = "publicity_list" if mixed != code else rule
                code = mixed
                code, rule = _refined(c, index, code, rule)
            return _decision(code, cand, c, rule)
    listed = _list_item(c, index, previous)
    if listed is not None:
        return listed
    for cand in after:
        code, rule = _resolve(c, index, cand, clause=c.text[c.start : c.end])
        if code is not None:
            if code != OTHER:
                code, rule = _refined(c, index, code, rule)
            return _decision(code, cand, c, rule)
    carried = _carried(c, index, previous)
    if carried is not None:
        return Decision.of(carried, Evidence(place="carried", rule="people_after_sessions"), c.q.unit)
    case = _ENFORCEMENT_CASE.search(c.before)
    if case and accepts(index, ENFORCEMENT_CASES, c.q.unit):
        return Decision.of(ENFORCEMENT_CASES, Evidence(cue=case.group(), place="before", rule="case_head_noun"),
                           c.q.unit)
    elliptic = _elliptic(c, index)
    if elliptic is not None:
        return elliptic
    return Decision.of(OTHER, Evidence(rule="no_cue"), c.q.unit)


# 办理电动车飞线充电案件7件: cases an enforcement verb handled, named only by the head noun 案件
_ENFORCEMENT_CASE = re.compile(r"(?:办理|查办|查处|立案|办结)[\u4e00-\u9fff]{0,10}案件$")
_ELLIPTIC = re.compile(r"^(?:全年|今年|本年度|年内)?(?:共|共计|累计|合计|总计)?(?:发布|公开|受理|收到|办理|开展|举办|"
                       r"发放|接待|调处|化解|培训|组织)[了过]?$")


def _elliptic(c: Clause, index: CueIndex) -> Decision | None:
    """全年共发布212条 after a sentence on what was published: the object is the last sentence's cue."""
    if c.label is not None or not _ELLIPTIC.match(c.before.strip()):
        return None
    previous_start = start_of_sentence(c.text, max(0, c.sentence_start - 1))
    previous = c.text[previous_start : c.sentence_start]
    found = [(s, e, word, index.code_of[word]) for s, e, word in cues_in(index, previous)]
    found += [(m.start(), m.end(), m.group(), code) for pattern, code in FRAMES for m in pattern.finditer(previous)]
    for s, e, word, code in sorted(found, key=lambda f: f[1], reverse=True):
        if code in (BLOCK, STUDY) or not accepts(index, code, c.q.unit):
            continue
        cand = Candidate(word, code, previous_start + s, previous_start + e, "before")
        return Decision.of(code, Evidence(cue=word, place="before", distance=c.q.start - cand.end,
                                          rule="previous_sentence"), c.q.unit)
    return None


_VERBS = re.compile(r"开展|组织|举办|进行|完成|召开|发放|参加|实现|办理|受理|落实")
_LIST_SUMMED = re.compile(r"等(?P<head>[\u4e00-\u9fff]{1,10}?)(?:共计|共|累计|合计|总计|达到|达|计)?$")


def _mixed_list(c: Clause, index: CueIndex, before: list[Candidate]) -> Decision | None:
    """提供合同审查、风险研判及法律咨询等专项法律服务共计5次: a list summed under a head noun no cue names
    counts a mixture of things, whatever its items are (a list of publicity forms is read by `_mixed_publicity`)."""
    head_after = re.match(r"[\u4e00-\u9fff]{2,}", c.after)
    if c.label is None and "、" in c.before and head_after and re.search(r"等(?:共计|共|计)?$", c.before):
        # 实现法律援助申请、法律文书下载等10余项免费法律服务: the head noun follows the number
        listed = {cand.code for cand in before}
        if listed and listed <= PUBLICITY_FAMILY:
            return None  # 举办法治讲座、悬挂横幅、发放资料等40余场: publicity events (`_mixed_publicity`)
        if not cues_in(index, c.after) and not any(p.search(c.after) for p, _code in FRAMES):
            return Decision.of(OTHER, Evidence(cue=c.after[:12] or None, place="rule", rule="mixed_list"), c.q.unit)
        return None
    m = _LIST_SUMMED.search(c.before)
    if m is None or "、" not in c.before or c.label is not None or _VERBS.search(m.group("head")):
        return None  # 等重点内容开展8次集中学习: what follows 等 is the clause's verb, not a head noun
    head_start = c.q.start - len(c.before) + m.start("head")
    if any(cand.end > head_start for cand in before):
        return None  # 等宣传资料3000份: the head noun is a cue
    codes = {cand.code for cand in before}
    if codes and codes <= PUBLICITY_FAMILY:
        return None
    return Decision.of(OTHER, Evidence(cue=m.group("head"), place="rule", rule="mixed_list"), c.q.unit)


# A 、-list shares its first item's verb: 累计检查住宅小区8个、建筑工地3个、码头作业区2个.
def _list_item(c: Clause, index: CueIndex, previous: Previous | None) -> Decision | None:
    """An item of a list after a number, with no cue of its own, counts what the item before it counted."""
    if previous is None or previous.code == OTHER or c.label is not None:
        return None
    gap = c.text[previous.q.end : c.start + 1]
    if not gap.startswith("、") or unit_group(previous.q.unit) != c.group or _cue_free(c.before, index) is False:
        return None
    return Decision.of(previous.code, Evidence(place="carried", rule="list_item"), c.q.unit)


def _cue_free(span: str, index: CueIndex) -> bool:
    return not cues_in(index, span)


def _adjacent(text: str, end: int, start: int) -> bool:
    """The cue ending at `end` runs straight into the word at `start` (a closing quote between is fine)."""
    return end == start or (end + 1 == start and text[end] in "”\"」』）)")


def _decision(code: str, cand: Candidate, c: Clause, rule: str) -> Decision:
    distance = max(0, c.q.start - cand.end) if cand.place != "after" else max(0, cand.start - c.q.end)
    generic = cand.word in GENERIC_CUES or cand.code in (STUDY, BLOCK)
    evidence = Evidence(cue=cand.word, place=cand.place, distance=distance, generic=generic, rule=rule)
    return Decision.of(code, evidence, c.q.unit)


def _resolve(c: Clause, index: CueIndex, cand: Candidate, clause: str | None = None) -> tuple[str | None, str]:
    """The code a cue gives this quantity, OTHER for a blocking word, None to read the next cue."""
    clause = c.before if clause is None else clause
    code = cand.code
    if code == BLOCK and cand.word == "会议" and _STUDY_MEETING.search(c.text, max(0, cand.start - 4), cand.start):
        code = STUDY  # 中心组学法会议: a meeting held to study is a study session
    if code == BLOCK and cand.word == "事项" and _DECISION_CONTEXT.search(_around(c)) \
            and accepts(index, MAJOR_DECISIONS, c.q.unit):
        return MAJOR_DECISIONS, "decision_items"  # 审议重大项目投资等事项24项 under 三重一大: decisions taken
    if code == BLOCK:
        # 培训执法人员56名: for a count of people, the people it names are what is counted, not a kind of count
        return (None, "") if c.group in ("人", "人次") and cand.word in PEOPLE_WORDS else (OTHER, "other_word")
    rule = "closest_cue" if cand.place != "after" else "cue_after"
    if code in (STUDY, LEADERSHIP_STUDY, OFFICIAL_TRAINING, TRAINING_PARTICIPANTS):
        code, rule = _study_code(code, c, clause, cand.start, cand.word)
        if code == OTHER:
            return OTHER, rule
    if code == DISPUTES_MEDIATED and _SCREENED_ONLY.search(clause) and not _SETTLED.search(clause):
        return OTHER, "screened_only"  # 排查矛盾纠纷120起 counts disputes found, not disputes settled
    if code == INSPECTIONS and c.group in _PLACES and cand.word in INSPECTION_VERBS:
        return code, "places_inspected"  # 检查住宅小区8个: the places an inspection visited
    return (code, rule) if accepts(index, code, c.q.unit) else (None, "")


_PLACES = frozenset({"个", "户"})
_LAW_CONTENT = re.compile(r"普法|法治|法律|法规|宪法|民法典|条例|以案释法|学法")
_NEW_MEDIA = re.compile(r"微信|公众号|微博|抖音|视频号|新媒体|线上平台|短视频")
_GOVERNMENT_CHANNEL = re.compile(r"政府信息|门户网站|政府网站|政务公开|政务网|公开栏|公开专栏|信息公开平台")


def _refined(c: Clause, index: CueIndex, code: str, rule: str) -> tuple[str, str]:
    """What the clause's surroundings say about a decided indicator: the channel, the occasion."""
    sentence = c.text[c.sentence_start : c.end]
    if code == ONLINE_POSTS and not (_LAW_CONTENT.search(c.whole) or _LAW_CONTENT.search(c.heading)):
        return OTHER, "posts_not_about_law"  # 微信公众号发布各类信息1469条: news, not legal publicity
    if code == DISCLOSED and _NEW_MEDIA.search(sentence) and not _GOVERNMENT_CHANNEL.search(sentence):
        return OTHER, "new_media_not_disclosure"  # 通过微信公众号……发布信息1096条: work news, not disclosure
    return code, rule


def _narrowest(index: CueIndex, code: str, cand: Candidate, matches: list[Candidate], group: str) -> str:
    """主题宣传活动: a part's cue (主题宣传) overlapping its whole's (宣传活动) names the part."""
    for m in matches:
        part = m.code
        if m.start < cand.end and m.end > cand.start and index.parent_of.get(part) == code \
                and accepts(index, part, group):
            return part
    return code


def _mixed_publicity(index: CueIndex, code: str, matches: list[Candidate], clause: str, group: str) -> str:
    """举办法治讲座、悬挂横幅、发放资料等40余场: a list of different forms of publicity
    counted together is a count of publicity events."""
    if code not in PUBLICITY_FAMILY or "、" not in clause or not accepts(index, PUBLICITY_EVENTS, group):
        return code
    named = {m.code for m in matches} & PUBLICITY_FAMILY
    return PUBLICITY_EVENTS if len(named) >= 2 else code


def _carried(c: Clause, index: CueIndex, previous: Previous | None) -> str | None:
    """培训4场次，覆盖380余人次: people counted right after sessions attended them."""
    if previous is None or c.group not in ("人次", "人") or c.q.start - previous.q.end >= 30:
        return None
    carried = {OFFICIAL_TRAINING: TRAINING_PARTICIPANTS, LEADERSHIP_STUDY: TRAINING_PARTICIPANTS}
    code = carried.get(previous.code)
    if code is None and previous.code.startswith(("publicity_", "law_into", "legal_lectures")):
        staff = _STAFF_SUBJECTS.search(c.text, previous.q.end, c.q.start)
        code = TRAINING_PARTICIPANTS if staff else PUBLICITY_AUDIENCE
    return code if code and accepts(index, code, c.q.unit) else None


# ------------------------------------------------------------------------ 3. the evidence: not this period's level
_CHANGE_BEFORE = re.compile(r"(?:同比|环比|较上年|较去年|比上年|比去年|较20\d\d年|与上年相比|与去年相比)")
_CHANGE_VERB = re.compile(r"(?:下降|减少|增加|增长|上升|提高|降低|提升|回落|增多)了?(?:约|近)?$")
_LAST_YEAR = re.compile(r"上年|去年|上一年|前一年|上年度")
_SINCE = re.compile(r"以来|至今|至20\d\d")
_ONE_PARTY = re.compile(r"(?:[一某](?:家|个|名|户|位|辆)?|该)[\u4e00-\u9fff]{0,4}"
                        r"(?:公司|企业|商户|店铺|门店|餐馆|饭店|工地|当事人|男子|女子|车主|司机|经营者|业主)")


def not_a_level(c: Clause) -> tuple[str, str] | None:
    """Numbers that state no level of the report's period, whatever their cue: (rule, the words that say so).

    A change on last year (同比下降30%, 行政处罚下降22件, 比去年增加1件), last year's figure (2023年……147起 in a
    2024 report, 上年结转申请1件), one party's case (一建筑公司……被处以3万元罚款).
    """
    before = c.text[c.start : c.q.start]
    sentence = c.text[c.sentence_start : c.q.start]
    m = _CHANGE_BEFORE.search(before) or _CHANGE_VERB.search(before)
    if m:
        return "change", m.group()
    m = _LAST_YEAR.search(before)
    if m and not _SINCE.search(before, m.end()):
        return "last_year", m.group()
    year = c.reading.year
    m = re.match(r"\s*(20\d\d)年(?:度)?(?!以来|至)", before)
    if year is not None and m and int(m.group(1)) < year and not _SINCE.search(before):
        return "earlier_year", m.group().strip()
    m = _ONE_PARTY.search(sentence)
    if m:
        return "one_party", m.group()
    return None


# ------------------------------------------------------------------------------------ 3. the evidence: whose study
# Study sessions follow the labelling rules: the Party committee's or leadership's study -> leadership study, cadres'
# and staff's study or training -> official training, discussions and self-study -> other. Who studied is read from
# the subject: in the clause, then across a list the clause continues, the sentence, the sentence before.
_LEADERSHIP_SUBJECTS = re.compile(r"中心组|班子|党委(?!.{0,3}干部)|党工委|常务会|领导干部|党政领导")
_LEADERSHIP_ACTIVITIES = re.compile(r"会前学法|会议前")  # an activity of the leadership, when no one else is named
_STAFF_SUBJECTS = re.compile(r"(?<!领导)干部|职工|公职人员|工作人员|执法人员|全体|例会|党员")
_NOT_STUDY_SIGNS = re.compile(r"党校|村\(社区\)|村（社区）|各村|基层党组织")
# What makes a study session general political study (other) rather than law study (the catalog's): what was
# studied, when the sentences around name it: speeches, plenary sessions, theory, with no law among them.
_LAW_STUDIED = re.compile(r"法|条例|规章|规定")
_POLITICAL_STUDIED = re.compile(r"讲话|精神|治国理政|党史|党章|二十大|全会|理论(?!学习中心组)|重要指示|批示|思想")
_GENERIC_STUDY = frozenset({"学习", "集中学习", "集体学习", "专题学习", "学习研究", "研究学习", "领学"})
_STUDY_MEETING = re.compile(r"(?:学法|学习)$")
_OTHER_STUDY_SIGNS = re.compile(r"第一议题|读书班|自学|联组学习")
_SCREENED_ONLY = re.compile(r"排查|摸排")
_SETTLED = re.compile(r"化解|调处|调解(?!组织|委员会|室|员)|处理|处置|办结|解决")


def _study_code(code: str, c: Clause, clause: str, cue_pos: int, word: str = "") -> tuple[str, str]:
    group = c.group
    if group in ("人次", "人"):
        if code != LEADERSHIP_STUDY or "培训" in clause:
            return TRAINING_PARTICIPANTS, "study_people"
        return OTHER, "study_people"
    if group != "次" or code == TRAINING_PARTICIPANTS:
        return OTHER, "study_unit"
    if _OTHER_STUDY_SIGNS.search(clause):
        return OTHER, "study_other_kind"
    if "培训" in clause:
        return OFFICIAL_TRAINING, "study_training"
    if _NOT_STUDY_SIGNS.search(clause):
        return OTHER, "study_other_kind"
    around = _around(c)
    if word in _GENERIC_STUDY and _POLITICAL_STUDIED.search(around) and not _LAW_STUDIED.search(around):
        return OTHER, "political_study"  # 学习《治国理政》26次: general political study, not law study
    whose = _subject(clause)
    if whose is None and c.text[c.start : c.start + 1] == "、":  # a list's later item: the list's subject
        whose = _subject(c.text[start_of_clause(c.text, c.start) : c.q.start])
    if whose is not None:
        return whose, "study_subject"
    if _LEADERSHIP_ACTIVITIES.search(clause):
        return LEADERSHIP_STUDY, "study_subject"
    if code != STUDY:
        return code, "closest_cue"
    if c.heading and _LEADERSHIP_SUBJECTS.search(c.heading):
        return LEADERSHIP_STUDY, "study_heading"
    sentence = c.text[start_of_sentence(c.text, cue_pos) : cue_pos]
    leader, staff = _LEADERSHIP_SUBJECTS.search(sentence), _STAFF_SUBJECTS.search(sentence)
    if leader or staff:  # a sentence naming both is the leadership's (党委中心组学习内容和公职人员学法内容)
        return (LEADERSHIP_STUDY if leader else OFFICIAL_TRAINING), "study_sentence"
    # 开展专题学习4次，实现乡、村干部学习全覆盖: the audience the sentence names after the number
    if _subject(c.text[c.q.end : _sentence_end(c.text, c.q.end)]) == OFFICIAL_TRAINING:
        return OFFICIAL_TRAINING, "study_audience"
    paragraph_start = line_start(c.text, c.sentence_start)
    earlier = c.text[start_of_sentence(c.text, max(paragraph_start, c.sentence_start - 1)) : c.sentence_start]
    if paragraph_start < c.sentence_start and _subject(earlier) == OFFICIAL_TRAINING:
        return OFFICIAL_TRAINING, "study_previous_sentence"
    return LEADERSHIP_STUDY, "study_default"


def _around(c: Clause) -> str:
    """The sentence of the number and the sentence before it, in the same paragraph."""
    paragraph_start = line_start(c.text, c.sentence_start)
    start = start_of_sentence(c.text, max(paragraph_start, c.sentence_start - 1))
    return c.text[max(start, paragraph_start) : _sentence_end(c.text, c.q.end)]


def _sentence_end(text: str, pos: int) -> int:
    ends = [i for i in (text.find(ch, pos, pos + 300) for ch in "。；;！？!?\n") if i >= 0]
    return min(ends) if ends else min(len(text), pos + 300)


def _subject(span: str) -> str | None:
    """Whose study a span names: the subject nearest the study word, when the span names one."""
    leader = [m.start() for m in _LEADERSHIP_SUBJECTS.finditer(span)]
    staff = [m.start() for m in _STAFF_SUBJECTS.finditer(span)]
    if not leader and not staff:
        return None
    return LEADERSHIP_STUDY if max(leader, default=-1) > max(staff, default=-1) else OFFICIAL_TRAINING


# ------------------------------------------------------------------------------- 3. the evidence: part or total
_TOTAL_WORDS = (re.compile(r"(?<!公)共(?!同|享|建|治|赢|识|性|产)|累计|总计|合计|总数|总额|总量"), re.compile("全年"))
_PART_WORDS = re.compile(r"其中|包括|包含")
_PART_REACH = 1000  # characters: a list of parts is some tens of items at most


def role_of(c: Clause) -> tuple[Role, str | None, int | None]:
    """A stated total (共/累计/合计/总数/总额), a part of one (其中, 包括), or neither: (role, words, where).

    The part's marker may open a list several clauses or ；-items earlier (其中，普通程序27卷，简易程序97卷; 其中：
    组织机构类信息5条；……), or open the sentence (……申请12件。其中：当面申请4件): it reaches back to the last 。.
    """
    # 其中：A 5条；B 19条；…, at most _PART_REACH back (from the text's start, every number of a long text
    # without a full stop read it all again: quadratic)
    window = max(0, c.q.start - _PART_REACH)
    scope = max(c.text.rfind("。", window, c.q.start), c.text.rfind("\n", window, c.q.start)) + 1 or window
    part = None
    for m in _PART_WORDS.finditer(c.text, scope, c.q.start):
        part = m
    if part is not None:
        return "part", part.group(), part.start()
    for words in _TOTAL_WORDS:  # 全年共受理: 共 says total more plainly than 全年
        total = words.search(c.text, c.start, c.q.start)
        if total is not None:
            return "total", total.group(), total.start()
    return "plain", None, None
