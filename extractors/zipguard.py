"""Checks on an Office zip before any XML parser sees it.

A .docx is a zip of XML parts: a crafted one can declare gigabytes behind a few
kilobytes (zip bomb) or use DTD entities to expand XML in memory (python-docx's
lxml parser is built with huge_tree). Both are refused by reading the zip
directory and scanning the raw bytes of each part, which costs no parsing.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from extractors.read import Unreadable

MAX_TOTAL_BYTES = 200 * 1024 * 1024
MAX_RATIO = 100
_RATIO_FROM_BYTES = 1024 * 1024  # small parts may compress very well and are harmless
_DTD = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)


def check_office_zip(path: Path) -> None:
    """Raise Unreadable for a corrupt zip, a zip bomb or XML parts with a DTD."""
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            _check_sizes(infos)
            for info in infos:
                if info.filename.endswith((".xml", ".rels")) and _has_dtd(zf, info):
                    raise Unreadable("unsafe_xml", f"Word 文档内部的 XML（{info.filename}）含有 DTD/实体声明，"
                                                   "可能是恶意构造的文件，已拒绝读取；"
                                                   "请让乡镇用 Word/WPS 重新保存后发送")
    except zipfile.BadZipFile as exc:
        raise Unreadable("corrupt", "Word 文档已损坏（压缩结构不完整，可能只传了一部分）；请让乡镇重新发送") from exc
    except (zipfile.LargeZipFile, NotImplementedError, EOFError, OSError, ValueError) as exc:
        raise Unreadable("corrupt", f"Word 文档已损坏，无法解压（{type(exc).__name__}）；请让乡镇重新发送") from exc


def _check_sizes(infos: list[zipfile.ZipInfo]) -> None:
    total = sum(i.file_size for i in infos)
    if total > MAX_TOTAL_BYTES:
        raise Unreadable("zip_bomb", f"Word 文档解压后将超过 {MAX_TOTAL_BYTES // 2**20} MB"
                                     f"（声明 {total / 2**20:.0f} MB），疑似压缩炸弹，已拒绝读取")
    for i in infos:
        if i.file_size > _RATIO_FROM_BYTES and i.file_size > MAX_RATIO * max(i.compress_size, 1):
            raise Unreadable("zip_bomb", f"Word 文档中的 {i.filename} 压缩比异常"
                                         f"（{i.file_size // max(i.compress_size, 1)} 倍），疑似压缩炸弹，已拒绝读取")


def _has_dtd(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    """Look at the whole part, read in bounded chunks (a DTD must precede the root, but be thorough)."""
    tail = b""
    with zf.open(info) as fh:
        read = 0
        while chunk := fh.read(1 << 20):
            read += len(chunk)
            if read > info.file_size + 1:  # the directory lied about the size
                raise Unreadable("zip_bomb", f"Word 文档中的 {info.filename} 实际大小超过声明，"
                                             "疑似压缩炸弹，已拒绝读取")
            if _DTD.search(tail + chunk):
                return True
            tail = chunk[-16:]
    return False
