"""What a file really is, from its first bytes: files arrive renamed, saved wrongly or as e-mail junk."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "pdf"),
    (b"PK\x03\x04", "zip"),
    (b"PK\x05\x06", "zip"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
    (b"BM", "bmp"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
    (b"MZ", "exe"),
    (b"\x7fELF", "elf"),
    (b"Rar!\x1a\x07", "rar"),
    (b"7z\xbc\xaf\x27\x1c", "7z"),
    (b"\x1f\x8b", "gzip"),
    (b"{\\rtf", "rtf"),
)

DESCRIPTIONS: dict[str, str] = {
    "pdf": "PDF 文件", "zip": "ZIP 压缩包", "docx": "Word 文档（.docx）", "xlsx": "Excel 表格（.xlsx）",
    "pptx": "PowerPoint 演示文稿（.pptx）", "ofd": "OFD 版式文件", "ole": "旧版 Office 文件（.doc/.xls/.wps）",
    "png": "PNG 图片", "jpeg": "JPEG 图片", "gif": "GIF 图片", "bmp": "BMP 图片", "tiff": "TIFF 图片",
    "exe": "Windows 可执行程序（.exe）", "elf": "Linux 可执行程序", "rar": "RAR 压缩包", "7z": "7z 压缩包",
    "gzip": "gzip 压缩包", "rtf": "RTF 文档", "html": "网页（HTML）文件", "text": "纯文本文件",
    "binary": "无法识别的二进制文件", "broken_zip": "损坏的压缩包",
    "word_xml": "Word XML 文档（Word 2003 XML 或单文件 XML）", "mhtml": "单个文件网页（MHTML）",
}
# Word's own XML formats: Word 2003 XML (w:wordDocument) and the 2007+ flat package (pkg:package).
_WORD_XML = (b'progid="word.document"', b"<w:worddocument", b"<pkg:package")
_MIME_HEADER = re.compile(rb"^(?:[a-z][a-z0-9-]*:[^\n]*\r?\n(?:[ \t][^\n]*\r?\n)*)+", re.IGNORECASE)


def sniff(path: Path) -> str:
    """A content kind from DESCRIPTIONS: zips are opened to tell docx/xlsx/pptx/ofd apart."""
    with open(path, "rb") as fh:
        head = fh.read(2048)
    kind = sniff_bytes(head)
    return zip_flavour(path) if kind == "zip" else kind


def sniff_bytes(head: bytes) -> str:
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    for magic, kind in _MAGIC:
        if stripped.startswith(magic):
            return kind
    if b"%PDF-" in head[:1024]:
        return "pdf"  # PDF allows junk before the header
    lower = stripped[:512].lower()
    if lower.startswith(b"<?xml") and any(marker in stripped.lower() for marker in _WORD_XML):
        return "word_xml"
    if lower.startswith((b"<!doctype html", b"<html")) or (lower.startswith(b"<") and b"<html" in lower):
        return "html"
    if _mhtml(stripped):
        return "mhtml"
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")) and not _utf16_text(head):
        return "binary"
    return "text"


def _mhtml(head: bytes) -> bool:
    """A MIME message (RFC 2557) of a web page: mail-style headers first, multipart/related or text/html."""
    headers = _MIME_HEADER.match(head)
    if headers is None:
        return False
    block = headers.group(0).lower()
    return b"content-type:" in block and (b"multipart/related" in block or b"text/html" in block)


def _utf16_text(head: bytes) -> bool:
    """UTF-16 without a byte-order mark: NULs beside ASCII, and it decodes to printable text."""
    for codec in ("utf-16-le", "utf-16-be"):
        text = head[: len(head) // 2 * 2].decode(codec, errors="replace")
        printable = sum(1 for c in text if c.isprintable() or c in "\r\n\t")
        if text and "\ufffd" not in text[:-1] and printable >= 0.95 * len(text):
            return True
    return False


def zip_flavour(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return "broken_zip"  # e.g. a .docx cut off in transfer: its reader says so
    if "word/document.xml" in names or ("_rels/.rels" in names and any(n.startswith("word/") for n in names)):
        return "docx"  # Word for the web names the body word/document2.xml; the reader follows _rels/.rels
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "ppt/presentation.xml" in names:
        return "pptx"
    if "OFD.xml" in names:
        return "ofd"
    return "zip"


_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")


def encrypted_office(path: Path) -> bool:
    """A password-protected .docx is an OLE file holding an "EncryptedPackage" stream (names are UTF-16)."""
    with open(path, "rb") as fh:
        return _ENCRYPTED_PACKAGE in fh.read(4 * 1024 * 1024)


def describe(kind: str) -> str:
    return DESCRIPTIONS.get(kind, kind)
