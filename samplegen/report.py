"""Compose one township's yearly report, with the true value of every statistic it states.

Values come from a per-township profile (size, which indicators it reports, a growth rate per
indicator), so a township's figures trend from year to year and year-over-year change means
something. Parts never exceed their totals.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from samplegen import phrases as ph
from samplegen.county import County, Place
from samplegen.numbers import Said, say_count, say_money, say_percent, say_zero
from samplegen.text import Block, Label, Report, Span

BASE_YEAR = 2022

# code -> (low, high) at size 1 in BASE_YEAR, and whether it scales with township size.
_RANGES: dict[str, tuple[float, float, bool]] = {
    "publicity_events": (18, 40, True), "legal_lectures": (4, 12, True),
    "publicity_materials": (1500, 8000, True), "publicity_banners_posters": (20, 80, True),
    "online_publicity_posts": (30, 150, True), "legal_consultations": (100, 600, True),
    "leadership_law_study_sessions": (6, 14, False), "official_training_sessions": (3, 10, False),
    "law_exam_participants": (40, 150, True), "major_decisions": (3, 12, False),
    "legality_reviews": (10, 60, True), "normative_documents": (1, 5, False), "legal_advisers": (1, 3, False),
    "government_information_disclosed": (80, 400, True), "disclosure_requests": (0, 4, False),
    "enforcement_cases": (5, 60, True), "enforcement_inspections": (20, 120, True),
    "disputes_mediated": (40, 200, True), "petitions_handled": (10, 80, True), "legal_aid_cases": (3, 20, True),
    "mediation_committees": (8, 25, True), "rule_of_law_demonstration_villages": (1, 5, False),
    "legally_literate_villagers": (30, 150, True),
}
_ALWAYS = ("publicity_events", "publicity_audience", "publicity_materials", "leadership_law_study_sessions",
           "disputes_mediated", "major_incidents", "enforcement_cases")
_TABLE_NAMES = {
    "legal_aid_cases": "办理法律援助案件", "mediation_committees": "人民调解委员会",
    "rule_of_law_demonstration_villages": "民主法治示范村", "legally_literate_villagers": "培育“法律明白人”",
    "petitions_handled": "受理信访件", "legal_consultations": "解答法律咨询", "online_publicity_posts": "网络普法信息",
    "normative_documents": "清理规范性文件", "enforcement_inspections": "开展执法检查",
    "government_information_disclosed": "主动公开政府信息",
}
_OPTIONAL_SUBSECTIONS = ("lead", "open", "decide")
_LEAD_INS = ("", "", "全年", "{year}年，", "一年来，", "截至{year}年12月底，", "本年度")
_PLACEHOLDER = re.compile(r"\{(name|short|self|lvl|party|gov|year|next|county|units|target)\}")


@dataclass(frozen=True)
class ReportStyle:
    """How one report is laid out; chosen per report so the sample covers the layouts readers meet."""

    table: bool = False  # some figures only in a 指标 | 数量 | 单位 table
    bold_numbers: bool = False  # numerals as their own bold runs
    inline_headings: bool = False  # "（一）加强组织领导。" opening a paragraph instead of its own line
    ascii_parens: bool = False  # (一) instead of （一）
    header_footer: bool = True  # running header and page numbers
    pages: int = 2  # target length


def true_values(place: Place, year: int, seed: int) -> dict[str, float]:
    """A township's true figures for a year: profile base x growth^(year - 2022) x noise."""
    profile = random.Random(f"profile:{seed}:{place.name}")
    noise = random.Random(f"values:{seed}:{place.name}:{year}")
    out: dict[str, float] = {}
    for code, (lo, hi, scaled) in _RANGES.items():
        base = profile.uniform(lo, hi) * (place.size if scaled else 1.0)
        growth = profile.uniform(0.88, 1.3)
        out[code] = max(0, round(base * growth ** (year - BASE_YEAR) * noise.uniform(0.9, 1.1)))
    for code in ("leadership_law_study_sessions", "official_training_sessions", "legal_advisers",
                 "publicity_events", "disputes_mediated"):
        out[code] = max(1, out[code])
    out["publicity_audience"] = round(out["publicity_events"] * profile.uniform(60, 160) * noise.uniform(0.9, 1.1))
    out["official_training_participants"] = round(out["official_training_sessions"] * profile.uniform(25, 60))
    out["enforcement_fines"] = round(out["enforcement_cases"] * profile.uniform(600, 3000) * noise.uniform(0.8, 1.2))
    out["mediation_success_rate"] = min(100.0, round(profile.uniform(94, 100) + noise.uniform(-1, 1), 1))
    out["administrative_reconsiderations"] = 0 if noise.random() < 0.8 else noise.randint(1, 2)
    out["administrative_litigations"] = 0 if noise.random() < 0.7 else noise.randint(1, 3)
    out["major_incidents"] = 0
    return out


