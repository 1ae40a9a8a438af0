"""validate() over batches built in code, each breaking one rule, run through real GX."""

from __future__ import annotations

import json
import os
import pickle
import socket
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from core.catalog import Catalog, Indicator, load_catalog
from core.records import DocumentFacts, Extraction, SourceFile, Statistic, ValidatedBatch
from core.registry import Registry, Township
from core.units import compatible, unit_group
from tests.conftest import REPO
from tests.support.network_guard import Blocked, record_outbound
from validation.data_docs import remote_references
from validation.summary import validation_summary
from validation.validate import validate

ROOT = REPO
TODAY = date(2025, 3, 1)
CATALOG = Catalog((
    Indicator("publicity_events", "普法宣传活动", "次"),
    Indicator("publicity_campaigns", "集中宣传", "次", parent="publicity_events"),
    Indicator("publicity_materials", "发放法治宣传资料", "份"),
    Indicator("mediation_success_rate", "调解成功率", "%"),
    Indicator("official_training_participants", "干部参训人次", "人次"),
))
REGISTRY = Registry(county="某县", townships=(
    Township("东关镇", aliases=("东关",)), Township("西城街道"), Township("南山乡"),
))


def stat(indicator: str, value: float, unit: str = "次", qualifier: str = "exact",
         quote: str | None = None) -> Statistic:
    text = quote if quote is not None else f"开展{value:g}{unit}"
    return Statistic(indicator=indicator, value=value, unit=unit, qualifier=qualifier,  # type: ignore[arg-type]
                     quote=text, start=0, end=len(text))


def doc(name: str, township: str | None, year: int | None, *stats: Statistic, mtime: float = 1.0,
        written: str | None = None) -> Extraction:
    source = SourceFile(path=Path(f"/reports/{name}"), sha256=f"sha-{name}", size=100, kind="docx", mtime=mtime)
    facts = DocumentFacts(title=f"{township}{year}年法治政府建设年度报告", township=township, year=year,
                          township_as_written=written or township)
    return Extraction(source=source, status="ok", facts=facts, format="docx", statistics=stats)


def good(name: str = "good.docx", township: str = "西城街道", year: int = 2024) -> Extraction:
    return doc(name, township, year, stat("publicity_events", 30), stat("publicity_campaigns", 12, "场"),
               stat("publicity_materials", 2000, "册"), stat("mediation_success_rate", 98.5, "%"),
               stat("other", 7, "亩"))


def run(*extractions: Extraction, **kwargs: object) -> ValidatedBatch:
    return validate(extractions, REGISTRY, CATALOG, today=TODAY, **kwargs)  # type: ignore[arg-type]


def only(batch: ValidatedBatch, sha256: str) -> list[tuple[str, str, int | None]]:
    return [(f.rule, f.severity, f.statistic) for f in batch.findings if f.sha256 == sha256]


def test_clean_batch_has_no_findings_and_rejected_pass_through() -> None:
    rejected = Extraction.rejected(SourceFile(Path("/reports/x.pdf"), "sha-x", 0, "pdf"), "empty", "文件为空")
    batch = run(good(), rejected)
    assert batch.findings == ()
    assert batch.extractions[1] is rejected
    assert batch.seconds > 0


def test_nothing_ok_means_no_gx_run() -> None:
    rejected = Extraction.rejected(SourceFile(Path("/reports/x.pdf"), "sha-x", 0, "pdf"), "empty", "文件为空")
    batch = run(rejected)
    assert batch.findings == () and batch.data_docs is None


def test_unknown_township_quarantines_document_and_alias_resolves() -> None:
    unknown = doc("u.docx", None, 2024, stat("publicity_events", 3), written="北河镇")
    alias = doc("a.docx", "东关镇人民政府", 2024, stat("publicity_events", 3))
    missing = doc("m.docx", None, 2024, stat("publicity_events", 3))
    batch = run(unknown, alias, missing, good())
    assert only(batch, "sha-u.docx") == [("township_known", "error", None)]
    finding = batch.quarantined_document("sha-u.docx")
    assert finding is not None
    assert finding.reason == "乡镇“北河镇”不在县名册（county.yaml）中；请核对名称或把它加入名册"
    assert only(batch, "sha-a.docx") == []
    assert batch.extractions[1].facts.township == "东关镇"
    assert batch.extractions[1].facts.township_as_written == "东关镇人民政府"
    assert [f.rule for f in batch.findings if f.sha256 == "sha-m.docx"] == ["township_found"]
    assert only(batch, "sha-good.docx") == []


