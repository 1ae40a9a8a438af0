"""The records that cross stage boundaries: one frozen dataclass per stage.

Nothing else crosses a module boundary. Extraction is the contract of
`../shared/corpus/README.md`; `Extraction.to_json()` prints it.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from core.safe_text import display_path

Qualifier = Literal["exact", "over", "under", "about"]
QUALIFIERS: tuple[str, ...] = ("exact", "over", "under", "about")
Status = Literal["ok", "rejected"]


@dataclass(frozen=True)
class SourceFile:
    """A file found on disk, identified by content so renames do not reload it."""

    path: Path
    sha256: str
    size: int
    kind: str  # docx, pdf, txt, html, doc, wps (by extension; readers check the content)
    mtime: float = 0.0

    @property
    def shown(self) -> str:
        """The path as stored and shown: valid Unicode even for a name that is not UTF-8 (`path` opens it)."""
        return display_path(self.path)


@dataclass(frozen=True)
class Skipped:
    """A file discovery passed over (unknown extension, unreadable), listed in the run summary."""

    path: Path
    reason: str
    problem: bool = False  # something that may hold reports could not be read: the run's status says so (1)

    @property
    def shown(self) -> str:
        """The path as stored and shown (see SourceFile.shown)."""
        return display_path(self.path)


@dataclass(frozen=True)
class Heading:
    start: int  # offset of the heading line in Document.text
    level: int  # 1 for 一、, 2 for （一）, 3 for 1., 4 for (1)
    text: str
    page: int | None = None  # 1-based page, when the format has pages (set by extraction)


@dataclass(frozen=True)
class ReadWarning:
    """Part of a file the reader could not read, or read only by OCR: the document still loads, flagged.

    `kind` is a stable code: text_unread (characters the file holds that are not in the text: a share of a
    .docx, or of a PDF page), page_unread (a PDF page without a text layer that could not be OCR'd),
    part_unread (a .docx part imported into the body, w:altChunk, that could not be read).
    `message` says it to a clerk in Chinese (e.g. 第2页的文字未能读取，请核对原件); `page` is 1-based or None.
    """

    kind: str
    message: str
    page: int | None = None

    def to_json(self) -> dict[str, object]:
        return {"kind": self.kind, "page": self.page, "message": self.message}


@dataclass(frozen=True)
class Document:
    """A report's text in reading order.

    `text` is what offsets point into: paragraphs joined by "\\n", table rows as
    cells joined by "\\t". `page_starts[i]` is the offset where page i+1 begins;
    empty when the format has no fixed pages (docx may still know `pages` from its
    metadata, but not where each page starts).
    """

    text: str
    format: str
    pages: int | None
    page_starts: tuple[int, ...] = ()
    headings: tuple[Heading, ...] = ()
    ocr: bool = False
    title_hint: str | None = None  # e.g. docx core properties or the HTML <title>
    warnings: tuple[ReadWarning, ...] = ()  # what the reader could not read (coverage check)
    ocr_pages: tuple[int, ...] = ()  # 1-based pages read by OCR when only some were (a scanned page in a text PDF)

    def ocr_at(self, page: int | None) -> bool:
        """Whether the text on `page` came from OCR."""
        return self.ocr and (not self.ocr_pages or page in self.ocr_pages)

    def page_at(self, offset: int) -> int | None:
        if self.pages is None or not self.page_starts:
            return None
        return max(1, bisect.bisect_right(self.page_starts, offset))

    def heading_path_at(self, offset: int) -> tuple[str, ...]:
        return heading_path(self.headings, offset)


def heading_path(headings: tuple[Heading, ...], offset: int) -> tuple[str, ...]:
    """The chain of headings enclosing `offset`, outermost first.

    O(log n + depth) per call: each heading's enclosing heading is worked out once per tuple of headings
    (a report with thousands of heading lines and a number on each would otherwise be quadratic).
    """
    index = _heading_index(headings)
    k = bisect.bisect_right(index.reach, offset) - 1  # the last heading before the first one past offset
    path: list[str] = []
    while k >= 0:
        path.append(headings[k].text)
        k = index.parent[k]
    return tuple(reversed(path))


@dataclass(frozen=True)
class _HeadingIndex:
    headings: tuple[Heading, ...]  # held so the identity check below cannot match a reused id
    reach: list[int]  # running maximum of the starts (headings are in reading order; this keeps bisect sound)
    parent: list[int]  # index of the enclosing heading, -1 for none


_last_index: _HeadingIndex | None = None


def _heading_index(headings: tuple[Heading, ...]) -> _HeadingIndex:
    global _last_index
    cached = _last_index
    if cached is not None and cached.headings is headings:
        return cached
    reach: list[int] = []
    parent: list[int] = []
    stack: list[int] = []
    for i, h in enumerate(headings):
        while stack and headings[stack[-1]].level >= h.level:
            stack.pop()
        parent.append(stack[-1] if stack else -1)
        stack.append(i)
        reach.append(max(h.start, reach[-1]) if reach else h.start)
    _last_index = _HeadingIndex(headings, reach, parent)
    return _last_index


@dataclass(frozen=True)
class Quantity:
    """A number with its measure word, as written, before classification."""

    value: float
    unit: str
    qualifier: Qualifier
    start: int  # span of the number and unit in the text
    end: int


Role = Literal["total", "part", "plain"]
CuePlace = Literal["before", "after", "table", "carried", "rule", "none"]


@dataclass(frozen=True)
class Evidence:
    """What decided a statistic's indicator and its part/total role, for a clerk's review and for calibration.

    `cue` is the words that named the indicator (None when nothing did and the number stayed "other");
    `place` where they stood: before the number in its clause, after it, in the table row's label, carried over
    from the count just before (培训4场次，覆盖380人次), or a rule without a cue word (全年未发生重大安全事故);
    `distance` the characters between the cue's end and the number; `generic` a cue that names a family rather
    than one indicator (学习, 宣传活动, 检查); `rule` the grammar rule that decided (a stable code, e.g.
    "closest_cue", "study_subject", "publicity_list"); `role_by` the words that made it a total or a part.
    """

    cue: str | None = None
    place: CuePlace = "none"
    distance: int = 0
    generic: bool = False
    rule: str = ""
    role_by: str | None = None

    def to_json(self) -> dict[str, object]:
        return {"cue": self.cue, "place": self.place, "distance": self.distance, "generic": self.generic,
                "rule": self.rule, "role_by": self.role_by}


@dataclass(frozen=True)
class Statistic:
    indicator: str  # a catalog code, or "other"
    value: float
    unit: str
    qualifier: Qualifier
    quote: str  # exactly Document.text[start:end]
    start: int
    end: int
    page: int | None = None
    heading_path: tuple[str, ...] = ()
    ocr: bool = False
    role: Role = "plain"  # a stated total (共/累计/合计/总数), a part of one (其中, by procedure or kind), or neither
    confidence: float = 1.0  # in [0, 1]: how sure the grammar is of the indicator, qualifier and role together
    evidence: Evidence = field(default_factory=Evidence)
    # The words before the quote in its sentence (at most 60 characters, extract.py): what the clerk's review
    # reads for an indicator the number's own clause did not name (依托民情热线和信访平台，| 及时跟进办结36件).
    context: str = ""

    def to_json(self) -> dict[str, object]:
        return {
            "indicator": self.indicator,
            "value": json_number(self.value),
            "unit": self.unit,
            "qualifier": self.qualifier,
            "quote": self.quote,
            "page": self.page,
            "start": self.start,
            "end": self.end,
            "heading_path": list(self.heading_path),
            "ocr": self.ocr,
            "role": self.role,
            "confidence": round(self.confidence, 3),
            "evidence": self.evidence.to_json(),
        }


@dataclass(frozen=True)
class DocumentFacts:
    title: str | None = None
    province: str | None = None
    county: str | None = None
    township: str | None = None  # canonical name when the registry knows it
    year: int | None = None
    township_as_written: str | None = None

    @property
    def township_name(self) -> str | None:
        """The township as validation compares reports: canonical, else as written."""
        return self.township or self.township_as_written


@dataclass(frozen=True)
class Extraction:
    """The result for one file: ok with facts and statistics, or rejected with a reason."""

    source: SourceFile
    status: Status
    error: str | None = None  # in words a clerk understands (Chinese), naming the problem
    error_kind: str | None = None  # stable code: empty, corrupt, encrypted, scanned, oversized, unsupported, ...
    facts: DocumentFacts = field(default_factory=DocumentFacts)
    format: str | None = None
    pages: int | None = None
    ocr: bool = False
    statistics: tuple[Statistic, ...] = ()
    text_chars: int = 0
    headings: tuple[Heading, ...] = ()  # the report's numbered headings, with pages: its parts are checked by them
    seconds: float = 0.0  # time spent extracting this file: the per-document cost the benchmark reports
    warnings: tuple[ReadWarning, ...] = ()  # an ok document the reader could not read whole (Document.warnings)

    @classmethod
    def rejected(cls, source: SourceFile, kind: str, reason: str, fmt: str | None = None) -> Extraction:
        return cls(source=source, status="rejected", error=reason, error_kind=kind, format=fmt or source.kind)

    def to_json(self) -> dict[str, object]:
        f = self.facts
        return {
            "path": self.source.shown,
            "status": self.status,
            "error": self.error,
            "error_kind": self.error_kind,
            "warnings": [w.to_json() for w in self.warnings],
            "document": {
                "title": f.title,
                "province": f.province,
                "county": f.county,
                "township": f.township,
                "year": f.year,
                "format": self.format,
                "pages": self.pages,
                "sha256": self.source.sha256,
                "ocr": self.ocr,
            },
            "statistics": [s.to_json() for s in self.statistics],
        }


def json_number(value: float) -> int | float:
    """2000.0 prints as 2000: the contract's values are the numbers as a clerk writes them."""
    return int(value) if float(value).is_integer() else value


Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Finding:
    """A failed validation rule: errors quarantine, warnings load and are listed.

    `statistic` indexes `Extraction.statistics`; None means the rule is about the whole document.
    """

    sha256: str
    rule: str  # stable code, e.g. township_known, part_not_above_total
    severity: Severity
    reason: str  # in words a clerk understands
    statistic: int | None = None


@dataclass(frozen=True)
class RuleResult:
    """One validation rule's tally for a batch, kept per load in the warehouse (validation_results)."""

    rule: str
    severity: Severity | None
    checked: int | None  # documents (document rules) or statistic rows (row rules) the rule looked at
    failed: int  # distinct documents or rows with a finding for the rule


@dataclass(frozen=True)
class ValidatedBatch:
    """Everything one run extracted, with what validation found. The loader decides nothing."""

    extractions: tuple[Extraction, ...]
    findings: tuple[Finding, ...] = ()
    seconds: float = 0.0
    data_docs: Path | None = None

    def quarantined_document(self, sha256: str) -> Finding | None:
        return next((f for f in self.findings if f.sha256 == sha256 and f.statistic is None
                     and f.severity == "error"), None)

    def quarantined_rows(self, sha256: str) -> dict[int, Finding]:
        return {f.statistic: f for f in self.findings if f.sha256 == sha256 and f.statistic is not None
                and f.severity == "error"}

    def warnings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == "warning")
