"""How a township clerk writes a number: digits or Chinese numerals, 万, and 余/近/约 hedges.

Each function returns a `Said`: the words as written plus the value, unit and qualifier a
correct extractor must recover (the labelling rules of `../shared/corpus/README.md`).
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

_DIGITS = "零一二三四五六七八九"
_SMALL_UNITS = ("", "十", "百", "千")


@dataclass(frozen=True)
class Said:
    text: str  # e.g. "2000余人次"
    value: float  # the stated value (after 万), e.g. 2000
    unit: str  # measure word as written with 万 taken off
    qualifier: str  # exact, over, under, about
    number: tuple[int, int]  # span of the numeral inside `text` (rendered as its own run)


def chinese_int(n: int) -> str:
    """19 -> 十九, 2000 -> 两千, 105 -> 一百零五, 14000 -> 一万四千."""
    if n < 0:
        raise ValueError("negative numbers are not written in reports")
    if n == 0:
        return "零"
    if n >= 10000:
        high, low = divmod(n, 10000)
        head = ("两" if high == 2 else _chinese_below_10000(high, leading=True)) + "万"
        if low == 0:
            return head
        return head + ("零" if low < 1000 else "") + _chinese_below_10000(low, leading=False)
    return _chinese_below_10000(n, leading=True)


def _chinese_below_10000(n: int, *, leading: bool) -> str:
    digits = [int(c) for c in f"{n:04d}"]
    out: list[str] = []
    zero = False
    started = False
    for i, d in enumerate(digits):
        unit = _SMALL_UNITS[3 - i]
        if d == 0:
            zero = started
            continue
        if zero:
            out.append("零")
            zero = False
        if not started and leading and d == 1 and unit == "十":
            out.append("十")
        elif not started and d == 2 and unit in ("千", "百"):
            out.append("两" + unit)
        else:
            out.append(_DIGITS[d] + unit)
        started = True
    return "".join(out)


def _round_down(v: int, step: int) -> int:
    return (v // step) * step


def _step(v: int, coarse: bool) -> int:
    digits = len(str(v))
    return 10 ** max(1, digits - (1 if coarse else 2))


def say_count(rng: random.Random, true: int, unit: str, *, fuzzy: bool = True, chinese: bool = True,
              wan: bool = True) -> Said:
    """A count as a report states it: exact digits, or hedged (2000余, 近千, 约1.2万), sometimes in 汉字."""
    shown, qualifier = true, "exact"
    if fuzzy and true >= 30 and rng.random() < 0.6:
        qualifier = rng.choices(("over", "under", "about"), weights=(7, 1.5, 1.5))[0]
        step = _step(true, coarse=true < 10000 and rng.random() < 0.4)
        if qualifier == "over":
            shown = _round_down(true, step)
        elif qualifier == "under":
            shown = math.ceil(true / step) * step
        else:
            shown = round(true / step) * step
        if shown in (0, true):
            shown, qualifier = true, "exact"
    use_wan = wan and shown >= 10000 and rng.random() < 0.7
    if use_wan:
        if qualifier == "exact":
            shown = round(shown, -3)
            qualifier = "about" if shown != true else "exact"
        elif qualifier == "over":
            shown = _round_down(shown, 1000)
        elif qualifier == "under":
            shown = math.ceil(shown / 1000) * 1000
        else:
            shown = round(shown, -3)
        numeral = f"{shown / 10000:g}"
    elif chinese and rng.random() < 0.25 and (shown < 100 or _round_shape(shown)):
        numeral = chinese_int(shown)
        if numeral in ("一百", "一千", "一万") and qualifier in ("over", "under") and rng.random() < 0.6:
            numeral = numeral[1:]  # 百余条, 千余份, 近千人
    else:
        numeral = str(shown)
    return _hedge(rng, numeral, ("万" if use_wan else "") + unit, unit, shown, qualifier)


def _round_shape(n: int) -> bool:
    """Chinese numerals are used for round amounts (两千, 一万四千), not for 2134."""
    s = str(n).rstrip("0")
    return len(s) <= 2


def _hedge(rng: random.Random, numeral: str, written_unit: str, unit: str, value: float, qualifier: str) -> Said:
    pre, mid, post = "", "", ""
    if qualifier == "over":
        pre, mid, post = rng.choice((("", "余", ""), ("", "余", ""), ("", "多", ""), ("", "", "以上"),
                                     ("超过", "", ""), ("逾", "", "")))
        if mid and not written_unit.startswith("万") and numeral[-1] in "123456789一二三四五六七八九":
            pre, mid, post = "", "", "以上"  # 2134余 is never written: 余/多 follow a round number
    elif qualifier == "under":
        pre = rng.choice(("近", "近", "不足"))
    elif qualifier == "about":
        pre, post = rng.choice((("约", ""), ("", "左右")))
    if mid and written_unit.startswith("万"):
        text = pre + numeral + "万" + mid + written_unit[1:] + post  # 1.2万余人次
    else:
        text = pre + numeral + mid + written_unit + post
    return Said(text, value, unit, qualifier, (len(pre), len(pre) + len(numeral)))


def say_percent(rng: random.Random, rate: float, *, hedge: bool = True) -> Said:
    """98.5 -> 98.5% / 98.5％ / 百分之九十八 (integers only) / 98%以上."""
    if rate == int(rate) and rng.random() < 0.2:
        numeral = "百分之" + chinese_int(int(rate))
        return Said(numeral, float(int(rate)), "%", "exact", (0, len(numeral)))
    if hedge and rate < 100 and rng.random() < 0.2:
        shown = float(int(rate))
        numeral = f"{shown:g}"
        return Said(numeral + "%以上", shown, "%", "over", (0, len(numeral)))
    numeral = f"{rate:g}"
    sign = rng.choice(("%", "%", "％"))
    return Said(numeral + sign, rate, "%", "exact", (0, len(numeral)))


def say_money(rng: random.Random, yuan: int) -> Said:
    """Fines: 5.63万元 (value 56300, unit 元) or 56300元, sometimes 约."""
    if yuan >= 10000 and rng.random() < 0.75:
        wan_value = round(yuan / 10000, 2)
        shown = round(wan_value * 10000)
        numeral = f"{wan_value:g}"
        qualifier = "exact"
        pre = ""
        if rng.random() < 0.2:
            wan_value = round(yuan / 10000, 1)
            shown, numeral, qualifier, pre = round(wan_value * 10000), f"{wan_value:g}", "about", "约"
        return Said(pre + numeral + "万元", float(shown), "元", qualifier, (len(pre), len(pre) + len(numeral)))
    numeral = str(yuan)
    return Said(numeral + "元", float(yuan), "元", "exact", (0, len(numeral)))


def say_zero(rng: random.Random, unit: str) -> Said:
    """Zero counts are written 0件 or 零件."""
    numeral = rng.choice(("0", "0", "0", "零"))
    return Said(numeral + unit, 0.0, unit, "exact", (0, len(numeral)))
