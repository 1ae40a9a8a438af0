"""`township-rollup demo`: the whole path on the bundled sample county."""

from __future__ import annotations

from pathlib import Path

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "county"


def sample_county(out: Path) -> Path:
    """The bundled sample in a checkout; generated afresh (needs LibreOffice for the PDFs) elsewhere."""
    if (SAMPLE / "county.yaml").exists():
        return SAMPLE
    from samplegen.generate import generate_county

    target = out / "sample-county"
    generate_county(target)
    return target


def run_demo(out: Path, db: Path | None = None) -> int:
    from township_rollup import quiet

    quiet.apply()
    from flows.ingest import ingest_reports
    from flows.rollup import export_comparison
    from township_rollup.summary import print_ingest_summary
    from township_rollup.terminal import terminal
    from warehouse.compare import latest_year

    out.mkdir(parents=True, exist_ok=True)
    sample = sample_county(out)
    db = db or out / "county.duckdb"
    say = terminal.say
    say(f"示例县：{sample}（报告 {sample / 'reports'}）")
    report = ingest_reports(source=str(sample / "reports"), db=str(db), county=str(sample / "county.yaml"))
    print_ingest_summary(report, say)
    year = latest_year(db)
    if year is None:
        say("没有可对比的数据")
        return 2
    result = export_comparison(year=year, db=str(db), out=str(out / "exports"),
                               county=str(sample / "county.yaml"))
    from core.catalog import load_catalog
    from core.registry import load_registry
    from warehouse.compare import comparison
    from warehouse.export import render_terminal

    say(render_terminal(comparison(db, year, load_catalog(), load_registry(sample / "county.yaml"))))
    say()
    for kind, path in result.exports.items():
        say(f"{kind.upper():5s} {path}")
    say(f"数据库 {db}")
    return 0
