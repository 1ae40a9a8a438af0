"""Give each quantity its indicator, its quote and its place in the report.

The indicator comes from the words before the number within its clause: the catalog
cue that ends closest to the number wins (the longest on a tie). Words that name a
different kind of count (meetings, discussions, rates, lists) also compete and, when
they are closest, keep the number "other". When nothing precedes, the words after the
measure word are read (组织45场法治宣传活动). Study sessions follow the labelling rules:
the Party committee's or leadership's study -> leadership_law_study_sessions, cadres'
and staff's study or training -> official_training_sessions, discussions and
self-study -> other.
"""

from __future__ import annotations

import re

from core.catalog import OTHER, Catalog
from core.records import Document, Heading, Quantity, Statistic, heading_path
from extractors.grammar.clauses import end_of_clause, start_of_clause, start_of_sentence, table_label
from extractors.grammar.cues import BLOCK, PEOPLE_WORDS, STUDY, UNIT_GROUP, CueIndex, accepts, cue_index, cues_in
from extractors.grammar.period import fallback_headings, future_spans, is_target, other_year_column
from extractors.grammar.softbreaks import SOFT, soft_view

LEADERSHIP_STUDY = "leadership_law_study_sessions"
OFFICIAL_TRAINING = "official_training_sessions"
TRAINING_PARTICIPANTS = "official_training_participants"
MAJOR_INCIDENTS = "major_incidents"
PUBLICITY_AUDIENCE = "publicity_audience"
PUBLICITY_EVENTS = "publicity_events"
DISPUTES_MEDIATED = "disputes_mediated"
_SCREENED_ONLY = re.compile(r"排查|摸排")
_SETTLED = re.compile(r"化解|调处|调解(?!组织|委员会|室|员)|处理|处置|办结|解决")
# Forms of publicity: a list naming several of them sums up publicity events.
PUBLICITY_FAMILY = frozenset({
    PUBLICITY_EVENTS, "publicity_campaigns", "law_into_communities_events", "law_into_schools_enterprises_events",
    "legal_lectures", "publicity_materials", "publicity_banners_posters", "online_publicity_posts",
})
# Staff and leadership, the two kinds of people whose study the catalog counts.
_LEADERSHIP_SIGNS = re.compile(r"中心组|班子|党委(?!.{0,3}干部)|党工委|会前学法|会议前|常务会|领导干部")
_STAFF_SIGNS = re.compile(r"(?<!领导)干部|职工|公职人员|工作人员|执法人员|全体|例会|党员")
_NOT_STUDY_SIGNS = re.compile(r"党校|村\(社区\)|村（社区）|各村")
_STUDY_MEETING = re.compile(r"(?:学法|学习)$")
_OTHER_STUDY_SIGNS = re.compile(r"第一议题|读书班|自学|联组学习")


_MAX_QUOTE = 48
_QUOTE_LEAD = re.compile(r"(?:(?:20\d\d年(?:度|以来)?|今年以来|一年来)[，,]?|并|同时)(?=\S)")
_NO_INCIDENT = re.compile(r"(?:未发生|没有发生|未出现|无(?![论法需须]))")




def classify(doc: Document, quantities: list[Quantity], catalog: Catalog, year: int | None = None) -> list[Statistic]:
    """One Statistic per quantity that states the report's period (next year's targets are dropped)."""
    index = cue_index(catalog)
    text = soft_view(doc.text)
    headings = doc.headings or fallback_headings(text)
    future = future_spans(text, headings)
    out: list[Statistic] = []
    previous: tuple[Quantity, str] | None = None
    for q in quantities:
        if any(a <= q.start < b for a, b in future) or is_target(text, q, year) or other_year_column(text, q, year):
            continue
        clause_start = start_of_clause(text, q.start)
        if table_label(text, q.start, q.end) is not None:
            clause_start = text.rfind("\n", 0, q.start) + 1
        if previous and previous[0].end > clause_start and previous[0].end <= q.start:
            clause_start = previous[0].end
        path = heading_path(headings, q.start)
        code, cue_start = _indicator(text, q, clause_start, index, previous, "".join(path))
        start, end = _quote_span(text, q, clause_start, cue_start)
        out.append(_statistic(doc, path, q, code, start, end))
        previous = (q, code)
    zero = _no_incident(doc, headings, catalog, future)
    if zero is not None:
        out.append(zero)
    out.sort(key=lambda s: s.start)
    return out


