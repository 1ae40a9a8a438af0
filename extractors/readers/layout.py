"""From positioned lines (PDF text layer or OCR) to the Document.text contract.

Paragraphs are rebuilt from geometry: a line that reaches the right margin
continues on the next line unless that one is indented, numbered as a heading,
far below, or (in documents without first-line indents) the first line ended a
sentence. Running headers, footers and page numbers are dropped first.
"""

from __future__ import annotations

import math
import re
import statistics
from collections import Counter
from dataclasses import dataclass

from extractors.readers.cjk import GAP, join_wrapped, tidy
from extractors.readers.headings import heading_level


@dataclass(frozen=True)
class Line:
    """One visual line, coordinates in points from the page's top-left corner."""

    text: str
    left: float
    right: float
    top: float
    bottom: float
    em: float  # font size: the unit every tolerance is measured in
    table: bool = False  # a table row (cells joined by tabs): never joined with its neighbours


@dataclass(frozen=True)
class Page:
    lines: tuple[Line, ...]
    width: float
    height: float


@dataclass(frozen=True)
class Style:
    indented: bool  # paragraphs start with a first-line indent
    body_em: float  # the body text's font size; titles are larger


@dataclass(frozen=True)
class Margins:
    left: float
    right: float


_PAGE_NUMBER = re.compile(
    r"[-—–－‐_\s]*\d{1,4}[-—–－‐_\s]*"
    r"|第\s*\d{1,4}\s*页(\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
    r"|(共\s*\d{1,4}\s*页\s*[,，]?\s*)?第\s*\d{1,4}\s*页"
    r"|\d{1,4}\s*/\s*\d{1,4}"
    r"|(page|Page|PAGE)\s*\d{1,4}(\s*(of|/)\s*\d{1,4})?"
    r"|[-—–－\s]*[一二三四五六七八九十]{1,3}[-—–－\s]*"
)
_SENTENCE_END = re.compile(r"[。！？!?；;：:]$|[。！？][”’」』）)]$")
COLUMN_GAP = 2.5  # ems of blank between glyphs (or OCR words) that separate columns rather than words
_EDGE_ZONE = 0.12  # share of the page height at top and bottom where headers and footers live
_EDGE_LINES = 2


def join_columns(cells: list[str]) -> str:
    """Text aligned in columns (tab stops, a table without rules) keeps tab separators, so
    "普法宣传   19次   2000人" never reads "19次2000人"; a title spread letter by letter
    (distributed alignment: "工 作 报 告") is one word."""
    tidied = [tidy(c, laid_out=True) for c in cells]
    if all(len(c) <= 1 for c in tidied):
        return tidy(GAP.join(tidied), laid_out=True)
    return "\t".join(c for c in tidied if c)


def is_page_number(text: str) -> bool:
    return bool(_PAGE_NUMBER.fullmatch(text.strip()))


def drop_furniture(pages: list[Page]) -> list[Page]:
    """Remove page numbers and lines repeated at the top or bottom of most pages."""
    def edge_lines(page: Page) -> list[Line]:
        body = [ln for ln in page.lines if not ln.table]
        edge = body[:_EDGE_LINES] + body[-_EDGE_LINES:]
        return [ln for ln in edge if ln.top < page.height * _EDGE_ZONE or ln.bottom > page.height * (1 - _EDGE_ZONE)]

    def key(line: Line) -> str:
        return re.sub(r"\d+", "#", line.text)

    counts = Counter(k for page in pages for k in {key(ln) for ln in edge_lines(page)})
    need = max(2, math.ceil(len(pages) * 0.5))
    out = []
    for page in pages:
        drop = {id(ln) for ln in edge_lines(page) if is_page_number(ln.text) or counts[key(ln)] >= need}
        out.append(Page(tuple(ln for ln in page.lines if id(ln) not in drop), page.width, page.height))
    return out


def margins(lines: list[Line], fallback: Margins | None) -> Margins:
    """Body text's left edge (most common line start) and right edge (where full lines end)."""
    body = [ln for ln in lines if not ln.table]
    if len(body) < 6 and fallback is not None:
        return fallback
    if not body:
        return Margins(0.0, 0.0)
    left = Counter(round(ln.left / 2) * 2 for ln in body).most_common(1)[0][0]
    left = min((ln.left for ln in body if abs(ln.left - left) <= 2), default=float(left))
    rights = sorted(ln.right for ln in body)
    return Margins(left, rights[int(0.9 * (len(rights) - 1))])


