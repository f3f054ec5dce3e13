"""The market's capacity: who could bid for a lot, alone or together, and where spend goes.

Plain Python, no database. Every expected figure is worked out by hand in the comments.
"""

from decimal import Decimal

import pytest

from commonweal.commissioning.capacity import (
    Provider,
    annual_value,
    lot_capacity,
    percent,
    spend_shares,
)

D = Decimal


def provider(
    id: int,
    name: str,
    turnover: str | None,
    *,
    band: str = "small",
    sme: bool = True,
    vcse: bool = True,
    form: str = "charity",
) -> Provider:
    return Provider(
        id=id,
        name=name,
        annual_turnover=None if turnover is None else D(turnover),
        size_band=band,
        is_sme=sme,
        is_vcse=vcse,
        legal_form=form,
    )


def names(providers) -> list[str]:
    return [p.name for p in providers]


# --- A lot's value in a year ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("total", "months", "yearly"),
    [
        ("1200000", 24, "600000.00"),  # 1,200,000 x 12 / 24
        ("1000000", 36, "333333.33"),  # 1,000,000 x 12 / 36 = 333,333.333...
        ("100000", 12, "100000.00"),  # a year: its whole value
        ("100000", 6, "100000.00"),  # half a year: its whole value falls within one year
        ("100000", 1, "100000.00"),
        ("0", 24, "0.00"),
    ],
)
def test_a_lots_value_in_a_year(total, months, yearly):
    assert annual_value(D(total), months) == D(yearly)


def test_a_lot_lasts_at_least_a_month_and_is_worth_nothing_less_than_nothing():
    with pytest.raises(ValueError, match="at least 1 month"):
        annual_value(D("1000"), 0)
    with pytest.raises(ValueError, match="cannot be negative"):
        annual_value(D("-1"), 12)
    with pytest.raises(ValueError, match="cannot be negative"):
        lot_capacity(D("-1"), [])


# --- Who could bid alone -------------------------------------------------------------------------


def test_providers_are_sorted_by_the_share_of_their_turnover_a_lot_would_take():
    # A lot of 100,000 a year: half of 200,000 is exactly 100,000 (can bid); half of 199,999.98
    # is 99,999.99 (a stretch); 100,000 is the whole of it (still a stretch); 99,999.99 is less
    # than the lot (too small); no turnover recorded (cannot tell).
    found = lot_capacity(
        D("100000"),
        [
            provider(4, "Damson", "99999.99"),
            provider(1, "Acorn", "200000"),
            provider(5, "Elm", None),
            provider(3, "Cedar", "100000"),
            provider(2, "Birch", "199999.98"),
        ],
    )
    assert found.annual_value == D("100000")
    assert names(found.can_bid) == ["Acorn"]
    assert names(found.stretch) == ["Birch", "Cedar"]
    assert names(found.too_small) == ["Damson"]
    assert names(found.unknown) == ["Elm"]


def test_a_provider_with_no_turnover_recorded_is_never_counted_as_too_small():
    found = lot_capacity(D("1"), [provider(1, "Acorn", None)])
    assert names(found.unknown) == ["Acorn"]
    assert found.too_small == found.stretch == found.can_bid == ()
    assert found.consortium == ()
    assert found.consortium_possible is False


# --- Who could bid together ----------------------------------------------------------------------


def test_the_smallest_group_that_could_carry_a_lot_together_largest_first():
    # 300,000 a year needs turnovers adding up to 600,000. Alone: Umber (1,000,000) can bid;
    # Plum (500,000) is a stretch; Quince, Rowan, Sloe and Teak are too small. Largest first:
    # Plum 500,000, then Quince 250,000 makes 750,000: enough with two.
    found = lot_capacity(
        D("300000"),
        [
            provider(1, "Rowan", "200000"),
            provider(2, "Umber", "1000000"),
            provider(3, "Sloe", "150000"),
            provider(4, "Quince", "250000"),
            provider(5, "Plum", "500000"),
            provider(6, "Teak", "120000"),
            provider(7, "Vetch", None),
        ],
    )
    assert names(found.can_bid) == ["Umber"]
    assert names(found.consortium) == ["Plum", "Quince"]
    assert found.consortium_possible is True