def test_without_registry_any_township_is_known() -> None:
    batch = validate([doc("u.docx", None, 2024, stat("publicity_events", 3), written="北河镇")],
                     Registry(), CATALOG, today=TODAY)
    assert batch.findings == ()
    assert batch.extractions[0].facts.township == "北河镇"
    nameless = validate([doc("n.docx", None, None)], Registry(), CATALOG, today=TODAY)  # no rows, no names
    assert [f.rule for f in nameless.findings] == ["township_found", "year_found"]


@pytest.mark.parametrize("year", [1899, 2026])
def test_implausible_year_quarantines_document(year: int) -> None:
    batch = run(doc("y.docx", "南山乡", year, stat("publicity_events", 3)), good())
    assert only(batch, "sha-y.docx") == [("year_plausible", "error", None)]
    assert f"“{year}年”" in batch.findings[0].reason and "2000年至2025年" in batch.findings[0].reason
    assert only(batch, "sha-good.docx") == []


def test_missing_year_quarantines_document() -> None:
    batch = run(doc("y.docx", "南山乡", None, stat("publicity_events", 3)))
    assert only(batch, "sha-y.docx") == [("year_found", "error", None)]


def test_duplicate_township_year_quarantines_the_earlier_file() -> None:
    early = good("early.docx")
    late = doc("late.docx", "西城街道", 2024, stat("publicity_events", 31), mtime=5.0)
    tie_a = doc("tie_a.docx", "南山乡", 2024, stat("publicity_events", 1), mtime=2.0)
    tie_b = doc("tie_b.docx", "南山乡", 2024, stat("publicity_events", 1), mtime=2.0)
    batch = run(late, early, tie_b, tie_a)
    assert only(batch, "sha-early.docx") == [("one_current_report", "error", None)]
    assert only(batch, "sha-late.docx") == []
    reason = batch.findings[0].reason
    assert "/reports/early.docx" in reason and "/reports/late.docx" in reason and "较新" in reason
    assert only(batch, "sha-tie_a.docx") == [("one_current_report", "error", None)]
    assert only(batch, "sha-tie_b.docx") == []


def test_row_rules_quarantine_only_their_rows() -> None:
    bad = doc("bad.docx", "东关镇", 2024,
              stat("publicity_events", 20),                      # 0 fine
              stat("publicity_events", -5),                      # 1 negative
              stat("mediation_success_rate", 120, "%"),          # 2 above 100 %
              stat("no_such_code", 4),                           # 3 unknown indicator
              stat("publicity_materials", 300, "人"),            # 4 people are not copies
              stat("publicity_events", 6, qualifier="roughly"),  # 5 unknown qualifier
              stat("publicity_events", 7, quote=" "),            # 6 no quote
              stat("other", 150, "%"),                           # 7 above 100 % even for other
              stat("official_training_participants", 80, "名"),  # 8 名 counts people: fine
              stat("publicity_events", float("nan")))            # 9 no value
    batch = run(bad)
    assert only(batch, "sha-bad.docx") == [
        ("value_not_negative", "error", 1), ("percent_at_most_100", "error", 2), ("indicator_known", "error", 3),
        ("unit_matches_indicator", "error", 4), ("qualifier_known", "error", 5), ("quote_not_empty", "error", 6),
        ("percent_at_most_100", "error", 7), ("value_present", "error", 9)]
    assert batch.quarantined_document("sha-bad.docx") is None
    reasons = {(f.rule, f.statistic): f.reason for f in batch.findings}
    assert reasons["value_not_negative", 1] == ("“普法宣传活动”的数值-5次为负数（原文“开展-5次”）；"
                                             "统计数不应小于0，请核对原文")
    assert "“调解成功率”的百分比120%超过100%" in reasons["percent_at_most_100", 2]
    assert "“no_such_code”" in reasons["indicator_known", 3]
    assert "“roughly”" in reasons["qualifier_known", 5]
    assert reasons["unit_matches_indicator", 4] == (
        "单位“人”与指标“发放法治宣传资料”的单位“份”不相符（原文“开展300人”）；请核对该数据是否归错了指标")


