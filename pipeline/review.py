"""The clerk's decisions, checked by the ingestion rules, then recorded: the library behind `review import`,
`correct` and the workbench's buttons.

    apply_correction(db, township, year, indicator, action, *, value=None, unit=None, qualifier=None,
                     reason="", who, expected_state=None, via="command", catalog=None, registry=None,
                     wait_seconds=30.0) -> Applied
    apply_decisions(db, decisions, *, who, via, catalog=None, registry=None, wait_seconds=30.0) -> Applied

A corrected or added value goes through the same Great Expectations suites as an ingested one
(validation.validate: a percentage above 100, a negative count, a unit the indicator does not count in, a
part above its total are refused, with the rule's Chinese reason); a warning (ten times last year's) is
returned, not refused. All decisions of a call are written in one transaction or none is: CorrectionRefused
(with every problem) or StaleCells (a cell changed since the clerk saw it) leave the warehouse untouched.
"""

from __future__ import annotations

import dataclasses
import getpass
import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from core.catalog import Catalog, load_catalog
from core.records import DocumentFacts, Extraction, Finding, SourceFile, Statistic
from core.registry import Registry
from extractors.grammar.quantities import find_quantities
from warehouse.corrections import ACTIONS, CorrectionRefused, Decision, StaleCells, check_stale, record_decisions
from warehouse.db import connect
from warehouse.review import review_cells, review_key
from warehouse.review_facts import run
from warehouse.review_workbook import FilledRow, read_review_workbook, write_review_workbook

__all__ = ["ACTIONS", "Applied", "CorrectionRefused", "Decision", "StaleCells", "apply_correction",
           "apply_decisions", "check_decisions", "export_workbook", "import_workbook"]

MANUAL_QUOTE = "（人工补录）"


@dataclass(frozen=True)
class Applied:
    ids: tuple[int, ...]  # corrections.id of each decision, in order
    decisions: tuple[Decision, ...]
    warnings: tuple[str, ...]  # validation warnings on the new values (recorded anyway), Chinese


def apply_correction(db: Path, township: str, year: int, indicator: str, action: str, *,
                     value: float | None = None, unit: str | None = None, qualifier: str | None = None,
                     reason: str = "", who: str, expected_state: str | None = None, via: str = "command",
                     catalog: Catalog | None = None, registry: Registry | None = None,
                     wait_seconds: float = 30.0) -> Applied:
    """Record one decision about one cell (see apply_decisions)."""
    decision = Decision(township, int(year), indicator, action, value, unit, qualifier, reason, expected_state)
    return apply_decisions(db, [decision], who=who, via=via, catalog=catalog, registry=registry,
                           wait_seconds=wait_seconds)


def apply_decisions(db: Path, decisions: Sequence[Decision], *, who: str, via: str,
                    catalog: Catalog | None = None, registry: Registry | None = None,
                    wait_seconds: float = 30.0) -> Applied:
    """Validate every decision with the ingestion rules, then record them all in one transaction.

    Raises CorrectionRefused (every problem listed, Chinese), StaleCells, DatabaseBusy; nothing is written then.
    `via`: workbook | command | web. `catalog` defaults to the bundled one, `registry` to none (a county.yaml
    registry also checks the township is known).
    """
    catalog = catalog or load_catalog()
    # every message names the cell as a clerk reads it: 西岭镇 2024年 调解成功率, not the indicator's code
    decisions = tuple(d if d.label else replace(d, label=f"{d.township} {d.year}年 {catalog.name(d.indicator)}")
                      for d in decisions)
    if not decisions:
        return Applied((), (), ())
    check_stale(db, decisions, wait_seconds=wait_seconds)
    problems, warnings = check_decisions(db, decisions, catalog, registry or Registry(), wait_seconds=wait_seconds)
    if problems:
        raise CorrectionRefused(problems)
    ids = record_decisions(db, decisions, catalog, who=who, via=via, wait_seconds=wait_seconds)
    return Applied(ids, decisions, tuple(warnings))


