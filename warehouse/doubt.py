"""Which numbers a clerk should check, and why: the doubt rules, as pure functions.

A statistic is doubtful when what decided it is weak; a table cell (the headline value of a township,
year and indicator) when its statistic is doubtful or its context is odd. Each doubt carries a stable
code and a Chinese sentence a clerk can act on. No database here: `warehouse.review_facts` gathers
the records below from the warehouse, and every caller (the loader, corrections, the review workbook,
the comparison, the calibration benchmark) runs these same functions.

The rules (issue 13), in the order the reasons are listed:

| code | when |
|---|---|
| `report_updated` | a decision on this cell was made on a report a newer one replaced, and did not carry over |
| `ocr` | the number was read by OCR from a scanned page |
| `cue_generic` ... | the evidence is weak: the extractor's `confidence` is below `LOW_CONFIDENCE` (see below) |
| `cue_none` | no words named the indicator (`evidence.place == "none"`) and the confidence is low |
| `role_guessed` | a total or a part without the words that say so (`role` total/part, `evidence.role_by` empty) |
| `study_whose` | a study word (学习) decided a study indicator, and the clause does not say whose study it was |
| `unit_mismatch` | the unit cannot count what the indicator counts (`unit_fits`: 个 for 次, 元 or 批次 for 件) |
| `mentions_disagree` | the report states the indicator several times with values that disagree |
| `validation_warning` | validation warned about the number (e.g. ten times last year's) |
| `far_from_county` | `FAR_FROM_COUNTY` times above or below the median of the county's other townships |
| `far_from_last_year` | `FAR_FROM_LAST_YEAR` times above or below the township's value last year |

Weak evidence is named for what most likely lowered the confidence: `cue_generic` (`evidence.generic`: 学习,
宣传活动, 检查), `cue_after` (`place == "after"`, more than AFTER_NEAR characters after the number),
`cue_distant` (`distance` over DISTANT_CUE), `cue_carried` (`place == "carried"`, from the count before),
`cue_none` (no words named it), else `low_confidence`.

`study_whose`: the labelling rules decide between the leadership's study, the staff's training and general
political study (`other`) by who studied; 累计学习600人次 or 开展学习6次 says only that someone studied. With the
extractor's evidence this is checked whatever the confidence (its rules price a generic cue at 0.7; on the
labelled corpus, 1 of the 4 cells this adds was another kind of study).

`unit_mismatch` asks whether the unit can count the indicator's things at all: kindred units that reports use
for one indicator (人 or 人次 for an audience, 次 or 件 for mediated disputes; `core.units.KINDRED_GROUPS`, as
people or as the group's own word, not 批次 or 场 of petitions) are not doubtful, since the comparison already
keeps a value that does not add up out of totals and rankings (v_headline.unit_fits). On the labelled corpus
(2026-11) every such kindred-unit cell was right.

Evidence the extractor did not fill (reports loaded before it did, or an extractor that leaves the
default `Evidence()`) is derived here from the quote and the catalog's cue words (`derive_evidence`);
without a confidence, each weakness of that evidence (generic, after, distant, none) is then a doubt.
"""

from __future__ import annotations

import functools
import re
import statistics as stats
from collections.abc import Sequence
from dataclasses import dataclass, field

from core.catalog import Catalog, Indicator
from core.records import Evidence
from core.units import compatible, unit_group

# A cue farther than this many characters before its number may name something else in the clause; after
# the number (组织45场普法活动) the noun a measure word counts follows it closely, or not at all.
DISTANT_CUE = 10
AFTER_NEAR = 4
# Below this, the extractor's evidence is weak: its `confidence` is the measured precision of the deciding rule,
# less 0.15 for a generic cue and 0.1 for a distant one (extractors/grammar/indicator.py, RULE_CONFIDENCE).
LOW_CONFIDENCE = 0.7
# A value this many times above or below the median of at least MIN_PEERS other townships.
FAR_FROM_COUNTY = 10.0
MIN_PEERS = 4
# A value this many times above or below last year's; only when either is at least FAR_MIN_VALUE
# (2 lawsuits last year and none this year is normal).
FAR_FROM_LAST_YEAR = 5.0
FAR_MIN_VALUE = 10.0

