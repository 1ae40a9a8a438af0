"""Chinese and Arabic numerals as written in reports, read into numbers.

Reports mix 十九, 两千, 一万四千, 百余, 1,200, １２ and 1.5万; the extractor reads
each number where it stands (never by rewriting the whole text), so offsets stay
those of the original text.
"""

from __future__ import annotations

CN_DIGITS: dict[str, int] = {
    "零": 0, "〇": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "两": 2, "三": 3, "叁": 3, "四": 4, "肆": 4,
    "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9,
}
CN_SMALL_UNITS: dict[str, int] = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
CN_BIG_UNITS: dict[str, int] = {"万": 10_000, "亿": 100_000_000}
CN_NUMERAL_CHARS = "".join(CN_DIGITS) + "".join(CN_SMALL_UNITS) + "".join(CN_BIG_UNITS)

_FULL_WIDTH = str.maketrans("０１２３４５６７８９．，", "0123456789.,")


def parse_arabic(written: str) -> float | None:
    """'1,200' / '1，200' / '１２' / '98.5' -> number; None when it is not one number."""
    s = written.translate(_FULL_WIDTH).replace(",", "").replace("，", "").strip()
    if not s or s.count(".") > 1 or s.startswith(".") or s.endswith("."):
        return None
    try:
        return float(s)
    except ValueError:
        return None


def parse_chinese(written: str) -> float | None:
    """'十九' -> 19, '两千' -> 2000, '一万四千' -> 14000, '三千五' -> 3500, '百' -> 100.

    Handles the colloquial dropped last unit (一万二 = 12000, 三千五 = 3500) and digit
    strings (二〇二三 = 2023). Returns None for anything that is not a well-formed numeral.
    """
    s = written.strip()
    if not s or any(ch not in CN_NUMERAL_CHARS for ch in s):
        return None
    if all(ch in CN_DIGITS for ch in s) and (len(s) >= 4 or "〇" in s or "零" in s[1:]):
        return float("".join(str(CN_DIGITS[ch]) for ch in s))
    total = 0
    section = 0  # value below the current 万/亿
    digit: int | None = None
    last_unit = 0
    zero_seen = False  # 一千零五: after 零 a trailing digit counts as ones
    for ch in s:
        if ch in CN_DIGITS:
            value = CN_DIGITS[ch]
            if value == 0:
                zero_seen = True
                continue
            if digit is not None:
                return None  # 三五 is not one number
            digit = value
        elif ch in CN_SMALL_UNITS:
            unit = CN_SMALL_UNITS[ch]
            if last_unit and unit >= last_unit and last_unit < 10_000:
                return None  # 十百 is not a numeral
            section += (1 if digit is None else digit) * unit
            digit, last_unit, zero_seen = None, unit, False
        else:
            big = CN_BIG_UNITS[ch]
            section += digit or 0
            total = (total + (section or 1)) * big if big > 10_000 else total + (section or 1) * big
            section, digit, last_unit, zero_seen = 0, None, big, False
    if digit is not None:
        # 三千五 = 3500, 一万二 = 12000: a trailing digit right after a unit counts in the unit below
        section += digit if zero_seen or last_unit <= 10 else digit * (last_unit // 10)
    return float(total + section)


def parse_number(written: str) -> float | None:
    """Either kind of numeral; Arabic digits may carry a trailing 万/亿 (1.5万 -> 15000)."""
    s = written.strip()
    if not s:
        return None
    mult = 1
    if len(s) > 1 and s[-1] in CN_BIG_UNITS and s[0] not in CN_NUMERAL_CHARS:
        mult = CN_BIG_UNITS[s[-1]]
        s = s[:-1]
    if s[0] in CN_NUMERAL_CHARS:
        return parse_chinese(s)
    value = parse_arabic(s)
    return None if value is None else value * mult
