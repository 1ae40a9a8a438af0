"""Dispatch a file to the reader for its format; every failure becomes `Unreadable` with a reason.

The extension says what the office meant to send; the first bytes say what it is.
Report files renamed between .doc/.docx/.wps and .pdf are read for what they are (a clerk or a
township renaming 报告.docx to 报告.pdf loses nothing: the content is whole); anything else that does
not match its extension (a picture, a program, a web page saved as .pdf) is rejected as mislabelled,
naming what it is.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from core.records import Document, SourceFile
from extractors.readers.base import ReadOptions, Unreadable

Reader = Callable[[Path, ReadOptions], Document]
# Content kinds (extractors.readers.sniff) each extension may hold, and which reader reads them.
# Word and WPS save "Word" files in formats other than their extension says (Word 2003 XML, RTF, a web page,
# a single-file web page): each is read for what it is. LibreOffice reads the old formats and XML;
# it cannot read MHTML (it imports the MIME text as plain text), which has its own reader.
_WORD_LIKE = {"ole": "doc", "rtf": "doc", "docx": "docx", "broken_zip": "docx", "word_xml": "doc", "html": "doc",
              "mhtml": "mhtml"}
_ACCEPTS: dict[str, dict[str, str]] = {
    "docx": {**_WORD_LIKE, "pdf": "pdf"},
    "doc": {**_WORD_LIKE, "text": "doc", "pdf": "pdf"},
    "wps": {**_WORD_LIKE, "ole": "wps", "rtf": "wps", "word_xml": "wps", "html": "wps", "text": "wps", "pdf": "pdf"},
    "pdf": {"pdf": "pdf", "ole": "doc", "rtf": "doc", "docx": "docx", "broken_zip": "docx", "word_xml": "doc"},
    "txt": {"text": "txt"},
    "html": {"html": "html", "text": "html", "mhtml": "mhtml"},
}
_EXPECTED: dict[str, str] = {"docx": "docx", "doc": "ole", "wps": "ole", "pdf": "pdf", "txt": "text", "html": "html"}


def _readers() -> dict[str, Reader]:
    from extractors.readers import convert, docx, html, mhtml, pdf, text

    return {"docx": docx.read, "pdf": pdf.read, "txt": text.read, "html": html.read,
            "doc": convert.read_doc, "wps": convert.read_wps, "mhtml": mhtml.read}


def read_document(source: SourceFile, options: ReadOptions = ReadOptions()) -> Document:
    from extractors.readers.sniff import describe, encrypted_office, sniff

    if source.size == 0:
        raise Unreadable("empty", "文件是空的（0 字节）；请让乡镇重新发送")
    if source.size > options.max_bytes:
        raise Unreadable("oversized", f"文件过大（{source.size / 1e6:.1f} MB，上限 {options.max_bytes / 1e6:.0f} MB）")
    if source.kind not in _ACCEPTS:
        raise Unreadable("unsupported", f"不支持的文件格式：{source.kind}")
    try:
        actual = sniff(source.path)
    except OSError as exc:
        raise Unreadable("unreadable_file", f"无法打开文件：{exc.strerror or exc}") from exc
    if actual == "ole" and encrypted_office(source.path):
        raise Unreadable("encrypted", "Office 文档已加密，需要密码才能打开；请让乡镇取消密码后重新发送")
    reader_kind = _ACCEPTS[source.kind].get(actual)
    if reader_kind is None:
        raise Unreadable("mislabelled", f"文件扩展名是 .{source.kind}，但内容实际是{describe(actual)}，"
                                        f"不是{describe(_EXPECTED[source.kind])}；请让乡镇发送正确的文件")
    reader = _readers()[reader_kind]
    try:
        return reader(source.path, options)
    except Unreadable:
        raise
    except RecursionError as exc:
        raise Unreadable("corrupt", "文件结构嵌套过深或循环引用，无法安全读取；请让乡镇重新导出文件") from exc
    except MemoryError as exc:
        raise Unreadable("oversized", "文件内容过大，读取时内存不足") from exc
    except Exception as exc:  # a reader bug or a parser failure must not stop the batch
        raise Unreadable("corrupt", f"文件已损坏或格式异常，无法读取（{type(exc).__name__}）；"
                                    "请让乡镇用 Word/WPS 重新保存后发送") from exc
