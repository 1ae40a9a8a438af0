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

FIRST_YEAR = 2000
YOY_FACTOR = 10.0

# Suite parameter names: values that change per run (registry names, catalog codes, current year).
TOWNSHIP_NAMES = "township_names"
INDICATOR_CODES = "indicator_codes"
MAX_YEAR = "max_year"
