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
from typing import Literal

import yaml

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
        if len(set(codes)) != len(codes):
            dupes = sorted({c for c in codes if codes.count(c) > 1})
            raise ConfigError(f"indicator catalog repeats codes: {', '.join(dupes)}")
        if OTHER in codes:
            raise ConfigError(f"'{OTHER}' is reserved and cannot be a catalog code")
        known_sections = {s.code for s in self.sections}
        for i in self.indicators:
            if i.parent and i.parent not in codes:
                raise ConfigError(f"indicator {i.code}: parent {i.parent} is not in the catalog")
            if i.section and i.section not in known_sections:
                raise ConfigError(f"指标 {i.code} 的 section “{i.section}” 不在目录的 sections 中")
            if i.aggregate is not None and i.aggregate not in AGGREGATES:
                raise ConfigError(f"指标 {i.code} 的 aggregate 只能是 sum 或 rate，而不是 “{i.aggregate}”")
            if i.better is not None and i.better not in BETTER:
                raise ConfigError(f"指标 {i.code} 的 better 只能是 more、fewer 或 none，而不是 “{i.better}”")
            for part in (i.numerator, i.denominator):
                if part and part not in codes:
                    raise ConfigError(f"指标 {i.code} 的 rate_of 指向目录中没有的指标 {part}")
            if (i.numerator or i.denominator) and not (i.numerator and i.denominator and i.is_rate):
                raise ConfigError(f"指标 {i.code}：rate_of 需要同时给出 numerator 和 denominator，且只用于比率指标")

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
    a new code adds an indicator; a new section code adds a section.
    """
    base_sections, base = _read(path or default_catalog_path())
    if extra is None:
        return Catalog(tuple(base.values()), tuple(base_sections.values()))
    extra_sections, extra_indicators = _read(extra)
    sections = {**base_sections, **extra_sections}
    for code, ind in extra_indicators.items():
        old = base.get(code)
        if old is None:
            base[code] = ind
        else:
            cues = old.cues + tuple(c for c in ind.cues if c not in old.cues)
            base[code] = Indicator(
                code, ind.name or old.name, ind.unit or old.unit, cues, ind.parent or old.parent,
                section=ind.section or old.section, aggregate=ind.aggregate or old.aggregate,
                better=ind.better or old.better, adds=ind.adds or old.adds, also_in=ind.also_in or old.also_in,
                numerator=ind.numerator or old.numerator, denominator=ind.denominator or old.denominator,
            )
    return Catalog(tuple(base.values()), tuple(sections.values()))


def _read(path: Path) -> tuple[dict[str, Section], dict[str, Indicator]]:
    try:
        raw = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"无法读取指标目录 {path}：{exc}") from exc
    sections: dict[str, Section] = {}
    out: dict[str, Indicator] = {}
    try:
        for entry in raw.get("sections", []) or []:
            sections[str(entry["code"])] = Section(str(entry["code"]), str(entry.get("name") or entry["code"]))
        for entry in raw.get("indicators", []):
            code = str(entry["code"])
            rate_of = entry.get("rate_of") or {}
            out[code] = Indicator(
                code=code,
                name=str(entry.get("name", "")),
                unit=str(entry.get("unit", "")),
                cues=tuple(str(c) for c in entry.get("cues", []) or []),
                parent=entry.get("parent"),
                section=_optional(entry.get("section")),
                aggregate=_optional(entry.get("aggregate")),  # type: ignore[arg-type]
                better=_optional(entry.get("better")),  # type: ignore[arg-type]
                adds=tuple(str(u) for u in entry.get("adds", []) or []),
                also_in=tuple(str(u) for u in entry.get("also_in", []) or []),
                numerator=_optional(rate_of.get("numerator")),
                denominator=_optional(rate_of.get("denominator")),
            )
    except (KeyError, TypeError, AttributeError) as exc:
        raise ConfigError(f"指标目录 {path} 格式有误（每项需要 code、name、unit）：{exc!r}") from exc
    return sections, out


def _optional(value: object) -> str | None:
    return None if value is None or value == "" else str(value)
