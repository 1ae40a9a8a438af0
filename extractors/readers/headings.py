"""Numbered section headings (一、 （一） 1. （1）) found in any reader's text."""

from __future__ import annotations

import re
from collections.abc import Iterable

from core.records import Heading

_CN = "一二三四五六七八九十百零〇"
HEADING_PATTERNS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (1, re.compile(rf"^[{_CN}]+\s*[、.．]")),
    (2, re.compile(rf"^[（(]\s*[{_CN}]+\s*[）)]")),
    (3, re.compile(r"^\d{1,2}\s*[.．、](?![\d.．])")),
    (4, re.compile(r"^[（(]\s*\d{1,2}\s*[）)]")),
)
_RUN_IN_END = re.compile(r"[。：:；;！!？?]")
_MAX_HEADING = 40


def heading_level(line: str) -> int | None:
    """The level of a numbered heading line, or None. Table rows are never headings."""
    if "\t" in line:
        return None
    for level, pattern in HEADING_PATTERNS:
        if pattern.match(line):
            return level
    return None


def heading_text(line: str) -> str:
    """The heading itself: a run-in heading ("1.加强学习。全年……") stops at its first sentence end."""
    m = _RUN_IN_END.search(line)
    text = line[: m.start()] if m else line
    if len(text) > _MAX_HEADING:
        text = re.split(r"[，,]", text, maxsplit=1)[0][:_MAX_HEADING]
    return text.strip()


def line_starts(text: str) -> Iterable[tuple[int, str]]:
    pos = 0
    for line in text.split("\n"):
        yield pos, line
        pos += len(line) + 1


def find_headings(text: str, styled: dict[int, int] | None = None) -> tuple[Heading, ...]:
    """Headings by numbering pattern; `styled` maps line starts to levels a file format declared
    (docx Heading styles), used where no pattern matches so numbering stays comparable across formats."""
    styled = styled or {}
    found: list[Heading] = []
    for start, line in line_starts(text):
        level = heading_level(line) or styled.get(start)
        if level is not None and line.strip():
            found.append(Heading(start=start, level=level, text=heading_text(line)))
    return tuple(found)
