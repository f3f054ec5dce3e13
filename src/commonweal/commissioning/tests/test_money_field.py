"""The amounts typed into the plan's pages: huge numbers get a message, never a server error."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from commonweal.commissioning.forms_advisor import MoneyField


@pytest.mark.parametrize(
    ("typed", "amount"),
    [("600000", Decimal("600000.00")), ("£600,000.50", Decimal("600000.50")), ("0", Decimal("0"))],
)
def test_pounds_and_pence_as_typed(typed, amount):
    assert MoneyField().clean(typed) == amount


@pytest.mark.parametrize("typed", ["1" * 29, "9" * 40 + ".5", "1000000000000"])
def test_an_amount_too_big_for_a_pound_sign_says_so(typed):
    with pytest.raises(ValidationError) as refused:
        MoneyField().clean(typed)
    assert refused.value.messages == ["Enter an amount less than £1,000,000,000,000"]


def test_a_fraction_of_a_penny_says_so():
    with pytest.raises(ValidationError) as refused:
        MoneyField().clean("12.345")
    assert refused.value.code == "pence"