def uses_indent(pages: list[Page], m: Margins) -> bool:
    """Whether paragraphs start with a first-line indent (the usual Chinese style, 2 characters)."""
    lines = [ln for p in pages for ln in p.lines if not ln.table]
    indented = sum(1 for ln in lines if m.left + 1.3 * ln.em <= ln.left <= m.left + 2.8 * ln.em)
    return indented >= 2 or (indented >= 1 and len(lines) < 10)


def paragraphs(pages: list[Page]) -> tuple[str, tuple[int, ...]]:
    """The text (paragraphs joined by newlines) and the offset where each page starts."""
    pages = drop_furniture(pages)
    doc_margins = margins([ln for p in pages for ln in p.lines], None)
    body = [ln for p in pages for ln in p.lines if not ln.table]
    style = Style(indented=uses_indent(pages, doc_margins),
                  body_em=statistics.median(ln.em for ln in body) if body else 12.0)
    paras: list[str] = []
    page_starts: list[int] = []
    closed = 0  # length of the finished paragraphs, each with its newline
    prev: Line | None = None
    prev_margins = doc_margins
    for page in pages:
        m = margins(list(page.lines), doc_margins)
        start: int | None = None
        for i, ln in enumerate(page.lines):
            if prev is not None and _continues(prev, ln, prev_margins, m, style, i == 0):
                paras[-1] = join_wrapped(paras[-1], ln.text)
                offset = closed + len(paras[-1]) - len(ln.text)
            else:
                if paras:
                    closed += len(paras[-1]) + 1
                paras.append(ln.text)
                offset = closed
            if start is None:
                start = offset
            prev, prev_margins = ln, m
        if start is None:  # a page without text starts where the text so far ends
            start = closed + len(paras[-1]) if paras else 0
        page_starts.append(start)
    return "\n".join(paras), tuple(page_starts)


_IDEOGRAPH = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_MAX_CLUSTER = 40
_OPENING = "《“‘（([【「『〔"


def _room_needed(text: str) -> float:
    """In ems: the room the next line's first unbreakable cluster needs; a smaller gap means a forced wrap.

    Latin words and numbers never break, and punctuation may neither start nor end a line, so
    "…人数达" can stop 2-3 characters short of the margin when "2000余人次" follows, and "…构"
    when "建“多元" follows. The cluster is the first character plus what follows it up to the
    next ideograph or space (an opening bracket takes the character after it along).
    """
    end = 1
    while end < min(len(text), _MAX_CLUSTER) and (text[end - 1] in _OPENING or (
            not _IDEOGRAPH.match(text[end]) and not text[end].isspace())):
        end += 1
    width = sum(0.55 if c.isascii() else 1.0 for c in text[:end])
    return max(1.6, width + 0.6)


def _symmetric(line: Line, m: Margins) -> bool:
    return abs((line.left + line.right) - (m.left + m.right)) < line.em


def _continues(prev: Line, cur: Line, pm: Margins, m: Margins, style: Style, new_page: bool) -> bool:
    if prev.table or cur.table or not prev.text or not cur.text or "\t" in prev.text or "\t" in cur.text:
        return False
    em = max(prev.em, cur.em)
    if abs(prev.em - cur.em) > 0.2 * em:
        return False
    if not new_page and cur.top - prev.bottom > 1.6 * em:
        return False
    if heading_level(cur.text) is not None:
        return False
    if pm.right - prev.right > _room_needed(cur.text) * prev.em:  # the next line's first word would have fitted
        return False
    if cur.left > m.left + 0.9 * cur.em:  # indented: a new paragraph, unless a large title wraps centred
        return _symmetric(prev, pm) and _symmetric(cur, m) and prev.em > 1.2 * style.body_em
    if prev.left > pm.left + 4 * prev.em and not _symmetric(prev, pm):
        return False  # a right-aligned line (signature, date)
    return style.indented or not _SENTENCE_END.search(prev.text)
