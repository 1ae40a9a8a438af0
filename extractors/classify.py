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
from dataclasses import dataclass
from functools import lru_cache

from extractors.softbreaks import SOFT as _SOFT
from extractors.softbreaks import soft_view
from township_rollup.catalog import OTHER, Catalog
from township_rollup.records import Document, Heading, Quantity, Statistic

LEADERSHIP_STUDY = "leadership_law_study_sessions"
OFFICIAL_TRAINING = "official_training_sessions"
TRAINING_PARTICIPANTS = "official_training_participants"
MAJOR_INCIDENTS = "major_incidents"
PUBLICITY_AUDIENCE = "publicity_audience"
PUBLICITY_EVENTS = "publicity_events"
DISPUTES_MEDIATED = "disputes_mediated"
_SCREENED_ONLY = re.compile(r"排查|摸排|受理|收到")
_SETTLED = re.compile(r"化解|调处|调解(?!组织|委员会|室|员)|处理|处置|办结|解决")
# Forms of publicity: a list naming several of them sums up publicity events.
PUBLICITY_FAMILY = frozenset({
    PUBLICITY_EVENTS, "publicity_campaigns", "law_into_communities_events", "law_into_schools_enterprises_events",
    "legal_lectures", "publicity_materials", "publicity_banners_posters", "online_publicity_posts",
})
_STUDY = "@study"  # a generic study word; the study rules decide whose study it was
_BLOCK = "@other"  # a word naming a kind of count the catalog does not hold

# Generic words for study; which indicator they mean depends on who studied.
STUDY_WORDS: tuple[str, ...] = (
    "学法", "学习", "培训", "专题辅导", "集中学习", "集体学习", "专题学习", "领学", "学法活动",
)
# Counts of things the catalog does not hold: when such a word is closest, the number stays "other".
OTHER_WORDS: tuple[str, ...] = (
    "研讨", "读书班", "读书会", "第一议题", "自学", "联组学习", "学习会", "党课", "会议", "党委会", "党工委会",
    "办公会", "例会", "联席会", "专题会", "研判会", "督导", "督查", "调研", "走访", "意见", "建议", "诉求",
    "覆盖率", "参考率", "合格率", "通过率", "满意率", "持证率", "参训率", "参加率", "推广率", "参与率",
    "占比", "权重", "事项", "清单", "执法人员", "执法队员", "工作人员", "公职人员", "在编", "队员",
    "企业", "经营户", "观察点", "服务站", "工作站", "评查", "考核", "领域", "问题", "村委会",
    "嘎查村", "村(社区)", "村（社区）", "社区", "课时", "业务", "好差评", "满意", "简易程序", "一般程序",
    "出具", "回函", "派驻", "配备", "持有", "通报", "整改", "研究", "审议",
)
PEOPLE_WORDS = frozenset({"执法人员", "执法队员", "工作人员", "公职人员", "在编", "队员"})
# Staff and leadership, the two kinds of people whose study the catalog counts.
_LEADERSHIP_SIGNS = re.compile(r"中心组|班子|党委(?!.{0,3}干部)|党工委|会前学法|会议前|常务会|领导干部")
_STAFF_SIGNS = re.compile(r"(?<!领导)干部|职工|公职人员|工作人员|执法人员|全体|例会|党员")
_NOT_STUDY_SIGNS = re.compile(r"党校|村\(社区\)|村（社区）|各村")
_OTHER_STUDY_SIGNS = re.compile(r"第一议题|读书班|自学|联组学习")
_PEOPLE_UNITS = frozenset({"人", "名", "位", "人次"})

