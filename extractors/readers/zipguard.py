"""Checks on an Office zip before any XML parser sees it.

A .docx is a zip of XML parts: a crafted one can declare gigabytes behind a few
kilobytes (zip bomb) or use DTD entities to expand XML in memory. The first is
refused from the zip directory alone, before anything is inflated; the second
by scanning the raw bytes of each part the reader is about to parse.
"""

from __future__ import annotations

import re
import zipfile

from extractors.readers.base import Unreadable

MAX_TOTAL_BYTES = 200 * 1024 * 1024
MAX_RATIO = 100
_RATIO_FROM_BYTES = 1024 * 1024  # small parts may compress very well and are harmless
_DTD = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)


def check_sizes(infos: list[zipfile.ZipInfo]) -> None:
    """Raise Unreadable("zip_bomb") when the directory declares too much, in total or for one part."""
    total = sum(i.file_size for i in infos)
    if total > MAX_TOTAL_BYTES:
        raise Unreadable("zip_bomb", f"Word 文档解压后将超过 {MAX_TOTAL_BYTES // 2**20} MB"
                                     f"（声明 {total / 2**20:.0f} MB），疑似压缩炸弹，已拒绝读取")
    for i in infos:
        if i.file_size > _RATIO_FROM_BYTES and i.file_size > MAX_RATIO * max(i.compress_size, 1):
            raise Unreadable("zip_bomb", f"Word 文档中的 {i.filename} 压缩比异常"
                                         f"（{i.file_size // max(i.compress_size, 1)} 倍），疑似压缩炸弹，已拒绝读取")


def refuse_dtd(name: str, data: bytes) -> None:
    """Raise Unreadable("unsafe_xml") for a part declaring a DTD or entities anywhere in its bytes.

    Office never writes a DTD; the cheap `b"<!"` test spares the regex on almost every part.
    """
    if b"<!" in data and _DTD.search(data):
        raise Unreadable("unsafe_xml", f"Word 文档内部的 XML（{name}）含有 DTD/实体声明，"
                                       "可能是恶意构造的文件，已拒绝读取；"
                                       "请让乡镇用 Word/WPS 重新保存后发送")
