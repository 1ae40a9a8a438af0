"""What every reader shares: the options a read runs under and the one exception it raises.

Readers import this module, never `read.py` (which imports the readers to dispatch to them).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

OCR_ENGINE_ENV = "TOWNSHIP_ROLLUP_OCR_ENGINE"


def _ocr_engine() -> str:
    return os.environ.get(OCR_ENGINE_ENV, "auto").strip().lower() or "auto"


@dataclass(frozen=True)
class ReadOptions:
    max_bytes: int = 50 * 1024 * 1024  # larger files are rejected before parsing
    max_pages: int = 500
    ocr: bool = True  # OCR scanned PDF pages (RapidOCR, else tesseract)
    convert_timeout: float = 120.0  # seconds LibreOffice may take for a .doc/.wps
    # auto (RapidOCR, tesseract when RapidOCR cannot run), rapidocr or tesseract; default from the environment
    ocr_engine: str = field(default_factory=_ocr_engine)


# Every `Unreadable.kind` a reader raises (stable codes for the warehouse and the run summary).
ERROR_KINDS: tuple[str, ...] = (
    "empty", "oversized", "unsupported", "unreadable_file", "mislabelled", "corrupt", "encrypted",
    "zip_bomb", "unsafe_xml", "too_many_pages", "no_text", "encoding", "scanned", "ocr_unavailable",
    "ocr_failed", "converter_unavailable", "conversion_failed", "conversion_timeout",
)


class Unreadable(Exception):
    """A file that cannot be read: `kind` is a stable code, `reason` is for a clerk."""

    def __init__(self, kind: str, reason: str) -> None:
        super().__init__(reason)
        self.kind = kind
        self.reason = reason