# Canonical unit of an indicator -> measure words it accepts (次 and 场 both count sessions).
_UNIT_GROUP: dict[str, str] = {
    "次": "次", "场": "次", "场次": "次", "期": "次", "堂": "次", "轮": "次", "批次": "次", "批": "次", "课": "次",
    "人次": "人次", "人": "人", "名": "人", "位": "人", "户": "户",
    "份": "份", "册": "份", "本": "份", "张": "份", "套": "份",
    "件": "件", "宗": "件", "起": "件", "例": "件", "单": "件", "件次": "件", "户次": "户",
    "条": "条", "篇": "条", "则": "条", "幅": "条", "块": "条",
    "个": "个", "处": "个", "家": "个", "所": "个", "项": "项", "元": "元", "%": "%",
}
_ACCEPTS: dict[str, frozenset[str]] = {
    "次": frozenset({"次"}),
    "人次": frozenset({"人次", "人"}),
    "人": frozenset({"人", "人次"}),
    "份": frozenset({"份"}),
    "条": frozenset({"条", "份"}),
    "件": frozenset({"件", "项", "次", "份"}),
    "个": frozenset({"个"}),
    "项": frozenset({"项", "件"}),
    "元": frozenset({"元"}),
    "%": frozenset({"%"}),
}

_CLAUSE_BREAKS = "，,。；;：:！？!?\n\t"
_SENTENCE_BREAKS = "。；;！？!?\n"
_MAX_QUOTE = 48
_QUOTE_LEAD = re.compile(r"(?:(?:20\d\d年(?:度|以来)?|今年以来|一年来)[，,]?|并|同时)(?=\S)")
_NO_INCIDENT = re.compile(r"(?:未发生|没有发生|未出现|无(?![论法需须]))")
_HEADING_LINE = re.compile(
    r"^\s*(?:([一二三四五六七八九十]+)、|[（(]([一二三四五六七八九十]+)[)）]|(\d+)[.．、](?!\d))")
_TARGET = re.compile(r"(?:(?<![按照据定法度作工])计划|拟|力争|争取|预计|目标为|目标是)[^，,。；;\n]{0,12}?"
                     r"(?:开展|举办|组织|完成|实现|达到|达|召开|发放|培训|新增|建成|建设|打造|覆盖)")
_LAST_YEAR = re.compile(r"(?:去年|上年|上一年)同期")
_CHANGE = re.compile(r"[增减升降]|提高|比")
_FUTURE_HEADING = re.compile(r"下一步|下步|工作计划|工作打算|工作思路|工作安排|明年|来年|今后")


@dataclass(frozen=True)
class CueIndex:
    """All cues of a catalog in one regex, built once per catalog."""

    pattern: re.Pattern[str]
    overlapping: re.Pattern[str]  # the longest cue starting at each position
    code_of: dict[str, str]
    unit_of: dict[str, str]
    parent_of: dict[str, str]


@lru_cache(maxsize=16)
def cue_index(catalog: Catalog) -> CueIndex:
    code_of: dict[str, str] = {}
    for word in OTHER_WORDS:
        code_of[word] = _BLOCK
    for word in STUDY_WORDS:
        code_of[word] = _STUDY
    for ind in catalog.indicators:
        for cue in ind.cues:
            code_of[cue] = ind.code
    words = sorted(code_of, key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(w) for w in words))
    unit_of = {ind.code: ind.unit for ind in catalog.indicators}
    overlapping = re.compile("(?=(" + pattern.pattern + "))")
    parent_of = {ind.code: ind.parent for ind in catalog.indicators if ind.parent}
    return CueIndex(pattern, overlapping, code_of, unit_of, parent_of)


