"""Spacing rules for Chinese text, shared by every reader.

Chinese has no spaces between words; the spaces a file carries next to CJK
characters ("2023 年", "开展 3 场") are layout artefacts that would break quotes
and number-unit matching. Spaces between Latin words are kept.
"""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"[ \u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]+")
# CJK ideographs, CJK/full-width punctuation and symbols.
_CJK = "\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u3200-\u33ff\u3400-\u4dbf\u4e00-\u9fff" \
       "\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\u2018-\u201f\u2026\u2014\u00b7"
_SPACE_BY_CJK = re.compile(rf"(?<=[{_CJK}]) | (?=[{_CJK}])")
GAP = "\u2009"  # a space inferred from glyph positions, not typed by the author
_GAP_IN_NUMBER = re.compile(rf"(?<=[0-9]){GAP}+(?=[0-9.%])|(?<=[0-9]\.){GAP}+(?=[0-9])")
_LATIN_END = re.compile(r"[A-Za-z0-9]$")
_LATIN_START = re.compile(r"^[A-Za-z0-9]")


# Kangxi and supplementary radicals, compatibility ideographs: PDF fonts map some glyphs there
# ("⼯作" for "工作"), and a quote typed with the real character would never match.
_RADICALS = re.compile("[\u2e80-\u2eff\u2f00-\u2fdf\uf900-\ufaff]")


# Radicals Unicode gives no decomposition for, though they are whole simplified characters.
_RADICAL_CHARS = dict(zip("⻄⻅⻆⻉⻋⻐⻓⻔⻘⻙⻚⻛⻜⻠⻢⻥⻦⻧⻨⻩⻪⻬⻮⻰⻳",
                          "西见角贝车钅长门青韦页风飞饣马鱼鸟卤麦黄黾齐齿龙龟", strict=True))


def _fold(m: re.Match[str]) -> str:
    return _RADICAL_CHARS.get(m.group(0)) or unicodedata.normalize("NFKC", m.group(0))


def fold_radicals(text: str) -> str:
    return _RADICALS.sub(_fold, text)


def is_cjk(ch: str) -> bool:
    return bool(re.match(rf"[{_CJK}]", ch))


def tidy(line: str, *, laid_out: bool = False) -> str:
    """One line with layout spaces removed.

    `laid_out` is for text rebuilt from glyph positions (PDF, OCR), where a gap
    (`GAP`) between two digits ("1 6") is spread lettering, never two numbers;
    a space the author typed ("2025-01-20 10:57") is kept.
    """
    if "\t" in line:  # table cells keep their tab separators
        return "\t".join(tidy(cell, laid_out=laid_out) for cell in line.split("\t"))
    if laid_out:
        line = fold_radicals(_GAP_IN_NUMBER.sub("", _GAP_IN_NUMBER.sub("", line)))  # twice: "1 . 5"
    line = _SPACES.sub(" ", line).strip()
    return _SPACE_BY_CJK.sub("", line)


_READABLE = re.compile(rf"[{_CJK}A-Za-z0-9\s.,;:!?%()\[\]/+\-*\"'<>=#&@_~|]")


def readable_share(text: str) -> float:
    """Share of characters a Chinese report is made of; mojibake and binary junk score low."""
    sample = text[:20000]
    return len(_READABLE.findall(sample)) / len(sample) if sample else 0.0


def join_wrapped(head: str, tail: str) -> str:
    """Re-join a line wrap: Chinese joins directly, two Latin words keep one space."""
    if not head or not tail:
        return head + tail
    if _LATIN_END.search(head) and _LATIN_START.match(tail) and not (head[-1].isdigit() and tail[0].isdigit()):
        return f"{head} {tail}"
    return head + tail