def test_a_group_grows_until_together_it_is_enough():
    # 100,000 a year needs 200,000 together: 150,000 + 40,000 = 190,000 is not enough; with
    # 30,000 more it is 220,000.
    found = lot_capacity(
        D("100000"),
        [
            provider(1, "Ash", "20000"),
            provider(2, "Bay", "30000"),
            provider(3, "Cob", "150000"),
            provider(4, "Dogwood", "40000"),
        ],
    )
    assert names(found.consortium) == ["Cob", "Dogwood", "Bay"]


def test_no_group_when_all_of_them_together_are_not_enough():
    # 300,000 a year needs 600,000 together; 200,000 + 150,000 = 350,000 is not enough.
    found = lot_capacity(
        D("300000"), [provider(1, "Rowan", "200000"), provider(2, "Sloe", "150000")]
    )
    assert found.consortium == ()
    assert found.consortium_possible is False


def test_the_answer_does_not_depend_on_the_order_providers_come_in():
    providers = [
        provider(1, "Rowan", "200000"),
        provider(2, "Sloe", "200000"),
        provider(3, "Plum", "500000"),
    ]
    forwards = lot_capacity(D("300000"), providers)
    backwards = lot_capacity(D("300000"), list(reversed(providers)))
    assert forwards == backwards
    # The same turnover in name order: Plum, then Rowan before Sloe.
    assert names(forwards.consortium) == ["Plum", "Rowan"]


# --- Where spend goes ----------------------------------------------------------------------------


def test_spend_shares_to_one_decimal_place():
    acorn = provider(1, "Acorn", "400000", band="small", sme=True, vcse=True, form="charity")
    birch = provider(2, "Birch", "9000000", band="medium", sme=True, vcse=False, form="ltd")
    cedar = provider(3, "Cedar", "90000000", band="large", sme=False, vcse=True, form="charity")
    shares = spend_shares(
        [
            (acorn, D("100000")),
            (birch, D("100000")),
            (cedar, D("50000")),
            (acorn, D("50000")),
        ]
    )
    # Total 300,000. VCSE: Acorn 150,000 + Cedar 50,000 = 200,000, 66.66...% -> 66.7%.
    # SME: Acorn 150,000 + Birch 100,000 = 250,000, 83.33...% -> 83.3%.
    assert shares.total == D("300000")
    assert shares.vcse == D("200000")
    assert shares.sme == D("250000")
    assert shares.vcse_share == D("66.7")
    assert shares.sme_share == D("83.3")
    assert list(shares.by_size_band.items()) == [
        ("small", D("150000")),
        ("medium", D("100000")),
        ("large", D("50000")),
    ]
    assert list(shares.by_legal_form.items()) == [("charity", D("200000")), ("ltd", D("100000"))]


def test_a_share_exactly_half_way_rounds_up():
    # 100 of 1,600 is 6.25%: 6.3% to one decimal place.
    vcse = provider(1, "Acorn", None, vcse=True, sme=False)
    other = provider(2, "Birch", None, vcse=False, sme=False, band="")
    shares = spend_shares([(vcse, D("100")), (other, D("1500"))])
    assert shares.vcse_share == D("6.3")
    assert shares.sme_share == D("0.0")
    assert shares.by_size_band == {"": D("1500"), "small": D("100")}


def test_no_spend_has_no_shares():
    shares = spend_shares([])
    assert shares.total == D("0")
    assert shares.vcse_share is None
    assert shares.sme_share is None
    assert shares.by_size_band == {} == shares.by_legal_form
    assert percent(D("0"), D("0")) is None


def test_negative_spend_is_refused_naming_the_provider():
    with pytest.raises(ValueError, match="spend with Acorn cannot be negative"):
        spend_shares([(provider(1, "Acorn", None), D("-5"))])