def classify(doc: Document, quantities: list[Quantity], catalog: Catalog, year: int | None = None) -> list[Statistic]:
    """One Statistic per quantity that states the report's period (next year's targets are dropped)."""
    index = cue_index(catalog)
    text = soft_view(doc.text)
    headings = doc.headings or _headings(text)
    future = _future_spans(text, headings)
    out: list[Statistic] = []
    previous: tuple[Quantity, str] | None = None
    for q in quantities:
        if any(a <= q.start < b for a, b in future) or _is_target(text, q, year) or _other_year_column(text, q, year):
            continue
        clause_start = _clause_start(text, q.start)
        if _table_context(text, q) is not None:
            clause_start = text.rfind("\n", 0, q.start) + 1
        if previous and previous[0].end > clause_start and previous[0].end <= q.start:
            clause_start = previous[0].end
        path = _heading_path(headings, q.start)
        code, cue_start = _indicator(text, q, clause_start, index, previous, "".join(path))
        start, end = _quote_span(text, q, clause_start, cue_start)
        out.append(_statistic(doc, headings, q, code, start, end))
        previous = (q, code)
    zero = _no_incident(doc, headings, catalog, future)
    if zero is not None:
        out.append(zero)
    out.sort(key=lambda s: s.start)
    return out


def _statistic(doc: Document, headings: tuple[Heading, ...], q: Quantity, code: str, start: int,
               end: int) -> Statistic:
    return Statistic(indicator=code, value=q.value, unit=q.unit, qualifier=q.qualifier, quote=doc.text[start:end],
                     start=start, end=end, page=doc.page_at(q.start), heading_path=_heading_path(headings, q.start),
                     ocr=doc.ocr)


def _indicator(text: str, q: Quantity, clause_start: int, index: CueIndex, previous: tuple[Quantity, str] | None,
               heading: str = "") -> tuple[str, int | None]:
    """The indicator code and where its cue starts (None when no cue named it)."""
    before = text[clause_start : q.start]
    cell = _table_context(text, q)
    if cell is not None:
        before = cell
    group = _UNIT_GROUP.get(q.unit, q.unit)
    matches = _cues_in(index, before)
    matches.sort(key=lambda m: (m[1], m[1] - m[0]), reverse=True)
    for s, e, word in matches:
        code = _resolve(index, word, group, before, text, clause_start + s, heading, q.start)
        if code is not None:
            code = _narrowest(index, code, (s, e), matches, group)
            return _mixed_publicity(index, code, matches, before, group), clause_start + s
    after_end = _clause_end(text, q.end)
    # 完成31件重大决策与规范性文件法制审核: the head noun, and so the cue, comes last;
    # 47名公职人员学习: people are the head noun, what they did follows
    after = _cues_in(index, text[q.end : after_end])
    after.sort(key=lambda m: (m[0], -(m[1] - m[0])), reverse=group not in ("人", "人次"))
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
        if code and _accepts(index, code, group):
            return code, None
    return OTHER, None


def _table_context(text: str, q: Quantity) -> str | None:
    """A value cell is named by its row's label cell (and its column's header when the label says nothing)."""
    line_start = text.rfind("\n", 0, q.start) + 1
    line_end = text.find("\n", q.end)
    line = text[line_start : len(text) if line_end < 0 else line_end]
    if "\t" not in line:
        return None
    label = line.split("\t", 1)[0]
    if line_start + len(label) >= q.start:
        return None  # the number is in the label cell itself: prose
    return label


def _column_header(text: str, q: Quantity) -> str:
    """The header cell above a value cell: the first row of the run of tab-separated lines."""
    line_start = text.rfind("\n", 0, q.start) + 1
    column = text.count("\t", line_start, q.start)
    first = line_start
    while first > 0:
        prev_start = text.rfind("\n", 0, first - 1) + 1
        if "\t" not in text[prev_start : first - 1]:
            break
        first = prev_start
    if first == line_start:
        return ""
    header = text[first : text.find("\n", first)].split("\t")
    return header[column] if column < len(header) else ""


def _other_year_column(text: str, q: Quantity, year: int | None) -> bool:
    """A table column headed 2022年 or 上年 in a 2023 report holds last year's figures."""
    if year is None or _table_context(text, q) is None:
        return False
    header = _column_header(text, q)
    m = re.search(r"(20\d\d)\s*年", header)
    return bool(m and int(m.group(1)) != year) or bool(re.search(r"上年|去年|同期", header))


