"""Word .docx reports: body paragraphs and tables in order, as Word shows them with changes accepted.

python-docx's `paragraph.text` misses what a clerk sees in Word: auto-numbered
labels ("一、"), text boxes, and it keeps deleted tracked changes. So the body is
walked as XML here: w:ins kept, w:del/w:moveFrom dropped, text boxes read once
(the mc:Fallback VML copy skipped), headers and footers never visited. The
package is opened by extractors.readers.docx_package, not python-docx, whose object
model of every part cost most of the read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from core.records import Document
from extractors.readers.base import ReadOptions, Unreadable
from extractors.readers.cjk import join_wrapped, tidy
from extractors.readers.docx_package import open_package
from extractors.readers.headings import find_headings
from extractors.readers.numbering import Numbering, w

MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_SKIP = {w("del"), w("moveFrom"), w("pPr"), w("rPr"), w("instrText"), w("delText"), w("delInstrText"),
         w("fldData"), f"{{{MC}}}Fallback", w("tblPr"), w("trPr"), w("tcPr"), w("sectPr")}
MAX_CHARS_PER_PAGE = 2500  # a dense A4 page of 10.5pt Chinese holds under 2000 characters
_TABS = re.compile(r"[ \u3000]*\t[\t \u3000]*")


@dataclass(frozen=True)
class Line:
    text: str
    heading_level: int | None = None


def read(path: Path, options: ReadOptions, fmt: str = "docx") -> Document:
    package = open_package(path)
    pages = package.declared_pages
    if pages is not None and pages > options.max_pages:
        raise Unreadable("too_many_pages", f"文档有 {pages} 页，超过上限 {options.max_pages} 页；请确认是否发错了文件")
    numbering = Numbering.parse(package.numbering, package.styles)
    lines = [ln for ln in body_lines(package.body, numbering) if ln.text]
    text, styled = _assemble(lines)
    if not text.strip():
        raise Unreadable("no_text", "Word 文档中没有文字（可能只有图片）；请让乡镇发送含文字的版本")
    if pages is not None and len(text) > pages * MAX_CHARS_PER_PAGE:
        pages = None  # stale metadata (files written by tools that never lay the document out)
    return Document(text=text, format=fmt, pages=pages, page_starts=(), headings=find_headings(text, styled),
                    title_hint=package.title)


def _assemble(lines: list[Line]) -> tuple[str, dict[int, int]]:
    styled: dict[int, int] = {}
    parts: list[str] = []
    pos = 0
    for ln in lines:
        if ln.heading_level is not None:
            styled[pos] = ln.heading_level
        parts.append(ln.text)
        pos += len(ln.text) + 1
    return "\n".join(parts), styled


def body_lines(container: etree._Element, numbering: Numbering) -> Iterator[Line]:
    """Paragraphs and table rows of a block container (body, cell, text box) in order."""
    carry = ""
    for child in container:
        tag = child.tag
        if tag == w("p") and _mark_deleted(child):
            # a deleted paragraph mark: accepted, this paragraph runs on into the next one
            text, boxes = paragraph_text(child, numbering)
            carry += text
            for box in boxes:
                yield from body_lines(box, numbering)
            continue
        if carry and tag != w("p"):
            yield Line(tab_columns(carry))
            carry = ""
        if tag == w("p"):
            yield from paragraph_lines(child, numbering, carry)
            carry = ""
        elif tag == w("tbl"):
            yield from table_lines(child, numbering)
        elif tag in (w("sdt"), w("sdtContent"), w("customXml"), w("ins"), w("moveTo"), f"{{{MC}}}AlternateContent",
                     f"{{{MC}}}Choice", w("smartTag")):
            yield from body_lines(child, numbering)
    if carry:
        yield Line(tab_columns(carry))


def paragraph_text(p: etree._Element, numbering: Numbering) -> tuple[str, list[etree._Element]]:
    """The paragraph's text with its number label ("\n" at line breaks), and its text boxes."""
    chunks: list[str] = [numbering.label(p.find(w("pPr")))]
    boxes: list[etree._Element] = []
    _collect(p, chunks, boxes)
    return "".join(chunks), boxes


def paragraph_lines(p: etree._Element, numbering: Numbering, carried: str = "") -> Iterator[Line]:
    level = numbering.outline_level(p.find(w("pPr")))
    text, boxes = paragraph_text(p, numbering)
    for i, raw in enumerate((carried + text).split("\n")):
        yield Line(tab_columns(raw), level if i == 0 else None)
    for box in boxes:
        yield from body_lines(box, numbering)


def tab_columns(raw: str) -> str:
    """Tabs inside a line align columns (a table typed without a table) and stay cell separators,
    so "普法宣传<tab>19次<tab>2000人" never reads "19次2000人"; tabs that only indent are dropped."""
    return tidy(_TABS.sub("\t", raw.strip(" \t\u3000")))


def _mark_deleted(p: etree._Element) -> bool:
    p_pr = p.find(w("pPr"))
    r_pr = None if p_pr is None else p_pr.find(w("rPr"))
    return r_pr is not None and r_pr.find(w("del")) is not None


def _collect(el: etree._Element, out: list[str], boxes: list[etree._Element]) -> None:
    for child in el:
        tag = child.tag
        if tag in _SKIP or not isinstance(tag, str):
            continue
        if tag == w("t"):
            out.append(child.text or "")
        elif tag == w("r") and _hidden(child):
            continue
        elif tag in (w("tab"), w("ptab")):
            out.append("\t")
        elif tag in (w("br"), w("cr")):
            out.append("\n")
        elif tag == w("noBreakHyphen"):
            out.append("-")
        elif tag == w("txbxContent"):
            boxes.append(child)
        else:
            _collect(child, out, boxes)


def _hidden(run: etree._Element) -> bool:
    r_pr = run.find(w("rPr"))
    vanish = None if r_pr is None else r_pr.find(w("vanish"))
    return vanish is not None and vanish.get(w("val"), "true") not in ("0", "false")


def table_lines(tbl: etree._Element, numbering: Numbering) -> Iterator[Line]:
    """One line per row, cells joined by tabs; a vertically merged cell is emitted in its first row only."""
    for tr in _children(tbl, "tr"):
        tr_pr = tr.find(w("trPr"))
        if tr_pr is not None and tr_pr.find(w("del")) is not None:
            continue
        cells = [cell_text(tc, numbering) for tc in _children(tr, "tc") if not _merged_continuation(tc)]
        if any(cells):
            yield Line("\t".join(c.replace("\t", " ") for c in cells))


def _children(el: etree._Element, name: str) -> Iterator[etree._Element]:
    for child in el:
        if child.tag == w(name):
            yield child
        elif child.tag in (w("sdt"), w("sdtContent"), w("customXml"), w("ins")):
            yield from _children(child, name)


def _merged_continuation(tc: etree._Element) -> bool:
    tc_pr = tc.find(w("tcPr"))
    v = None if tc_pr is None else tc_pr.find(w("vMerge"))
    return v is not None and v.get(w("val"), "continue") == "continue"


def cell_text(tc: etree._Element, numbering: Numbering) -> str:
    text = ""
    for ln in body_lines(tc, numbering):
        text = join_wrapped(text, ln.text)
    return text
