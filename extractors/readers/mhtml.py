"""MHTML ("single file web page", .mht): what Word and WPS write for 另存为 单个文件网页, often sent as .doc.

The file is a MIME message (RFC 2557, multipart/related): its root part is the HTML page, the other parts
its images and styles. The root's HTML is read by the web-page reader (extractors/readers/html.py).
LibreOffice does not: it imports the MIME text as plain text, base64 and all.
"""

from __future__ import annotations

import email
import email.policy
from email.message import Message
from pathlib import Path

from core.records import Document
from extractors.readers import html
from extractors.readers.base import ReadOptions, Unreadable

# Word declares gb2312 while writing characters outside it; gb18030 is its superset.
_CHARSET_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "cp936": "gb18030"}


def read(path: Path, options: ReadOptions, fmt: str = "mhtml") -> Document:
    return html.html_document(root_html(path.read_bytes()), fmt)


def root_html(data: bytes) -> bytes:
    """The root HTML page of an MHTML archive as UTF-8 bytes; Unreadable when it has none."""
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    part = _root(message)
    if part is None:
        raise Unreadable("corrupt", "单个文件网页（MHTML）中没有网页正文；请让乡镇用 Word/WPS 另存为 .docx 后发送")
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes) or not payload.strip():
        raise Unreadable("no_text", "单个文件网页（MHTML）的正文是空的；请让乡镇用 Word/WPS 另存为 .docx 后发送")
    charset = (part.get_content_charset() or "").lower()
    charset = _CHARSET_ALIASES.get(charset, charset)
    if charset:
        try:
            return payload.decode(charset).encode("utf-8")
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declaration: the HTML reader detects the encoding itself
    return payload


def _root(message: Message) -> Message | None:
    """The part named by multipart/related's start parameter, else the first HTML part."""
    start = message.get_param("start") if message.is_multipart() else None
    parts = [p for p in message.walk() if not p.is_multipart()]
    if isinstance(start, str):
        wanted = start.strip("<>")
        for p in parts:
            if (p.get("Content-ID") or "").strip().strip("<>") == wanted:
                return p
    return next((p for p in parts if p.get_content_type() in ("text/html", "application/xhtml+xml")), None)
