"""Whatever townships send: every file gets a result, one bad file never stops the batch, nothing is lost."""

from __future__ import annotations

import io
import os
import random
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import duckdb
import pytest
from PIL import Image

from pipeline import stages
from pipeline.stages import Settings

CLI = str(Path(sys.executable).with_name("township-rollup"))


def _good(sample_county: Path) -> list[Path]:
    """Two .docx and two .pdf sample reports of distinct townships and years."""
    reports = sorted((sample_county / "reports").iterdir())
    docx = [p for p in reports if p.suffix == ".docx" and "broken" not in p.name]
    pdf = [p for p in reports if p.suffix == ".pdf" and "scan" not in p.name]
    return docx[:2] + pdf[:2]


def _soffice(args: list[str], cwd: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is part of the setup (scripts/setup)"
    subprocess.run([soffice, f"-env:UserInstallation=file://{cwd}/lo-profile", "--headless", *args], cwd=cwd,
                   check=True, capture_output=True, timeout=180)


def build_mixed_folder(root: Path, sample_county: Path) -> dict[str, str]:
    """A folder of good and bad files; returns file name -> expected outcome."""
    folder = root / "收到的报告 (2024)"
    folder.mkdir(parents=True)
    expected: dict[str, str] = {}
    good = _good(sample_county)
    odd_names = ["东关镇 2023（定稿）#1", "a b'c; --x", "报告&<b>", "normal"]
    for src, stem in zip(good, odd_names, strict=True):
        shutil.copy(src, folder / f"{stem}{src.suffix}")
        expected[f"{stem}{src.suffix}"] = "loaded"
    shutil.copy(good[0], folder / "同一份报告换了名字.docx")
    expected["同一份报告换了名字.docx"] = "skipped"

    (folder / "empty.pdf").write_bytes(b"")
    (folder / "empty.docx").write_bytes(b"")
    data = good[2].read_bytes()
    (folder / "truncated.pdf").write_bytes(data[: len(data) // 3])
    data = good[0].read_bytes()
    (folder / "truncated.docx").write_bytes(data[: len(data) // 2])
    (folder / "program.pdf").write_bytes(b"MZ\x90\x00\x03\x00\x00\x00" + os.urandom(2000))
    buf = io.BytesIO()
    Image.new("RGB", (40, 40), "white").save(buf, format="PNG")
    (folder / "picture.pdf").write_bytes(buf.getvalue())
    with zipfile.ZipFile(folder / "archive.docx", "w") as z:
        z.writestr("notes.txt", "not a word document")
    with zipfile.ZipFile(folder / "bomb.docx", "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("word/document.xml", "w", force_zip64=True) as fh:  # 400 MB of spaces, ~400 KB zipped
            fh.write(b"<w:document>")
            for _ in range(400):
                fh.write(b" " * (1024 * 1024))
            fh.write(b"</w:document>")
    entities = '<!ENTITY l0 "ha">' + "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    with zipfile.ZipFile(good[0]) as src_zip, zipfile.ZipFile(folder / "entities.docx", "w") as z:
        for item in src_zip.infolist():
            body = src_zip.read(item.filename)
            if item.filename == "word/document.xml":  # a billion laughs
                body = body.replace(b"?>", f"?><!DOCTYPE w:document [{entities}]>".encode(), 1)
                body = body.replace(b"<w:body>", b"<w:body><w:p><w:r><w:t>&l9;</w:t></w:r></w:p>", 1)
            z.writestr(item, body)
    (folder / "huge.pdf").write_bytes(b"%PDF-1.4\n" + b"0" * (3 * 1024 * 1024))
    (folder / "notes.xlsx").write_bytes(b"PK\x03\x04 spreadsheet")
    (folder / "readme.md").write_text("不是报告", encoding="utf-8")
    for name in ("empty.pdf", "empty.docx", "truncated.pdf", "truncated.docx", "program.pdf", "picture.pdf",
                 "archive.docx", "bomb.docx", "entities.docx", "huge.pdf"):
        expected[name] = "rejected"
    expected["notes.xlsx"] = expected["readme.md"] = "skipped"

    _soffice(["--convert-to", "doc", "--outdir", str(root), str(good[1])], root)
    shutil.move(root / (good[1].stem + ".doc"), folder / "legacy.doc")
    # The same report as "a b'c; --x.docx" in another format: two different files claim one township and year.
    expected["legacy.doc"] = "conflict"
    expected["a b'c; --x.docx"] = "conflict"

    encrypt = ('pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},'
               '"DocumentOpenPassword":{"type":"string","value":"secret"}}')
    _soffice(["--convert-to", encrypt, "--outdir", str(root), str(good[0])], root)
    shutil.move(root / (good[0].stem + ".pdf"), folder / "encrypted.pdf")
    expected["encrypted.pdf"] = "rejected"
    return expected


def test_mixed_folder_every_file_gets_a_result(prefect_harness: None, sample_county: Path, tmp_path: Path) -> None:
    from flows.ingest import ingest_reports

    expected = build_mixed_folder(tmp_path, sample_county)
    folder = next(p for p in tmp_path.iterdir() if p.name.startswith("收到"))
    db = tmp_path / "county.duckdb"
    report = ingest_reports(source=str(folder), db=str(db), county=str(sample_county / "county.yaml"),
                            max_mb=2, chunk_size=4, workers=2)
    outcomes = {Path(f.path).name: f for f in report.summary.files}
    assert set(outcomes) == set(expected)
    for name, outcome in expected.items():
        got = outcomes[name]
        if outcome == "conflict":
            continue
        if outcome == "loaded":
            assert got.outcome == "loaded", (name, got)
        else:
            assert got.outcome == outcome, (name, got)
            assert got.reason, f"{name}: no reason given"
    pair = sorted((outcomes[n] for n in expected if expected[n] == "conflict"), key=lambda f: f.outcome)
    assert [f.outcome for f in pair] == ["loaded", "quarantined"], "both kept: the later current, the other held"
    assert Path(pair[0].path).name in (pair[1].reason or ""), "the conflict names the other file"
    reasons = {n: outcomes[n].reason or "" for n in expected}
    assert "加密" in reasons["encrypted.pdf"] or "密码" in reasons["encrypted.pdf"]
    assert "空" in reasons["empty.pdf"]
    assert "MB" in reasons["huge.pdf"]
    with duckdb.connect(str(db), read_only=True) as con:
        listed = dict(con.execute("select file_name, outcome from load_files where load_id = ?",
                                  [report.summary.load_id]).fetchall())
        assert {n for n, o in listed.items() if o == "rejected"} == {n for n, o in expected.items()
                                                                     if o == "rejected"}
        assert con.execute("select count(*) from statistics").fetchone()[0] > 0


def test_ingestion_memory_stays_bounded_on_hostile_files(sample_county: Path, tmp_path: Path) -> None:
    """The CLI on the mixed folder (zip bomb, entity bomb, 3 MB junk PDF): peak RSS of the whole run."""
    import resource

    build_mixed_folder(tmp_path, sample_county)
    folder = next(p for p in tmp_path.iterdir() if p.name.startswith("收到"))
    done = subprocess.run([CLI, "ingest", str(folder), "--db", str(tmp_path / "c.duckdb"), "--max-mb", "2"],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 1, done.stderr[-2000:]
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak RSS of the largest process of the ingestion: {peak_mb:.0f} MB")
    assert peak_mb < 1024


def test_file_removed_between_discovery_and_reading(sample_county: Path, tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    for src in _good(sample_county)[:2]:
        shutil.copy(src, folder / src.name)
    plan = stages.plan([folder], frozenset())
    plan.todo[0].path.unlink()
    first, second = stages.extract_chunk(plan.todo, Settings(county=sample_county / "county.yaml"))
    assert first.status == "rejected" and "删除" in (first.error or "")
    assert second.status == "ok"


def _counts(db: Path) -> tuple[int, int, int]:
    with duckdb.connect(str(db), read_only=True) as con:
        docs = con.execute("select count(*) from documents where status = 'loaded'").fetchone()[0]
        stats = con.execute("select count(*) from statistics").fetchone()[0]
        orphans = con.execute("select count(*) from statistics s left join documents d on d.sha256 = "
                              "s.document_sha where d.sha256 is null").fetchone()[0]
    return docs, stats, orphans


@pytest.mark.faults
def test_sigkill_in_the_middle_then_rerun_completes(sample_copy: Path, sample_county: Path, tmp_path: Path) -> None:
    db = tmp_path / "county.duckdb"
    county = str(sample_county / "county.yaml")
    reference = tmp_path / "reference.duckdb"
    stages.ingest([sample_copy], reference, Settings(county=sample_county / "county.yaml", data_docs=False))
    want = _counts(reference)
    proc = subprocess.Popen([CLI, "ingest", str(sample_copy), "--db", str(db), "--county", county],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    time.sleep(random.uniform(4, 20))
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    if db.exists():
        docs, stats, orphans = _counts(db)
        assert orphans == 0
        assert (docs, stats) in ((0, 0), want[:2]), "a load is all or nothing"
    done = subprocess.run([CLI, "ingest", str(sample_copy), "--db", str(db), "--county", county],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode in (0, 1), done.stderr[-2000:]
    assert _counts(db) == want


@pytest.mark.faults
def test_database_held_by_another_process(sample_copy: Path, sample_county: Path, tmp_path: Path) -> None:
    db = tmp_path / "county.duckdb"
    stages.ingest([sample_copy], db, Settings(county=sample_county / "county.yaml", data_docs=False))
    before = _counts(db)
    extra = tmp_path / "more"
    extra.mkdir()
    holder = subprocess.Popen([sys.executable, "-c", f"import duckdb, time; c = duckdb.connect({str(db)!r}); "
                               "print('holding', flush=True); time.sleep(600)"], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout and holder.stdout.readline().strip() == "holding"
        done = subprocess.run([CLI, "ingest", str(sample_copy), str(extra), "--db", str(db), "--wait", "3",
                               "--county", str(sample_county / "county.yaml")],
                              capture_output=True, text=True, timeout=600)
        assert done.returncode == 2
        assert str(holder.pid) in done.stderr, done.stderr
    finally:
        holder.kill()
        holder.wait()
    assert _counts(db) == before


def test_export_to_a_full_disk_or_unwritable_place_says_so(sample_copy: Path, sample_county: Path,
                                                          tmp_path: Path) -> None:
    db = tmp_path / "county.duckdb"
    stages.ingest([sample_copy], db, Settings(county=sample_county / "county.yaml", data_docs=False))
    for target in ("/dev/full", "/proc/county.csv"):
        done = subprocess.run([CLI, "compare", "--db", str(db), "--format", "csv", "--out", target],
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 2 and "无法写入" in done.stderr, (target, done.stderr)
