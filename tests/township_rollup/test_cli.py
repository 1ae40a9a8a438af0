"""The command line as a clerk runs it: real files, a real DuckDB file, Prefect in ephemeral mode.

Every run here is also checked for calm: no traceback and no Prefect or GX log line on the terminal.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import openpyxl
import pytest

from tests.support.processes import alive, descendants, prefect_servers

CLI = str(Path(sys.executable).with_name("township-rollup"))
# What Prefect's and GX's own output looks like: "12:34:56.789 | ERROR   | ...", tracebacks, warnings.
NOISE = re.compile(r"Traceback \(most recent call last\)|^\s+File \"|\d\d:\d\d:\d\d\.\d+ \||\w+Warning: |"
                   r"\bprefect\.(?!yaml\b)\w|great_expectations|^(ERROR|WARNING|INFO|DEBUG)\b")


def run(*args: str, cwd: Path | None = None, timeout: float = 300,
        env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([CLI, *args], capture_output=True, text=True, cwd=cwd, timeout=timeout,
                          env={**(os.environ if env is None else env), "COLUMNS": "200"})
    assert_calm(done)
    return done


def assert_calm(done: subprocess.CompletedProcess[str]) -> None:
    """Only our own messages reach the terminal, each once."""
    for stream in (done.stdout, done.stderr):
        noise = [line for line in stream.splitlines() if NOISE.search(line)]
        assert noise == [], "\n".join(noise[:20])
    errors = [line for line in done.stderr.splitlines() if line.startswith("错误：")]
    assert len(errors) == len(set(errors)) <= 1, done.stderr


def _reports(sample_county: Path, suffix: str) -> list[Path]:
    return sorted(p for p in (sample_county / "reports").iterdir() if p.suffix == suffix)


def test_extract_jsonl_contract_on_docx_and_pdf(sample_county: Path, tmp_path: Path) -> None:
    docx, pdf = _reports(sample_county, ".docx")[0], _reports(sample_county, ".pdf")[0]
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"MZ\x90\x00 this is a program, not a report")
    done = run("extract", str(docx), str(bad), str(pdf), "--format", "jsonl",
               "--county", str(sample_county / "county.yaml"))
    assert done.returncode == 1, done.stderr  # one file was rejected; the others still came out
    lines = [json.loads(ln) for ln in done.stdout.splitlines()]
    assert [ln["path"] for ln in lines] == [str(docx), str(bad), str(pdf)]
    ok_docx, rejected, ok_pdf = lines
    assert rejected["status"] == "rejected" and rejected["error"]
    for result, fmt in ((ok_docx, "docx"), (ok_pdf, "pdf")):
        assert result["status"] == "ok" and result["error"] is None
        doc = result["document"]
        assert doc["format"] == fmt and len(doc["sha256"]) == 64
        assert doc["township"] and doc["year"] and doc["county"]
        assert result["statistics"]
        for s in result["statistics"]:
            assert set(s) >= {"indicator", "value", "unit", "qualifier", "quote", "page", "start", "end"}
    assert all(s["page"] >= 1 for s in ok_pdf["statistics"])


@pytest.mark.parametrize("suffix", [".docx", ".pdf"])
def test_every_quote_is_the_text_at_its_offsets(sample_county: Path, suffix: str) -> None:
    for path in _reports(sample_county, suffix)[:3]:
        text = run("extract", str(path), "--format", "text").stdout
        (result,) = [json.loads(ln) for ln in run("extract", str(path), "--format", "jsonl").stdout.splitlines()]
        assert result["statistics"]
        for s in result["statistics"]:
            assert text[s["start"]:s["end"]] == s["quote"], (path.name, s)


def test_ingest_compare_and_exports(sample_copy: Path, sample_county: Path, tmp_path: Path) -> None:
    db = tmp_path / "county.duckdb"
    county = str(sample_county / "county.yaml")
    done = run("ingest", str(sample_copy), "--db", str(db), "--county", county)
    assert done.returncode == 1, done.stderr  # the sample ships one broken file
    assert "新导入" in done.stdout and "未能读取" in done.stdout
    assert db.exists()

    again = run("ingest", str(sample_copy), "--db", str(db), "--county", county)
    assert "新导入 0 份" in again.stdout
    # each command stops the temporary Prefect server it started (those of this test process are not its)
    assert prefect_servers(os.environ["PREFECT_HOME"]) - descendants(os.getpid()) == set()

    rolled = run("rollup", "--db", str(db), "--out", str(tmp_path / "exports"))
    assert rolled.returncode == 0, rolled.stderr
    latest = max(int(m) for m in re.findall(r"-(20\d\d)\.", " ".join(p.name for p in sample_copy.iterdir())))
    assert sorted(p.name for p in (tmp_path / "exports").iterdir()) == [  # the latest year with reports
        f"county-comparison-{latest}.csv", f"county-comparison-{latest}.html", f"county-comparison-{latest}.xlsx"]
    nothing = run("rollup", "--db", str(db), "--year", "2031", "--out", str(tmp_path / "none"))
    assert nothing.returncode == 2 and "2031" in nothing.stderr and str(latest) in nothing.stderr
    assert not (tmp_path / "none").exists()

    table = run("compare", "--db", str(db), "--county", county)
    assert table.returncode == 0, table.stderr
    assert "县合计" in table.stdout and "中位数" in table.stdout
    for fmt in ("csv", "xlsx", "html"):
        out = tmp_path / f"t.{fmt}"
        done = run("compare", "--db", str(db), "--year", "2024", "--format", fmt, "--out", str(out))
        assert done.returncode == 0, done.stderr
        assert out.stat().st_size > 0
    assert (tmp_path / "t.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert openpyxl.load_workbook(tmp_path / "t.xlsx").worksheets[0].freeze_panes is not None


def test_a_temporary_server_that_does_not_start_is_one_line(tmp_path: Path, sample_county: Path) -> None:
    env = {**os.environ, "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "0"}
    done = run("ingest", str(sample_county / "reports"), "--db", str(tmp_path / "c.duckdb"), env=env)
    assert done.returncode == 2 and done.stdout == ""
    (line,) = done.stderr.splitlines()
    assert "Prefect 的临时服务器" in line and "数据库没有改动" in line
    assert not (tmp_path / "c.duckdb").exists()
    assert prefect_servers(os.environ["PREFECT_HOME"]) - descendants(os.getpid()) == set()


def test_ingest_missing_folder_exits_2(tmp_path: Path) -> None:
    done = run("ingest", str(tmp_path / "nowhere"), "--db", str(tmp_path / "c.duckdb"))
    assert done.returncode == 2 and "找不到" in done.stderr


@pytest.mark.parametrize("command", ["compare", "rollup"])
def test_no_database_exits_2_and_creates_none(tmp_path: Path, command: str) -> None:
    done = run(command, "--db", str(tmp_path / "none.duckdb"), "--out", str(tmp_path / "out"))
    assert done.returncode == 2 and done.stderr.startswith("错误：找不到数据库") and "ingest" in done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_database_without_reports_exits_2(tmp_path: Path) -> None:
    db = tmp_path / "empty.duckdb"
    duckdb.connect(str(db)).close()
    done = run("rollup", "--db", str(db), "--out", str(tmp_path / "out"))
    assert done.returncode == 2 and "还没有任何报告" in done.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("files", [[], ["notes.xlsx", "photo.jpg"]])
def test_folder_without_reports_warns_and_exits_2(tmp_path: Path, files: list[str]) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    for name in files:
        (folder / name).write_bytes(b"x")
    done = run("ingest", str(folder), "--db", str(tmp_path / "c.duckdb"))
    assert done.returncode == 2 and done.stderr.startswith("错误：") and "没有报告文件" in done.stderr
    assert (f"只有 {len(files)} 个其他文件" if files else "文件夹是空的") in done.stderr
    assert not (tmp_path / "c.duckdb").exists()


def test_help_is_chinese_with_english_option_names() -> None:
    top = run("--help")
    assert top.returncode == 0 and top.stdout.startswith("用法：township-rollup")
    for command in ("init", "extract", "ingest", "compare", "rollup", "serve", "schedule", "demo"):
        assert command in top.stdout
        done = run(command, "--help")
        assert done.returncode == 0 and "选项：" in done.stdout and "显示本说明并退出" in done.stdout
        assert not re.search(r"\b(show this help|usage:|options:|positional arguments)", done.stdout)
    ingest = run("ingest", "--help").stdout
    assert "--wait SECONDS" in ingest and "总共最多等待的秒数" in ingest and "--workers N" in ingest


@pytest.mark.parametrize(("args", "named"), [
    (["ingest", "x", "--workers", "0"], "--workers"),
    (["ingest", "x", "--wait", "-5"], "--wait"),
    (["ingest", "x", "--max-mb", "0"], "--max-mb"),
    (["ingest", "x", "--chunk-size", "many"], "--chunk-size"),
    (["extract", "x", "--max-mb", "-1"], "--max-mb"),
    (["compare", "--year", "24"], "--year"),
    (["compare", "--format", "pdf"], "--format"),
    (["unknown-command"], "unknown-command"),
])
def test_wrong_option_values_are_one_line_and_exit_2(args: list[str], named: str) -> None:
    done = run(*args)
    assert done.returncode == 2 and done.stdout == ""
    (line,) = done.stderr.splitlines()
    assert line.startswith("错误：") and named in line and "--help" in line


def test_ingest_without_a_folder_or_a_configuration_says_what_to_give(tmp_path: Path) -> None:
    done = run("ingest", cwd=tmp_path)
    assert done.returncode == 2 and done.stderr.startswith("错误：请给出报告所在的文件夹") and "init" in done.stderr


def test_held_database_is_named_before_anything_is_read(tmp_path: Path, sample_county: Path) -> None:
    db = tmp_path / "county.duckdb"
    duckdb.connect(str(db)).close()
    holder = subprocess.Popen([sys.executable, "-c", f"import duckdb, sys; c = duckdb.connect({str(db)!r}, "
                               "read_only=True); print('open', flush=True); sys.stdin.read()"],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline() == "open\n"
        done = run("ingest", str(sample_county / "reports"), "--db", str(db))
        again = run("ingest", str(sample_county / "reports"), "--db", str(db), "--wait", "1")
    finally:
        holder.communicate("")
    assert done.returncode == 2
    (line,) = done.stderr.splitlines()
    assert line.startswith("错误：") and f"进程 {holder.pid}" in line and "已等待 0 秒" in line
    assert again.returncode == 2 and "已等待 1 秒" in again.stderr
    # stopped before any report was read: no validation, no log of a Prefect run
    assert sorted(p.name for p in tmp_path.iterdir()) == ["county.duckdb"]


@pytest.mark.slow
@pytest.mark.parametrize(("how", "status"), [("SIGTERM", 143), ("SIGINT", 130)])
def test_interrupted_run_says_what_was_kept_and_leaves_nothing_running(
        tmp_path: Path, sample_county: Path, how: str, status: int) -> None:
    """SIGTERM reaches only the main process (a service manager); SIGINT the whole group (Ctrl-C in a terminal)."""
    db = tmp_path / "county.duckdb"
    proc = subprocess.Popen([CLI, "ingest", str(sample_county / "reports"), "--db", str(db), "--workers", "2"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    seen: set[int] = set()
    deadline = time.monotonic() + 120
    while not any(b"uvicorn" in Path(f"/proc/{p}/cmdline").read_bytes() for p in alive(seen)):
        assert proc.poll() is None and time.monotonic() < deadline, "no temporary Prefect server started"
        seen |= descendants(proc.pid)
        time.sleep(0.2)
    time.sleep(2)
    seen |= descendants(proc.pid)
    (os.kill if how == "SIGTERM" else os.killpg)(proc.pid, getattr(signal, how))
    out, err = proc.communicate(timeout=120)
    done = subprocess.CompletedProcess(proc.args, proc.returncode, out, err)
    assert_calm(done)
    assert proc.returncode == status, err
    (line,) = err.splitlines()
    assert line.startswith("已中断：") and str(db) in line
    assert alive(seen) == set(), "the temporary Prefect server or a worker outlived the run"


@pytest.mark.slow
def test_a_command_killed_outright_leaves_no_server(tmp_path: Path, sample_county: Path) -> None:
    """SIGKILL to the command alone (no handler runs): its temporary Prefect server ends with it."""
    proc = subprocess.Popen([CLI, "ingest", str(sample_county / "reports"), "--db", str(tmp_path / "c.duckdb")],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while not (servers := alive(descendants(proc.pid)) & prefect_servers(os.environ["PREFECT_HOME"])):
        assert proc.poll() is None and time.monotonic() < deadline, "no temporary Prefect server started"
        time.sleep(0.2)
    proc.kill()
    proc.wait()
    deadline = time.monotonic() + 30
    while alive(servers):
        assert time.monotonic() < deadline, "the temporary Prefect server outlived the command"
        time.sleep(0.2)


@pytest.mark.slow
def test_a_command_killed_outright_leaves_no_worker(tmp_path: Path, sample_county: Path) -> None:
    """SIGKILL to the command alone: its extraction workers end by themselves (flows/orphans.py); before, they
    waited on the pool's queue for good."""
    proc = subprocess.Popen([CLI, "ingest", str(sample_county / "reports"), "--db", str(tmp_path / "c.duckdb"),
                             "--workers", "2"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 180
    workers: set[int] = set()
    while len(workers) < 2:
        assert proc.poll() is None and time.monotonic() < deadline, "no extraction workers started"
        workers = {p for p in alive(descendants(proc.pid)) if b"spawn_main" in Path(f"/proc/{p}/cmdline").read_bytes()}
        time.sleep(0.2)
    proc.kill()
    proc.wait()
    deadline = time.monotonic() + 60
    while alive(workers) and time.monotonic() < deadline:
        time.sleep(0.5)
    left = alive(workers)
    for pid in left:  # do not leave them to the next test
        os.kill(pid, signal.SIGKILL)
    assert left == set(), "extraction workers outlived the killed command"


@pytest.mark.slow
def test_demo_builds_the_sample_county(tmp_path: Path) -> None:
    done = run("demo", "--out", str(tmp_path))
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert (tmp_path / "county.duckdb").exists()
    assert "县合计" in done.stdout
    assert sorted(p.suffix for p in (tmp_path / "exports").iterdir()) == [".csv", ".html", ".xlsx"]


@pytest.mark.parametrize("content", [
    "townships: [\n  - {aliases: [东关]}\n]\n",  # an entry without a name
    "townships: [unclosed\n",  # not YAML
    "- a\n- b\n",  # YAML, but not a registry
])
def test_broken_county_file_is_one_clear_line(tmp_path: Path, sample_county: Path, content: str) -> None:
    county = tmp_path / "county.yaml"
    county.write_text(content, encoding="utf-8")
    done = run("ingest", str(sample_county / "reports"), "--db", str(tmp_path / "c.duckdb"), "--county", str(county))
    assert done.returncode == 2
    assert done.stderr.startswith("错误：") and "county.yaml" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "c.duckdb").exists()


def test_config_problems_stop_ingestion_before_any_work_one_line_each(tmp_path: Path, sample_county: Path) -> None:
    """An alias that is another township's name would count its reports for the wrong township; a parent cycle
    would loop: both files are refused whole, each problem on a line of its own, before the database is made."""
    county, mine = tmp_path / "county.yaml", tmp_path / "mine.yaml"
    county.write_text("county: 清源县\ntownships:\n  - name: 清溪街道\n  - name: 南门街道\n    aliases: [清溪街道]\n"
                      "  - name: 城北街道\n    code: 370101\n", encoding="utf-8")
    mine.write_text("indicators:\n  - code: a1\n    name: 甲\n    unit: 次\n    parent: a1\n", encoding="utf-8")
    for extra in (["--county", str(county)], ["--indicators", str(mine)]):
        done = run("ingest", str(sample_county / "reports"), "--db", str(tmp_path / "c.duckdb"), *extra)
        assert done.returncode == 2 and done.stdout == ""
        lines = done.stderr.splitlines()
        assert lines[0].startswith("错误：") and all(Path(extra[1]).name in line for line in lines)
        if extra[0] == "--county":
            assert len(lines) == 2 and "第 5 行" in lines[0] and "第 7 行" in lines[1]
        else:
            assert len(lines) == 1 and "第 2 行" in lines[0] and "parent 绕回了自己" in lines[0]
        assert sorted(p.name for p in tmp_path.iterdir()) == ["county.yaml", "mine.yaml"]


def test_a_county_file_saved_in_gbk_names_the_townships(tmp_path: Path) -> None:
    county = tmp_path / "county.yaml"
    county.write_bytes("county: 清源县\ntownships:\n  - name: 东关镇\n    aliases: [东关]\n".encode("gbk"))
    report = tmp_path / "r.txt"
    report.write_text("2024年东关法治政府建设年度报告\n全年开展普法宣传活动12次。\n", encoding="utf-8")
    done = run("extract", str(report), "--county", str(county), "--format", "jsonl")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.splitlines()[0])["document"]["township"] == "东关镇"


def test_rollup_to_a_file_or_a_folder_it_cannot_write_is_one_line(tmp_path: Path) -> None:
    from tests.support import warehouse_batches as w
    from warehouse.load import load_batch

    db = tmp_path / "county.duckdb"
    load_batch(db, w.batch(w.dongguan_2023()), w.REGISTRY, w.CATALOG, w.run("R1"))
    (tmp_path / "afile").write_text("", encoding="utf-8")
    for out, says in ((tmp_path / "afile", "是一个文件，不是文件夹"),
                      (tmp_path / "afile" / "sub", "无法创建导出文件夹"),
                      (Path("/sys"), "无法写入 /sys/county-comparison-2023")):  # no one may write there, root included
        done = run("rollup", "--db", str(db), "--out", str(out))
        assert done.returncode == 2 and done.stderr.startswith("错误：") and says in done.stderr, done.stderr
        assert len(done.stderr.splitlines()) == 1  # nothing of Prefect's (no "--- Error logging to API ---")
