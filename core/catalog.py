"""The indicator catalog: a YAML data file users extend with their own indicators and cues.

Codes stay compatible with `../shared/indicators.yaml`; the bundled copy lives in
`core/data/indicators.yaml`.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import yaml

from core.errors import ConfigError

OTHER = "other"


@dataclass(frozen=True)
class Indicator:
    code: str
    name: str  # the Chinese label users see
    unit: str  # canonical unit
    cues: tuple[str, ...] = ()
    parent: str | None = None


@dataclass(frozen=True)
class Catalog:
    indicators: tuple[Indicator, ...]

    def __post_init__(self) -> None:
        codes = [i.code for i in self.indicators]
        if len(set(codes)) != len(codes):
            dupes = sorted({c for c in codes if codes.count(c) > 1})
            raise ConfigError(f"indicator catalog repeats codes: {', '.join(dupes)}")
        if OTHER in codes:
            raise ConfigError(f"'{OTHER}' is reserved and cannot be a catalog code")
        for i in self.indicators:
            if i.parent and i.parent not in codes:
                raise ConfigError(f"indicator {i.code}: parent {i.parent} is not in the catalog")

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(i.code for i in self.indicators)

    def get(self, code: str) -> Indicator | None:
        return next((i for i in self.indicators if i.code == code), None)

    def name(self, code: str) -> str:
        ind = self.get(code)
        return ind.name if ind else "其他"


def default_catalog_path() -> Path:
    return Path(str(resources.files("core") / "data" / "indicators.yaml"))


def load_catalog(path: Path | None = None, extra: Path | None = None) -> Catalog:
    """Load the bundled catalog (or `path`), then merge a user's `extra` file over it.

    An entry in `extra` with an existing code adds cues (and may rename); a new code adds an indicator.
    """
    base = _read(path or default_catalog_path())
    if extra is None:
        return Catalog(tuple(base.values()))
    for code, ind in _read(extra).items():
        old = base.get(code)
        if old is None:
            base[code] = ind
        else:
            cues = old.cues + tuple(c for c in ind.cues if c not in old.cues)
            base[code] = Indicator(code, ind.name or old.name, ind.unit or old.unit, cues, ind.parent or old.parent)
    return Catalog(tuple(base.values()))


def _read(path: Path) -> dict[str, Indicator]:
    try:
        raw = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"无法读取指标目录 {path}：{exc}") from exc
    out: dict[str, Indicator] = {}
    try:
        for entry in raw.get("indicators", []):
            code = str(entry["code"])
            out[code] = Indicator(
                code=code,
                name=str(entry.get("name", "")),
                unit=str(entry.get("unit", "")),
                cues=tuple(str(c) for c in entry.get("cues", []) or []),
                parent=entry.get("parent"),
            )
    except (KeyError, TypeError, AttributeError) as exc:
        raise ConfigError(f"指标目录 {path} 格式有误（每项需要 code、name、unit）：{exc!r}") from exc
    return out
