"""What OCR engines misread in report text, put right: 千 read as 干 in numbers, 丶 for 、, ° and · for 。,
tesseract's 法冶-style confusions, and straight or wrong-way quote marks paired back into “…”.

Shared by both engines (extractors/readers/ocr.py for tesseract, ocr_rapid.py for RapidOCR).
"""

from __future__ import annotations

import re

# tesseract reads 千 as 干 in numbers: 5干 / 两干 / 干余.
_QIAN = re.compile(r"(?<=[0-9０-９两二三四五六七八九十百])干|(?<=一)干(?=[余多万0-9])|干(?=余)")


# chi_sim confusions measured on the rendered corpus (benchmarks/reader_quality.py --ocr): the
# misread forms are not words, so replacing them cannot damage a correct reading.
_WORD_FIXES: tuple[tuple[str, str], ...] = (
    ("法冶", "法治"), ("冶理", "治理"), ("政冶", "政治"), ("整冶", "整治"), ("综冶", "综治"), ("自冶", "自治"),
    ("防冶", "防治"), ("沙实", "落实"),
)


# RapidOCR reads the enumeration comma as 丶 (U+4E36) and a full stop after a character as a degree sign.
_DEGREE_STOP = re.compile(r"(?<=[\u4e00-\u9fff）》”])°")
_STOP_BEFORE = re.compile(r"[\u4e00-\u9fff）》”)]")


def fix_misreads(text: str) -> str:
    """Known OCR misreadings in report text, and ASCII quotes back to Chinese “…” pairs."""
    return pair_quotes(fix_characters(text))


def fix_characters(text: str) -> str:
    """Misread characters (千 read as 干 in numbers, 丶 for 、, ° for 。, tesseract's 法冶 ...)."""
    text = _QIAN.sub("千", text).replace("丶", "、")
    text = _DEGREE_STOP.sub("。", text)
    for wrong, right in _WORD_FIXES:
        text = text.replace(wrong, right)
    return text


def pair_quotes(text: str) -> str:
    return pair_quotes_from(text, False)[0]


def pair_quotes_from(text: str, is_open: bool) -> tuple[str, bool]:
    """tesseract reads ” as ", RapidOCR as " or “: in Chinese text a quote mark while one is open closes it.
    RapidOCR also reads 。 as a middle dot: · after a character, outside quotes (“12·4”, “法治讲堂·逢九必讲”
    keep theirs), is a full stop. Returns the text and whether a quote is still open at its end."""
    out: list[str] = []
    for i, ch in enumerate(text):
        if ch in "“”\"":
            ch = "”" if (ch == "”" or is_open) else "“"
            is_open = ch == "“"
        elif ch == "·" and not is_open and i > 0 and _STOP_BEFORE.match(text[i - 1]):
            ch = "。"
        out.append(ch)
    return "".join(out), is_open


def pair_quotes_lines(texts: list[str]) -> list[str]:
    """pair_quotes over lines in reading order, a quote opened on one line closed on the next; the state
    starts afresh after a line ending a sentence, so one missed mark does not turn every later one."""
    out = []
    is_open = False
    for text in texts:
        text, is_open = pair_quotes_from(text, is_open)
        out.append(text)
        if text.endswith(("。", "；", "：")):
            is_open = False
    return out
