"""The temporary folder filling up while a report is read is this machine's problem, never the report's: the
reason names the folder and what to do, and never asks the township for a Word version.

Real: the extraction runs with TMPDIR on a 300 KB tmpfs (a mount namespace of its own, `unshare`), where the
private copy of each report fits but LibreOffice's profile and a page image at OCR resolution do not.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import docx
import pytest

from tests.support.readers_files import body_paragraph, image_pdf, soffice_convert

CLI = str(Path(sys.executable).with_name("township-rollup"))


def _small_tmp_prefix(mount: Path) -> list[str]:
    """A command prefix that runs the rest with a 300 KB tmpfs mounted on `mount`, or [] where the system allows
    no mount namespace."""
    unshare = shutil.which("unshare")
    if unshare is None:
        return []
    script = f'mount -t tmpfs -o size=300k tmpfs "{mount}" && exec "$@"'
    for prefix in ([unshare, "--mount"], [unshare, "--map-root-user", "--mount"]):
        probe = subprocess.run([*prefix, "sh", "-c", script, "sh", "true"], capture_output=True, timeout=30)
        if probe.returncode == 0:
            return [*prefix, "sh", "-c", script, "sh"]
    return []


def test_a_full_temporary_folder_is_named_and_the_township_is_not_asked_for_anything(tmp_path: Path) -> None:
    mount = tmp_path / "tmp"
    mount.mkdir()
    prefix = _small_tmp_prefix(mount)
    if not prefix:
        pytest.skip("this system allows no mount namespace: a full temporary folder cannot be made here")
    scan = tmp_path / "东关镇2024.pdf"
    image_pdf(["2024年东关镇法治政府建设年度报告", "全镇组织普法宣传活动共19次。"], scan)
    src = tmp_path / "西城镇2024.docx"
    d = docx.Document()
    body_paragraph(d, "2024年西城镇法治政府建设年度报告。全镇组织普法宣传活动共12次。")
    d.save(src)
    soffice_convert([src], "doc", tmp_path)
    old = tmp_path / "西城镇2024.doc"
    done = subprocess.run([*prefix, "env", f"TMPDIR={mount}", CLI, "extract", str(scan), str(old),
                           "--format", "jsonl"], capture_output=True, text=True, timeout=300)
    assert "Traceback" not in done.stderr
    rows = {Path(r["path"]).suffix: r for r in map(json.loads, done.stdout.splitlines())}
    converted = rows[".doc"]
    assert converted["status"] == "rejected" and converted["error_kind"] == "scratch_unavailable", converted
    # tesseract writes each page image to the temporary folder; an OCR engine reading in memory is not held up
    scanned = rows[".pdf"]
    assert scanned["status"] == "ok" or scanned["error_kind"] == "scratch_unavailable", scanned
    for row in rows.values():
        if row["status"] != "ok":
            assert f"本机临时文件夹 {mount} 空间已满" in row["error"] and "乡镇" not in row["error"], row["error"]
    assert done.returncode == 1
