"""Extractions parked on disk between extraction and validation, handed back a township at a time.

A province's run (thousands of reports, ~1 KB per statistic) would otherwise hold
every extraction, its validation frames and its load in memory at once. Validation
and loading go in sub-batches instead, and a sub-batch always holds every report of
the townships it touches: whether a report supersedes another (same township and
year) or jumps tenfold on last year (same township) is only ever asked within one
township, so sub-batches give the same findings and rows as one batch.
"""

from __future__ import annotations

import pickle
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from core.records import Extraction

SUB_BATCH_DOCUMENTS = 500  # documents validated and loaded together (a township is never split)


@dataclass(frozen=True)
class _Entry:
    offset: int
    length: int
    order: int  # the file's place in the run's plan: sub-batches keep that order
    township: str | None  # as found (canonical when the registry knows it): what ties reports together


SubBatch = tuple[_Entry, ...]  # where a sub-batch's extractions lie in the spool


class Spool:
    """Append-only pickles in one temporary file, each read back by offset."""

    def __init__(self, directory: Path | None = None) -> None:
        self._file = tempfile.TemporaryFile(prefix="township-rollup-spool-", dir=directory)  # noqa: SIM115 (closed on exit)
        self._entries: list[_Entry] = []

    def __enter__(self) -> Spool:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self._file.close()

    def __len__(self) -> int:
        return len(self._entries)

    def add(self, extractions: Sequence[Extraction], order: Mapping[Path, int],
            township: Callable[[Extraction], str | None]) -> None:
        """Park extractions; `order` maps a file's path to its place in the plan (not its hash: a file
        replaced after discovery comes back with the hash of what was read), `township` names what
        ties a report to others (validation's canonical township, None for a rejected file)."""
        self._file.seek(0, 2)
        for e in extractions:
            data = pickle.dumps(e, protocol=pickle.HIGHEST_PROTOCOL)
            offset = self._file.tell()
            self._file.write(data)
            self._entries.append(_Entry(offset, len(data), order[e.source.path], township(e)))

    def sub_batches(self, size: int = SUB_BATCH_DOCUMENTS) -> list[SubBatch]:
        """The spooled extractions in plan order, a few townships at a time, no township split;
        nothing is read back until `read`."""
        ordered = sorted(self._entries, key=lambda entry: entry.order)
        return [tuple(ordered[i] for i in group) for group in pack([entry.township for entry in ordered], size)]

    def read(self, sub_batch: SubBatch) -> list[Extraction]:
        return [self._read(entry) for entry in sub_batch]

    def _read(self, entry: _Entry) -> Extraction:
        self._file.seek(entry.offset)
        extraction: Extraction = pickle.loads(self._file.read(entry.length))
        return extraction


def pack(keys: Sequence[str | None], size: int) -> list[list[int]]:
    """Indexes of `keys` in sub-batches of about `size`: equal keys together (a larger group stays whole),
    None (no township: nothing ties it to another report) anywhere; groups in order of first appearance."""
    size = max(1, size)
    groups: dict[str, list[int]] = {}
    loose: list[int] = []
    for i, key in enumerate(keys):
        if key is None:
            loose.append(i)
        else:
            groups.setdefault(key, []).append(i)
    batches: list[list[int]] = []
    current: list[int] = []
    for members in [*groups.values(), *([i] for i in loose)]:
        if current and len(current) + len(members) > size:
            batches.append(sorted(current))
            current = []
        current.extend(members)
    if current:
        batches.append(sorted(current))
    return batches