def _mixed_publicity(index: CueIndex, code: str, matches: list[tuple[int, int, str]], clause: str,
                     group: str) -> str:
    """举办法治宣讲、发放宣传资料、设置展板等30余场次: a list of different forms of publicity
    counted together is a count of publicity events."""
    if code not in PUBLICITY_FAMILY or "、" not in clause or not _accepts(index, PUBLICITY_EVENTS, group):
        return code
    named = {index.code_of[w] for _s, _e, w in matches} & PUBLICITY_FAMILY
    return PUBLICITY_EVENTS if len(named) >= 2 else code


def _narrowest(index: CueIndex, code: str, span: tuple[int, int], matches: list[tuple[int, int, str]],
               group: str) -> str:
    """主题宣传活动: a part's cue (主题宣传) overlapping its whole's (宣传活动) names the part."""
    for s, e, word in matches:
        part = index.code_of[word]
        if s < span[1] and e > span[0] and index.parent_of.get(part) == code and _accepts(index, part, group):
            return part
    return code


def _cues_in(index: CueIndex, span: str) -> list[tuple[int, int, str]]:
    """Every cue in `span`, overlapping ones included (法治宣传单 holds 法治宣传 and 宣传单).

    Soft breaks (see `soft_view`) are read through: 专题培\n训 still holds 培训.
    """
    if _SOFT not in span:
        return [(m.start(), m.start() + len(m.group(1)), m.group(1)) for m in index.overlapping.finditer(span)]
    where = [i for i, ch in enumerate(span) if ch != _SOFT]
    squeezed = span.replace(_SOFT, "")
    return [(where[m.start()], where[m.start() + len(m.group(1)) - 1] + 1, m.group(1))
            for m in index.overlapping.finditer(squeezed)]


def _resolve(index: CueIndex, word: str, group: str, clause: str, text: str, cue_pos: int,
             heading: str = "", q_start: int = 0) -> str | None:
    """The code a cue gives this quantity, OTHER for a blocking word, None to read the next cue."""
    code = index.code_of[word]
    if code == _BLOCK:
        # 培训执法人员56名: for a count of people, the people it names are what is counted, not a kind of count
        return None if group in ("人", "人次") and word in PEOPLE_WORDS and cue_pos < q_start else OTHER
    if code in (_STUDY, LEADERSHIP_STUDY, OFFICIAL_TRAINING, TRAINING_PARTICIPANTS):
        code = _study_code(code, group, clause, text, cue_pos, heading)
        if code == OTHER:
            return OTHER
    if code == DISPUTES_MEDIATED and _SCREENED_ONLY.search(clause) and not _SETTLED.search(clause):
        return OTHER  # 排查矛盾纠纷186起 counts disputes found, not disputes settled
    return code if _accepts(index, code, group) else None


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
    if code != _STUDY:
        return code
    if heading and _LEADERSHIP_SIGNS.search(heading):
        return LEADERSHIP_STUDY
    sentence = text[_sentence_start(text, cue_pos) : cue_pos]
    leader, staff = _LEADERSHIP_SIGNS.search(sentence), _STAFF_SIGNS.search(sentence)
    if staff and not leader:
        return OFFICIAL_TRAINING
    return LEADERSHIP_STUDY


def _accepts(index: CueIndex, code: str, group: str) -> bool:
    unit = index.unit_of.get(code, "")
    return group in _ACCEPTS.get(_UNIT_GROUP.get(unit, unit), frozenset({unit}))


def _clause_start(text: str, pos: int) -> int:
    window = max(0, pos - 200)
    return max(text.rfind(c, window, pos) for c in _CLAUSE_BREAKS) + 1 or window


def _clause_end(text: str, pos: int) -> int:
    ends = [i for i in (text.find(c, pos, pos + 200) for c in _CLAUSE_BREAKS) if i >= 0]
    return min(ends) if ends else min(len(text), pos + 200)


