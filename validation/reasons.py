"""Why a rule failed, in a Chinese sentence a county clerk can act on, naming the value at fault."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Any

from core.catalog import Catalog
from core.records import json_number
from validation.rules import FIRST_YEAR, YOY_FACTOR

Row = Mapping[str, Any]


def _num(value: object) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "（无数值）"
    return str(json_number(float(value)))  # type: ignore[arg-type]


def _quote(row: Row) -> str:
    return f"（原文“{row['quote']}”）" if row.get("quote") else ""


def _name(catalog: Catalog, code: object) -> str:
    return f"“{catalog.name(str(code))}”"


def document_reason(rule: str, row: Row, max_year: int) -> str:
    township = row.get("township") or row.get("township_written")
    year = row.get("year")
    match rule:
        case "township_found":
            return "未能从报告中识别出乡镇名称；请核对报告标题或落款是否写明乡镇（街道）名称"
        case "township_known":
            return f"乡镇“{township}”不在县名册（county.yaml）中；请核对名称或把它加入名册"
        case "year_found":
            return "未能从报告中识别出报告年度；请核对标题中是否写明年份（如“2024年度”）"
        case "year_plausible":
            return f"报告年度“{year}年”不合理（应在{FIRST_YEAR}年至{max_year}年之间）；请核对标题中的年份"
        case "one_current_report":
            return (f"“{township}”{year}年度有两份报告：本文件“{row['path']}”较早，已被较新的“{row['superseded_by']}”"
                    f"取代，本文件不入库；如本文件才是正式版本，请删除或更新另一份")
    return f"报告未通过检查“{rule}”"


def statistic_reason(rule: str, row: Row, catalog: Catalog) -> str:
    make = _STATISTIC_REASONS.get(rule)
    return make(row, catalog) if make else f"数据未通过检查“{rule}”{_quote(row)}"


_STATISTIC_REASONS: dict[str, Callable[[Row, Catalog], str]] = {
    "value_present": lambda r, c: f"{_name(c, r['indicator'])}没有可用的数值{_quote(r)}；请核对原文",
    "value_not_negative": lambda r, c: (
        f"{_name(c, r['indicator'])}的数值{_num(r['value'])}{r['unit']}为负数{_quote(r)}；统计数不应小于0，请核对原文"),
    "percent_at_most_100": lambda r, c: (
        f"{_name(c, r['indicator'])}的百分比{_num(r['value'])}%超过100%{_quote(r)}；请核对原文"),
    "indicator_known": lambda r, c: (
        f"指标代码“{r['indicator']}”不在指标目录（indicators.yaml）中{_quote(r)}；请核对或把它加入目录"),
    "unit_matches_indicator": lambda r, c: (
        f"单位“{r['unit']}”与指标{_name(c, r['indicator'])}的单位“{r['indicator_unit']}”不相符{_quote(r)}；"
        f"请核对该数据是否归错了指标"),
    "qualifier_known": lambda r, c: (
        f"限定词“{r['qualifier']}”无法识别（应为 exact/over/under/about，即 精确/余/不足/约）{_quote(r)}"),
    "quote_not_empty": lambda r, c: (
        f"{_name(c, r['indicator'])}的数值{_num(r['value'])}{r['unit']}缺少原文摘录，无法核对出处；请重新提取该报告"),
    "part_not_above_total": lambda r, c: (
        f"{_name(c, r['indicator'])}为{_num(r['value'])}{r['unit']}，超过了其总数{_name(c, r['parent'])}"
        f"{_num(r['parent_value'])}{r['parent_unit']}{_quote(r)}；部分不应大于总数，请核对原文"),
    "yoy_jump": lambda r, c: (
        f"{_name(c, r['indicator'])}本年为{_num(r['value'])}{r['unit']}，上年为{_num(r['last_year_value'])}，"
        f"相差超过{_num(YOY_FACTOR)}倍{_quote(r)}；数据已入库，请核对是否有误"),
}
