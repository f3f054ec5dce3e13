"""Reserved contracts for public service mutuals and the Provider Selection Regime, as dated rules.

Figures from the law: the Procurement Act 2023, section 33 (a term of five years or less; no
comparable reserved contract in the three years before), and S.I. 2023/1348 (in force on
1 January 2024, England only; representations until the 8th working day of the standstill).
"""

from datetime import date

import pytest

from commonweal.core import policy
from commonweal.core.policy import dated
from commonweal.core.policy.dated import NoRuleInForce


@pytest.fixture(autouse=True)
def built_in_tables_only(monkeypatch):
    monkeypatch.setattr(dated, "_officer_entries", None)


@pytest.mark.parametrize("jurisdiction", ["england", "wales", "northern_ireland"])
def test_a_reserved_mutual_contract_lasts_five_years_at_most_and_looks_back_three(jurisdiction):
    limits = policy.in_force(policy.RESERVED_MUTUAL_CONTRACTS, date(2025, 2, 24), jurisdiction)
    assert limits.value.max_term_years == 5
    assert limits.value.previous_award_years == 3
    assert "section/33" in limits.source


def test_reserving_to_mutuals_is_the_acts_and_not_scotlands_nor_before_the_act():
    with pytest.raises(NoRuleInForce, match="does not apply in Scotland"):
        policy.in_force(policy.RESERVED_MUTUAL_CONTRACTS, date(2026, 1, 1), "scotland")
    with pytest.raises(NoRuleInForce, match="the first began on 2025-02-24"):
        policy.in_force(policy.RESERVED_MUTUAL_CONTRACTS, date(2025, 2, 23), "england")


def test_the_provider_selection_regime_applies_in_england_from_1_january_2024():
    assert policy.provider_selection_regime_in_force(date(2024, 1, 1), "england") is True
    assert policy.provider_selection_regime_in_force(date(2023, 12, 31), "england") is False
    for elsewhere in ("wales", "scotland", "northern_ireland"):
        assert policy.provider_selection_regime_in_force(date(2026, 1, 1), elsewhere) is False


def test_the_provider_selection_regime_standstill_is_8_working_days():
    regime = policy.in_force(policy.PROVIDER_SELECTION_REGIME, date(2025, 6, 1), "england")
    assert regime.value.standstill_working_days == 8
