"""The county registry (`county.yaml`): the county's townships and streets and their aliases.

Without a registry, townships are taken as found in the reports.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from types import MappingProxyType

from core.registry_file import read_registry_file

# Suffixes a report may add to or drop from a township's name.
_GOV_SUFFIXES = ("人民政府", "办事处", "政府")


@dataclass(frozen=True)
class Township:
    name: str  # canonical name, e.g. 东关镇
    aliases: tuple[str, ...] = ()
    code: str | None = None  # optional administrative code


@dataclass(frozen=True)
class Registry:
    county: str | None = None
    province: str | None = None
    townships: tuple[Township, ...] = ()

    @property
    def known(self) -> bool:
        """True when a county file was given: unknown townships are then a validation failure."""
        return bool(self.townships)

    def names(self) -> Mapping[str, str]:
        """Every spelling (name, alias, name with government suffix) -> canonical name (read-only)."""
        return MappingProxyType(self._names)

    @cached_property
    def _names(self) -> dict[str, str]:
        """Built once per registry: extraction resolves a name for every document."""
        out: dict[str, str] = {}
        implied: dict[str, str] = {}  # short forms never override a spelling the registry writes out
        for t in self.townships:
            for spelling in _spellings(t):
                target = out if spelling in (t.name, *t.aliases) else implied
                target[spelling] = t.name
                for suffix in _GOV_SUFFIXES:
                    target[spelling + suffix] = t.name
        return {**implied, **out}

    def spellings(self) -> list[tuple[str, str]]:
        """Every (spelling, canonical name) in registry order: names, aliases, short forms (鹤龙街 for 鹤龙街道)."""
        return [(spelling, t.name) for t in self.townships for spelling in _spellings(t)]

    def spellings_in(self, text: str) -> list[tuple[str, str]]:
        """(spelling, canonical name) of the names and aliases whose first two characters occur in `text`.

        A prefilter: a report names a few of a county's hundreds of townships, and counting every
        spelling in every report cost ~1.6 ms a document with 334 townships.
        """
        present = {text[i : i + 2] for i in range(len(text) - 1)}
        found = [entry for head, entries in self._by_head.items() if head in present or len(head) < 2
                 for entry in entries]
        return [(spelling, name) for _, spelling, name in sorted(found)]  # registry order, as ties are broken

    @cached_property
    def _by_head(self) -> dict[str, list[tuple[int, str, str]]]:
        out: dict[str, list[tuple[int, str, str]]] = {}
        order = 0
        for t in self.townships:
            for spelling in _spellings(t):
                out.setdefault(spelling[:2], []).append((order, spelling, t.name))
                order += 1
        return out


    def resolve(self, written: str | None) -> str | None:
        """Canonical name for a spelling, or None when the registry does not know it."""
        if not written:
            return None
        written = written.strip()
        names = self.names()
        if written in names:
            return names[written]
        for suffix in _GOV_SUFFIXES:
            if written.endswith(suffix) and written[: -len(suffix)] in names:
                return names[written[: -len(suffix)]]
        return None


def _spellings(t: Township) -> tuple[str, ...]:
    """A township's name, its aliases, and the short form reports use for a street office (鹤龙街 for 鹤龙街道)."""
    short = (t.name[:-1],) if t.name.endswith("街道") and len(t.name) > 3 else ()
    return (t.name, *t.aliases, *(s for s in short if s not in t.aliases))


def load_registry(path: Path | None) -> Registry:
    """The registry of `path` (county.yaml), checked whole before any work starts; Registry() for None.

    ConfigError with one line per problem, each naming the file, the line and what to change
    (core/registry_file.py): a file that cannot be read or is not YAML, an unknown setting, a township
    without a name, a code not written as text, aliases not a list, no township at all, one name or
    alias given to two townships (reports would be put under the wrong one).
    """
    if path is None:
        return Registry()
    entries = read_registry_file(Path(path))
    townships = tuple(Township(t.name, t.aliases, t.code) for t in entries.townships)
    return Registry(county=entries.county, province=entries.province, townships=townships)
