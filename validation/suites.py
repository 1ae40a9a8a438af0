"""The two Expectation Suites (statistics rows, documents) as code.

Imports Great Expectations at module level: import this module only when there is a batch to
validate. Every expectation carries its rule code in `meta["rule"]`, which is how failures map
back to findings. Values that change per run (registry names, catalog codes, the current year)
are suite parameters, so the suites are built once per process.
"""

from __future__ import annotations

import great_expectations as gx
import great_expectations.expectations as gxe
from great_expectations.expectations.metadata_types import FailureSeverity
from great_expectations.expectations.row_conditions import Column

from core.records import QUALIFIERS
from validation.rules import FIRST_YEAR, INDICATOR_CODES, MAX_YEAR, RULES_BY_CODE, TOWNSHIP_NAMES, YOY_FACTOR

STATISTICS_SUITE = "township_rollup_statistics"
DOCUMENTS_SUITE = "township_rollup_documents"

PERCENT_UNITS = ("%", "％")


def _tag(rule: str, expectation: gxe.Expectation) -> gxe.Expectation:
    """Attach the rule code and map our severity onto GX's so Data Docs show warnings as warnings."""
    expectation.meta = {"rule": rule}
    warning = RULES_BY_CODE[rule].severity == "warning"
    expectation.severity = FailureSeverity.WARNING if warning else FailureSeverity.CRITICAL
    return expectation


def statistics_suite() -> gx.ExpectationSuite:
    """Row rules over the frame built by `validation.frames` (one row per statistic)."""
    return gx.ExpectationSuite(name=STATISTICS_SUITE, expectations=[
        _tag("value_present", gxe.ExpectColumnValuesToNotBeNull(column="value")),
        _tag("value_not_negative", gxe.ExpectColumnValuesToBeBetween(column="value", min_value=0)),
        _tag("percent_at_most_100", gxe.ExpectColumnValuesToBeBetween(
            column="value", max_value=100, row_condition=Column("unit").is_in(PERCENT_UNITS))),
        _tag("indicator_known", gxe.ExpectColumnValuesToBeInSet(
            column="indicator", value_set={"$PARAMETER": INDICATOR_CODES})),
        _tag("unit_matches_indicator", gxe.ExpectColumnValuesToBeInSet(column="unit_compatible", value_set=[True])),
        _tag("qualifier_known", gxe.ExpectColumnValuesToBeInSet(column="qualifier", value_set=list(QUALIFIERS))),
        _tag("quote_not_empty", gxe.ExpectColumnValuesToNotBeNull(column="quote")),
        _tag("quote_not_empty", gxe.ExpectColumnValuesToMatchRegex(column="quote", regex=r"\S")),
        _tag("part_not_above_total", gxe.ExpectColumnPairValuesAToBeGreaterThanB(
            column_A="parent_value", column_B="value", or_equal=True, ignore_row_if="either_value_is_missing")),
        _tag("yoy_jump", gxe.ExpectColumnValuesToBeBetween(
            column="yoy_ratio", min_value=1 / YOY_FACTOR, max_value=YOY_FACTOR)),
    ])


def documents_suite() -> gx.ExpectationSuite:
    """Document rules over the frame built by `validation.frames` (one row per ok report)."""
    return gx.ExpectationSuite(name=DOCUMENTS_SUITE, expectations=[
        _tag("township_found", gxe.ExpectColumnValuesToNotBeNull(column="township")),
        _tag("township_known", gxe.ExpectColumnValuesToBeInSet(
            column="township", value_set={"$PARAMETER": TOWNSHIP_NAMES})),
        _tag("year_found", gxe.ExpectColumnValuesToNotBeNull(column="year")),
        _tag("year_plausible", gxe.ExpectColumnValuesToBeBetween(
            column="year", min_value=FIRST_YEAR, max_value={"$PARAMETER": MAX_YEAR})),
        _tag("one_current_report", gxe.ExpectColumnValuesToBeNull(column="superseded_by")),
    ])