def check_decisions(db: Path, decisions: Sequence[Decision], catalog: Catalog, registry: Registry, *,
                    wait_seconds: float = 30.0) -> tuple[list[str], list[str]]:
    """(problems, warnings) of the new values under the ingestion rules: each township-year's report is
    validated as it will stand after the decisions (so a part is checked against its corrected total)."""
    if not any(d.action in ("correct", "add") for d in decisions):
        return [], []  # confirm and remove bring no new value: what stays was validated when it was loaded
    townships = sorted({d.township for d in decisions})
    years = sorted({d.year for d in decisions} | {d.year - 1 for d in decisions})
    con = connect(db, read_only=True, wait_seconds=wait_seconds)
    try:
        cells = run(con, "report_cells", townships=townships, years=years)
    finally:
        con.close()
    current: dict[tuple[str, int], dict[str, tuple]] = {}
    previous: dict[tuple[str, int, str], float] = {}
    for township, year, indicator, value, unit, qualifier, quote, sha, file_name in cells:
        current.setdefault((township, int(year)), {})[indicator] = (value, unit, qualifier, quote, sha, file_name)
        previous[(township, int(year), indicator)] = float(value)
    extractions, decided = [], {}
    for (township, year), group in _by_report(decisions).items():
        extraction, index = _report_after(township, year, current.get((township, year), {}), group, catalog)
        if extraction is not None:
            extractions.append(extraction)
            decided[extraction.source.sha256] = index
    if not extractions:
        return [], []
    from validation.validate import validate  # Great Expectations: imported only when there is something to check

    batch = validate(extractions, registry, catalog, previous=previous)
    problems, warnings = [], []
    for f in batch.findings:
        decision = _decision_of(f, decided, batch.extractions, catalog)
        if decision is None:
            continue
        text = f"{decision.cell}：{f.reason}"
        (problems if f.severity == "error" else warnings).append(text)
    return problems, warnings


def _by_report(decisions: Sequence[Decision]) -> dict[tuple[str, int], list[Decision]]:
    out: dict[tuple[str, int], list[Decision]] = {}
    for d in decisions:
        out.setdefault((d.township, d.year), []).append(d)
    return out


def _report_after(township: str, year: int, cells: dict[str, tuple], group: Sequence[Decision],
                  catalog: Catalog) -> tuple[Extraction | None, dict[int, Decision]]:
    """The report's values as they will stand after the decisions, as an Extraction validation can read;
    and which statistic index each decision gave."""
    sha = next((c[4] for c in cells.values()), None)
    name = next((c[5] for c in cells.values()), None)
    by_indicator = {d.indicator: d for d in group}
    statistics: list[Statistic] = []
    index: dict[int, Decision] = {}
    for indicator, (value, unit, qualifier, quote, *_rest) in cells.items():
        d = by_indicator.get(indicator)
        if d is not None and d.action == "remove":
            continue
        if d is not None and d.action in ("correct", "add"):
            value, unit, qualifier = d.value, d.unit or unit, d.qualifier or "exact"
        if d is not None:
            index[len(statistics)] = d
        statistics.append(_statistic(indicator, value, unit, qualifier, quote))
    for d in group:
        if d.action == "add" and d.indicator not in cells and d.value is not None:
            ind = catalog.get(d.indicator)
            index[len(statistics)] = d
            statistics.append(_statistic(d.indicator, d.value, d.unit or (ind.unit if ind else ""),
                                         d.qualifier or "exact", MANUAL_QUOTE))
    if sha is None:  # no value yet in this report: validation still needs the report's identity
        sha = f"review:{township}:{year}"
    if not statistics:
        return None, {}
    source = SourceFile(Path(name or f"{township}{year}"), sha, 0, "review")
    facts = DocumentFacts(township=township, year=year, township_as_written=township)
    extraction = Extraction(source, "ok", facts=facts, format="review", statistics=tuple(statistics))
    return extraction, index


def _statistic(indicator: str, value: object, unit: str | None, qualifier: str | None, quote: str | None) -> Statistic:
    number = float(value) if isinstance(value, int | float) and not isinstance(value, bool) else float("nan")
    return Statistic(indicator, number, unit or "", qualifier or "exact", quote or MANUAL_QUOTE, 0, 0)  # type: ignore[arg-type]


def _decision_of(f: Finding, decided: dict[str, dict[int, Decision]], extractions: Sequence[Extraction],
                 catalog: Catalog) -> Decision | None:
    """The decision a finding is about: its own statistic's, or the total's a part now exceeds."""
    index = decided.get(f.sha256)
    if index is None or f.statistic is None:
        return None
    if f.statistic in index:
        return index[f.statistic]
    e = next(x for x in extractions if x.source.sha256 == f.sha256)
    parent = catalog.get(e.statistics[f.statistic].indicator)
    if parent is None or not parent.parent:
        return None
    return next((d for d in index.values() if d.indicator == parent.parent), None)


