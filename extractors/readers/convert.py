"""Old Word (.doc) and WPS (.wps) files, converted to .docx by LibreOffice and read as .docx.

Each conversion gets its own LibreOffice profile and output folder (parallel
workers must not share a profile: soffice silently hands the job to the first
instance), and its whole process group is killed on timeout, since soffice
forks a child that outlives the launcher.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from core.records import Document
from extractors.readers import docx
from extractors.readers.base import ReadOptions, Unreadable
from extractors.readers.cjk import readable_share
from extractors.readers.offline import neutralise, offline_prefix
from extractors.readers.sniff import sniff_bytes

MIN_READABLE = 0.8
_INSTALL = "请安装 LibreOffice：apt-get install libreoffice-writer-nogui"


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def read_doc(path: Path, options: ReadOptions) -> Document:
    return _read_converted(path, options, "doc")


def read_wps(path: Path, options: ReadOptions) -> Document:
    return _read_converted(path, options, "wps")


def _read_converted(path: Path, options: ReadOptions, fmt: str) -> Document:
    with tempfile.TemporaryDirectory(prefix="convert-") as tmp:
        converted = to_docx(path, Path(tmp), options.convert_timeout, fmt)
        doc = docx.read(converted, options, fmt=fmt)
    if readable_share(doc.text) < MIN_READABLE:  # LibreOffice imports unknown bytes as text rather than failing
        raise Unreadable("corrupt", f".{fmt} 文件已损坏，转换后只得到乱码；请让乡镇用 Word/WPS 另存为 .docx 后发送")
    return doc


def to_docx(path: Path, workdir: Path, timeout: float, fmt: str) -> Path:
    exe = soffice()
    if exe is None:
        raise Unreadable("converter_unavailable", f"读取 .{fmt} 文件需要 LibreOffice 转换，但本机未安装；{_INSTALL}，"
                                                  "或让乡镇另存为 .docx 后发送")
    source = workdir / f"input.{fmt}"  # a plain name: soffice mis-parses some characters in paths
    data = path.read_bytes()  # what it links to stays unfetched (extractors/readers/offline.py)
    source.write_bytes(neutralise(data, sniff_bytes(data[:2048])))
    outdir, profile = workdir / "out", workdir / "profile"
    outdir.mkdir()
    cmd = [exe, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore", "--nolockcheck",
           "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(outdir), str(source)]
    proc = subprocess.Popen([*offline_prefix(), *cmd], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True,
                            env={**os.environ, "HOME": str(workdir)})
    try:
        _, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        _kill_group(proc)
        raise Unreadable("conversion_timeout", f".{fmt} 文件转换超时（超过 {timeout:.0f} 秒），"
                                               "文件可能已损坏或过于复杂；"
                                               "请让乡镇另存为 .docx 后发送") from exc
    finally:
        _kill_group(proc)  # soffice may leave a forked child behind even after a clean exit
    out = outdir / "input.docx"
    if proc.returncode != 0 or not out.exists() or out.stat().st_size == 0:
        _check_space(workdir, fmt)
        detail = err.decode("utf-8", "replace").strip().splitlines()[-1:] if err else []
        why = f"：{detail[0]}" if detail else ""
        raise Unreadable("conversion_failed", f".{fmt} 文件无法转换（文件可能已损坏{why}）；"
                                              "请让乡镇用 Word/WPS 另存为 .docx 后发送")
    return out


# LibreOffice writes its profile (~10 MB) and the converted copy in the temporary folder: with less room than
# this left after a failed conversion, the folder is the likelier cause than the file.
LOW_SPACE_BYTES = 64 * 1024 * 1024


def _check_space(workdir: Path, fmt: str) -> None:
    """Raise, from an ENOSPC OSError (extract.py then names the temporary folder, not the file), when a failed
    conversion left the temporary folder all but full."""
    try:
        free = shutil.disk_usage(workdir).free
    except OSError:
        return
    if free < LOW_SPACE_BYTES:
        full = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(workdir))
        raise Unreadable("conversion_failed", f".{fmt} 文件转换失败：本机临时文件夹空间不足"
                                              f"（剩余 {free // 1024} KB）") from full


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)
    if proc.poll() is None:
        proc.wait(timeout=10)
