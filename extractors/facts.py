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

from township_rollup.records import Document, DocumentFacts
from township_rollup.registry import Registry

_CJK = "\u4e00-\u9fff"
# A township name starts after a boundary (line start, year, county name, punctuation) and ends in 镇/乡/街道.
_TOWNSHIP = re.compile(
    rf"(?:^|(?<=[县区市旗年度于，,。:：\s“\"、()（）]))(?P<name>[{_CJK}]{{2,6}}?(?:街道|镇|乡))"
    rf"(?=人民政府|政府|党委|党工委|办事处|法治|依法|关于|20\d\d|[{_CJK}]{{0,2}}[，,：:。\s]|在|以|坚持|紧紧|深入|全面"
    rf"|始终|积极|聚焦|持续|把|将|严格|认真|扎实|不断|围绕|高度|共|领导|实现|的|结合|通过|今年|\d)",
    re.MULTILINE,
)
_NOT_NAMES = re.compile(r"^(?:乡镇|城镇|城乡|全镇|我镇|本镇|该镇|各镇|全乡|我乡|本乡|各乡|各乡镇|下乡|本街道|全街道|我街道|各街道"
                        r"|该街道|辖区街道|乡村|村镇|集镇|小镇|重镇|新乡|家乡|返乡|老乡|城中村|.*[的和与及在对是为]"
                        r".*)$")
_COUNTY_BEFORE = re.compile(rf"(?P<county>[{_CJK}]{{1,8}}?(?:自治县|县|区|市|旗))(?:人民政府)?$")
_COUNTY_ADDRESSED = re.compile(rf"(?P<county>[{_CJK}]{{2,8}}?(?:自治县|县|区|旗))(?:委|人民政府)")
_YEAR = re.compile(r"(20\d\d)\s*年(度|以来|[，,]|上半年|全年)?")
_PUBLISHED = re.compile(r"(?:发布|时间|日期|来源|发文|印发)[^\n]{0,12}$")
_TITLE_WORDS = re.compile(r"报告|总结|情况")
_BOOK = re.compile(r"《[^》\n]{0,60}》")


def find_facts(doc: Document, registry: Registry | None = None, path: Path | None = None) -> DocumentFacts:
    registry = registry or Registry()
    title = _title(doc)
    written = _township(doc.text, title, registry)
    if written is None and path is not None:
        written = _township(path.stem, None, registry)
    township = registry.resolve(written) if registry.known else written
    county = registry.county or _county(doc.text, written)
    year = _year(doc.text, title)
    return DocumentFacts(title=title, province=registry.province, county=county, township=township or written,
                         year=year, township_as_written=written)


def _title(doc: Document) -> str | None:
    for line in doc.text.split("\n")[:8]:
        s = line.strip()
        if 4 <= len(s) <= 60 and _TITLE_WORDS.search(s) and not s.endswith(("：", ":", "。")):
            return s
    return doc.title_hint


def _township(text: str, title: str | None, registry: Registry) -> str | None:
    """The most often named township, names in the title and first lines weighing more."""
    if registry.known:
        found = _registry_township(text, title, registry)
        if found:
            return found
    head = text[:300]
    counts: Counter[str] = Counter()
    for source, weight in ((title or "", 5), (head, 2), (text, 1)):
        for m in _TOWNSHIP.finditer(source):
            name = m.group("name")
            if not _NOT_NAMES.match(name):
                counts[name] += weight
    if not counts:
        return None
    return max(counts, key=lambda n: (counts[n], len(n)))


def _registry_township(text: str, title: str | None, registry: Registry) -> str | None:
    counts: Counter[str] = Counter()
    for spelling, canonical in registry.names().items():
        n = text.count(spelling) + 5 * (title or "").count(spelling)
        if n:
            counts[canonical] += n * len(spelling)
    return max(counts, key=lambda c: counts[c]) if counts else None


def _county(text: str, township: str | None) -> str | None:
    if township:
        for m in re.finditer(re.escape(township), text):
            before = text[max(0, m.start() - 12) : m.start()]
            c = _COUNTY_BEFORE.search(before)
            if c:
                return _last_level(c.group("county"))
    m = _COUNTY_ADDRESSED.search(text[:400])
    return _last_level(m.group("county")) if m else None


def _last_level(name: str) -> str:
    """烟台市莱山区 -> 莱山区: the county-level unit is the last one named."""
    for sep in ("省", "市", "州", "盟"):
        i = name.find(sep)
        if 0 < i < len(name) - 2:
            name = name[i + 1 :]
    return name


def _year(text: str, title: str | None) -> int | None:
    if title:
        m = _YEAR.search(_BOOK.sub("", title))
        if m:
            return int(m.group(1))
    scores: Counter[int] = Counter()
    clean = _BOOK.sub(lambda m: " " * len(m.group()), text)
    for m in _YEAR.finditer(clean):
        line_start = clean.rfind("\n", 0, m.start()) + 1
        if _PUBLISHED.search(clean[line_start : m.start()]) or clean[max(0, m.start() - 1) : m.start()] in "-－—~至":
            if m.start() > 0:
                continue
        weight = 3 if m.group(2) else 1
        if m.start() == line_start or clean[line_start : m.start()].strip() == "":
            weight += 2
        scores[int(m.group(1))] += weight
    if not scores:
        return None
    return max(scores, key=lambda y: (scores[y], -y))