REPORT_UPDATED = "报告已更新，请重新核对"

# Words naming a family of indicators rather than one: who studied, or which publicity or which
# inspection it was, is decided by other words of the clause. Used only when the extractor did not
# fill `evidence` (it then says `generic` itself).
FAMILY_WORDS: tuple[str, ...] = (
    "学法", "学习", "培训", "集中学习", "集体学习", "专题学习", "学法活动", "专题辅导", "领学",
    "宣传活动", "宣传", "活动", "检查", "行动",
)
# Whose study it was decides between the two study indicators (corpus LABELING rules).
_STUDY_SUBJECT = re.compile(
    r"中心组|班子|党委|党工委|党组(?!织)|领导|会前|常务会|干部|职工|公职人员|工作人员|执法人员|全体|机关")
STUDY_INDICATORS = frozenset({"leadership_law_study_sessions", "official_training_sessions"})
# Indicators a study word can decide, so whose study it was matters: the two study counts and who attended.
WHOSE_STUDY_INDICATORS = STUDY_INDICATORS | {"official_training_participants"}
TRAINING_INDICATORS = frozenset({"official_training_sessions", "official_training_participants"})

_TOTAL_WORDS = re.compile(r"(^|[^公])共|累计|全年|总计|合计|全镇|全乡|全街")
_PART_WORDS = re.compile(r"其中|包括")
# A number as reports write it: Arabic (with , and .) or Chinese numerals, then 余/多 before the unit.
_NUMBER = re.compile(r"[0-9０-９][0-9０-９,，.．]*|[零〇一二两三四五六七八九十百千万亿]+")


@dataclass(frozen=True)
class Doubt:
    code: str  # stable, one of the table in this module's docstring
    reason: str  # in Chinese, for the clerk


@dataclass(frozen=True)
class Mention:
    """One statistic of a current report, as the rules need it (a statistics row)."""

    ordinal: int
    value: float
    unit: str | None
    qualifier: str = "exact"
    quote: str | None = None
    role: str | None = None  # total | part | plain; None when loaded before roles were stored
    confidence: float | None = None  # None: loaded before confidence was stored
    evidence: Evidence | None = None  # None: loaded before evidence was stored
    ocr: bool = False
    warnings: tuple[str, ...] = ()  # validation warnings on this row (their Chinese reasons)
    context: str | None = None  # the words before the quote in its sentence; None when loaded before it was kept

    @property
    def is_part(self) -> bool:
        if self.role is not None and self.role != "plain":
            return self.role == "part"
        return bool(_PART_WORDS.search(self.quote or ""))

    @property
    def is_total(self) -> bool:
        if self.role is not None and self.role != "plain":
            return self.role == "total"
        return bool(_TOTAL_WORDS.search(self.quote or "")) and not self.is_part


@dataclass(frozen=True)
class CellFacts:
    """A table cell: the headline statistic of a township, year and indicator, and its context."""

    township: str
    year: int
    indicator: str
    headline: Mention
    others: tuple[Mention, ...] = ()  # the report's other statements of the same indicator
    peers: tuple[tuple[float, str | None], ...] = ()  # other townships' (value, unit), same county and year
    last_year: tuple[float, str | None] | None = None  # the township's (value, unit) last year
    report_updated: bool = False  # a correction on a replaced report did not carry over to this one
    extra: tuple[Doubt, ...] = field(default=())  # doubts found elsewhere, listed last


def evidence_filled(ev: Evidence | None) -> bool:
    """True when the extractor said what decided the statistic (anything but the default Evidence())."""
    return ev is not None and (bool(ev.rule) or ev.cue is not None or ev.place != "none")


