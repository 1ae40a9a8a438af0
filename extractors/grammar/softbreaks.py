"""Line wraps and stray spaces inside sentences, as PDF text has them.

A PDF may break a sentence at every printed line or put spaces between CJK characters.
`soft_view` marks such breaks with SOFT in a copy of the text of the same length, so
offsets still point into the original: a soft break neither ends a clause nor splits a
cue, and `squeeze` removes them where offsets do not matter (a title, a township name).
"""

from __future__ import annotations

import re

SOFT = "\x00"
_HARD_BEFORE_NEWLINE = "。！？；：:;!?”\"）)】"
_MIN_WRAPPED_LINE = 16  # a shorter line is a heading or a title's end, not a wrapped line
# A line break between two non-space characters, or a space between two CJK characters.
_SOFT_CANDIDATE = re.compile(r"(?<=\S)\n(?=\S)|(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff])")
_HEADING_LINE = re.compile(
    r"^\s*(?:([一二三四五六七八九十]+)、|[（(]([一二三四五六七八九十]+)[)）]|(\d+)[.．、](?!\d))")


def soft_view(text: str) -> str:
    """The text with line wraps and stray spaces inside a sentence marked SOFT (same length, same offsets).

    A line break stays hard after closing punctuation, before an indented or heading line, around a
    table row, and after a short line (a heading or a title).
    """
    if "\n" not in text and " " not in text:
        return text
    chars = list(text)
    for m in _SOFT_CANDIDATE.finditer(text):
        i = m.start()
        if m.group() == " ":
            chars[i] = SOFT
            continue
        line_start = text.rfind("\n", 0, i) + 1
        next_end = text.find("\n", i + 1)
        in_table = "\t" in text[line_start:i] or "\t" in text[i + 1 : next_end if next_end >= 0 else len(text)]
        if (text[i - 1] not in _HARD_BEFORE_NEWLINE and i - line_start >= _MIN_WRAPPED_LINE and not in_table
                and not _HEADING_LINE.match(text, i + 1)):
            chars[i] = SOFT
    return "".join(chars)


def squeeze(text: str) -> str:
    """The text with its soft breaks removed: 黄海路街\n道办事处 -> 黄海路街道办事处."""
    return soft_view(text).replace(SOFT, "")