def reported_codes(place: Place, year: int, seed: int) -> frozenset[str]:
    """Which indicators a township writes about: stable habits, with a few dropped in any one year."""
    profile = random.Random(f"habits:{seed}:{place.name}")
    yearly = random.Random(f"habits:{seed}:{place.name}:{year}")
    codes = set(_ALWAYS)
    for code in [*_RANGES, "publicity_audience", "official_training_participants", "enforcement_fines",
                 "mediation_success_rate", "administrative_reconsiderations", "administrative_litigations"]:
        if code not in codes and profile.random() < 0.7 and yearly.random() > 0.08:
            codes.add(code)
    return frozenset(codes)


def title_for(place: Place, county: County, year: int, rng: random.Random) -> str:
    return rng.choice((
        f"{county.name}{place.name}{year}年法治政府建设工作报告",
        f"{place.name}{year}年度法治政府建设情况报告",
        f"{place.government}关于{year}年度法治政府建设工作情况的报告",
        f"{year}年{place.name}法治政府建设工作总结",
        f"{place.short}{place.level}{year}年法治政府建设年度报告",
        f"{place.government}{year}年法治政府建设年度报告",
    ))


def build_report(county: County, place: Place, year: int, *, seed: int, style: ReportStyle) -> Report:
    rng = random.Random(f"report:{seed}:{place.name}:{year}")
    values = true_values(place, year, seed)
    codes = reported_codes(place, year, seed)
    composer = _Composer(rng, county, place, year, values)
    title = title_for(place, county, year, rng)
    blocks = composer.compose(title, codes, style)
    return Report(id=f"{place.slug}-{year}", title=title, county=county.name, province=county.province,
                  township=place.name, year=year, blocks=tuple(blocks))


