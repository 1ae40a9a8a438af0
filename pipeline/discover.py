"""Find the report files in a folder, identified by content hash."""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from core.records import Skipped, SourceFile
from core.safe_text import display_path

REPORT_KINDS = {".docx": "docx", ".pdf": "pdf", ".txt": "txt", ".html": "html", ".htm": "html",
                ".doc": "doc", ".wps": "wps"}
_CHUNK = 1 << 20


def kind_of(path: Path) -> str | None:
    return REPORT_KINDS.get(path.suffix.lower())


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(_CHUNK):
            h.update(chunk)
    return h.hexdigest()


def source_file(path: Path) -> SourceFile:
    """The file at `path` with its hash; OSError when it cannot be read (a pipe or a device is refused before
    it is opened: reading one would wait forever)."""
    st = path.stat()
    if not stat.S_ISREG(st.st_mode):
        kind = "文件夹" if stat.S_ISDIR(st.st_mode) else "管道、设备或套接字"
        raise OSError(errno.EINVAL, f"不是普通文件，是{kind}", str(path))
    return SourceFile(path=path, sha256=sha256_of(path), size=st.st_size, kind=kind_of(path) or "unknown",
                      mtime=st.st_mtime)


def walk(paths: Iterable[Path], skipped: list[Skipped] | None = None) -> Iterator[Path]:
    """Files under `paths` in a stable order; hidden files and Office lock files (~$x.docx) left out.

    A path given is read as it is (a link included). Inside a folder given, symbolic links are followed only
    to files inside that folder: a link out of it (to /etc/passwd, say), a link to a folder, a dangling link,
    a pipe, a device or a socket is not read, and neither is a folder that cannot be opened. Each of those is
    appended to `skipped` with its reason (`problem` when something that may hold reports could not be read).
    """
    out = skipped if skipped is not None else []
    for root in paths:
        if not root.is_dir():
            yield root
            continue
        yield from _walk_folder(root, root.resolve(), out)


def _walk_folder(folder: Path, root: Path, skipped: list[Skipped]) -> Iterator[Path]:
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        skipped.append(Skipped(folder, f"文件夹无法打开（{why(exc)}），其中的文件都没有读取；"
                                       "请检查文件夹的权限后重新运行", problem=True))
        return
    for entry in entries:
        if entry.name.startswith((".", "~$")):
            continue
        path = Path(entry.path)
        try:
            if entry.is_symlink():
                yield from _link(path, root, skipped)
            elif entry.is_dir(follow_symlinks=False):
                yield from _walk_folder(path, root, skipped)
            elif entry.is_file(follow_symlinks=False):
                yield path
            else:
                skipped.append(Skipped(path, "不是普通文件（管道、设备或套接字），没有读取", problem=True))
        except OSError as exc:
            skipped.append(Skipped(path, f"无法读取（{why(exc)}）", problem=True))


def _link(path: Path, root: Path, skipped: list[Skipped]) -> Iterator[Path]:
    target = path.resolve()
    if not target.exists():
        skipped.append(Skipped(path, f"是快捷方式（符号链接），指向的 {display_path(target)} 不存在", problem=True))
    elif not target.is_relative_to(root):
        skipped.append(Skipped(path, f"是指向所选文件夹之外的快捷方式（符号链接，指向 {display_path(target)}），"
                                     "没有读取；如需导入，请把文件本身放进文件夹", problem=True))
    elif target.is_dir():
        skipped.append(Skipped(path, "是指向本文件夹内另一个文件夹的快捷方式，其中的文件按原位置读取"))
    elif target.is_file():
        yield path
    else:
        skipped.append(Skipped(path, "是指向管道或设备的快捷方式，没有读取", problem=True))


_WHY = {errno.EACCES: "没有权限", errno.EPERM: "没有权限", errno.ENOENT: "已不存在", errno.ELOOP: "快捷方式形成了循环",
        errno.EIO: "磁盘读取出错", errno.EINVAL: "不是普通文件"}


def why(exc: OSError) -> str:
    """The system's reason in a clerk's words (its own text when there is no better one)."""
    return _WHY.get(exc.errno or 0) or exc.strerror or str(exc)


def discover(paths: Iterable[Path]) -> tuple[list[SourceFile], list[Skipped]]:
    """Report files (with hashes) and the files passed over, each with a reason.

    A file that vanishes or cannot be read while the folder is walked is skipped
    with its reason, never an error that ends the batch.
    """
    found: list[SourceFile] = []
    skipped: list[Skipped] = []
    for p in walk(paths, skipped):
        if kind_of(p) is None:
            skipped.append(Skipped(p, f"不是报告文件格式（{p.suffix or '无扩展名'}），已跳过"))
            continue
        try:
            found.append(source_file(p))
        except OSError as exc:
            skipped.append(Skipped(p, f"无法读取文件（{why(exc)}）；请检查文件的权限后重新运行", problem=True))
    return found, skipped