def number_span(quote: str, unit: str | None) -> tuple[int, int] | None:
    """Where the number (with 余/多 and its unit) stands in the quote: the last numeral before the unit.

    None when the quote shows no number (全年未发生重大安全事故 states a zero in words).
    """
    best: tuple[int, int] | None = None
    for m in _NUMBER.finditer(quote):
        end = m.end()
        while end < len(quote) and quote[end] in "余多":
            end += 1
        if unit and quote.startswith(unit, end):
            return (m.start(), end + len(unit))
        if best is None or (unit and unit in quote[end:end + 3]):
            best = (m.start(), end)
    return best


def derive_evidence(mention: Mention, indicator: Indicator | None) -> Evidence:
    """What decided the indicator, read back from the quote when the extractor did not say.

    The cue is the indicator's catalog cue (or, failing that, a family word of FAMILY_WORDS) closest
    before the number, else the first after it; `generic` when only a family word was found, or a
    study word gave a study indicator with no word for who studied. Rule code "quote".
    """
    quote = mention.quote or ""
    span = number_span(quote, mention.unit)
    if indicator is None:
        return Evidence(rule="quote")
    if span is None:  # 全年未发生重大安全事故: a zero stated in words, by the grammar's own rule
        return Evidence(None, "rule", 0, False, "quote_no_number", None)
    start, end = span
    own = [c for c in indicator.cues if c in quote]
    family = [w for w in FAMILY_WORDS if w in quote]
    role_by = _role_words(quote)
    for words, generic in ((own, False), (family, True)):
        before = [(quote.rfind(w, 0, start), w) for w in words if quote.rfind(w, 0, start) >= 0]
        if before:
            pos, word = max(before, key=lambda x: (x[0] + len(x[1]), len(x[1])))
            generic = (generic and not _decided_by_subject(indicator.code, word, quote)) or \
                _study_without_subject(indicator.code, word, quote)
            return Evidence(word, "before", max(0, start - (pos + len(word))), generic, "quote", role_by)
        after = [(quote.find(w, end), w) for w in words if quote.find(w, end) >= 0]
        if after:
            pos, word = min(after)
            generic = (generic and not _decided_by_subject(indicator.code, word, quote)) or \
                _study_without_subject(indicator.code, word, quote)
            return Evidence(word, "after", max(0, pos - end), generic, "quote", role_by)
    if unit_group(mention.unit or "") in ("人", "人次"):
        # 培训4场次，覆盖380余人次: people counted right after a count of sessions attended them
        return Evidence(None, "carried", 0, False, "quote", role_by)
    return Evidence(None, "none", 0, False, "quote", role_by)


def _decided_by_subject(code: str, word: str, quote: str) -> bool:
    """Training (培训) is the staff's; a study word with the people who studied named in the clause decided the
    study indicator."""
    if code in TRAINING_INDICATORS and "学" not in word:
        return True
    return code in STUDY_INDICATORS and bool(_STUDY_SUBJECT.search(quote))


def _study_without_subject(code: str, word: str, quote: str) -> bool:
    """学习/学法 alone does not say whose study it was (leadership or staff): the labelling rules decide by who."""
    return code in WHOSE_STUDY_INDICATORS and "学" in word and not _STUDY_SUBJECT.search(quote)


def _study_whose(cue: str) -> Doubt:
    return Doubt("study_whose", f"原文只说“{cue}”，没有说是谁学习（班子学法、干部培训，还是一般的政治理论学习），"
                                f"这个数字可能属于其他指标")


def unit_fits(indicator: Indicator, unit: str | None) -> bool:
    """True when `unit` can count what `indicator` counts: a unit it adds up in, or a kindred one reports use for
    it (`core.units.compatible`) that counts people (人, 名 for 人次) or is its group's own word (次, 件, 项, 份:
    审查70次 counts reviews; 56批次 or 30场 of 信访件 count batches and sessions, not petitions). A missing unit
    fits (a table header named it)."""
    if indicator.fits(unit) or not unit or not indicator.unit:
        return True
    written, group = unit.strip(), unit_group(unit)
    if group == unit_group(indicator.unit):
        return True  # 场 for 次: the same kind of thing
    return compatible(written, indicator.unit) and (group in ("人", "人次") or written == group)


def _role_words(quote: str) -> str | None:
    found = [m.group(0).lstrip() for m in (_PART_WORDS.search(quote), _TOTAL_WORDS.search(quote)) if m]
    return "、".join(found) or None


