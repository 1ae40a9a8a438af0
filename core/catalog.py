"""The indicator catalog: a YAML data file users extend with their own indicators and cues.

Codes stay compatible with `../shared/indicators.yaml`; the bundled copy lives in
`core/data/indicators.yaml`. Besides what extraction needs (name, unit, cues, parent), the
catalog says how a county adds townships' values up, as data:

- `section`: the part of the report the indicator belongs to (普法宣传, 学法与培训, ...), one of
  the catalog's `sections`; tables group indicators by it.
- `aggregate`: `sum` (a count or an amount: the county line is the total) or `rate` (a percentage:
  never summed; the county line gives median and range, and the pooled rate when `rate_of` names
  the numerator and denominator indicators). An indicator counted in % is a rate unless it says so.
- `better`: `more` (rank 1 = largest), `fewer` (rank 1 = smallest: accidents, lost lawsuits,
  petitions) or `none` (not ranked: cases, lawsuits, appeals, fines are neither good nor bad in themselves).
- `adds`: the units whose values can be added to the indicator's total (次, 场, 场次, 期 all count
  events). A value in any other unit (人 for a 人次 indicator, 批次 for a 件 one) is shown in its own
  unit, marked, and kept out of the total and the ranking. Values the grammar scaled (万元 → 元,
  万人次 → 人次) are already in the base unit. Default: the indicator's own unit.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from core.catalog_file import WHAT, read_catalog_file
from core.errors import ConfigError
from core.units import compatible, unit_group

OTHER = "other"

Aggregate = Literal["sum", "rate"]
Better = Literal["more", "fewer", "none"]
AGGREGATES: tuple[str, ...] = ("sum", "rate")
BETTER: tuple[str, ...] = ("more", "fewer", "none")
PERCENT = "%"
# Section of an indicator whose catalog entry names none (a user's extra indicator).
OTHER_SECTION = "other"
OTHER_SECTION_NAME = "其他指标"


def normal_unit(unit: str | None) -> str:
    """A unit as the catalog compares it: stripped, full-width ％ as %."""
    return (unit or "").strip().replace("％", PERCENT)


@dataclass(frozen=True)
class Section:
    """A part of the annual report that groups indicators in tables: code (e.g. publicity), Chinese name."""

    code: str
    name: str


@dataclass(frozen=True)
class Indicator:
    code: str
    name: str  # the Chinese label users see
    unit: str  # canonical unit
    cues: tuple[str, ...] = ()
    parent: str | None = None
    # How the county adds it up (None = the catalog entry did not say; the properties give the default).
    section: str | None = None
    aggregate: Aggregate | None = None
    better: Better | None = None
    adds: tuple[str, ...] = ()
    # Measure words the indicator is also stated in beyond its unit's group (行政检查 counted in 件, places
    # inspected in 个): such a value is the indicator's; `adds` says whether it adds to the total.
    also_in: tuple[str, ...] = ()
    numerator: str | None = None  # rates only: the indicators whose totals give the pooled rate
    denominator: str | None = None

    @property
    def is_rate(self) -> bool:
        """A rate (%) is never summed over townships; `aggregate: rate`, or a % unit by default."""
        if self.aggregate is not None:
            return self.aggregate == "rate"
        return normal_unit(self.unit) == PERCENT

    @property
    def fewer_is_better(self) -> bool:
        return self.better == "fewer"

    @property
    def is_ranked(self) -> bool:
        """False for `better: none`: townships are not ranked by it (a count of cases or fines)."""
        return self.better != "none"

    @property
    def additive_units(self) -> tuple[str, ...]:
        """Units whose values add up to this indicator's total; the canonical unit always among them."""
        own = normal_unit(self.unit)
        listed = tuple(normal_unit(u) for u in self.adds)
        return listed if own in listed else (own, *listed)

    def counted_in(self, unit: str) -> bool:
        """True when a value written in `unit` can be a value of this indicator (what validation accepts)."""
        return compatible(unit, self.unit) or unit_group(unit) in {unit_group(u) for u in self.also_in}

    def fits(self, unit: str | None) -> bool:
        """True when a value written in `unit` counts the same thing as the column (can be added, ranked).

        A missing unit counts as the canonical one (a table cell under a header that names the unit).
        """
        written = normal_unit(unit)
        return not written or written in self.additive_units


