"""Word .docx reports: body paragraphs and tables in order, as Word shows them with changes accepted.

python-docx's `paragraph.text` misses what a clerk sees in Word: auto-numbered
labels ("一、"), text boxes, and it keeps deleted tracked changes. So the body is
walked as XML here: w:ins kept, w:del/w:moveFrom dropped, text boxes read once
(the mc:Fallback VML copy skipped), headers and footers never visited; content
controls, fields and hyperlinks are read through; a table nested in a cell keeps
its rows; a w:altChunk (an HTML, MHTML, RTF, text or .docx part Word imports on
opening, extractors/readers/docx_chunks.py) is read in place. The package is opened
by extractors/readers/docx_package.py, not python-docx, whose object model of
every part cost most of the read.

Every read ends with the coverage check (extractors/readers/coverage.py): the
characters of every w:t the body holds, less deleted and hidden text, against the
text returned; a shortfall is a ReadWarning, an unreadable imported part too.

Cost, measured by `PYTHONPATH=. python -m benchmarks.reader_cost` on the sample county's
17 .docx (~1,300 characters each), on this 2-core machine while other jobs kept it busy
(load average ~12, 2026-11-30): 11.6 ms a file (median), of which opening and parsing the
parts 0.9 ms, the walk (numbering, imported parts, body) 7.2 ms, the coverage check 0.4 ms.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from core.records import Document, ReadWarning
from extractors.readers import coverage
from extractors.readers.base import ReadOptions, Unreadable
from extractors.readers.cjk import join_wrapped, tidy
from extractors.readers.docx_chunks import chunk_lines, kind
from extractors.readers.docx_package import AltChunk, DocxPackage, open_package
from extractors.readers.headings import find_headings
from extractors.readers.numbering import Numbering, W, w

MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_SKIP = {w("del"), w("moveFrom"), w("pPr"), w("rPr"), w("instrText"), w("delText"), w("delInstrText"),
         w("fldData"), f"{{{MC}}}Fallback", w("tblPr"), w("trPr"), w("tcPr"), w("sectPr")}
_CONTAINERS = (w("sdt"), w("sdtContent"), w("customXml"), w("ins"), w("moveTo"), f"{{{MC}}}AlternateContent",
               f"{{{MC}}}Choice", w("smartTag"))
MAX_CHARS_PER_PAGE = 2500  # a dense A4 page of 10.5pt Chinese holds under 2000 characters
MAX_CHUNK_DEPTH = 2  # a .docx imported by w:altChunk may import another; no further
_TABS = re.compile(r"[ \u3000]*\t[\t \u3000]*")
# The w:t the reader leaves out on purpose: deleted or moved-away text, the VML copy of a text box, hidden
# runs, deleted table rows and the continuation cells of a vertical merge (Word shows the first cell's text).
_HELD_TEXT = etree.XPath(
    ".//w:t[not(ancestor::w:del or ancestor::w:moveFrom or ancestor::mc:Fallback"
    " or ancestor::w:r[w:rPr/w:vanish[not(@w:val) or (@w:val != '0' and @w:val != 'false')]]"
    " or ancestor::w:tr[w:trPr/w:del]"
    " or ancestor::w:tc[w:tcPr/w:vMerge[not(@w:val) or @w:val = 'continue']])]/text()",
    namespaces={"w": W, "mc": MC})


@dataclass(frozen=True)
class Line:
    text: str
    heading_level: int | None = None


@dataclass(frozen=True)
class Body:
    """What walking a body needs besides the XML: the numbering, and the lines of each w:altChunk by r:id."""

    numbering: Numbering
    chunks: Mapping[str, list[Line]] = field(default_factory=dict)


def read(path: Path, options: ReadOptions, fmt: str = "docx") -> Document:
    package = open_package(path)
    pages = package.declared_pages
    if pages is not None and pages > options.max_pages:
        raise Unreadable("too_many_pages", f"文档有 {pages} 页，超过上限 {options.max_pages} 页；请确认是否发错了文件")
    lines, warnings = package_lines(package, depth=0)
    text, styled = _assemble(lines)
    if not text.strip():
        unread = next((w for w in warnings if w.kind == "part_unread"), None)
        if unread is not None:
            raise Unreadable("unsupported", f"Word 文档的正文是嵌入的其他格式内容，无法读取：{unread.message}；"
                                            "请让乡镇用 Word/WPS 打开后另存为 .docx 再发送")
        raise Unreadable("no_text", "Word 文档中没有文字（可能只有图片）；请让乡镇发送含文字的版本")
    if pages is not None and len(text) > pages * MAX_CHARS_PER_PAGE:
        pages = None  # stale metadata (files written by tools that never lay the document out)
    return Document(text=text, format=fmt, pages=pages, page_starts=(), headings=find_headings(text, styled),
                    title_hint=package.title, warnings=tuple(warnings))


def package_lines(package: DocxPackage, depth: int) -> tuple[list[Line], list[ReadWarning]]:
    """The body's non-empty lines, with the imported parts read in place, and what could not be read."""
    warnings: list[ReadWarning] = []
    chunks = {rid: _chunk(chunk, depth, warnings) for rid, chunk in package.alt_chunks.items()}
    body = Body(Numbering.parse(package.numbering, package.styles), chunks)
    lines = [ln for ln in body_lines(package.body, body) if ln.text]
    held = coverage.ink("".join(_HELD_TEXT(package.body)))
    missing = coverage.unread(held, coverage.ink("".join(ln.text for ln in lines)))
    if coverage.significant(missing, sum(held.values())):
        warnings.append(coverage.document_warning(missing, sum(held.values())))
    return lines, warnings


