"""A simplified-character view of a report, for reports written in traditional characters (鎮, 場, 萬, 餘).

The grammar matches cues, measure words, qualifiers and township suffixes on this view; offsets are the report's
own (the view has the same length), so quotes are still cut from the text as written. Conversion is OpenCC's
t2s (a well-kept dictionary of traditional-to-simplified forms, ~0.05 ms per 1,000 characters); where a phrase
conversion would change the length, characters are converted one by one instead.
"""

from __future__ import annotations

from functools import lru_cache

import opencc


@lru_cache(maxsize=1)
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def simplified_view(text: str) -> str:
    """`text` in simplified characters, same length and offsets; `text` itself when nothing changes."""
    converted = _converter().convert(text)
    if converted == text:
        return text
    if len(converted) == len(text):
        return converted
    return "".join(_char(ch) for ch in text)


def _char(ch: str) -> str:
    out = _converter().convert(ch)
    return out if len(out) == 1 else ch
