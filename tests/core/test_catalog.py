"""The catalog says, as data, how each indicator adds up over townships."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.catalog import OTHER_SECTION, load_catalog
from core.errors import ConfigError

CATALOG = load_catalog()


def test_every_bundled_indicator_has_a_section_and_units_that_add() -> None:
    names = [s.name for s in CATALOG.sections]
    assert names == ["普法宣传", "学法与培训", "依法决策与制度", "执法与监督", "矛盾化解", "安全底线"]
    for ind in CATALOG.indicators:
        assert CATALOG.section_of(ind.code).code != OTHER_SECTION, ind.code
        assert ind.adds, f"{ind.code} lists no units that add up"
        assert ind.fits(ind.unit)


def test_rates_never_sum_and_fewer_is_better_where_the_office_says_so() -> None:
    rates = {i.code for i in CATALOG.indicators if i.is_rate}
    assert rates == {"head_court_appearance_rate", "mediation_success_rate"}
    fewer = {i.name for i in CATALOG.indicators if i.fewer_is_better}
    assert fewer == {"重大安全事故/重大损失", "行政诉讼败诉", "信访件"}


@pytest.mark.parametrize(("code", "unit", "fits"), [
    ("publicity_events", "场次", True), ("publicity_events", "期", True), ("publicity_events", "批次", False),
    ("publicity_materials", "本", True), ("publicity_materials", "张", True),
    ("publicity_audience", "人", False), ("publicity_audience", "人次", True),
    ("petitions_handled", "起", True), ("petitions_handled", "批次", False),
    ("enforcement_fines", "元", True), ("head_court_appearance_rate", "％", True),
    ("legally_literate_villagers", "人", True), ("legal_consultations", "人", False),
])
def test_units_that_fit(code: str, unit: str, fits: bool) -> None:
    ind = CATALOG.get(code)
    assert ind is not None and ind.fits(unit) is fits


def test_a_users_catalog_may_add_a_pooled_rate_and_change_how_an_indicator_adds(tmp_path: Path) -> None:
    extra = tmp_path / "mine.yaml"
    extra.write_text(
        "sections:\n  - {code: mine, name: 本县自定}\n"
        "indicators:\n"
        "  - code: litigation_loss_rate\n    name: 行政诉讼败诉率\n    unit: '%'\n    section: mine\n"
        "    better: fewer\n    rate_of: {numerator: litigation_losses, denominator: administrative_litigations}\n"
        "  - code: petitions_handled\n    name: 信访件\n    adds: [件, 批次]\n", encoding="utf-8")
    catalog = load_catalog(extra=extra)
    rate = catalog.get("litigation_loss_rate")
    assert rate is not None and rate.is_rate and rate.fewer_is_better
    assert (rate.numerator, rate.denominator) == ("litigation_losses", "administrative_litigations")
    assert catalog.section_of("litigation_loss_rate").name == "本县自定"
    petitions = catalog.get("petitions_handled")
    assert petitions is not None and petitions.fits("批次") and petitions.fewer_is_better  # kept from the bundle
    assert catalog.find_section("矛盾化解") == catalog.find_section("disputes")


@pytest.mark.parametrize("entry", [
    "  - code: x\n    name: X\n    unit: 次\n    aggregate: average\n",
    "  - code: x\n    name: X\n    unit: 次\n    better: less\n",
    "  - code: x\n    name: X\n    unit: 次\n    section: nowhere\n",
    "  - code: x\n    name: X\n    unit: '%'\n    rate_of: {numerator: x}\n",
    "  - code: x\n    name: X\n    unit: 次\n"
    "    rate_of: {numerator: legal_aid_cases, denominator: disputes_mediated}\n",
])
def test_a_wrong_aggregation_entry_is_a_clear_error(tmp_path: Path, entry: str) -> None:
    extra = tmp_path / "bad.yaml"
    extra.write_text("indicators:\n" + entry, encoding="utf-8")
    with pytest.raises(ConfigError):
        load_catalog(extra=extra)


def test_counts_of_cases_lawsuits_and_fines_are_not_ranked() -> None:
    catalog = load_catalog()
    unranked = {i.code for i in catalog.indicators if not i.is_ranked}
    assert {"enforcement_cases", "enforcement_fines", "administrative_reconsiderations",
            "administrative_litigations"} <= unranked
    assert catalog.get("litigation_losses").fewer_is_better and catalog.get("publicity_events").is_ranked
