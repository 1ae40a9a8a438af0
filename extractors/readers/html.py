"""Reports saved from a government web page: the article, not the site around it.

The article container is found by the ids/classes government CMSs use (TRS_Editor,
zoom, content, article...) when one holds enough text, else by text density: the
block with the most paragraph text that is not link text.
"""

from __future__ import annotations

import contextlib
import re
from pathlib import Path

import lxml.html
from lxml import etree

from core.records import Document
from extractors.readers.base import ReadOptions, Unreadable
from extractors.readers.cjk import join_wrapped, tidy
from extractors.readers.text import decode, text_document

_DROP = ("script", "style", "noscript", "nav", "header", "footer", "iframe", "form", "select", "button",
         "object", "embed", "svg", "template", "aside")
_MARKERS = re.compile(r"trs_editor|zoom|article|content|detail|main[-_]?text|text[-_]?con|con[-_]?text|"
                      r"news[-_]?con|xxgk[-_]?con|zw[-_]?con|bt[-_]?con", re.IGNORECASE)
_NOISE = re.compile(r"nav|menu|footer|header|sidebar|breadcrumb|share|comment|related|copyright|banner|login",
                    re.IGNORECASE)
_BLOCKS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section", "article",
           "blockquote", "pre", "ul", "ol", "dd", "dt", "center", "hr"}
_MIN_ARTICLE = 100
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.IGNORECASE)
_TITLE_SPLIT = re.compile(r"\s*(?:[_|｜]|--|——| - )\s*")


def read(path: Path, options: ReadOptions) -> Document:
    return html_document(path.read_bytes(), "html")


def html_document(data: bytes, fmt: str) -> Document:
    """A saved web page's article (its title first) as a Document of format `fmt`."""
    root = parse(data)
    title = page_title(root)
    _strip(root)
    article = main_container(root)
    lines = block_lines(article)
    if title and not any(title in ln or ln in title for ln in lines[:3] if ln):
        lines.insert(0, title)
    return text_document("\n".join(lines), fmt, title)


def all_lines(data: bytes) -> list[str]:
    """Every block of an HTML document's body, no article search: HTML a Word file imports into its body."""
    root = parse(data)
    _strip(root)
    body = root.find("body")
    return block_lines(root if body is None else body)


def _strip(root: etree._Element) -> None:
    for el in root.xpath("//comment() | //processing-instruction()"):
        _remove(el)
    for el in root.iter(*_DROP):
        _remove(el)


def parse(data: bytes) -> etree._Element:
    """UTF-8 when the bytes are valid UTF-8 (sites often declare gb2312 and serve UTF-8), else the
    declared charset, else the plain-text detection."""
    m = _META_CHARSET.search(data[:4096])
    text = None
    with contextlib.suppress(UnicodeDecodeError):
        text = data.decode("utf-8-sig")
    if text is None and m:
        try:
            text = data.decode(m.group(1).decode("ascii").lower().replace("gb2312", "gb18030")
                               .replace("gbk", "gb18030"))
        except (LookupError, UnicodeDecodeError):
            text = None
    if text is None:
        text = decode(data, ext="html")
    text = re.sub(r"^\s*<\?xml[^>]*>", "", text)
    try:
        return lxml.html.document_fromstring(text or "<html></html>")
    except (etree.ParserError, ValueError) as exc:
        raise Unreadable("corrupt", "网页文件无法解析；请让乡镇发送 Word 或 PDF 版本") from exc


def page_title(root: etree._Element) -> str | None:
    """The <h1> when it reads like a title, else the first part of <title> (sites append their own name)."""
    for h1 in root.iter("h1"):
        text = tidy(h1.text_content())
        if len(text) >= 6:
            return text
    for t in root.iter("title"):
        parts = [tidy(p) for p in _TITLE_SPLIT.split(t.text_content().strip()) if tidy(p)]
        if parts:
            return max(parts[:2], key=len) if len(parts) > 1 and len(parts[0]) < 6 else parts[0]
    return None


def _remove(el: etree._Element) -> None:
    if el.getparent() is None:
        return
    el.drop_tree()  # keeps the tail text, which belongs to the parent


def _own_text_len(el: etree._Element) -> int:
    links = sum(len(a.text_content().strip()) for a in el.iter("a"))
    return len(re.sub(r"\s+", "", el.text_content())) - links


def main_container(root: etree._Element) -> etree._Element:
    body = root.find("body")
    body = root if body is None else body
    marked = [el for el in body.iter() if isinstance(el.tag, str)
              and _MARKERS.search(f"{el.get('id', '')} {el.get('class', '')}")
              and not _NOISE.search(f"{el.get('id', '')} {el.get('class', '')}")]
    marked = [el for el in marked if _own_text_len(el) >= _MIN_ARTICLE]
    if marked:
        return min(marked, key=lambda el: len(el.text_content()))  # the innermost that still holds the article
    scores: dict[etree._Element, float] = {}
    for p in body.iter("p", "br", "td", "div", "span"):
        n = len(re.sub(r"\s+", "", (p.text or "") + "".join(c.tail or "" for c in p)))
        if n < 10:
            continue
        parent = p.getparent()
        if parent is not None:
            scores[parent] = scores.get(parent, 0) + n
            grand = parent.getparent()
            if grand is not None:
                scores[grand] = scores.get(grand, 0) + n / 2
    if not scores:
        return body
    best = max(scores, key=lambda el: scores[el] * (1 - _link_density(el)))
    return best


def _link_density(el: etree._Element) -> float:
    total = len(el.text_content().strip()) or 1
    return min(1.0, sum(len(a.text_content().strip()) for a in el.iter("a")) / total)


def block_lines(el: etree._Element) -> list[str]:
    """Text with a line per block element; tables as tab-joined rows."""
    lines: list[str] = [""]

    def walk(node: etree._Element) -> None:
        if not isinstance(node.tag, str):
            return
        if node.tag == "table":
            for tr in node.iter("tr"):
                cells = [tidy(" ".join(td.text_content().split())) for td in tr if td.tag in ("td", "th")]
                if any(cells):
                    lines.extend(["\t".join(cells), ""])
            return
        block = node.tag in _BLOCKS
        if block:
            lines.append("")
        if node.text:
            lines[-1] = join_wrapped(lines[-1], tidy(node.text))
        for child in node:
            walk(child)
            if child.tail:
                lines[-1] = join_wrapped(lines[-1], tidy(child.tail))
        if block:
            lines.append("")

    walk(el)
    return [ln for ln in lines if ln]