def _statistic(doc: Document, path: tuple[str, ...], q: Quantity, code: str, start: int, end: int) -> Statistic:
    return Statistic(indicator=code, value=q.value, unit=q.unit, qualifier=q.qualifier, quote=doc.text[start:end],
                     start=start, end=end, page=doc.page_at(q.start), heading_path=path, ocr=doc.ocr)


_TRAILING_ASIDE = re.compile(r"[（(][^（）()]{1,10}[）)]\s*$")


def _indicator(text: str, q: Quantity, clause_start: int, index: CueIndex, previous: tuple[Quantity, str] | None,
               heading: str = "") -> tuple[str, int | None]:
    """The indicator code and where its cue starts (None when no cue named it)."""
    before = text[clause_start : q.start]
    cell = table_label(text, q.start, q.end)
    if cell is not None:
        before = cell
    aside = _TRAILING_ASIDE.search(before)
    if aside:  # 法治示范村（社区）3个: the parenthesis qualifies the noun; the cue stands before it
        before = before[: aside.start()]
    group = UNIT_GROUP.get(q.unit, q.unit)
    matches = cues_in(index, before)
    matches.sort(key=lambda m: (m[1], m[1] - m[0]), reverse=True)
    for s, e, word in matches:
        if index.code_of[word] == BLOCK and any(e2 == s and index.code_of[w2] not in (BLOCK, STUDY)
                                                for _s2, e2, w2 in matches):
            continue  # 重大决策事项: the generic word is the head noun of the cue right before it
        code = _resolve(index, word, group, before, text, clause_start + s, heading)
        if code is not None:
            code = _narrowest(index, code, (s, e), matches, group)
            return _mixed_publicity(index, code, matches, before, group), clause_start + s
    after_end = end_of_clause(text, q.end)
    # 完成25件重大事项与规范性文件法制审核: the head noun, and so the cue, comes last;
    # 52名机关人员学习: people are the head noun, what they did follows
    after = cues_in(index, text[q.end : after_end])
    after.sort(key=lambda m: (m[0], -(m[1] - m[0])), reverse=group not in ("人", "人次"))
    # a generic study word (学法) names less than a catalog cue after it (学法用法考试)
    after.sort(key=lambda m: index.code_of[m[2]] == STUDY)
    for s, _e, word in after:
        code = _resolve(index, word, group, text[clause_start:after_end], text, q.end + s, heading)
        if code is not None:
            return code, None
    if previous and group in ("人次", "人") and q.start - previous[0].end < 30:
        # 培训4场次，覆盖380余人次: people counted right after sessions attended them
        carried = {OFFICIAL_TRAINING: TRAINING_PARTICIPANTS, LEADERSHIP_STUDY: TRAINING_PARTICIPANTS}
        code = carried.get(previous[1])
        if code is None and previous[1].startswith(("publicity_", "law_into", "legal_lectures")):
            staff = _STAFF_SIGNS.search(text, previous[0].end, q.start)
            code = TRAINING_PARTICIPANTS if staff else PUBLICITY_AUDIENCE
        if code and accepts(index, code, group):
            return code, None
    return OTHER, None








def _mixed_publicity(index: CueIndex, code: str, matches: list[tuple[int, int, str]], clause: str,
                     group: str) -> str:
    """举办法治讲座、悬挂横幅、发放资料等40余场: a list of different forms of publicity
    counted together is a count of publicity events."""
    if code not in PUBLICITY_FAMILY or "、" not in clause or not accepts(index, PUBLICITY_EVENTS, group):
        return code
    named = {index.code_of[w] for _s, _e, w in matches} & PUBLICITY_FAMILY
    return PUBLICITY_EVENTS if len(named) >= 2 else code


def _narrowest(index: CueIndex, code: str, span: tuple[int, int], matches: list[tuple[int, int, str]],
               group: str) -> str:
    """主题宣传活动: a part's cue (主题宣传) overlapping its whole's (宣传活动) names the part."""
    for s, e, word in matches:
        part = index.code_of[word]
        if s < span[1] and e > span[0] and index.parent_of.get(part) == code and accepts(index, part, group):
            return part
    return code




