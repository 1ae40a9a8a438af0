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
# What this program writes into a folder, never a township's report: every HTML page it makes carries this
# (the comparison export, warehouse/html_page.py; the validation front page, warehouse/validation_page.py).
OWN_PAGE_MARK = b'<meta name="generator" content="township-rollup'
OWN_FILE = "是本程序自己生成的文件（{what}），不是乡镇的报告，已跳过"


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


def walk(paths: Iterable[Path], skipped: list[Skipped] | None = None, *, own: Iterable[Path] = ()) -> Iterator[Path]:
    """Files under `paths` in a stable order, each once; hidden files and Office lock files (~$x.docx) left out.

    A path given is read as it is (a link included). Inside a folder given, symbolic links are followed only
    to files inside that folder: a link out of it (to /etc/passwd, say), a link to a folder, a dangling link,
    a pipe, a device or a socket is not read, and neither is a folder that cannot be opened. Each of those is
    appended to `skipped` with its reason (`problem` when something that may hold reports could not be read).
    `own`: folders this program writes (the database's validation report, `own_folders`), passed over when
    met inside a folder given (a database kept in its reports folder).
    """
    out = skipped if skipped is not None else []
    ours = frozenset(_resolved(p) for p in own)
    seen: set[str] = set()  # a folder given twice, or a file and its folder: each file once (a link to a file
    for root in paths:      # is its own entry: discovery's plan names it a copy)
        found = (root,) if not root.is_dir() else _walk_folder(root, root.resolve(), out, ours)
        for path in found:
            key = os.path.abspath(path)
            if key not in seen:
                seen.add(key)
                yield path


def own_folders(db: Path) -> tuple[Path, ...]:
    """The folders beside the database that this program fills: `county-validation/` for `county.duckdb`."""
    return (db.parent / f"{db.stem}-validation",)


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path.absolute()


def _walk_folder(folder: Path, root: Path, skipped: list[Skipped], own: frozenset[Path] = frozenset()
                 ) -> Iterator[Path]:
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
                if own and _resolved(path) in own:
                    skipped.append(Skipped(path, OWN_FILE.format(what="数据校验报告的文件夹")))
                    continue
                yield from _walk_folder(path, root, skipped, own)
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


def discover(paths: Iterable[Path], *, own: Iterable[Path] = ()) -> tuple[list[SourceFile], list[Skipped]]:
    """Report files (with hashes) and the files passed over, each with a reason.

    A file that vanishes or cannot be read while the folder is walked is skipped
    with its reason, never an error that ends the batch. What this program wrote itself (the folders in
    `own`, any page carrying OWN_PAGE_MARK) is passed over: read as a report, the validation page of a
    database kept in the reports folder replaced a township's report with its own numbers.
    """
    found: list[SourceFile] = []
    skipped: list[Skipped] = []
    for p in walk(paths, skipped, own=own):
        if kind_of(p) is None:
            skipped.append(Skipped(p, f"不是报告文件格式（{p.suffix or '无扩展名'}），已跳过"))
            continue
        try:
            if kind_of(p) == "html" and _our_page(p):
                skipped.append(Skipped(p, OWN_FILE.format(what="导出的对比表或数据校验报告")))
                continue
            found.append(source_file(p))
        except OSError as exc:
            skipped.append(Skipped(p, f"无法读取文件（{why(exc)}）；请检查文件的权限后重新运行", problem=True))
    return found, skipped


def _our_page(path: Path) -> bool:
    """Whether an HTML file is one this program wrote (its mark is in the head, within the first few KB)."""
    with open(path, "rb") as fh:
        return OWN_PAGE_MARK in fh.read(4096)
