"""`township-rollup init` and the commands that read what it writes, as an office's IT person runs them."""

from __future__ import annotations

import contextlib
from pathlib import Path

from core.office import CONFIG_NAME, load_office
from tests.township_rollup.test_cli import run


def test_init_writes_a_configuration_the_commands_then_read(tmp_path: Path, sample_county: Path) -> None:
    done = run("init", "--county", str(sample_county / "county.yaml"), "--reports", "收到的报告", "--db",
               "county.duckdb", "--exports", "exports", "--deadline", "04-01", "--prefect-server", "none",
               cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    cfg = load_office(tmp_path / CONFIG_NAME)
    assert cfg.reports == tmp_path / "收到的报告" and cfg.reports.is_dir() and cfg.exports.is_dir()
    assert cfg.database == tmp_path / "county.duckdb" and cfg.deadline == (4, 1) and cfg.prefect_api_url is None
    assert str(cfg.path) in done.stdout and "12 个乡镇、街道" in done.stdout and "已创建" in done.stdout

    again = run("init", cwd=tmp_path)
    assert again.returncode == 2 and "--force" in again.stderr

    # without FOLDER or --db, the commands take the configuration's folders
    ingest = run("ingest", cwd=tmp_path)
    assert ingest.returncode == 2 and str(tmp_path / "收到的报告") in ingest.stderr and "没有报告文件" in ingest.stderr
    rollup = run("rollup", cwd=tmp_path)
    assert rollup.returncode == 2 and f"找不到数据库 {tmp_path / 'county.duckdb'}" in rollup.stderr


def test_init_with_wrong_settings_writes_nothing(tmp_path: Path) -> None:
    done = run("init", "--county", "no-such-county.yaml", "--deadline", "13-01", "--prefect-server", "4200",
               cwd=tmp_path)
    assert done.returncode == 2
    lines = done.stderr.splitlines()
    assert len(lines) == 3 and all(line.startswith("错误：") or "办公室配置" in line for line in lines)
    assert any("deadline" in line for line in lines) and any("prefect_api_url" in line for line in lines)
    assert f"办公室配置 {CONFIG_NAME}：" in lines[0]  # the file it would write, not its draft
    assert list(tmp_path.iterdir()) == []  # no file, and the folders it would have made are gone


def test_a_broken_configuration_stops_every_command_with_its_lines(tmp_path: Path) -> None:
    (tmp_path / CONFIG_NAME).write_text('reports = "reports"\nwait_seconds = "soon"\n', encoding="utf-8")
    done = run("compare", cwd=tmp_path)
    assert done.returncode == 2
    lines = done.stderr.splitlines()
    assert lines[0].startswith("错误：办公室配置") and len(lines) == 4  # county, database, exports, wait_seconds


def test_init_in_a_terminal_asks_again_for_a_missing_county_file(tmp_path: Path) -> None:
    """Asked at once, not after six more questions; Ctrl-D leaves, writing nothing."""
    import os
    import pty
    import subprocess
    import time

    from tests.township_rollup.test_cli import CLI

    main, child = pty.openpty()
    proc = subprocess.Popen([CLI, "init"], stdin=child, stdout=child, stderr=child, cwd=tmp_path,
                            env={**os.environ, "COLUMNS": "200"})
    os.close(child)
    seen = b""

    def until(text: str) -> None:
        nonlocal seen
        deadline = time.monotonic() + 60
        while text.encode() not in seen:
            assert time.monotonic() < deadline, seen.decode(errors="replace")
            seen += os.read(main, 4096)

    try:
        until("县乡镇名册")
        os.write(main, "没有的名册.yaml\n".encode())
        until("找不到 没有的名册.yaml")
        until("]：")  # the same question again
        assert "各乡镇报告" not in seen.decode(errors="replace")
        os.write(main, b"\x04")  # Ctrl-D
        assert proc.wait(timeout=60) == 2
        with contextlib.suppress(OSError):
            until("已取消")
    finally:
        proc.kill()
        os.close(main)
    text = seen.decode(errors="replace")
    assert "已取消" in text and "Traceback" not in text
    assert list(tmp_path.iterdir()) == []