@dataclass(frozen=True)
class Catalog:
    indicators: tuple[Indicator, ...]
    sections: tuple[Section, ...] = ()

    def __post_init__(self) -> None:
        codes = [i.code for i in self.indicators]
        dupes = sorted({c for c in codes if codes.count(c) > 1})
        if dupes:
            raise ConfigError(f"指标目录中的代码重复：{'、'.join(dupes)}")
        found = catalog_problems(list(self.indicators), {s.code: s.name for s in self.sections}, {})
        if found:
            raise ConfigError("\n".join(text for _, _, text in found))

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(i.code for i in self.indicators)

    def get(self, code: str) -> Indicator | None:
        return next((i for i in self.indicators if i.code == code), None)

    def name(self, code: str) -> str:
        ind = self.get(code)
        return ind.name if ind else "其他"

    def section_of(self, code: str) -> Section:
        """The section an indicator is listed under; indicators without one go under 其他指标."""
        ind = self.get(code)
        wanted = ind.section if ind else None
        found = next((s for s in self.sections if s.code == wanted), None)
        return found or Section(OTHER_SECTION, OTHER_SECTION_NAME)

    def find_section(self, text: str) -> Section | None:
        """A section by its code or Chinese name (what `--section` accepts)."""
        text = text.strip()
        return next((s for s in self.sections if text in (s.code, s.name)), None)


def default_catalog_path() -> Path:
    return Path(str(resources.files("core") / "data" / "indicators.yaml"))


def load_catalog(path: Path | None = None, extra: Path | None = None) -> Catalog:
    """Load the bundled catalog (or `path`), then merge a user's `extra` file over it.

    An entry in `extra` with an existing code adds cues (and may rename, or change how it adds up);
    a new code adds an indicator; a new section code adds a section. Both files are checked whole before
    any work starts (each entry by core/catalog_file.py, the merged catalog by `catalog_problems`):
    ConfigError with one line per problem, naming the file, the line and what to change.
    """
    base_file = read_catalog_file(path or default_catalog_path())
    base = {code: _indicator(code, fields) for code, fields in base_file.indicators.items()}
    origin = {code: (base_file.path, line) for code, line in base_file.lines.items()}
    sections = dict(base_file.sections)
    if extra is not None:
        extra_file = read_catalog_file(extra)
        sections.update(extra_file.sections)
        _merge(base, {code: _indicator(code, fields) for code, fields in extra_file.indicators.items()})
        origin.update({code: (extra_file.path, line) for code, line in extra_file.lines.items()})
    found = catalog_problems(list(base.values()), sections, origin)
    if found:
        raise ConfigError("\n".join(text for _, _, text in sorted(found)))
    return Catalog(tuple(base.values()), tuple(Section(code, name) for code, name in sections.items()))


def _indicator(code: str, fields: dict[str, Any]) -> Indicator:
    """An Indicator from the fields a catalog file gives (core/catalog_file.py)."""
    return Indicator(code=code, name=fields.get("name", ""), unit=fields.get("unit", ""), cues=fields.get("cues", ()),
                     parent=fields.get("parent"), section=fields.get("section"), aggregate=fields.get("aggregate"),
                     better=fields.get("better"), adds=fields.get("adds", ()), also_in=fields.get("also_in", ()),
                     numerator=fields.get("numerator"), denominator=fields.get("denominator"))


