"""w:altChunk: a part of another format that Word imports into the body when it opens the file.

Web OA systems and HTML-to-Word exporters (html-docx-js, docx4j's XHTML import, the Open XML SDK's
AltChunk samples) write the report body this way: document.xml holds only `<w:altChunk r:id="..."/>`,
the text is in an HTML, MHTML, RTF or plain-text part. Word shows every sentence; a reader of
document.xml alone sees an empty body. Each chunk is read here into lines; an embedded .docx is
read by the .docx reader itself (extractors/readers/docx.py).
"""

from __future__ import annotations

import re

from extractors.readers import html, mhtml
from extractors.readers.base import Unreadable
from extractors.readers.docx_package import AltChunk
from extractors.readers.text import decode

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
MHTML_TYPES = frozenset({"message/rfc822", "multipart/related", "application/x-mimearchive"})
RTF_TYPES = frozenset({"application/rtf", "text/rtf", "application/x-rtf"})
TEXT_TYPES = frozenset({"text/plain"})
DOCX_TYPES = frozenset({
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "application/vnd.ms-word.document.macroenabled.12",
})
_BY_EXTENSION = {".html": "text/html", ".htm": "text/html", ".xhtml": "application/xhtml+xml",
                 ".mht": "message/rfc822", ".mhtml": "message/rfc822", ".rtf": "application/rtf",
                 ".txt": "text/plain",
                 ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
_RTF_CELL_END = re.compile(r"\|\s*$")


def kind(chunk: AltChunk) -> str:
    """html, mhtml, rtf, text, docx or unknown: by declared content type, else by the part's extension."""
    declared = chunk.content_type or _BY_EXTENSION.get(_extension(chunk.partname), "")
    for name, types in (("html", HTML_TYPES), ("mhtml", MHTML_TYPES), ("rtf", RTF_TYPES), ("text", TEXT_TYPES),
                        ("docx", DOCX_TYPES)):
        if declared in types:
            return name
    return "unknown"


def chunk_lines(chunk: AltChunk) -> list[str]:
    """The chunk's text, one line per paragraph, table rows as tab-joined cells (not for kind docx).

    Raises Unreadable naming the part when its format is not one Word imports or it cannot be parsed.
    """
    what = kind(chunk)
    if not chunk.data:
        raise Unreadable("corrupt", f"正文引用的嵌入内容 {chunk.partname[1:]} 在文件中不存在")
    if what == "html":
        return html.all_lines(chunk.data)
    if what == "mhtml":
        return html.all_lines(mhtml.root_html(chunk.data))
    if what == "text":
        return [ln for ln in decode(chunk.data).splitlines() if ln.strip()]
    if what == "rtf":
        return rtf_lines(chunk.data)
    raise Unreadable("unsupported", f"正文中嵌入了 {chunk.content_type or '未知类型'} 格式的内容"
                                    f"（{chunk.partname[1:]}），无法读取")


def rtf_lines(data: bytes) -> list[str]:
    """RTF text by striprtf (table cells end with "|": they become tabs)."""
    from striprtf.striprtf import rtf_to_text

    text = rtf_to_text(data.decode("latin-1"), errors="ignore")  # RTF is 7-bit; \\'xx and \\u escapes carry the rest
    lines = []
    for raw in text.splitlines():
        line = raw.strip()
        if _RTF_CELL_END.search(line):
            line = "\t".join(cell.strip() for cell in line.rstrip("| ").split("|"))
        if line:
            lines.append(line)
    return lines


def _extension(partname: str) -> str:
    dot = partname.rfind(".")
    return partname[dot:].lower() if dot >= 0 else ""
