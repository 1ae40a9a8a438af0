"""The clerk's decisions on a real DuckDB file: validated by the ingestion rules, applied, carried over, audited."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest

from pipeline.review import CorrectionRefused, StaleCells, apply_correction, apply_decisions
from tests.support.warehouse_batches import CATALOG, REGISTRY, batch, dongguan_2023, report, run, stat, xicheng_2023
from warehouse.corrections import Decision
from warehouse.load import RunInfo, load_batch
from warehouse.review import audit_trail, doubtful_cells, review_cells
from warehouse.review_workbook import row_texts


def _cells(db: Path) -> dict[tuple[str, str], tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute("SELECT township, indicator, value, unit, qualifier, extracted_value, review "
                           "FROM v_cells WHERE year = 2023").fetchall()
    return {(r[0], r[1]): r[2:] for r in rows}


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "county.duckdb"
    load_batch(path, batch(dongguan_2023(), xicheng_2023()), REGISTRY, CATALOG, run("first"))
    return path


def _state(db: Path, township: str, indicator: str) -> str:
    (c,) = [c for c in review_cells(db, 2023, all_cells=True) if (c.township, c.indicator) == (township, indicator)]
    return c.state


def test_confirm_correct_remove_add_and_the_extracted_value_stays(db: Path) -> None:
    before = _cells(db)
    assert before[("东关镇", "publicity_events")][:2] == (20.0, "次")  # the stated total, not its part
    applied = apply_decisions(db, [
        Decision("东关镇", 2023, "publicity_events", "correct", 25, "次", None, "合计是25次",
                 _state(db, "东关镇", "publicity_events")),
        Decision("东关镇", 2023, "publicity_audience", "confirm"),
        Decision("西城街道", 2023, "legal_advisers", "remove", reason="是村法律顾问"),
        Decision("西城街道", 2023, "publicity_campaigns", "add", 4, None, "over", "报告第3页"),
    ], who="张三", via="workbook", catalog=CATALOG, registry=REGISTRY)
    assert len(applied.ids) == 4
    after = _cells(db)
    assert after[("东关镇", "publicity_events")] == (25.0, "次", "exact", 20.0, "corrected")
    assert after[("东关镇", "publicity_audience")] == (2000.0, "人次", "over", 2000.0, "confirmed")
    assert after[("西城街道", "legal_advisers")] == (None, None, None, 3.0, "corrected")
    assert after[("西城街道", "publicity_campaigns")] == (4.0, "次", "over", None, "corrected")
    with duckdb.connect(str(db), read_only=True) as con:
        shown = {r[0] for r in con.execute("SELECT indicator FROM v_headline WHERE township = '西城街道'").fetchall()}
        assert "legal_advisers" not in shown and "publicity_campaigns" in shown  # removed cells leave the table
    steps = audit_trail(db)
    assert [(s.step, s.by, s.township, s.indicator) for s in steps] == [
        ("更正", "张三", "东关镇", "publicity_events"), ("确认", "张三", "东关镇", "publicity_audience"),
        ("删除", "张三", "西城街道", "legal_advisers"), ("补录", "张三", "西城街道", "publicity_campaigns")]
    assert all(s.in_effect and s.via == "workbook" and s.at is not None for s in steps)
    assert not [c for c in doubtful_cells(db, 2023) if c.kind == "cell" and c.review in ("corrected", "confirmed")]


def test_values_that_break_an_ingestion_rule_are_refused_and_nothing_is_written(db: Path) -> None:
    before = _cells(db)
    with pytest.raises(CorrectionRefused) as refused:
        apply_decisions(db, [
            Decision("东关镇", 2023, "publicity_audience", "confirm"),  # fine on its own: refused with the rest
            Decision("东关镇", 2023, "publicity_events", "correct", 4, "次"),  # below its part 其中集中宣传5次
            Decision("东关镇", 2023, "enforcement_fines", "correct", -3, "元"),
            Decision("西城街道", 2023, "legal_advisers", "correct", 12, "次"),  # advisers are counted in 名
        ], who="张三", via="command", catalog=CATALOG, registry=REGISTRY)
    problems = refused.value.problems
    assert len(problems) == 3
    assert problems[0].startswith("东关镇 2023年 普法宣传活动：") and "超过了其总数" in problems[0]
    assert problems[1].startswith("东关镇 2023年 罚没款：") and "负数" in problems[1]
    assert problems[2].startswith("西城街道 2023年 法律顾问：") and "不相符" in problems[2]
    assert _cells(db) == before and audit_trail(db) == ()


def test_inconsistent_decisions_are_refused(db: Path) -> None:
    with pytest.raises(CorrectionRefused) as refused:
        apply_decisions(db, [
            Decision("东关镇", 2023, "legal_advisers", "remove"),  # nothing to remove there
            Decision("东关镇", 2023, "publicity_events", "add", 5, "次"),  # a value is there: correct it instead
        ], who="张三", via="command", catalog=CATALOG, registry=REGISTRY)
    assert len(refused.value.problems) == 2
    assert audit_trail(db) == ()


def test_a_cell_that_changed_since_it_was_seen_is_stale(db: Path) -> None:
    seen = _state(db, "东关镇", "publicity_events")
    apply_correction(db, "东关镇", 2023, "publicity_events", "confirm", who="李四", catalog=CATALOG)
    with pytest.raises(StaleCells):
        apply_correction(db, "东关镇", 2023, "publicity_events", "correct", value=21, who="张三",
                         expected_state=seen, catalog=CATALOG)
    assert [s.by for s in audit_trail(db)] == ["李四"]


def test_a_new_report_carries_the_decisions_whose_number_still_stands(db: Path) -> None:
    apply_correction(db, "东关镇", 2023, "publicity_events", "correct", value=25, who="张三", catalog=CATALOG)
    apply_correction(db, "东关镇", 2023, "publicity_audience", "confirm", who="张三", catalog=CATALOG)
    apply_correction(db, "东关镇", 2023, "enforcement_fines", "remove", who="李四", catalog=CATALOG)
    # the township sends a new version: the events and audience sentences are as before, the fines changed
    newer = report("东关镇2023（更正版）.docx", "东关镇", 2023, [
        stat("publicity_events", 20, "次", "共开展普法宣传活动20次", start=100),
        stat("publicity_campaigns", 5, "次", "其中集中宣传5次", start=130),
        stat("publicity_events", 30, "次", "其中法律进村居宣传活动30次", start=160),
        stat("publicity_audience", 2000, "人次", "受教育人数达2000余人次", qualifier="over", start=200),
        stat("enforcement_fines", 60000, "元", "罚没款6万元", start=300),
    ], mtime=1_800_000_000.0)
    summary = load_batch(db, batch(newer), REGISTRY, CATALOG, RunInfo("second", datetime.now(UTC), "/reports"))
    assert (summary.corrections_carried, summary.corrections_to_recheck) == (2, 1)
    cells = _cells(db)
    assert cells[("东关镇", "publicity_events")][0::4] == (25.0, "corrected")
    assert cells[("东关镇", "publicity_audience")][0::4] == (2000.0, "confirmed")
    assert cells[("东关镇", "enforcement_fines")] == (60000.0, "元", "exact", 60000.0, "doubtful")
    (fines,) = [c for c in doubtful_cells(db, 2023) if c.indicator == "enforcement_fines"]
    assert fines.doubts[0] == "报告已更新，请重新核对"
    steps = [(s.step, s.by, s.indicator) for s in audit_trail(db, township="东关镇")]
    assert steps[3:] == [("沿用到新报告", "系统", "publicity_events"), ("沿用到新报告", "系统", "publicity_audience"),
                         ("报告已更新，请重新核对", "系统", "enforcement_fines")]
    # the same file again changes nothing
    before = (_cells(db), audit_trail(db))
    again = load_batch(db, batch(newer), REGISTRY, CATALOG, RunInfo("third", datetime.now(UTC), "/reports"))
    assert again.documents_loaded == 0 and (_cells(db), audit_trail(db)) == before
    # the clerk checks the fines again: the cell counts the decision, and the audit keeps every step
    apply_correction(db, "东关镇", 2023, "enforcement_fines", "confirm", who="李四", catalog=CATALOG)
    assert _cells(db)[("东关镇", "enforcement_fines")][4] == "confirmed"
    assert [s.step for s in audit_trail(db, township="东关镇")][-1] == "确认"


def test_a_number_its_sentence_names_is_listed_for_the_indicator_the_table_lacks(tmp_path: Path,
                                                                                  sample_county: Path) -> None:
    """Through the real ingestion: the extractor keeps each number's sentence, the load stores it, the review
    lists a number whose own clause names nothing under the indicator the sentence before it names."""
    from pipeline import stages
    from pipeline.stages import Settings

    folder = tmp_path / "2024"
    folder.mkdir()
    (folder / "南门街道2024.txt").write_text(
        "南门街道2024年法治政府建设工作报告\n\n一、依法行政\n依托民情热线和信访平台，及时跟进办结36件，"
        "群众满意度逐年提高。全年共组织开展法治宣传活动42次。\n", encoding="utf-8")
    db = tmp_path / "county.duckdb"
    stages.ingest([folder], db, Settings(county=sample_county / "county.yaml", data_docs=False))
    with duckdb.connect(str(db), read_only=True) as con:
        stored = con.execute("SELECT context FROM statistics WHERE value = 36").fetchall()
    assert stored == [("依托民情热线和信访平台，",)]
    listed = [c for c in doubtful_cells(db, 2024) if c.kind == "not_found" and c.indicator == "petitions_handled"]
    assert len(listed) == 1 and [x.value for x in listed[0].mentions] == [36.0]
    assert "依托民情热线和信访平台，及时跟进办结36件" in listed[0].doubts[0]
    assert listed[0].mentions[0].before == "依托民情热线和信访平台，"  # the workbook shows why it is listed
    assert "36件：…依托民情热线和信访平台，及时跟进办结36件" in row_texts(listed[0])