def with_expected(decision: Decision, state: str) -> Decision:
    return dataclasses.replace(decision, expected_state=state)


# ---- the review workbook ----

def export_workbook(db: Path, year: int, out: Path, *, all_cells: bool = False, county: str | None = None,
                    county_label: str | None = None, catalog: Catalog | None = None,
                    wait_seconds: float = 30.0) -> tuple[Path, int]:
    """Write the review workbook of `year` (doubtful cells and indicators not found; every cell with
    all_cells) to `out`; returns (path, rows)."""
    cells = review_cells(db, year, county=county, all_cells=all_cells, catalog=catalog, wait_seconds=wait_seconds)
    path = write_review_workbook(cells, out, key=review_key(db, wait_seconds=wait_seconds), year=year,
                                 county=county_label or county)
    return path, len(cells)


def import_workbook(db: Path, path: Path, *, who: str | None = None, catalog: Catalog | None = None,
                    registry: Registry | None = None, wait_seconds: float = 30.0) -> Applied:
    """Apply the decisions a clerk filled in a review workbook, all or none.

    Refused whole (CorrectionRefused, nothing written) when any row was edited outside the clerk's columns or
    the workbook comes from another warehouse, when a row is filled inconsistently (确认 and 删除 together) or
    with a value the ingestion rules refuse; StaleCells when a cell changed since the export (a newer report,
    another decision). `who` defaults to the workbook's 复核人, then the login name. ValueError when the file is
    not a review workbook.
    """
    returned = read_review_workbook(path, key=review_key(db, wait_seconds=wait_seconds))
    if returned.problems:
        raise CorrectionRefused(returned.problems)
    decisions, problems = decisions_from(returned.rows)
    if problems:
        raise CorrectionRefused(problems)
    return apply_decisions(db, decisions, who=who or returned.who or getpass.getuser(), via="workbook",
                           catalog=catalog, registry=registry, wait_seconds=wait_seconds)


def decisions_from(rows: Sequence[FilledRow]) -> tuple[list[Decision], list[str]]:
    """The decision each filled row states, and the rows that state none clearly (Chinese)."""
    decisions, problems = [], []
    for r in rows:
        if not r.filled:
            continue
        label = f"第{r.row}行（{r.township} {r.indicator_label}）"
        chosen = [name for name, on in (("确认", r.confirm), ("更正为", r.correct is not None), ("删除", r.remove))
                  if on]
        if len(chosen) > 1:
            problems.append(f"{label}：{'、'.join(chosen)}只能填一项")
            continue
        if r.correct is not None:
            parsed = parse_value(r.correct)
            if parsed is None:
                problems.append(f"{label}：“更正为”的内容“{r.correct}”不是数字（可写 2000、2000余人次、约30次）")
                continue
            value, unit, qualifier = parsed
            action = "add" if r.kind == "not_found" else "correct"
            decisions.append(Decision(r.township, r.year, r.indicator, action, value, unit, qualifier, r.note,
                                      r.state, label))
        else:
            action = "remove" if r.remove else "confirm"
            decisions.append(Decision(r.township, r.year, r.indicator, action, reason=r.note,
                                      expected_state=r.state, label=label))
    return decisions, problems


def parse_value(written: object) -> tuple[float, str | None, str] | None:
    """(value, unit or None, qualifier) of what a clerk typed: 2000, "2000余人次", "约30次", "1.2万人次"."""
    if isinstance(written, bool):
        return None
    if isinstance(written, int | float):
        return (float(written), None, "exact") if math.isfinite(float(written)) else None
    text = str(written).strip().replace(",", "").replace("，", "")
    found = find_quantities(text)
    if len(found) == 1 and found[0].end - found[0].start >= len(text) - 1:
        q = found[0]
        return q.value, q.unit, q.qualifier
    bare = find_quantities(text + _PLACEHOLDER_UNIT)  # 2000余, 约30: no unit written, keep the qualifier
    if len(bare) == 1 and bare[0].unit == _PLACEHOLDER_UNIT:
        return bare[0].value, None, bare[0].qualifier
    try:
        value = float(text)
    except ValueError:
        return None
    return (value, None, "exact") if math.isfinite(value) else None


_PLACEHOLDER_UNIT = "个"