def statistic_doubts(m: Mention, indicator: Indicator | None) -> tuple[Doubt, ...]:
    """What makes one statistic doubtful on its own: how it was read and what decided its indicator.

    With the extractor's evidence and confidence (issue 12), the evidence is weak when the confidence, which
    already prices a generic or distant cue, a cue after the number or a count carried from the one before,
    is below LOW_CONFIDENCE; the reason names what made it weak. Without them (statistics loaded before the
    extractor said), the evidence is read back from the quote (`derive_evidence`) and each weakness counts.
    """
    out: list[Doubt] = []
    if m.ocr:
        out.append(Doubt("ocr", "该数字由扫描件文字识别（OCR）得到，请对照原件核对"))
    if evidence_filled(m.evidence) and m.evidence is not None and m.confidence is not None:
        if m.confidence < LOW_CONFIDENCE:
            out.append(_weakness(m.evidence, indicator, m.confidence))
        elif indicator is not None and m.evidence.generic and m.evidence.cue and \
                _study_without_subject(indicator.code, m.evidence.cue, m.quote or ""):
            out.append(_study_whose(m.evidence.cue))
        if m.role in ("total", "part") and not m.evidence.role_by:
            out.append(Doubt("role_guessed", "是总数还是其中一部分，原文没有明说"))
    else:
        ev = derive_evidence(m, indicator)
        weak = _weaknesses(ev, indicator)
        out += weak
        if _role_guessed(m):
            out.append(Doubt("role_guessed", "是总数还是其中一部分，原文没有明说"))
    if indicator is not None and not unit_fits(indicator, m.unit):
        out.append(Doubt("unit_mismatch", f"单位“{m.unit}”与该指标的单位“{indicator.unit}”不同，计的可能不是同一种事"))
    out += [Doubt("validation_warning", w) for w in m.warnings]
    return tuple(out)


def _weaknesses(ev: Evidence, indicator: Indicator | None) -> list[Doubt]:
    """Each weakness of the evidence, as a doubt (for evidence read back from the quote)."""
    name = f"“{indicator.name}”" if indicator else "该指标"
    out = []
    if ev.place == "none":
        out.append(Doubt("cue_none", f"句中没有点明{name}的词语，归入该指标的依据不足"))
    elif ev.place == "after" and ev.distance > AFTER_NEAR:
        out.append(Doubt("cue_after", f"说明指标的词语“{ev.cue}”在数字之后，这个数字可能计的是别的事"))
    elif ev.place == "before" and ev.distance > DISTANT_CUE:
        out.append(Doubt("cue_distant", f"说明指标的词语“{ev.cue}”离数字较远（隔{ev.distance}个字），"
                                        f"这个数字可能计的是别的事"))
    if ev.generic and ev.place != "none":
        out.append(Doubt("cue_generic", f"依据的词语“{ev.cue}”比较笼统，这个数字可能属于其他指标"))
    return out


def _weakness(ev: Evidence, indicator: Indicator | None, confidence: float) -> Doubt:
    """The one doubt a low confidence gives, named for what most likely made it low."""
    found = _weaknesses(ev, indicator)
    if ev.place == "carried":
        found.append(Doubt("cue_carried", "句中没有点明该指标，是按前面的数字推断的"))
    if ev.place == "after" and not found:
        found.append(Doubt("cue_after", f"说明指标的词语“{ev.cue}”在数字之后，这个数字可能计的是别的事"))
    if found:
        generic = next((d for d in found if d.code == "cue_generic"), None)
        return generic or found[0]
    return Doubt("low_confidence", f"系统对这个数字归类的把握不大（置信度{confidence:.2f}）")


def _role_guessed(m: Mention) -> bool:
    """Without the extractor's role: a quote with words of both a total and a part."""
    quote = m.quote or ""
    return bool(_PART_WORDS.search(quote)) and bool(_TOTAL_WORDS.search(quote))