def _merge(base: dict[str, Indicator], extra: dict[str, Indicator]) -> None:
    """A user's entries over the bundled ones: a known code adds cues and may change the rest."""
    for code, ind in extra.items():
        old = base.get(code)
        if old is None:
            base[code] = ind
            continue
        cues = old.cues + tuple(c for c in ind.cues if c not in old.cues)
        base[code] = Indicator(
            code, ind.name or old.name, ind.unit or old.unit, cues, ind.parent or old.parent,
            section=ind.section or old.section, aggregate=ind.aggregate or old.aggregate,
            better=ind.better or old.better, adds=ind.adds or old.adds, also_in=ind.also_in or old.also_in,
            numerator=ind.numerator or old.numerator, denominator=ind.denominator or old.denominator,
        )


def catalog_problems(indicators: list[Indicator], sections: dict[str, str],
                     where: dict[str, tuple[Path, int]]) -> list[tuple[str, int, str]]:
    """(file, line, message) for each problem of a merged catalog; `where`: each code's file and line (the
    file that last defined it). What one entry says alone is checked as its file is read (catalog_file)."""
    codes = {i.code for i in indicators}
    out: list[tuple[str, int, str]] = []

    def problem(code: str, text: str) -> None:
        path, line = where.get(code, (None, 0))
        at = f"{WHAT} {path} 第 {line} 行：" if path is not None else f"{WHAT}："
        out.append((str(path or ""), line, f"{at}指标 {code} {text}"))

    names: dict[str, str] = {}
    for i in indicators:
        if i.code == OTHER:
            problem(i.code, f"：代码 {OTHER} 留作“其他”（不属于任何指标的数字），请换一个代码")
        if not i.name:
            problem(i.code, "缺少 name（表头上显示的中文名称）")
        elif names.setdefault(i.name, i.code) != i.code:
            problem(i.code, f"的名称“{i.name}”与指标 {names[i.name]} 相同；请给它另起一个名称")
        if not i.unit:
            problem(i.code, "缺少 unit（计量单位，如 次、人次、件、%）")
        if i.parent and i.parent not in codes:
            problem(i.code, f"的 parent “{i.parent}” 不在指标目录中；请写已有指标的代码，或删去 parent")
        if i.section and i.section not in sections:
            problem(i.code, f"的 section “{i.section}” 不在目录的 sections 中；可选：{'、'.join(sections)}")
        if i.aggregate is not None and i.aggregate not in AGGREGATES:
            problem(i.code, f"的 aggregate 只能是 sum 或 rate，而不是 “{i.aggregate}”")
        if i.better is not None and i.better not in BETTER:
            problem(i.code, f"的 better 只能是 more、fewer 或 none，而不是 “{i.better}”")
        for part in (i.numerator, i.denominator):
            if part and part not in codes:
                problem(i.code, f"的 rate_of 指向目录中没有的指标 {part}")
        if (i.numerator or i.denominator) and not (i.numerator and i.denominator and i.is_rate):
            problem(i.code, "：rate_of 需要同时给出 numerator 和 denominator，且只用于比率指标（unit: '%'）")
    for cycle in _parent_cycles(indicators):
        problem(cycle[0], f"的 parent 绕回了自己（{' → '.join((*cycle, cycle[0]))}）；"
                          "parent 应指向包含它的更大一项，请删去其中一个 parent")
    return out


def _parent_cycles(indicators: list[Indicator]) -> list[tuple[str, ...]]:
    """Each cycle of parents once, starting at its first code in catalog order."""
    parent = {i.code: i.parent for i in indicators}
    order = {i.code: n for n, i in enumerate(indicators)}
    cycles: set[tuple[str, ...]] = set()
    for start in parent:
        path: list[str] = []
        code: str | None = start
        while code is not None and code in parent and code not in path:
            path.append(code)
            code = parent[code]
        if code is not None and code in path:
            loop = path[path.index(code):]
            first = min(range(len(loop)), key=lambda k: order[loop[k]])
            cycles.add(tuple(loop[first:] + loop[:first]))
    return sorted(cycles, key=lambda c: order[c[0]])