def _chunk(chunk: AltChunk, depth: int, warnings: list[ReadWarning]) -> list[Line]:
    """An imported part's lines; [] and a warning when it cannot be read."""
    name = chunk.partname[1:]
    try:
        if kind(chunk) == "docx":
            if depth >= MAX_CHUNK_DEPTH:
                raise Unreadable("unsupported", f"嵌入的 Word 文档 {name} 又嵌入了其他文档，层数过多")
            lines, inner = package_lines(open_package(chunk.data), depth + 1)
            warnings.extend(inner)
            return lines
        return [Line(tab_columns(text)) for text in chunk_lines(chunk)]
    except Unreadable as exc:
        warnings.append(ReadWarning("part_unread", f"正文中嵌入的内容 {name} 未能读取（{exc.reason}），请核对原件"))
        return []


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


def body_lines(container: etree._Element, body: Body) -> Iterator[Line]:
    """Paragraphs and table rows of a block container (body, cell, text box) in order."""
    carry = ""
    for child in container:
        tag = child.tag
        if tag == w("p") and _mark_deleted(child):
            # a deleted paragraph mark: accepted, this paragraph runs on into the next one
            text, boxes = paragraph_text(child, body.numbering)
            carry += text
            for box in boxes:
                yield from body_lines(box, body)
            continue
        if carry and tag != w("p"):
            yield Line(tab_columns(carry))
            carry = ""
        if tag == w("p"):
            yield from paragraph_lines(child, body, carry)
            carry = ""
        elif tag == w("tbl"):
            yield from table_lines(child, body)
        elif tag == w("altChunk"):
            yield from body.chunks.get(child.get(f"{{{R}}}id", ""), [])
        elif tag in _CONTAINERS:
            yield from body_lines(child, body)
    if carry:
        yield Line(tab_columns(carry))


def paragraph_text(p: etree._Element, numbering: Numbering) -> tuple[str, list[etree._Element]]:
    """The paragraph's text with its number label ("\n" at line breaks), and its text boxes."""
    chunks: list[str] = [numbering.label(p.find(w("pPr")))]
    boxes: list[etree._Element] = []
    _collect(p, chunks, boxes)
    return "".join(chunks), boxes


def paragraph_lines(p: etree._Element, body: Body, carried: str = "") -> Iterator[Line]:
    level = body.numbering.outline_level(p.find(w("pPr")))
    text, boxes = paragraph_text(p, body.numbering)
    for i, raw in enumerate((carried + text).split("\n")):
        yield Line(tab_columns(raw), level if i == 0 else None)
    for box in boxes:
        yield from body_lines(box, body)


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


def table_lines(tbl: etree._Element, body: Body) -> Iterator[Line]:
    """One line per row, cells joined by tabs; a vertically merged cell is emitted in its first row only.

    A row holding a table in one of its cells (a statistics table pasted into a framing table) is
    read cell by cell instead, so the inner table's rows stay rows rather than run into one line.
    """
    for tr in _children(tbl, "tr"):
        tr_pr = tr.find(w("trPr"))
        if tr_pr is not None and tr_pr.find(w("del")) is not None:
            continue
        tcs = [tc for tc in _children(tr, "tc") if not _merged_continuation(tc)]
        if any(_holds_table(tc) for tc in tcs):
            for tc in tcs:
                yield from body_lines(tc, body)
            continue
        cells = [cell_text(tc, body) for tc in tcs]
        if any(cells):
            yield Line("\t".join(c.replace("\t", " ") for c in cells))


def _holds_table(tc: etree._Element) -> bool:
    return any(True for _ in _children(tc, "tbl"))


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


def cell_text(tc: etree._Element, body: Body) -> str:
    text = ""
    for ln in body_lines(tc, body):
        text = join_wrapped(text, ln.text)
    return text
