"""The one place every text cell of a CSV or XLSX export passes through.

Numbers are written as numbers; every piece of text (a township's name, a quote from a report, a
file name, a reason) goes through `text_cell` first, so what neutralises hostile text sits here once.
"""

from __future__ import annotations

import unicodedata

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def text_cell(text: str) -> str:
    """Text safe to put in a spreadsheet cell.

    A tab (table cells in a quote) becomes a space; other control and format characters (escape
    sequences, bidi overrides) are dropped, line breaks and every kind of space (　) kept. Text that
    starts like a formula (= + - @) is prefixed with ' so Excel and WPS show it as text, never run it.
    """
    clean = "".join(ch for ch in text.replace("\t", " ")
                    if ch == "\n" or unicodedata.category(ch) not in ("Cc", "Cf"))
    return "'" + clean if clean.startswith(_FORMULA_START) else clean
