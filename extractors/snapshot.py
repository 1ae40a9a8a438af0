"""One read of a report file: copied once, hashed in the same pass, and the copy handed to the readers.

Discovery hashes every file to decide whether it is already loaded, and the file may change
before it is read (a clerk saving a corrected version over it, a sync client replacing it).
Readers opening the path again would then read other bytes than the hash names: the second
content stored under the first content's hash, and the right file, put back later, taken as
"unchanged" and never read. So the readers read a private copy made in the pass that hashes
it, and the extraction carries the hash of the bytes actually read.
"""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, TypeVar

_CHUNK = 1 << 20
T = TypeVar("T")


class ScratchUnavailable(Exception):
    """The private copy could not be made: the temporary folder is full, missing or not writable.

    Not the report's fault: the reason names the folder (`folder`) and the system's words (`error`).
    """

    def __init__(self, folder: str, error: OSError) -> None:
        super().__init__(f"{folder}: {error}")
        self.folder, self.error = folder, error


@dataclass(frozen=True)
class Snapshot:
    path: Path  # the private copy (same file name, in a folder of its own); gone when the block ends
    sha256: str  # of the bytes copied; "" for a file above the limit (not copied: too large to read)
    size: int  # of the file as opened, in bytes


@contextmanager
def snapshot(path: Path, limit: int) -> Iterator[Snapshot]:
    """Copy `path` into a private temporary folder, hashing it as it is copied.

    `limit`: bytes worth copying (the reader rejects a larger file by its size, unread).
    Raises OSError from opening or reading the file (missing, permission), ScratchUnavailable when
    the copy cannot be written (ENOSPC: the temporary folder is full).
    """
    try:
        folder = Path(tempfile.mkdtemp(prefix="township-rollup-read-"))
    except OSError as exc:
        raise ScratchUnavailable(tempfile.gettempdir(), exc) from exc
    try:
        digest = hashlib.sha256()
        with _open_regular(path) as src:
            size = os.fstat(src.fileno()).st_size
            copied = 0
            dst = _scratch(lambda: open(folder / path.name, "wb"))  # noqa: SIM115 (closed below)
            try:
                while size <= limit and copied <= limit and (chunk := src.read(_CHUNK)):
                    digest.update(chunk)
                    _scratch(lambda chunk=chunk: dst.write(chunk))
                    copied += len(chunk)
            finally:
                _scratch(dst.close)  # a full disk may only show when the last block is flushed
        size = max(size, copied)
        yield Snapshot(folder / path.name, digest.hexdigest() if size <= limit else "", size)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _open_regular(path: Path) -> BinaryIO:
    """`path` opened for reading, refused unless it is a regular file: a pipe put in its place would block
    the read forever (opened without waiting, checked on the open file, then read normally)."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise OSError(errno.EINVAL, "不是普通文件（管道、设备或文件夹）", str(path))
    os.set_blocking(fd, True)
    return os.fdopen(fd, "rb")


def _scratch(step: Callable[[], T]) -> T:
    """Run one step on the private copy; its OSError is the temporary folder's, not the report's."""
    try:
        return step()
    except OSError as exc:
        raise ScratchUnavailable(tempfile.gettempdir(), exc) from exc
