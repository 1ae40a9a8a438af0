"""The file at --db, judged before DuckDB opens it: one line to fix instead of a traceback, and no network.

DuckDB handed a file that is not its own tries to help: for an SQLite file it downloads its SQLite
extension during connect, before any setting of ours applies. So a file that exists is read first:
a DuckDB database says DUCK at byte 8 (its storage header); anything else is refused by what it looks
like, untouched. A 0-byte file holds nothing: it is what an interrupted first ingestion leaves, and it
is cleared (when no program holds it) so the run can create the database. Every other way the path
cannot hold a warehouse (a folder, a name that is not UTF-8, no permission, a read-only disk, a full
disk, a damaged file) is `DatabaseUnusable` with the file, the reason and what to do.
"""

from __future__ import annotations

import errno
import fcntl
import os
from pathlib import Path

from core.safe_text import display_path

_MAGIC_AT, _MAGIC = 8, b"DUCK"
_LOOKS_LIKE: tuple[tuple[bytes, str], ...] = (
    (b"SQLite format 3\x00", "一个 SQLite 数据库"),
    (b"PK\x03\x04", "一个压缩包或 Office 文档（例如 Excel 表格）"),
    (b"%PDF", "一个 PDF 文件"),
    (b"\xd0\xcf\x11\xe0", "一个老式 Office 文档（.doc/.xls）"),
)
# DuckDB's words for a file it cannot use, and what they mean to a clerk.
_DAMAGED = ("not a valid DuckDB database file", "Could not read enough bytes", "Corrupt database",
            "checksum", "INTERNAL Error")
_NEW_NAME = "请从备份恢复，或用 --db 换一个新文件名重新导入全部报告（原文件不会被改动）"


class DatabaseUnusable(Exception):
    """The --db path cannot hold the warehouse; the message says why and what to do (first line Chinese)."""

    def __init__(self, path: Path, reason: str, advice: str) -> None:
        self.path, self.reason, self.advice = path, reason, advice
        super().__init__(f"数据库 {display_path(path)} {reason}；{advice}\n"
                         f"The database {display_path(path)} cannot be used (see the line above).")


def check_path(path: Path, *, read_only: bool) -> None:
    """Before connecting: refuse what is no DuckDB database, clear a 0-byte leftover (write connections).

    Raises DatabaseUnusable; a missing file is fine (a write connection creates it).
    """
    try:
        os.fspath(path).encode("utf-8")
    except UnicodeEncodeError:
        raise DatabaseUnusable(path, "的路径含有不是 UTF-8 编码的名称（例如从 Windows 复制来的 GBK 文件夹名），"
                                     "DuckDB 无法打开", "请用 --db 指定名称正常的文件夹里的文件") from None
    if path.is_dir():
        raise DatabaseUnusable(path, "是一个文件夹，不是数据库文件",
                               f"请用 --db 指定一个文件，例如 {display_path(path / 'county.duckdb')}")
    if not path.exists():
        return
    try:
        with open(path, "rb") as fh:
            head = fh.read(16)
    except OSError as exc:
        raise unusable(path, exc) from exc
    if not head:
        if read_only:
            raise DatabaseUnusable(path, "是空文件（0 字节），里面没有数据（可能是上次导入被中断后留下的）",
                                   "请先运行 township-rollup ingest 导入报告")
        _clear_leftover(path)
        return
    if head[_MAGIC_AT : _MAGIC_AT + len(_MAGIC)] != _MAGIC:
        what = next((name for magic, name in _LOOKS_LIKE if head.startswith(magic)), "别的文件")
        raise DatabaseUnusable(path, f"不是 DuckDB 数据库文件（看起来是{what}），没有打开也没有改动它",
                               "请用 --db 指定县数据库文件（.duckdb），或一个还不存在的新文件名")


def check_new(path: Path) -> None:
    """For a database that does not exist yet: its folder can be made and written (a probe file, removed).

    Raises DatabaseUnusable. Nothing is left behind: the database itself is created by its first load.
    """
    check_path(path, read_only=False)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        probe = path.parent / f".{path.name}.{os.getpid()}.probe"
        probe.touch()
        probe.unlink()
    except OSError as exc:
        raise unusable(path, exc) from exc


def _clear_leftover(path: Path) -> None:
    """Remove a 0-byte database file no program holds (DuckDB locks the file it has open)."""
    try:
        with open(path, "r+b") as fh:
            try:
                fcntl.lockf(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                return  # a program holds it (it is being created right now): connect() waits or says who
            if os.fstat(fh.fileno()).st_size == 0:
                path.unlink()
    except OSError as exc:
        raise unusable(path, exc) from exc


def unusable(path: Path, exc: BaseException) -> DatabaseUnusable:
    """DatabaseUnusable for an OSError or a DuckDB error (not a held lock) a clerk can act on; any other error is
    raised again as it is (an unexpected one: the CLI logs its traceback)."""
    text = str(exc)
    code = getattr(exc, "errno", None)
    if code in (errno.EACCES, errno.EPERM) or "Permission denied" in text:
        return DatabaseUnusable(path, "无法写入：没有权限（文件或它所在的文件夹是只读的）",
                                "请换一个有写入权限的位置（例如自己的文档文件夹），或请管理员开放权限")
    if code == errno.EROFS or "Read-only file system" in text:
        return DatabaseUnusable(path, "无法写入：所在的磁盘是只读的", "请把数据库放在可写的磁盘上")
    if code in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG) or "No space left" in text or "File too large" in text:
        return DatabaseUnusable(path, "无法写入：磁盘空间不足（已写入的数据没有改动）", "请清理磁盘空间后重新运行")
    if code in (errno.ENOTDIR, errno.EEXIST) or "Not a directory" in text:
        return DatabaseUnusable(path, "的上级路径中有一个同名文件，不是文件夹", "请用 --db 指定另一个路径")
    if code == errno.EISDIR or "Is a directory" in text:
        return DatabaseUnusable(path, "是一个文件夹，不是数据库文件", "请用 --db 指定一个文件")
    if any(words in text for words in _DAMAGED):
        return DatabaseUnusable(path, f"已损坏或不完整（{_first_line(text)}）", _NEW_NAME)
    raise exc


def remove_created(path: Path) -> None:
    """After a failed first connection: the database this connection created goes, with its WAL."""
    for leftover in (path, Path(f"{path}.wal")):
        leftover.unlink(missing_ok=True)


def _first_line(text: str) -> str:
    return (text.strip().splitlines() or [""])[0][:160]
