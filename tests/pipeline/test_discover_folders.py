"""Folders as offices have them: links, pipes, folders and files no one may read. Nothing outside the folder
given is read, everything passed over is listed with its reason, and anything unreadable makes the run's
status 1 (README: Ingesting your own county)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline.discover import discover

CLI = str(Path(sys.executable).with_name("township-rollup"))
REPORT = "2024年东关镇法治政府建设年度报告\n全年开展普法宣传活动12次，发放资料300份。\n"


def test_links_out_of_the_folder_pipes_and_dangling_links_are_listed_not_read(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    (folder / "sub").mkdir(parents=True)
    (folder / "东关镇.txt").write_text(REPORT, encoding="utf-8")
    (folder / "西城.txt").symlink_to("/etc/passwd")  # out of the folder: its first line would become a title
    (folder / "南山.docx").symlink_to(folder / "gone.docx")  # dangling
    (folder / "sub" / "本镇.txt").symlink_to(folder / "东关镇.txt")  # inside the folder: read (a copy)
    (folder / "上级").symlink_to(folder / "sub")  # a folder inside: read where it is
    os.mkfifo(folder / "管道.txt")
    found, skipped = discover([folder])
    assert [f.path.relative_to(folder).as_posix() for f in found] == ["sub/本镇.txt", "东关镇.txt"]
    reasons = {s.path.name: (s.reason, s.problem) for s in skipped}
    assert "所选文件夹之外" in reasons["西城.txt"][0] and "/etc/passwd" in reasons["西城.txt"][0]
    assert "不存在" in reasons["南山.docx"][0] and "管道" in reasons["管道.txt"][0]
    assert all(reasons[name][1] for name in ("西城.txt", "南山.docx", "管道.txt"))
    assert reasons["上级"] == ("是指向本文件夹内另一个文件夹的快捷方式，其中的文件按原位置读取", False)


@pytest.fixture
def shared(tmp_path: Path) -> Iterator[Path]:
    yield tmp_path
    for path in tmp_path.rglob("*"):  # let pytest clean up what the test locked
        if not path.is_symlink():
            path.chmod(0o755)


# Root reads every file whatever its permissions (CAP_DAC_OVERRIDE): run the CLI as root without that power,
# as a clerk's account would meet the folder.
_DAC = "-dac_override,-dac_read_search"
_AS_CLERK = ["setpriv", f"--bounding-set={_DAC}", f"--inh-caps={_DAC}"] if os.geteuid() == 0 else []


def _as_clerk(args: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*_AS_CLERK, CLI, *args], capture_output=True, text=True, timeout=600,
                          env={**os.environ, "COLUMNS": "120"})


def test_unreadable_folders_and_files_are_listed_and_make_the_status_1(shared: Path) -> None:
    folder = shared / "reports"
    for sub in ("锁住的", "打不开的"):
        (folder / sub).mkdir(parents=True)
        (folder / sub / "南山乡.txt").write_text(REPORT.replace("东关镇", "南山乡"), encoding="utf-8")
    (folder / "东关镇.txt").write_text(REPORT, encoding="utf-8")
    (folder / "西城.txt").write_text(REPORT.replace("东关镇", "西城街道"), encoding="utf-8")
    (folder / "西城.txt").chmod(0)  # no one may read it
    (folder / "锁住的").chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)  # listable, not enterable (no x)
    (folder / "打不开的").chmod(stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)  # enterable, not listable (no r)
    done = _as_clerk(["ingest", str(folder), "--db", str(shared / "county.duckdb")])
    assert done.returncode == 1, done.stdout + done.stderr[-3000:]
    assert "Traceback" not in done.stdout + done.stderr
    assert "新导入 1 份报告" in done.stdout  # 东关镇.txt: the batch went on
    lines = done.stdout.splitlines()
    for name in ("西城.txt", "锁住的/南山乡.txt", "打不开的"):  # a folder listable but not enterable: its files
        line = next((ln for ln in lines if f"/{name}：" in ln), None)
        assert line is not None and "[已跳过]" in line and "没有权限" in line, (name, lines)
