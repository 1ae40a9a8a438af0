"""Dispatch a file to the reader for its format; every failure becomes `Unreadable` with a reason."""

from __future__ import annotations

from dataclasses import dataclass

from township_rollup.records import Document, SourceFile


@dataclass(frozen=True)
class ReadOptions:
    max_bytes: int = 50 * 1024 * 1024  # larger files are rejected before parsing
    max_pages: int = 500
    ocr: bool = True  # OCR scanned PDFs when tesseract is installed
    convert_timeout: float = 120.0  # seconds LibreOffice may take for a .doc/.wps


class Unreadable(Exception):
    """A file that cannot be read: `kind` is a stable code, `reason` is for a clerk."""

    def __init__(self, kind: str, reason: str) -> None:
        super().__init__(reason)
        self.kind = kind
        self.reason = reason


def read_document(source: SourceFile, options: ReadOptions = ReadOptions()) -> Document:
    from extractors import docx, pdf, text

    if source.size == 0:
        raise Unreadable("empty", "文件是空的（0 字节）")
    if source.size > options.max_bytes:
        raise Unreadable("oversized", f"文件过大（{source.size / 1e6:.1f} MB，上限 {options.max_bytes / 1e6:.0f} MB）")
    readers = {"docx": docx.read, "pdf": pdf.read, "txt": text.read}
    reader = readers.get(source.kind)
    if reader is None:
        raise Unreadable("unsupported", f"不支持的文件格式：{source.kind}")
    return reader(source.path, options)
