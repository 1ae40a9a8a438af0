"""Give each quantity of a report its indicator, role, quote and place: the grammar's last step.

Per quantity: leave out what does not state the report's period (next year's targets, last year's table column),
decide the indicator (`indicator.decide`: clause, candidates, evidence, decision), the part/total role, and the
quote a clerk would cite. A part whose indicator is its total's (其中主动公开政策文件5条 under 主动公开政府信息40条)
is "other": counting it again would count it twice. A stated "did not happen" about major incidents is a zero.
"""

from __future__ import annotations

import re
from dataclasses import replace

from core.catalog import OTHER, Catalog
from core.records import Document, Evidence, Heading, Quantity, Statistic, heading_path
from extractors.grammar.clauses import end_of_clause, start_of_clause
from extractors.grammar.cues import cue_index
from extractors.grammar.indicator import (
    RULE_CONFIDENCE,
    Decision,
    Previous,
    Reading,
    clause_of,
    decide,
    names_of,
    role_of,
)
from extractors.grammar.period import Spans, fallback_headings, future_spans, is_target, other_year_column
from extractors.grammar.softbreaks import SOFT, soft_view
from extractors.grammar.time_limit import check

MAJOR_INCIDENTS = "major_incidents"
_MAX_QUOTE = 48
_QUOTE_LEAD = re.compile(r"(?:(?:20\d\d年(?:度|以来)?|今年以来|一年来)[，,]?|并|同时)(?=\S)")
_NO_INCIDENT = re.compile(r"(?:未发生|没有发生|未出现|无(?![论法需须]))")


def classify(doc: Document, quantities: list[Quantity], catalog: Catalog, year: int | None = None) -> list[Statistic]:
    """One Statistic per quantity that states the report's period (next year's targets are dropped)."""
    index = cue_index(catalog)
    text = soft_view(doc.text)
    reading = Reading(text=text, names=names_of(text), year=year)
    headings = doc.headings or fallback_headings(text)
    future = future_spans(text, headings)
    out: list[Statistic] = []
    stated: set[tuple[float, str]] = set()  # (value, unit) of `out`: a set, as a list scan per number is quadratic
    previous: Previous | None = None
    for q in quantities:
        check()  # the document's time limit (extractors/extract.py)
        if q.start in future or is_target(text, q, year) or other_year_column(text, q, year):
            continue
        reference = _REFERENCE.match(text, q.end)
        if reference and (q.value, q.unit) in stated:
            continue  # 其中144件行政处罚案件中: the number stated before, named again
        path = heading_path(headings, q.start)
        clause = clause_of(reading, q, "".join(path), previous.q.end if previous else None)
        decision = decide(clause, index, previous)
        if reference:  # 在办结的5件申请中: a group the next numbers are parts of
            decision = Decision.of(OTHER, Evidence(cue=reference.group(), place="rule", rule="reference"), q.unit)
        role, role_by, marker = role_of(clause)
        if role == "part" and marker is not None and decision.code != OTHER:
            decision = _part_of_its_total(decision, marker, out, q.unit)
        start, end = _quote_span(text, q, clause.start, decision.evidence)
        out.append(_statistic(doc, path, q, decision, role, role_by, start, end))
        stated.add((q.value, q.unit))
        previous = Previous(q, decision.code)
    zero = _no_incident(doc, headings, catalog, future)
    if zero is not None:
        out.append(zero)
    out.sort(key=lambda s: s.start)
    return out


_REFERENCE = re.compile(r"[\u4e00-\u9fff]{0,12}?中(?![心国央共])(?=[，,：:])")
_TOTAL_REACH = 80  # characters from a total to the 其中 that opens its parts


def _part_of_its_total(decision: Decision, marker: int, decided: list[Statistic], unit: str) -> Decision:
    """其中主动公开政策文件5条 after 主动公开政府信息40条: a part in its total's column would count twice."""
    total = next((s for s in reversed(decided) if s.end <= marker), None)
    if total is None or marker - total.end > _TOTAL_REACH or total.indicator != decision.code:
        return decision
    return Decision.of(OTHER, replace(decision.evidence, rule="part_of_total"), unit)


def _statistic(doc: Document, path: tuple[str, ...], q: Quantity, decision: Decision, role: str,
               role_by: str | None, start: int, end: int) -> Statistic:
    evidence = replace(decision.evidence, role_by=role_by)
    return Statistic(indicator=decision.code, value=q.value, unit=q.unit, qualifier=q.qualifier,
                     quote=doc.text[start:end], start=start, end=end, page=doc.page_at(q.start), heading_path=path,
                     ocr=doc.ocr, role=role, confidence=decision.confidence, evidence=evidence)  # type: ignore[arg-type]


def _quote_span(text: str, q: Quantity, clause_start: int, evidence: Evidence) -> tuple[int, int]:
    """The clause from its start (or the cue) to the measure word, as a clerk would quote it."""
    cue_start = q.start - evidence.distance - len(evidence.cue or "") if evidence.place in ("before", "table") else None
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
                 future: Spans) -> Statistic | None:
    """全年未发生重大安全事故: the report states zero major incidents."""
    ind = catalog.get(MAJOR_INCIDENTS)
    if ind is None or not ind.cues:
        return None
    text = doc.text
    cues = "|".join(re.escape(c) for c in sorted(ind.cues, key=len, reverse=True))
    pattern = re.compile(rf"{_NO_INCIDENT.pattern}[^，,。；;\n]{{0,20}}?(?:{cues})")
    for m in pattern.finditer(text):
        if m.start() in future:
            continue
        start = start_of_clause(text, m.start())
        while start < m.start() and text[start].isspace():
            start += 1
        if m.end() - start > _MAX_QUOTE:
            start = m.start()
        cue = next(c for c in sorted(ind.cues, key=len, reverse=True) if c in m.group())
        return Statistic(indicator=MAJOR_INCIDENTS, value=0.0, unit=ind.unit or "起", qualifier="exact",
                         quote=text[start : m.end()], start=start, end=m.end(), page=doc.page_at(start),
                         heading_path=heading_path(headings, start), ocr=doc.ocr,
                         confidence=RULE_CONFIDENCE["stated_no_incident"],
                         evidence=Evidence(cue=cue, place="rule", rule="stated_no_incident"))
    return None


__all__ = ["OTHER", "classify"]