def _resolve(index: CueIndex, word: str, group: str, clause: str, text: str, cue_pos: int,
             heading: str = "") -> str | None:
    """The code a cue gives this quantity, OTHER for a blocking word, None to read the next cue."""
    code = index.code_of[word]
    if code == BLOCK and word == "会议" and _STUDY_MEETING.search(text, max(0, cue_pos - 4), cue_pos):
        code = STUDY  # 中心组学法会议: a meeting held to study is a study session
    if code == BLOCK:
        # 培训执法人员56名: for a count of people, the people it names are what is counted, not a kind of count
        return None if group in ("人", "人次") and word in PEOPLE_WORDS else OTHER
    if code in (STUDY, LEADERSHIP_STUDY, OFFICIAL_TRAINING, TRAINING_PARTICIPANTS):
        code = _study_code(code, group, clause, text, cue_pos, heading)
        if code == OTHER:
            return OTHER
    if code == DISPUTES_MEDIATED and _SCREENED_ONLY.search(clause) and not _SETTLED.search(clause):
        return OTHER  # 排查矛盾纠纷120起 counts disputes found, not disputes settled
    return code if accepts(index, code, group) else None


def _study_code(code: str, group: str, clause: str, text: str, cue_pos: int, heading: str) -> str:
    if group in ("人次", "人"):
        return TRAINING_PARTICIPANTS if code != LEADERSHIP_STUDY or "培训" in clause else OTHER
    if group != "次":
        return OTHER
    if code == TRAINING_PARTICIPANTS:
        return OTHER
    if _OTHER_STUDY_SIGNS.search(clause):
        return OTHER
    if "培训" in clause:
        return OFFICIAL_TRAINING
    if _NOT_STUDY_SIGNS.search(clause):
        return OTHER
    leader, staff = _LEADERSHIP_SIGNS.search(clause), _STAFF_SIGNS.search(clause)
    if leader and not staff:
        return LEADERSHIP_STUDY
    if staff and not leader:
        return OFFICIAL_TRAINING
    if leader and staff:
        return LEADERSHIP_STUDY if leader.start() > staff.start() else OFFICIAL_TRAINING
    if code != STUDY:
        return code
    if heading and _LEADERSHIP_SIGNS.search(heading):
        return LEADERSHIP_STUDY
    sentence = text[start_of_sentence(text, cue_pos) : cue_pos]
    leader, staff = _LEADERSHIP_SIGNS.search(sentence), _STAFF_SIGNS.search(sentence)
    if staff and not leader:
        return OFFICIAL_TRAINING
    return LEADERSHIP_STUDY










def _quote_span(text: str, q: Quantity, clause_start: int, cue_start: int | None) -> tuple[int, int]:
    """The clause from its start (or the cue) to the measure word, as a clerk would quote it."""
    start = clause_start
    while start < q.start and (text[start].isspace() or text[start] in "、，,；;（(“" or text[start] == SOFT):
        start += 1
    lead = _QUOTE_LEAD.match(text, start, q.start)
    if lead:
        start = lead.end()  # 2024年以来，并: when and how, not what was counted
    if q.end - start > _MAX_QUOTE:
        start = cue_start if cue_start is not None and q.end - cue_start <= _MAX_QUOTE else q.start
    end = q.end
    nxt = text[q.end : q.end + 1]
    if start == q.start or (nxt and "\u4e00" <= nxt <= "\u9fff"):
        # 组织32场专题法治宣传活动: the number comes before what it counts, so quote on to the clause's end
        stop = text.find("、", q.end, q.end + _MAX_QUOTE)
        end = min(end_of_clause(text, q.end), q.start + _MAX_QUOTE, stop if stop >= 0 else len(text))
        end = max(end, q.end)
    return start, end










def _no_incident(doc: Document, headings: tuple[Heading, ...], catalog: Catalog,
                 future: list[tuple[int, int]]) -> Statistic | None:
    """全年未发生重大安全事故: the report states zero major incidents."""
    ind = catalog.get(MAJOR_INCIDENTS)
    if ind is None or not ind.cues:
        return None
    text = doc.text
    cues = "|".join(re.escape(c) for c in sorted(ind.cues, key=len, reverse=True))
    pattern = re.compile(rf"{_NO_INCIDENT.pattern}[^，,。；;\n]{{0,20}}?(?:{cues})")
    for m in pattern.finditer(text):
        if any(a <= m.start() < b for a, b in future):
            continue
        start = start_of_clause(text, m.start())
        while start < m.start() and text[start].isspace():
            start += 1
        if m.end() - start > _MAX_QUOTE:
            start = m.start()
        return Statistic(indicator=MAJOR_INCIDENTS, value=0.0, unit=ind.unit or "起", qualifier="exact",
                         quote=text[start : m.end()], start=start, end=m.end(), page=doc.page_at(start),
                         heading_path=heading_path(headings, start), ocr=doc.ocr)
    return None