def test_part_above_total_quarantines_the_child_row() -> None:
    report = doc("p.docx", "东关镇", 2024, stat("publicity_events", 10), stat("publicity_events", 8),
                 stat("publicity_campaigns", 9, "场"), stat("publicity_campaigns", 15, "场"))
    batch = run(report, good())
    assert only(batch, "sha-p.docx") == [("part_not_above_total", "error", 3)]
    assert batch.findings[0].reason == ("“集中宣传”为15场，超过了其总数“普法宣传活动”10次（原文“开展15场”）；"
                                        "部分不应大于总数，请核对原文")
    assert batch.quarantined_rows("sha-p.docx").keys() == {3}


def test_yoy_jump_is_a_warning_from_warehouse_or_batch() -> None:
    previous = {("西城街道", 2023, "publicity_events"): 2.0, ("西城街道", 2023, "publicity_materials"): 1500.0}
    this_year = good("2024.docx")  # publicity_events 30 vs 2: jump; materials 2000 vs 1500: fine
    earlier = doc("2022.docx", "南山乡", 2022, stat("publicity_events", 400), stat("publicity_events", 1))
    later = doc("2023.docx", "南山乡", 2023, stat("publicity_events", 30), stat("publicity_events", 2))
    batch = run(this_year, earlier, later, previous=previous)
    assert only(batch, "sha-2024.docx") == [("yoy_jump", "warning", 0)]
    assert only(batch, "sha-2023.docx") == [("yoy_jump", "warning", 0)]  # headline 30 vs 400 in the batch
    assert only(batch, "sha-2022.docx") == []
    assert batch.warnings()[0].reason == ("“普法宣传活动”本年为30次，上年为2，相差超过10倍（原文“开展30次”）；"
                                          "数据已入库，请核对是否有误")
    assert batch.quarantined_rows("sha-2024.docx") == {}


def test_small_counts_may_swing_without_a_warning() -> None:
    """2 events last year and none this year is no tenfold anomaly; 2 -> 30 is (test above)."""
    previous = {("西城街道", 2023, "publicity_events"): 2.0}
    this_year = doc("2024.docx", "西城街道", 2024, stat("publicity_events", 0))
    assert only(run(this_year, previous=previous), "sha-2024.docx") == []


def test_summary_counts_every_rule() -> None:
    batch = run(good(), doc("y.docx", "南山乡", 1899, stat("publicity_events", -1)))
    summary = {r.rule: r for r in validation_summary(batch)}
    assert summary["year_plausible"].checked == 2 and summary["year_plausible"].failed == 1
    assert summary["value_not_negative"].checked == 6 and summary["value_not_negative"].failed == 1
    assert summary["yoy_jump"].severity == "warning" and summary["yoy_jump"].failed == 0


def test_unit_groups() -> None:
    assert unit_group("场次") == "次" and unit_group("亩") == "亩"
    assert compatible("名", "人") and compatible("人", "人次") and compatible("份", "件")
    assert compatible("张", "条") and compatible("张", "份") and not compatible("幅", "份")
    assert not compatible("份", "次") and not compatible("%", "次") and not compatible("亩", "个")


def _gold_dir() -> Path:
    candidates = [ROOT.parent / "shared" / "corpus" / "gold", ROOT.parent.parent / "shared" / "corpus" / "gold"]
    found = next((c for c in candidates if c.is_dir()), None)
    assert found is not None, f"the labelled corpus is missing (looked in {candidates})"
    return found


