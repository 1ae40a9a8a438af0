"""Plain-text reports: the encoding is detected, never guessed into mojibake."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from core.records import Document
from extractors.readers.base import ReadOptions, Unreadable
from extractors.readers.cjk import readable_share, tidy
from extractors.readers.headings import find_headings

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
_CJK = re.compile(r"[\u4e00-\u9fff]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_MIN_READABLE = 0.9  # share of characters a Chinese report is made of (cjk.readable_share)


def read(path: Path, options: ReadOptions) -> Document:
    text = decode(path.read_bytes())
    return text_document(text, "txt")


def text_document(text: str, fmt: str, title: str | None = None) -> Document:
    # an indent typed with tabs or ideographic spaces is not a table cell
    lines = [tidy(ln.strip(" \t\u3000")) for ln in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    body = "\n".join(ln for ln in lines if ln)
    if not body:
        raise Unreadable("no_text", "文件中没有文字内容；请让乡镇重新发送")
    return Document(text=body, format=fmt, pages=None, page_starts=(), headings=find_headings(body), title_hint=title)


def decode(data: bytes, ext: str = "txt") -> str:
    """UTF-8, BOM-marked UTF-16/32, UTF-16 without a BOM, then GB18030 or Big5 when the result reads as
    common Chinese, then charset-normalizer's choice among them when that check is unsure."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data.decode(codec), ext)
            except UnicodeDecodeError as exc:
                raise Unreadable("encoding", f"文本文件的编码与开头标记（{codec}）不符，无法读取；"
                                             "请另存为 UTF-8 编码后发送") from exc
    if b"\x00" in data:
        utf16 = _bomless_utf16(data) or detected(data, [])
        if utf16 is None:
            raise Unreadable("mislabelled", f"扩展名是 .{ext}，但内容是二进制数据，不是文本文件；"
                                            "请让乡镇发送正确的文件")
        return _checked(utf16, ext)
    try:
        return _checked(data.decode("utf-8"), ext)
    except UnicodeDecodeError:
        pass
    decoded: list[str] = []
    for codec in ("gb18030", "big5"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        decoded.append(codec)
        if looks_chinese(text, common="gb2312" if codec == "gb18030" else "big5"):
            return _checked(text, ext)
    guessed = detected(data, decoded)
    if guessed is not None:
        return _checked(guessed, ext)
    raise Unreadable("encoding", "无法识别文本文件的编码（不是 UTF-8、UTF-16、GBK/GB18030 或 Big5）；"
                                 "请另存为 UTF-8 编码后发送")


def detected(data: bytes, decodable: list[str]) -> str | None:
    """charset-normalizer's reading, among the codecs that decode the bytes and UTF-16, when our own
    checks are unsure (e.g. traditional characters saved as GBK, outside GB2312; UTF-16 without a BOM or
    a single ASCII character); None unless it reads as Chinese text."""
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=[*decodable, "utf_16_le", "utf_16_be"]).best()
    if best is None:
        return None
    text = str(best)
    return text if _CJK.search(text) and readable_share(text) >= _MIN_READABLE else None


def looks_chinese(text: str, common: str = "gb2312") -> bool:
    """Bytes of another encoding decoded as GB18030 come out as rare characters: most must be in the
    `common` set (GB2312 for simplified text; Big5 text is checked against Big5's own repertoire)."""
    non_ascii = [c for c in text if ord(c) > 127]
    if not non_ascii:
        return True
    known = 0
    for c in non_ascii:
        try:
            c.encode(common)
            known += 1
        except UnicodeEncodeError:
            pass
    return known / len(non_ascii) >= 0.9 and bool(_CJK.search(text))


def _bomless_utf16(data: bytes) -> str | None:
    even, odd = data[0::2].count(0), data[1::2].count(0)
    codec = "utf-16-le" if odd > even else "utf-16-be"
    if max(even, odd) < len(data) // 8:
        return None
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


def _checked(text: str, ext: str) -> str:
    if len(_CONTROL.findall(text[:10000])) > 10:
        raise Unreadable("mislabelled", f"扩展名是 .{ext}，但内容含大量控制字符，像是二进制文件；"
                                        "请让乡镇发送正确的文件")
    return text