def cell_doubts(cell: CellFacts, catalog: Catalog) -> tuple[Doubt, ...]:
    """Every reason to check a table cell, most pressing first; empty when nothing is doubtful."""
    indicator = catalog.get(cell.indicator)
    h = cell.headline
    out: list[Doubt] = []
    if cell.report_updated:
        out.append(Doubt("report_updated", REPORT_UPDATED))
    out += statistic_doubts(h, indicator)
    disagree = _disagreeing(h, cell.others)
    if disagree:
        values = "、".join(_number(v) for v in sorted({h.value, *disagree}))
        out.append(Doubt("mentions_disagree", f"报告中该指标出现{len(cell.others) + 1}次，数值不一致（{values}），"
                                              f"表中取了{_number(h.value)}"))
    median = _peer_median(h, cell.peers)
    if median is not None and _far(h.value, median, FAR_FROM_COUNTY, 0.0):
        out.append(Doubt("far_from_county", f"与本县其他乡镇相差悬殊（其他乡镇的中位数为{_number(median)}）"))
    if cell.last_year is not None:
        prev, prev_unit = cell.last_year
        same_unit = not prev_unit or not h.unit or unit_group(prev_unit) == unit_group(h.unit)
        if same_unit and _far(h.value, prev, FAR_FROM_LAST_YEAR, FAR_MIN_VALUE):
            out.append(Doubt("far_from_last_year", f"与上年（{_number(prev)}）相差{_number(FAR_FROM_LAST_YEAR)}倍以上"))
    out += cell.extra
    return tuple(out)


def _disagreeing(h: Mention, others: Sequence[Mention]) -> list[float]:
    """Values of other statements that cannot all be right with the headline.

    Parts (其中…) agree with a total; so do the same number restated, and plain statements that could be parts of
    the headline (together no more than it). Two stated totals that differ disagree, and so do plain
    statements that add up to more than the headline (the headline rule then picked the largest).
    """
    same = [o for o in others if o.value != h.value and not o.is_part
            and (not o.unit or not h.unit or unit_group(o.unit) == unit_group(h.unit))]
    if h.is_total:
        return [o.value for o in same if o.is_total or o.value > h.value]
    return [o.value for o in same] if sum(o.value for o in same) > h.value else []


def _peer_median(h: Mention, peers: Sequence[tuple[float, str | None]]) -> float | None:
    same = [v for v, u in peers if not u or not h.unit or unit_group(u) == unit_group(h.unit)]
    positive = [v for v in same if v > 0]
    if len(positive) < MIN_PEERS:
        return None
    return float(stats.median(positive))


def _far(value: float, reference: float, factor: float, minimum: float) -> bool:
    if reference <= 0 or value < 0 or max(value, reference) < minimum:
        return False
    if value == 0:
        return reference >= minimum and minimum > 0
    return value >= reference * factor or value * factor <= reference


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


# ---- indicators a report seems to state but the table has no value for ----

# A cue's head (its last two characters) hints at its indicator when at most this many indicators' cues end
# with it (审查 hints at legality reviews; 活动, the head of half the publicity cues, at nothing).
HINT_SPREAD = 1
_AMOUNTS = ("元", "%", "％")


@functools.lru_cache(maxsize=16)
def hint_words(catalog: Catalog) -> dict[str, tuple[frozenset[str], frozenset[str]]]:
    """Per indicator: (its catalog cues, the heads of its cues that few other indicators' cues end with).

    The head of a Chinese compound is its last word: 合法性审查 -> 审查, 执法检查 -> 检查, 行政处罚 -> 处罚.
    """
    holders: dict[str, set[str]] = {}
    for ind in catalog.indicators:
        for cue in ind.cues:
            if _has_head(cue):
                holders.setdefault(cue[-2:], set()).add(ind.code)
    return {
        ind.code: (frozenset(ind.cues),
                   frozenset(c[-2:] for c in ind.cues if _has_head(c) and len(holders[c[-2:]]) <= HINT_SPREAD))
        for ind in catalog.indicators
    }


def _has_head(cue: str) -> bool:
    """A compound of Chinese words (the head of 12345, 45, would find every 45 in a report)."""
    return len(cue) > 2 and all("\u4e00" <= ch <= "\u9fff" for ch in cue[-2:])


