"""The validation rules by stable code: what each one checks and whether it quarantines.

Kept free of Great Expectations so the warehouse can list rules without importing GX.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from core.records import Severity

Level = Literal["document", "statistic"]


@dataclass(frozen=True)
class Rule:
    code: str
    level: Level  # a failing document rule quarantines the document, a statistic rule the row
    severity: Severity
    description: str


RULES: tuple[Rule, ...] = (
    Rule("township_found", "document", "error", "the report names its township"),
    Rule("township_known", "document", "error", "the township is in the county registry (when one is given)"),
    Rule("year_found", "document", "error", "the report names its year"),
    Rule("year_plausible", "document", "error", "the year is between 2000 and the current year"),
    Rule("one_current_report", "document", "error", "one report per township and year in a batch; the later file wins"),
    Rule("value_present", "statistic", "error", "the value is a number"),
    Rule("value_not_negative", "statistic", "error", "the value is not below 0"),
    Rule("percent_at_most_100", "statistic", "error", "a percentage is at most 100"),
    Rule("indicator_known", "statistic", "error", "the indicator is a catalog code or 'other'"),
    Rule("unit_matches_indicator", "statistic", "error", "the unit counts what the indicator counts"),
    Rule("qualifier_known", "statistic", "error", "the qualifier is exact, over, under or about"),
    Rule("quote_not_empty", "statistic", "error", "the value carries its quote from the report"),
    Rule("part_not_above_total", "statistic", "error", "a part is not above its total in the same report"),
    Rule("yoy_jump", "statistic", "warning", "a headline value is within 1/10 and 10x of last year's"),
)

RULES_BY_CODE: dict[str, Rule] = {r.code: r for r in RULES}

# How each rule reads to a clerk (the validation report's front page): what it checks, and what to do
# when a report or a number fails it.
CLERK_TEXT: dict[str, tuple[str, str]] = {
    "township_found": ("报告写明了乡镇（街道）名称",
                       "请乡镇在报告标题或开头写明乡镇（街道）全称后重新报送；"
                       "或在 county.yaml 中为它补上报告用的简称。"),
    "township_known": ("乡镇（街道）在本县名录中",
                       "新设、合并或改名的乡镇：在 county.yaml 中加入它（或补上别名）后重新导入；"
                       "否则请乡镇更正名称。"),
    "year_found": ("报告写明了年度", "请乡镇在标题中写明“20XX年度”后重新报送。"),
    "year_plausible": ("年度合理（2000年至今）", "核对报告标题中的年度；写错的请乡镇更正后重新报送。"),
    "one_current_report": ("同一乡镇同一年度只有一份报告",
                           "已采用较新的文件。如采用有误，删除多余的文件后重新导入。"),
    "value_present": ("数值能读成数字", "对照报告原文核对这个数字；原文有误的请乡镇更正。"),
    "value_not_negative": ("数值不为负数", "对照报告原文核对这个数字；原文有误的请乡镇更正。"),
    "percent_at_most_100": ("百分比不超过100%", "对照原文核对这个百分比；原文有误的请乡镇更正。"),
    "indicator_known": ("指标在指标目录中", "指标目录（indicators.yaml）与数据不一致，请告知技术人员。"),
    "unit_matches_indicator": ("单位与指标相符", "对照原文核对这个数字的单位；原文有误的请乡镇更正。"),
    "qualifier_known": ("约数标记可识别（余、近、约）", "请告知技术人员。"),
    "quote_not_empty": ("每个数字都带有原文句子", "请告知技术人员。"),
    "part_not_above_total": ("分项不大于合计", "对照原文核对合计数和“其中”的分项数；原文有误的请乡镇更正。"),
    "yoy_jump": ("与上年相比变化在10倍以内", "对照原文核对；数字无误可不处理（已计入对比表）。"),
}

FIRST_YEAR = 2000
YOY_FACTOR = 10.0

# Suite parameter names: values that change per run (registry names, catalog codes, current year).
TOWNSHIP_NAMES = "township_names"
INDICATOR_CODES = "indicator_codes"
MAX_YEAR = "max_year"
