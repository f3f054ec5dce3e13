"""The largest turnover test a buyer may ask for, and Northern Ireland's minimum social value
weighting: dated versions looked up on the day a procurement starts, checked by hand."""

from datetime import date
from decimal import Decimal

import pytest

from commonweal.core import policy
from commonweal.core.policy.dated import NoRuleInForce

D = Decimal
RULE = policy.TURNOVER_TEST_MAX_MULTIPLE


@pytest.mark.parametrize(
    ("day", "jurisdiction", "cited"),
    [
        (date(2015, 2, 26), "england", "regulation 58(9)"),
        (date(2025, 2, 23), "wales", "S.I. 2015/102"),
        (date(2025, 2, 24), "england", "section 22"),
        (date(2026, 4, 1), "northern_ireland", "section 22"),
        (date(2016, 4, 18), "scotland", "S.S.I. 2015/446"),
        (date(2026, 4, 1), "scotland", "S.S.I. 2015/446"),
    ],
)
def test_a_turnover_test_may_ask_twice_the_contract_value(day, jurisdiction, cited):
    version = policy.in_force(RULE, day, jurisdiction)
    assert version.value == D("2")
    assert cited in version.source


def test_no_cap_before_the_2015_regulations_began():
    with pytest.raises(NoRuleInForce, match="the first began on 2015-02-26"):
        policy.in_force(RULE, date(2015, 2, 25), "england")
    with pytest.raises(NoRuleInForce, match="the first began on 2016-04-18"):
        policy.in_force(RULE, date(2016, 4, 17), "scotland")


def test_northern_ireland_sets_a_10_percent_social_value_minimum_from_june_2022():
    weighting = policy.SOCIAL_VALUE_MIN_WEIGHTING
    version = policy.in_force(weighting, date(2022, 6, 1), "northern_ireland")
    assert version.value == D("10")
    assert "PPN 01/21" in version.source
    with pytest.raises(NoRuleInForce):
        policy.in_force(weighting, date(2022, 5, 31), "northern_ireland")
    # England's versions are unchanged by it.
    assert "PPN 002" in policy.in_force(weighting, date(2026, 1, 1), "england").source
