"""What a report is about: its township, county, reporting year and title.

The township is read where reports name themselves: the title, the first lines, the
opening sentence (2023年，东关镇...), counted over the whole text, with the county-level
name that precedes it (海丰县海城镇). The reporting year is the year the statistics
describe (2023年度, 2023年以来, the title's year), never a publication date.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from core.records import Document, DocumentFacts
from core.registry import Registry
from extractors.grammar.softbreaks import squeeze

_CJK = "\u4e00-\u9fff"
# 街 alone is a street office's short name (鹤龙街 for 鹤龙街道) unless it is part of a word (街坊, 街面, 步行街区).
_SUFFIX = re.compile(r"街道|镇|乡|街(?![道坊巷区头面边上景市路心口办])")
_INSTITUTION = re.compile(r"(?:人民)?政府|党委|办事处|党工委")
_ALL_CJK = re.compile(f"[{_CJK}]+")
# What may stand right before a township's name: a line start, punctuation, a year, a county-level name.
_BOUNDARY = set("，,。；;:：、“\"（(）) \t\n\u3000|年度于县区市旗了在化对将由到把与为至经据以给府《")
# Characters and words no place name holds: they mark a candidate that swallowed part of a sentence.
_NOT_IN_NAME = re.compile(r"[的与及对是为将了以由现我本该各其这那们个年日度全县区旗省、乡镇要据坚调治绕入到在把化]"
                          r"|(?<=[一二三四五六七八九十正腊])月"  # a month, not 月 in a name (月亮湾)
                          r"|政府|街道|落实|提升|推进|开展|成立|完成|建设|全面|不断|加强|深入|城乡|下乡|家乡|返乡"
                          r"|中共|结合|推动|有效|围绕|紧扣|助力|促进|实现|保障|服务|聚焦|立足|指导|带动|打造|引领")
# A county-level unit's last character: a longer prefix that reaches back over it is county + township.
_COUNTY_END = "市县区旗"
_NOT_AFTER = {"乡": "村镇亲贤土愁", "镇": "化"}
_NAME_PREFIX = range(2, 7)
_COUNTY_BEFORE = re.compile(rf"(?P<county>[{_CJK}]{{1,8}}?(?:自治县|县|区|市|旗))(?:人民政府)?$")
_COUNTY_ADDRESSED = re.compile(
    rf"(?:^|(?<=[，,、\s：:“]))(?:中共)?(?P<county>[{_CJK}]{{2,8}}?(?:自治县|县|区|旗))(?:委|人民政府)", re.MULTILINE)
_NOT_IN_COUNTY = re.compile(r"街道|镇|乡|[的在和与及]|政府|位于|围绕|紧|请|落实|贯彻|深入|按照|根据|关于")
_PREPOSITIONS = "由在据经对向与和是为于从"
_YEAR = re.compile(r"(20\d\d)\s*(?:年(度|以来|[，,]|上半年|全年)?|[-/.]\d{1,2}[-/.]\d{1,2})")
_PUBLISHED = re.compile(r"(?:发布|时间|日期|来源|发文|印发)[^\n]{0,12}$")
_TITLE_WORDS = re.compile(r"报告|总结|情况")
_BOOK = re.compile(r"《[^》\n]{0,60}》")


def find_facts(doc: Document, registry: Registry | None = None, path: Path | None = None) -> DocumentFacts:
    registry = registry or Registry()
    text = squeeze(doc.text)  # a title wrapped over two PDF lines still names its township
    title = _title(doc.text, doc.title_hint)
    written = _township(text, title, registry)
    if written is None and path is not None:
        written = _township(path.stem, None, registry)
    township = registry.resolve(written) if registry.known else written
    county = registry.county or _county(text, written)
    year = _year(text, title)
    return DocumentFacts(title=title, province=registry.province, county=county, township=township or written,
                         year=year, township_as_written=written)


_BREADCRUMB = re.compile(r"当前位置|您的位置|首页\s*>|>\s*\S+\s*>|索引号|发布机构|文\s*号[:：]|主题分类")
_SECTION = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|\d+[.．、])")
_TITLE_RUN_ON = re.compile(r"^(.{6,60}?(?:报告|总结))(?=根据|按照|依据|为|现|本报告|\d{4}年|20)")
_ISSUER_END = re.compile(r"(?:人民政府|政府|委员会|办事处|网站|门户)$")  # a site's header line, complete in itself
_TRAILING_DATE = re.compile(r"\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?$")


def _without_trailing_date(line: str) -> str:
    """The line without a date at its end (and the spaces before it). The date is looked for in the last 16
    characters only: a \\s* before it, retried at every space of a long run, was quadratic."""
    m = _TRAILING_DATE.search(line, max(0, len(line) - 16))
    return line[: m.start()].rstrip() if m else line


def _title(text: str, hint: str | None) -> str | None:
    """The first report-like line; a title a PDF wrapped over two lines is joined again.

    A web page's breadcrumb (当前位置：…>…), its index block (索引号, 发布机构) and section headings (一、总体情况)
    are no titles; a title run into the first sentence (…年度报告根据《条例》…) is cut where the sentence starts.
    """
    lines = [_without_trailing_date(line.strip()) for line in text.split("\n")[:12]]
    lines = [s for s in lines if not _BREADCRUMB.search(s)]
    for i, s in enumerate(lines):
        if _SECTION.match(s):
            continue
        run_on = _TITLE_RUN_ON.match(s)
        if run_on and (len(s) > 60 or s.endswith("。")):
            return run_on.group(1)
        if _is_title(s):
            return s
        joined = s + (lines[i + 1] if i + 1 < len(lines) else "")
        following = lines[i + 1] if i + 1 < len(lines) else ""
        if s and s[-1] not in "。：:，," and _is_title(joined) and not _SECTION.match(following) \
                and not (_is_title(following) and _ISSUER_END.search(s)):  # 禄丰市人民政府 / 黑井镇……报告
            return joined
    if hint:
        return hint
    first = next((s for s in lines if s), "")
    # a news-style headline (桃源乡：多措并举推进法治建设) is the first short line
    return first if 6 <= len(first) <= 40 and first[-1] not in "。，,；;：:" else None


def _is_title(s: str) -> bool:
    return 4 <= len(s) <= 60 and bool(_TITLE_WORDS.search(s)) and not s.endswith(("：", ":", "。"))


def _township(text: str, title: str | None, registry: Registry) -> str | None:
    """The township the report names most often after a boundary; its title counts more."""
    if registry.known:
        found = _registry_township(text, title, registry)
        if found:
            return found
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}  # where the text first names it (one text.find per name was quadratic)
    for source, weight in ((title or "", 5), (text[:300], 2), (text, 1)):
        for name, before, end in _candidates(source):
            if source is text and text.startswith(name, end - len(name)):
                first.setdefault(name, end - len(name))
            if before == "" or before in _BOUNDARY:
                counts[name] += weight
    if not counts:  # 向社会公布瓜沥镇政府……: a name before its government, with no boundary before it
        shortest: dict[int, str] = {}  # no boundary says where the name begins: its shortest reading
        for name, _before, end in _candidates(text):
            if _INSTITUTION.match(text, end) and len(name) < len(shortest.get(end, name + "?")):
                shortest[end] = name
        counts.update(shortest.values())
    if not counts:
        return None
    return max(counts, key=lambda n: (counts[n], -first.get(n, len(text)), len(n)))


def _candidates(text: str) -> list[tuple[str, str, int]]:
    """(name, the character before it, where it ends) for every name ending in 镇/乡/街道 that could be a place name.

    A street office named by its short form (鹤龙街) is given its full name (鹤龙街道).
    """
    out: list[tuple[str, str, int]] = []
    for m in _SUFFIX.finditer(text):
        suffix = "街道" if m.group() == "街" else m.group()
        for n in _NAME_PREFIX:
            start = m.start() - n
            if start < 0:
                break
            prefix = text[start : m.start()]
            if n > 2 and prefix[0] in _COUNTY_END:
                break  # 邹城市太平镇: 太平镇 is the name, 邹城市 the county before it
            if m.group() == "街道" and prefix[-1] in "镇乡" and not _NOT_IN_NAME.search(prefix[:-1]) \
                    and _ALL_CJK.fullmatch(prefix):
                out.append((prefix + suffix, text[start - 1] if start > 0 else "", m.end()))  # 安镇街道
                continue
            if not _ALL_CJK.fullmatch(prefix) or _NOT_IN_NAME.search(prefix):
                break
            if text[m.end() : m.end() + 1] in _NOT_AFTER.get(m.group(), "") and m.end() < len(text):
                break
            out.append((prefix + suffix, text[start - 1] if start > 0 else "", m.end()))
    return out


def _registry_township(text: str, title: str | None, registry: Registry) -> str | None:
    """The registry township the report names most (a title mention weighs five).

    Only names and aliases are counted: "东关镇人民政府" is already counted as "东关镇".
    """
    counts: Counter[str] = Counter()
    for spelling, name in registry.spellings_in(text + "\n" + (title or "")):
        n = text.count(spelling) + 5 * (title or "").count(spelling)
        if n:
            counts[name] += n * len(spelling)
    return max(counts, key=lambda c: counts[c]) if counts else None


def _county(text: str, township: str | None) -> str | None:
    if township:
        for m in re.finditer(re.escape(township), text):
            before = text[max(0, m.start() - 12) : m.start()]
            c = _COUNTY_BEFORE.search(before)
            if c and not _NOT_IN_COUNTY.search(c.group("county")):
                return _last_level(_after_preposition(c.group("county")))
    for m in _COUNTY_ADDRESSED.finditer(text[:400]):
        if not _NOT_IN_COUNTY.search(m.group("county")):
            return _last_level(_after_preposition(m.group("county")))
    return None


def _after_preposition(name: str) -> str:
    """本报告由邹城市 -> 邹城市: a county name starts after the last preposition before it."""
    cut = max(name.rfind(ch) for ch in _PREPOSITIONS)
    return name[cut + 1 :] if 0 <= cut < len(name) - 2 else name


def _last_level(name: str) -> str:
    """烟台市莱山区 -> 莱山区: the county-level unit is the last one named."""
    for sep in ("省", "市", "州", "盟"):
        i = name.find(sep)
        if 0 < i < len(name) - 2:
            name = name[i + 1 :]
    return name


def _starts_line(text: str, pos: int) -> bool:
    """Only spaces stand between the line's start and `pos`."""
    while pos > 0 and text[pos - 1] != "\n" and text[pos - 1].isspace():
        pos -= 1
    return pos == 0 or text[pos - 1] == "\n"


def _year(text: str, title: str | None) -> int | None:
    if title:
        m = _YEAR.search(_BOOK.sub("", title))
        if m:
            return int(m.group(1))
    scores: Counter[int] = Counter()  # type: ignore[assignment]
    clean = _BOOK.sub(lambda m: " " * len(m.group()), text)
    for m in _YEAR.finditer(clean):
        # _PUBLISHED reads at most 14 characters back: looking no further keeps a one-line text linear
        lo = max(0, m.start() - 16)
        line_start = clean.rfind("\n", lo, m.start()) + 1 or lo
        prev = clean[m.start() - 1] if m.start() > 0 else ""
        if prev and prev in "-－—~～至":
            continue  # the end of a range: 2021-2025年
        if _PUBLISHED.search(clean[line_start : m.start()]) or "年" not in m.group():
            scores[int(m.group(1))] += 0.1  # a publication date only decides when nothing else does
            continue
        weight = 3 if m.group(2) else 1
        if _starts_line(clean, m.start()):
            weight += 2
        scores[int(m.group(1))] += weight
    if not scores:
        return None
    return max(scores, key=lambda y: (scores[y], -y))