class _Composer:
    """Writes the blocks of one report; holds the report's RNG so output is deterministic per seed."""

    def __init__(self, rng: random.Random, county: County, place: Place, year: int,
                 values: dict[str, float]) -> None:
        self.rng = rng
        self.place = place
        self.values = values
        party = "街道党工委" if place.level == "街道" else place.level + "党委"
        self.subs = {
            "name": place.name, "short": place.short, "self": place.self_name, "lvl": place.level,
            "party": party, "gov": "街道办事处" if place.level == "街道" else place.level + "政府",
            "year": str(year), "next": str(year + 1), "county": county.name,
            "units": "社区" if place.level == "街道" else "村（社区）",
            "target": str(max(10, round(values["publicity_events"] * 1.2))),
        }

    # ---- words ---------------------------------------------------------------------------------
    def fmt(self, template: str) -> str:
        return _PLACEHOLDER.sub(lambda m: self.subs[m.group(1)], template)

    def quote(self, template: str, code: str, said: Said | None) -> list[Span]:
        """Spans of a template: prose before, the labelled quote, prose after."""
        before, rest = self.fmt(template).split("⟦")
        inner, after = rest.split("⟧")
        if said is None:  # a "did not happen" statement
            quote = Span(inner, Label(code, 0, "起", "exact"))
        else:
            q_pre, q_post = inner.split("{n}")
            if q_pre.endswith("达") and said.text.startswith(("近", "约", "超过", "逾", "不足")):
                q_pre = q_pre[:-1]  # 达近5500人次 reads wrong: 近5500人次
            a, b = said.number
            quote = Span(q_pre + said.text + q_post, Label(code, said.value, said.unit, said.qualifier),
                         (len(q_pre) + a, len(q_pre) + b))
        return [s for s in (Span(before), quote, Span(after)) if s.text]

    def say(self, code: str, unit: str | None = None) -> Said:
        units, _ = ph.STAT_TEMPLATES[code]
        unit = unit or self.rng.choice(units)
        value = self.values[code]
        if unit == "%":
            return say_percent(self.rng, float(value))
        if code == "enforcement_fines":
            return say_money(self.rng, int(value))
        if value == 0:
            return say_zero(self.rng, unit)
        big = code in ("publicity_audience", "publicity_materials", "legal_consultations",
                       "official_training_participants", "government_information_disclosed")
        return say_count(self.rng, int(value), unit, fuzzy=big or self.rng.random() < 0.15,
                         chinese=self.rng.random() < 0.6)

    def stat(self, code: str, unit: str | None = None) -> list[Span]:
        _, templates = ph.STAT_TEMPLATES[code]
        template, _, fixed_unit = self.rng.choice(templates).partition("|")
        return self.quote(template, code, self.say(code, fixed_unit or unit))

    def prose(self, text: str) -> Span:
        return Span(self.fmt(text))

    # ---- sentences -----------------------------------------------------------------------------
    def sentence(self, clauses: list[list[Span]], lead: bool = True) -> list[Span]:
        out: list[Span] = []
        if lead and (li := self.fmt(self.rng.choice(_LEAD_INS))):
            out.append(Span(li))
        for i, clause in enumerate(clauses):
            if i:
                out.append(Span("，"))
            out.extend(clause)
        out.append(Span("。"))
        return out

    def publicity_sentence(self) -> list[Span]:
        """Total events, then 其中 its parts; parts are drawn from the stated total so they never exceed it."""
        unit = self.rng.choice(ph.STAT_TEMPLATES["publicity_events"][0])
        total = say_count(self.rng, int(self.values["publicity_events"]), unit,
                          fuzzy=self.rng.random() < 0.2, chinese=self.rng.random() < 0.5)
        spans = self.quote(self.rng.choice(ph.STAT_TEMPLATES["publicity_events"][1]), "publicity_events", total)
        part_codes = ["publicity_campaigns", "law_into_communities_events", "law_into_schools_enterprises_events"]
        shares = [self.rng.uniform(0.25, 0.4), self.rng.uniform(0.15, 0.3), self.rng.uniform(0.08, 0.2)]
        k = self.rng.choice((0, 2, 3, 3))
        if k and total.value >= 6:
            spans.append(Span("，其中"))
            for i, (code, share) in enumerate(zip(part_codes[:k], shares[:k], strict=True)):
                part = max(1, int(total.value * share))
                if i:
                    spans.append(Span("、"))
                said = say_count(self.rng, part, unit, fuzzy=False, chinese=self.rng.random() < 0.3)
                spans.extend(self.quote(self.rng.choice(ph.STAT_TEMPLATES[code][1]), code, said))
        spans.append(Span("。"))
        return spans

    def other_sentence(self) -> list[Span]:
        if self.rng.random() < 0.25:
            template = self.rng.choice(ph.OTHER_RATES)
            rates = (3.5, 5.2, 8.0, 12.5) if "同比" in template else (100.0, 100.0, 98.6, 99.2, 97.5)
            said = say_percent(self.rng, self.rng.choice(rates), hedge=False)
            return self.sentence([self.quote(template, "other", said)], lead=False)
        unit, templates, lo, hi = self.rng.choice(ph.OTHER_TEMPLATES)
        said = say_count(self.rng, round(self.rng.uniform(lo, hi) * self.place.size), unit,
                         fuzzy=hi > 100, chinese=self.rng.random() < 0.5)
        return self.sentence([self.quote(self.rng.choice(templates), "other", said)])

    def filler_sentence(self) -> Span:
        r = self.rng
        return self.prose(f"{r.choice(ph.FILLER_SUBJECTS)}{r.choice(ph.FILLER_ACTIONS)}，"
                          f"{r.choice(ph.FILLER_EFFECTS)}。")

    # ---- sections ------------------------------------------------------------------------------
    def subsection_sentences(self, key: str, codes: frozenset[str]) -> list[list[Span]]:
        _, openings, order = ph.SUBSECTIONS[key]
        sentences: list[list[Span]] = [[self.prose(self.rng.choice(openings))]]
        todo = [c for c in order if c in codes]
        if key == "publicity" and "publicity_events" in todo:
            todo.remove("publicity_events")
            sentences.append(self.publicity_sentence())
        if key == "enforce":
            sentences.extend(self.enforcement_sentences(todo))
            todo = []
        if key == "disputes" and "disputes_mediated" in todo:
            todo.remove("disputes_mediated")
            clauses = [self.stat("disputes_mediated")]
            if "mediation_success_rate" in todo:
                todo.remove("mediation_success_rate")
                clauses.append(self.stat("mediation_success_rate"))
            sentences.append(self.sentence(clauses))
        if key == "safety":
            incident = self.quote(self.rng.choice(ph.NO_INCIDENT), "major_incidents", None)
            sentences.append([*incident, Span("，安全生产形势总体平稳。")])
            todo = []
        while todo:
            n = min(len(todo), self.rng.choice((1, 2, 2, 3)))
            chunk, todo = todo[:n], todo[n:]
            sentences.append(self.sentence([self.stat(c) for c in chunk]))
        return sentences

    def enforcement_sentences(self, todo: list[str]) -> list[list[Span]]:
        out = []
        first = [self.stat(c) for c in ("enforcement_inspections", "enforcement_cases", "enforcement_fines")
                 if c in todo]
        if first:
            out.append(self.sentence(first))
        legal = [self.stat(c) for c in ("administrative_reconsiderations", "administrative_litigations") if c in todo]
        if "administrative_litigations" in todo and self.values["administrative_litigations"] > 0:
            legal.append(self.quote("⟦败诉{n}⟧", "litigation_losses", say_zero(self.rng, "件")))
            legal.append(self.quote(self.rng.choice(ph.STAT_TEMPLATES["head_court_appearance_rate"][1]),
                                    "head_court_appearance_rate", say_percent(self.rng, 100.0, hedge=False)))
        if legal:
            out.append(self.sentence(legal, lead=False))
        return out

    def compose(self, title: str, codes: frozenset[str], style: ReportStyle) -> list[Block]:
        r = self.rng
        table_codes: list[str] = []
        if style.table:
            table_codes = [c for c in _TABLE_NAMES if c in codes and c not in _ALWAYS][:5]
            codes = codes - set(table_codes)
        blocks = [Block("title", (Span(title),)), Block("para", (self.prose(r.choice(ph.OPENINGS)),))]
        blocks.append(Block("heading", (self.prose(r.choice(ph.PART_ONE)),), level=1))
        keys = list(ph.SUBSECTIONS)
        middle = keys[1:-1]
        r.shuffle(middle)
        keys = [keys[0], *middle, keys[-1]]
        bodies: list[list[list[Span]]] = [self.subsection_sentences(k, codes) for k in keys]
        for _ in range(r.randint(1, 2) if style.pages <= 3 else r.randint(2, 4)):  # statistics fitting no indicator
            r.choice(bodies).append(self.other_sentence())
        # About 530 characters a page at 16pt with 28pt line spacing, less the headings and part two and three.
        target = style.pages * 530 - 300
        length = sum(len(s.text) for body in bodies for sent in body for s in sent) + 700
        for key in r.sample(_OPTIONAL_SUBSECTIONS, len(_OPTIONAL_SUBSECTIONS)):
            if length <= target + 100:
                break
            i = keys.index(key)  # a short report covers fewer topics
            length -= sum(len(s.text) for sent in bodies[i] for s in sent) + 20
            del keys[i], bodies[i]
        while length < target:
            body = r.choice(bodies)
            extra = [[self.filler_sentence() for _ in range(r.randint(2, 4))]]
            if r.random() < 0.3:
                extra.append(self.other_sentence())
            body.extend(extra)
            length += sum(len(s.text) for sent in extra for s in sent) + 1
        for i, (key, body) in enumerate(zip(keys, bodies, strict=True)):
            blocks.extend(self.subsection_blocks(i, key, body, style))
        if table_codes:
            blocks.append(Block("para", (self.prose(f"{self.subs['year']}年度部分工作数据如下表所示："),)))
            rows = [(Span("指标"), Span("数量"), Span("单位"))]
            for code in table_codes:
                unit = ph.STAT_TEMPLATES[code][0][0]
                value = self.values[code]
                rows.append((Span(_TABLE_NAMES[code]), Span(str(int(value)), Label(code, value, unit, "exact")),
                             Span(unit)))
            blocks.append(Block("table", rows=tuple(rows)))
        blocks.append(Block("heading", (self.prose(r.choice(ph.PART_TWO)),), level=1))
        problems = r.sample(ph.PROBLEMS, 3)
        ordinals = ("一是", "二是", "三是")
        text = "".join(f"{o}{p}{'；' if i < 2 else '。'}" for i, (o, p) in enumerate(zip(ordinals, problems,
                                                                                          strict=True)))
        blocks.append(Block("para", (self.prose(f"{self.subs['self']}法治政府建设虽然取得了一定成效，但仍存在一些"
                                                f"不足：{text}"),)))
        blocks.append(Block("heading", (self.prose(r.choice(ph.PART_THREE)),), level=1))
        sep = r.choice(("．", ".", "、"))
        for i, plan in enumerate(r.sample(ph.PLANS, r.randint(3, 5)), 1):
            blocks.append(Block("para", (self.prose(f"{i}{sep}{plan}。"),)))
        blocks.append(Block("sign", (Span(self.place.government),)))
        blocks.append(Block("sign", (Span(f"{int(self.subs['year']) + 1}年1月{r.randint(5, 28)}日"),)))
        return blocks

    def subsection_blocks(self, i: int, key: str, body: list[list[Span]], style: ReportStyle) -> list[Block]:
        numeral = "一二三四五六七八九十"[i]
        heading = (f"({numeral})" if style.ascii_parens else f"（{numeral}）") + self.rng.choice(ph.SUBSECTIONS[key][0])
        split = self.rng.randint(1, len(body)) if len(body) > 2 else len(body)
        paragraphs = [p for p in (body[:split], body[split:]) if p]
        out: list[Block] = []
        if style.inline_headings:
            first = [Span(heading + "。", bold=True)] + [s for sent in paragraphs[0] for s in sent]
            out.append(Block("para", tuple(first)))
            paragraphs = paragraphs[1:]
        else:
            out.append(Block("heading", (Span(heading),), level=2))
        out.extend(Block("para", tuple(s for sent in p for s in sent)) for p in paragraphs)
        return out
