"""The coverage check: the characters a file holds against those its reader returned.

A reader that silently drops a table or a page makes a township look as if it did little. So every
.docx and PDF read is checked: the non-blank characters the file holds (a .docx: every w:t of the body
the reader walks; a PDF page: the characters pdfium counts on it) are compared, as multisets, with those
of the returned text, less what is left out on purpose (deleted tracked changes, hidden text, the VML copy
of a text box; stamps, watermarks, running headers and page numbers). Labels the reader adds (一、) and
characters it normalises into others are not counted against it: only characters missing from the text
are. When more than a small share is missing, the document still loads, with a ReadWarning.
"""

from __future__ import annotations

import re
from collections import Counter

from core.records import ReadWarning
from extractors.readers.cjk import fold_radicals

# A page or document warns when it misses at least MIN_UNREAD characters (a number and its unit, "52件")
# and more than UNREAD_SHARE of them. Measured (2026-11-30) on the .docx and .pdf renderings of
# ../shared/corpus (216 files), the sample county (33) and a fresh generator draw (120): no page or
# document misses a single character, so the bar sits just above a stray glyph.
UNREAD_SHARE = 0.002
MIN_UNREAD = 3
_BLANK = re.compile(r"[\s\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]+")


def ink(text: str) -> Counter[str]:
    """The non-blank characters of `text` as a multiset (Kangxi radicals folded as readers fold them)."""
    return Counter(fold_radicals(_BLANK.sub("", text)))


def unread(held: Counter[str], returned: Counter[str]) -> int:
    """How many of the characters held are missing from those returned."""
    return sum((held - returned).values())


def significant(missing: int, held: int) -> bool:
    return missing >= MIN_UNREAD and missing > UNREAD_SHARE * held


def document_warning(missing: int, held: int) -> ReadWarning:
    share = 100 * missing / max(held, 1)
    return ReadWarning("text_unread", f"文档中有约 {missing} 个字（{share:.0f}%）未能读取，请核对原件")


def page_warning(page: int, missing: int, held: int) -> ReadWarning:
    share = 100 * missing / max(held, 1)
    return ReadWarning("text_unread", f"第{page}页的文字未能全部读取（约 {missing} 个字，{share:.0f}%），请核对原件",
                       page)
