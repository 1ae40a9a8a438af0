"""Text from files and names made safe to show: on the terminal, in the warehouse, in a message.

A file name, a quote or a township name comes from outside (a report, a Windows share, a
user's YAML). `printable` is the one cleaning rule every line printed on the terminal goes
through (spreadsheet cells have theirs, warehouse.cells.text_cell): line breaks and tabs
become a space (a newline in a file name cannot forge a line of the run summary), every
other control or format character (an escape sequence, a bell, a right-to-left override)
and every lone surrogate (the undecodable bytes of a file name, see `display_path`)
becomes "?". Spaces of any width, CJK and private-use characters are kept.
"""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

_AS_SPACE = frozenset("\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\u2028\u2029")
_HIDDEN = frozenset(("Cc", "Cf", "Cs"))  # controls, format characters (bidi overrides, ZWSP), surrogates
_SURROGATES = re.compile("[\udc80-\udcff]+")  # os.fsdecode's escapes for bytes that are not UTF-8


def printable(text: str, *, keep_lines: bool = False) -> str:
    """`text` with line breaks and tabs as spaces and other control, format or surrogate characters as "?".

    `keep_lines`: newlines and tabs stay (a whole document's text, rows of cells); the length never changes,
    so offsets into the text stay right.
    """
    if text.isprintable():  # the common case, checked in C
        return text
    kept = "\n\t" if keep_lines else ""
    return "".join(ch if ch in kept else " " if ch in _AS_SPACE else "?" if unicodedata.category(ch) in _HIDDEN
                   else ch for ch in text)


def display_path(path: Path | str) -> str:
    """A path as a clerk should read it, always valid Unicode (storable, printable, sendable to GX).

    A name that is not valid UTF-8 (a GBK name copied from a Windows share or a zip) reaches
    Python with its undecodable bytes as lone surrogates (os.fsdecode's surrogateescape).
    Each such part of the path is shown decoded as GB18030 (a superset of GBK: what those
    names are) when its bytes read so, else with U+FFFD for each byte that does not decode;
    the parts that are valid UTF-8 (the folders around it) stay as they are. The real path
    (the `Path`) is kept for opening the file; only what is shown and stored changes.
    """
    text = os.fspath(path)
    if _is_utf8(text):
        return text
    return "/".join(part if _is_utf8(part) else _decode_foreign(os.fsencode(part)) for part in text.split("/"))


def _is_utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _decode_foreign(raw: bytes) -> str:
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError:
        return raw.decode("utf-8", errors="replace")


def storable(text: str) -> str:
    """`text` (a message that may quote a file name) as valid Unicode: each run of undecodable bytes
    (lone surrogates) decoded as GB18030 where it reads so, else U+FFFD."""
    if _is_utf8(text):
        return text
    return _SURROGATES.sub(lambda m: _decode_foreign(bytes(ord(ch) - 0xDC00 for ch in m.group())), text)