def siblings(catalog: Catalog) -> dict[str, frozenset[str]]:
    """Indicators one family word can mean (学习: leadership or staff study; 宣传活动: publicity or one of its
    kinds): a catalog parent with its parts, and the two study indicators."""
    out: dict[str, set[str]] = {}
    for ind in catalog.indicators:
        if ind.parent:
            family = {ind.parent} | {i.code for i in catalog.indicators if i.parent == ind.parent}
            for code in family:
                out.setdefault(code, set()).update(family - {code})
    for code in STUDY_INDICATORS:
        out.setdefault(code, set()).update(STUDY_INDICATORS - {code})
    return {code: frozenset(v) for code, v in out.items()}


def not_found_candidates(indicator: Indicator, numbers: Sequence[tuple[str, Mention, frozenset[str]]],
                         catalog: Catalog) -> tuple[Mention, ...]:
    """The report's numbers that may be `indicator` although the table has no value for it.

    `numbers` are the report's statistics not placed with confidence, as (indicator, statistic, its own doubt
    codes): indicator other, or the headline and mentions of a doubtful cell. A number is a candidate when
    its quote holds one of the indicator's cues and it is a count as the indicator is (not an amount or a rate
    where it counts, and the reverse); or a head of `hint_words` and a unit `core.units.compatible` with the
    indicator's; or it sits in a sibling indicator's cell doubtful for its generic cue (`siblings`: 学习 may be
    the leadership's or the staff's), or is a generic statement beside a number shown that it disagrees with
    (开展宣传活动20场 beside 累计普法宣传活动120场: it may be one kind of publicity); or no words of its clause
    named anything and the sentence before it names the indicator (`words_before`), with a compatible unit.
    """
    cues, heads = hint_words(catalog).get(indicator.code, (frozenset(), frozenset()))
    kin = siblings(catalog).get(indicator.code, frozenset())
    amount = indicator.unit in _AMOUNTS
    out = []
    for code, m, doubts in numbers:
        quote, unit = m.quote or "", m.unit or ""
        if code == indicator.code or (unit in _AMOUNTS) != amount:
            continue
        fits = bool(unit) and compatible(unit, indicator.unit)
        sibling = code in kin and ("cue_generic" in doubts or (
            "mentions_disagree" in doubts and m.evidence is not None and m.evidence.generic))
        named_before = fits and any(c in words_before(m) for c in cues)
        if any(c in quote for c in cues) or (fits and (sibling or any(h in quote for h in heads))) or named_before:
            out.append(m)
    return tuple(out)


_DIGIT = re.compile(r"[0-9０-９]")


def words_before(m: Mention) -> str:
    """The words of the sentence before a number no words named (the extractor's `evidence.place` none), back to
    the number before it: 依托民情热线和信访平台， for 及时跟进办结36件. Empty for any other number: a
    number whose own clause named something was decided by those words, and words before an earlier number
    count that number."""
    if not m.context or m.evidence is None or m.evidence.place != "none":
        return ""
    return _DIGIT.split(m.context)[-1]


def not_found_reason(indicator: Indicator, candidates: Sequence[Mention]) -> str:
    shown = "；".join(f"“{_as_read(m, indicator)}”" for m in candidates[:3])
    more = f"等{len(candidates)}处" if len(candidates) > 3 else ""
    return f"表中没有本报告的“{indicator.name}”；报告中这些数字可能就是：{shown}{more}"


def words_naming(m: Mention, indicator: Indicator) -> str:
    """`words_before(m)` when they, and not the quote, name `indicator` (why the number is listed for it); else ""."""
    quote, before = m.quote or "", words_before(m)
    if before and not any(c in quote for c in indicator.cues) and any(c in before for c in indicator.cues):
        return before
    return ""


def _as_read(m: Mention, indicator: Indicator) -> str:
    """The quote, after the words before it when those (not the quote) name the indicator."""
    before = words_naming(m, indicator)
    return f"…{before}{m.quote or ''}" if before else m.quote or ""
