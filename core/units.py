"""Measure words grouped by what they count, so 场/期/轮 all match an indicator counted in 次."""

from __future__ import annotations

import functools

# Each group's key is the canonical unit; its members count the same kind of thing.
UNIT_GROUPS: dict[str, tuple[str, ...]] = {
    "次": ("次", "场", "场次", "期", "堂", "轮", "批", "批次", "课", "课时", "届", "趟", "回", "家次", "户次", "车次"),
    "人": ("人", "名", "位"),
    "人次": ("人次",),
    "份": ("份", "册", "本", "张", "套", "页"),
    "件": ("件", "宗", "起", "例", "笔", "卷"),  # 卷: a case file, as enforcement reports count cases
    "条": ("条", "篇", "则", "幅", "块", "首"),
    "个": ("个", "处", "家", "所", "座"),
    "项": ("项", "类", "部"),
    "元": ("元",),
    "%": ("%", "％"),
}

# Groups that reports use interchangeably for one indicator (seen in the labelled corpus):
# 受众 counted in 人 or 人次; a legality review or a mediated dispute counted in 件, 项, 次 or 份.
KINDRED_GROUPS: tuple[frozenset[str], ...] = (
    frozenset({"人", "人次"}),
    frozenset({"件", "项", "次"}),
    frozenset({"件", "项", "份"}),
)

# Single units that also count a second group's things: posters are 张 as often as banners are 条.
ALSO_COUNTS: dict[str, tuple[str, ...]] = {"张": ("条",)}

_GROUP_OF: dict[str, str] = {unit: group for group, units in UNIT_GROUPS.items() for unit in units}


def unit_group(unit: str) -> str:
    """The canonical unit of `unit`'s group; a unit outside every group is its own group."""
    unit = unit.strip()
    return _GROUP_OF.get(unit, unit)


@functools.lru_cache(maxsize=4096)
def compatible(unit: str, canonical: str) -> bool:
    """True when a value written in `unit` can be a value of an indicator counted in `canonical`."""
    mine, theirs = unit_group(unit), unit_group(canonical)
    if mine == theirs or theirs in ALSO_COUNTS.get(unit.strip(), ()):
        return True
    return any(mine in kin and theirs in kin for kin in KINDRED_GROUPS)


def clean_number(value: float) -> float:
    """A value as a clerk wrote it: 10.46万 -> 104600, not 104600.00000000001 (binary float noise).

    Six decimals is finer than any statistic a report states (rates have one or two), so rounding
    there only removes the noise of multiplying by 10,000.
    """
    cleaned = round(float(value), 6)
    return 0.0 if cleaned == 0 else cleaned