def _sentence_start(text: str, pos: int) -> int:
    return max(text.rfind(c, max(0, pos - 300), pos) for c in _SENTENCE_BREAKS) + 1


def _quote_span(text: str, q: Quantity, clause_start: int, cue_start: int | None) -> tuple[int, int]:
    """The clause from its start (or the cue) to the measure word, as a clerk would quote it."""
    start = clause_start
    while start < q.start and (text[start].isspace() or text[start] in "、，,；;（(“" or text[start] == _SOFT):
        start += 1
    lead = _QUOTE_LEAD.match(text, start, q.start)
    if lead:
        start = lead.end()  # 2024年以来，并: when and how, not what was counted
    if q.end - start > _MAX_QUOTE:
        start = cue_start if cue_start is not None and q.end - cue_start <= _MAX_QUOTE else q.start
    end = q.end
    nxt = text[q.end : q.end + 1]
    if start == q.start or (nxt and "\u4e00" <= nxt <= "\u9fff"):
        # 组织45场靶向法治宣传活动: the number comes before what it counts, so quote on to the clause's end
        stop = text.find("、", q.end, q.end + _MAX_QUOTE)
        end = min(_clause_end(text, q.end), q.start + _MAX_QUOTE, stop if stop >= 0 else len(text))
        end = max(end, q.end)
    return start, end


def _is_target(text: str, q: Quantity, year: int | None) -> bool:
    """A plan or a past year's figure, not a result of the report's period.

    计划开展10次 / 力争达到95% (a target), 2025年，我镇将... in a 2024 report (next year),
    去年同期5起 (the year before).
    """
    clause = text[_clause_start(text, q.start) : q.start]
    if _TARGET.search(clause) or (_LAST_YEAR.search(clause) and not _CHANGE.search(clause)):
        return True
    if year is None:
        return False
    sentence = text[_sentence_start(text, q.start) : q.start].lstrip()
    m = re.match(r"(20\d\d)年", sentence)
    return bool(m) and int(m.group(1)) > year


def _headings(text: str) -> tuple[Heading, ...]:
    """Heading lines when the reader gave none: 一、 / （一） / 1. at a line start, short lines."""
    out: list[Heading] = []
    pos = 0
    for line in text.split("\n"):
        m = _HEADING_LINE.match(line)
        if m and len(line.strip()) <= 60:
            level = 1 if m.group(1) else 2 if m.group(2) else 3
            out.append(Heading(start=pos, level=level, text=line.strip()))
        pos += len(line) + 1
    return tuple(out)


def _heading_path(headings: tuple[Heading, ...], offset: int) -> tuple[str, ...]:
    path: list[Heading] = []
    for h in headings:
        if h.start > offset:
            break
        while path and path[-1].level >= h.level:
            path.pop()
        path.append(h)
    return tuple(h.text for h in path)


def _future_spans(text: str, headings: tuple[Heading, ...]) -> list[tuple[int, int]]:
    """Sections about next year's work (下一步工作, 2025年工作计划): their numbers are targets."""
    spans: list[tuple[int, int]] = []
    for i, h in enumerate(headings):
        if not _FUTURE_HEADING.search(h.text):
            continue
        end = next((n.start for n in headings[i + 1 :] if n.level <= h.level), len(text))
        spans.append((h.start, end))
    return spans


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
        start = _clause_start(text, m.start())
        while start < m.start() and text[start].isspace():
            start += 1
        if m.end() - start > _MAX_QUOTE:
            start = m.start()
        return Statistic(indicator=MAJOR_INCIDENTS, value=0.0, unit=ind.unit or "起", qualifier="exact",
                         quote=text[start : m.end()], start=start, end=m.end(), page=doc.page_at(start),
                         heading_path=_heading_path(headings, start), ocr=doc.ocr)
    return None