def test_hand_labelled_corpus_passes_every_rule() -> None:
    """The gold labels are right by definition: no rule may quarantine or warn about them."""
    extractions = []
    for i, path in enumerate(sorted(_gold_dir().glob("*.json"))):
        gold = json.loads(path.read_text(encoding="utf-8"))
        stats = tuple(stat(s["indicator"], float(s["value"]), s["unit"], s["qualifier"], s["quote"])
                      for s in gold["statistics"])
        source = SourceFile(path, gold["id"], 1, "txt", mtime=float(i))
        extractions.append(Extraction(source=source, status="ok", statistics=stats,
                                      facts=DocumentFacts(township=gold["township"], year=gold["year"])))
    assert len(extractions) >= 60
    batch = validate(extractions, Registry(), load_catalog(), today=TODAY)
    assert [(f.sha256, f.rule, f.reason) for f in batch.findings] == []


CHILD = """
import json, pickle, sys
from pathlib import Path
from tests.support.network_guard import record_outbound
with record_outbound() as seen:
    from validation.validate import validate
    extractions, registry, catalog, docs, today = pickle.loads(Path(sys.argv[1]).read_bytes())
    batch = validate(extractions, registry, catalog, data_docs_dir=Path(docs), today=today)
print(json.dumps({"seen": [repr(s) for s in seen], "docs": str(batch.data_docs), "findings": len(batch.findings)}))
"""


def test_no_network_from_import_to_data_docs(tmp_path: Path) -> None:
    """In a fresh interpreter, so GX's import and context creation run under the guard too."""
    bad = doc("bad.docx", "东关镇", 2024, stat("publicity_events", -5))
    batch_file = tmp_path / "batch.pickle"
    batch_file.write_bytes(pickle.dumps(((good(), bad), REGISTRY, CATALOG, str(tmp_path / "docs"), TODAY)))
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.run([sys.executable, "-c", CHILD, str(batch_file)], capture_output=True, text=True,
                           env=env, timeout=120, check=False)
    assert child.returncode == 0, child.stderr
    report = json.loads(child.stdout.strip().splitlines()[-1])
    assert report == {"seen": [], "docs": str((tmp_path / "docs" / "index.html").resolve()), "findings": 1}


def test_data_docs_written(tmp_path: Path) -> None:
    bad = doc("bad.docx", "东关镇", 2024, stat("publicity_events", -5))
    batch = run(good(), bad, data_docs_dir=tmp_path / "docs")
    assert batch.data_docs == (tmp_path / "docs" / "index.html").resolve()
    assert batch.data_docs.is_file()
    pages = [p.read_text(encoding="utf-8") for p in (tmp_path / "docs" / "validations").rglob("*.html")]
    assert len(pages) == 2 and any("value" in p and "Failed" in p for p in pages)
    assert remote_references(tmp_path / "docs") == []  # a clerk's browser fetches nothing from the internet
    second = run(good(), data_docs_dir=tmp_path / "docs")  # the site shows the latest batch
    assert second.data_docs == batch.data_docs
    assert len(list((tmp_path / "docs" / "validations").rglob("*.html"))) == 2


def test_unwritable_data_docs_dir_still_validates(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("not a directory")
    batch = run(doc("bad.docx", "东关镇", 2024, stat("publicity_events", -5)), data_docs_dir=tmp_path / "file" / "docs")
    assert batch.data_docs is None
    assert [f.rule for f in batch.findings] == ["value_not_negative"]


def test_outbound_recorder_catches_remote_attempts() -> None:
    """The guard must be able to fail; it blocks the attempt, so no packet leaves the machine."""
    with record_outbound() as outbound:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as client, pytest.raises(Blocked):
            client.connect(("192.0.2.1", 9))  # TEST-NET-1
        with pytest.raises(socket.gaierror):
            socket.getaddrinfo("example.org", 443)
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
            server.bind(("127.0.0.1", 0))
            server.listen()
            socket.create_connection(server.getsockname()).close()  # loopback is allowed
    assert outbound == [("192.0.2.1", 9), "example.org"]
