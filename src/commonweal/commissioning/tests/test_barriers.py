"""The barrier check: each rule flags what would shut small or local providers out, names them,
and stays quiet when the requirement is proportionate.

Plain Python, no database. Every expected figure is worked out by hand in the comments.
"""

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from commonweal.commissioning.barriers import (
    RULES,
    PaymentTerms,
    Requirements,
    RequirementsError,
    check,
    money,
)
from commonweal.commissioning.capacity import Provider
from commonweal.core.policy import Jurisdiction

D = Decimal


def provider(id: int, name: str, turnover: str | None) -> Provider:
    return Provider(
        id=id,
        name=name,
        annual_turnover=None if turnover is None else D(turnover),
        size_band="small",
        is_sme=True,
        is_vcse=True,
        legal_form="charity",
    )


ACORN = provider(1, "Acorn Housing", "2000000")
BIRCH = provider(2, "Birch Trust", "700000")
CEDAR = provider(3, "Cedar CIC", "450000")
DAMSON = provider(4, "Damson Co-op", "250000")
ELM = provider(5, "Elm Friends", None)  # no turnover recorded
FIR = provider(6, "Fir Care Ltd", "5000000")
PLACE = [FIR, ELM, DAMSON, CEDAR, BIRCH, ACORN]

# Proportionate requirements: a lot of 300,000 over 36 months is 100,000 a year, within half of
# every recorded turnover in the place (the smallest, Damson's 250,000, has 125,000 to spare).
FAIR = Requirements(
    minimum_turnover=None,
    public_liability=None,
    employers_liability=None,
    professional_indemnity=None,
    accreditations=(),
    experience_years=None,
    mobilisation_days=None,
    payment_terms=PaymentTerms.MONTHLY_IN_ARREARS,
    contract_months=36,
    lot_values=(D("300000"),),
    price_weighting=D("40"),
    social_value_weighting=D("10"),
    consortium_bids=True,
    needs_investment=False,
    starts_on=date(2026, 4, 1),
    jurisdiction=Jurisdiction.ENGLAND,
)
# 900,000 over 36 months is 300,000 a year: more than half of Cedar's 450,000 (a stretch) and
# more than Damson's whole 250,000.
BIG_LOT = (D("900000"),)


def flags(requirements: Requirements, rule: str, providers=PLACE):
    return [flag for flag in check(requirements, providers) if flag.rule == rule]


def only_flag(requirements: Requirements, rule: str, providers=PLACE):
    found = flags(requirements, rule, providers)
    assert len(found) == 1, [str(flag.reason) for flag in found]
    return found[0]


def excluded(flag) -> list[str]:
    return [p.name for p in flag.excluded]


def test_proportionate_requirements_raise_no_flag():
    assert check(FAIR, PLACE) == ()


def test_money_is_written_in_pounds_with_commas():
    assert money(D("1234567")) == "£1,234,567"
    assert money(D("1234.5")) == "£1,234.50"
    assert money(D("999.999")) == "£1,000"
    assert money(D("0")) == "£0"


def test_every_rule_is_listed_once_and_every_flag_comes_from_a_listed_rule():
    everything = replace(
        FAIR,
        minimum_turnover=D("1000000"),
        public_liability=D("10000000"),
        accreditations=("ISO 9001",),
        experience_years=5,
        mobilisation_days=30,
        payment_terms=PaymentTerms.QUARTERLY_IN_ARREARS,
        contract_months=24,
        lot_values=BIG_LOT,
        price_weighting=D("60"),
        social_value_weighting=D("5"),
        consortium_bids=False,
        needs_investment=True,
    )
    by_results = replace(everything, payment_terms=PaymentTerms.BY_RESULTS)
    raised = {flag.rule for flag in check(everything, PLACE) + check(by_results, PLACE)}
    listed = [rule.rule for rule in RULES]
    assert len(listed) == len(set(listed))
    assert raised == set(listed)
    for rule in RULES:
        assert str(rule.title) and str(rule.why)


# --- The turnover test ---------------------------------------------------------------------------


def test_a_turnover_test_above_twice_the_yearly_value_is_flagged_naming_who_it_shuts_out():
    # 300,000 a year: the test should ask no more than 2 x 300,000 = 600,000. It asks 1,000,000,
    # which Birch (700,000), Cedar (450,000) and Damson (250,000) do not have. Elm's turnover is
    # not recorded, so it is not named.
    flag = only_flag(
        replace(FAIR, lot_values=BIG_LOT, minimum_turnover=D("1000000")), "turnover_test"
    )
    assert flag.requirement == "minimum_turnover"
    assert excluded(flag) == ["Birch Trust", "Cedar CIC", "Damson Co-op"]
    assert str(flag.reason) == (
        "You ask for a yearly turnover of at least £1,000,000. The contract is worth £300,000 a "
        "year, so a test of more than £600,000 (2 times that) asks for more than the contract "
        "needs. It shuts out smaller providers who could deliver it."
    )
    assert "£600,000 or less" in str(flag.mitigation)
    assert flag.reference == "https://www.legislation.gov.uk/ukpga/2023/54/section/22"


def test_a_turnover_test_of_exactly_twice_the_yearly_value_is_not_flagged():
    assert (
        flags(replace(FAIR, lot_values=BIG_LOT, minimum_turnover=D("600000")), "turnover_test")
        == []
    )


def test_a_contract_shorter_than_a_year_is_measured_on_its_whole_value():
    # 200,000 over 6 months: its whole value falls in one year, so the test may ask 400,000.
    short = replace(FAIR, lot_values=(D("200000"),), contract_months=6)
    assert flags(replace(short, minimum_turnover=D("400000")), "turnover_test") == []
    assert len(flags(replace(short, minimum_turnover=D("400000.01")), "turnover_test")) == 1


def test_one_turnover_test_for_several_lots_must_fit_the_smallest():
    # Lots of 900,000 and 90,000 over 36 months: 300,000 and 30,000 a year. The smallest lot
    # needs a test of no more than 60,000; 100,000 is too much for it.
    flag = only_flag(
        replace(FAIR, lot_values=(D("900000"), D("90000")), minimum_turnover=D("100000")),
        "turnover_test",
    )
    assert "The smallest lot is worth £30,000 a year" in str(flag.reason)
    assert "£60,000 or less for the smallest lot" in str(flag.mitigation)
    assert excluded(flag) == []  # every recorded turnover in the place is above 100,000


@pytest.mark.parametrize(
    ("starts_on", "jurisdiction", "reference"),
    [
        # The Procurement Act's proportionality, from 24 February 2025.
        (date(2025, 2, 24), "england", "https://www.legislation.gov.uk/ukpga/2023/54/section/22"),
        # The day before: the Public Contracts Regulations 2015.
        (
            date(2025, 2, 23),
            "england",
            "https://www.legislation.gov.uk/uksi/2015/102/regulation/58",
        ),
        (date(2026, 4, 1), "scotland", "https://www.legislation.gov.uk/ssi/2015/446/regulation/58"),
    ],
)
def test_the_turnover_multiple_is_the_one_in_force_when_the_procurement_starts(
    starts_on, jurisdiction, reference
):
    requirements = replace(
        FAIR,
        lot_values=BIG_LOT,
        minimum_turnover=D("600000.01"),
        starts_on=starts_on,
        jurisdiction=jurisdiction,
    )
    assert only_flag(requirements, "turnover_test").reference == reference


def test_no_turnover_flag_before_any_cap_was_set():
    # The 2015 Regulations began on 26 February 2015; before that no multiple applied.
    early = replace(FAIR, minimum_turnover=D("50000000"), starts_on=date(2015, 2, 25))
    assert flags(early, "turnover_test") == []


# --- Lot size and consortium bids ----------------------------------------------------------------


def test_a_lot_too_big_for_local_providers_names_them():
    # 300,000 a year is more than half of Cedar's 450,000 and of Damson's 250,000.
    flag = only_flag(replace(FAIR, lot_values=BIG_LOT), "lot_size")
    assert flag.requirement == "lot_values"
    assert flag.lot is None
    assert excluded(flag) == ["Cedar CIC", "Damson Co-op"]
    assert str(flag.reason) == (
        "The contract is worth £300,000 a year. That is more than 50% of the yearly turnover of "
        "2 providers in the place, so it is too big for them to take on alone."
    )
    assert "groups of providers" not in str(flag.mitigation)  # FAIR already accepts them
    refusing = only_flag(replace(FAIR, lot_values=BIG_LOT, consortium_bids=False), "lot_size")
    assert "accept bids from groups of providers" in str(refusing.mitigation)


def test_only_the_lot_that_is_too_big_is_flagged():
    flag = only_flag(replace(FAIR, lot_values=(D("900000"), D("300000"))), "lot_size")
    assert flag.lot == 1
    assert str(flag.reason).startswith("Lot 1 is worth £300,000 a year.")


def test_a_lot_within_everyones_reach_is_not_flagged():
    assert flags(FAIR, "lot_size") == []


def test_refusing_consortium_bids_is_flagged_when_providers_could_bid_together():
    # 300,000 a year needs 600,000 together: Cedar 450,000 + Damson 250,000 = 700,000.
    flag = only_flag(replace(FAIR, lot_values=BIG_LOT, consortium_bids=False), "no_consortium")
    assert flag.requirement == "consortium_bids"
    assert excluded(flag) == ["Cedar CIC", "Damson Co-op"]
    assert "too big for Cedar CIC and Damson Co-op to take on alone" in str(flag.reason)


def test_consortium_bids_are_not_flagged_when_accepted_or_when_no_group_could_bid():
    assert flags(replace(FAIR, lot_values=BIG_LOT), "no_consortium") == []
    # 3,000,000 over 36 months is 1,000,000 a year, which needs 2,000,000 together: Birch,
    # Cedar and Damson have 1,400,000. Acorn (2,000,000) can bid alone, at exactly half.
    huge = replace(FAIR, lot_values=(D("3000000"),), consortium_bids=False)
    assert flags(huge, "no_consortium") == []


# --- Payment terms -------------------------------------------------------------------------------


def test_quarterly_in_arrears_names_those_who_could_bid_but_not_carry_the_costs():
    # 900,000 over 36 months costs 25,000 a month. Paid every 3 months, and up to 30 days after
    # the invoice: 4 months unpaid, 100,000. One month of turnover must cover it: a turnover of
    # 1,200,000. Of those who could take the lot on (Acorn, Birch, Fir), Birch (700,000) cannot.
    flag = only_flag(
        replace(FAIR, lot_values=BIG_LOT, payment_terms=PaymentTerms.QUARTERLY_IN_ARREARS),
        "payment_in_arrears",
    )
    assert flag.requirement == "payment_terms"
    assert excluded(flag) == ["Birch Trust"]
    assert str(flag.reason) == (
        "You pay every 3 months in arrears, and an invoice may be paid 30 days after it arrives, "
        "so a provider carries about 4 months of costs before it is first paid: £100,000 on this "
        "contract. A small provider can rarely carry more than 1 month of its own turnover "
        "(Commonweal's guidance), so one with a yearly turnover below £1,200,000 cannot fund it."
    )
    assert "monthly" in str(flag.mitigation) and "in advance" in str(flag.mitigation)
    assert flag.reference == "https://www.legislation.gov.uk/ukpga/2023/54/section/68"


def test_without_payment_terms_in_law_only_the_months_before_the_invoice_count():
    # Scotland is outside the Act's payment terms: 3 months of 25,000 = 75,000, a turnover of
    # 900,000, which Birch still lacks.
    flag = only_flag(
        replace(
            FAIR,
            lot_values=BIG_LOT,
            payment_terms=PaymentTerms.QUARTERLY_IN_ARREARS,
            jurisdiction=Jurisdiction.SCOTLAND,
        ),
        "payment_in_arrears",
    )
    assert "at least 3 months of costs" in str(flag.reason)
    assert "£75,000 on this contract" in str(flag.reason)
    assert "below £900,000" in str(flag.reason)
    assert excluded(flag) == ["Birch Trust"]


def test_payment_by_results_carries_the_months_before_results_are_measured():
    # 6 months before results, and 30 days to pay: 7 months of 25,000 = 175,000, a turnover of
    # 2,100,000. Acorn (2,000,000) and Birch (700,000) cannot; Fir (5,000,000) can.
    flag = only_flag(
        replace(FAIR, lot_values=BIG_LOT, payment_terms=PaymentTerms.BY_RESULTS),
        "payment_by_results",
    )
    assert excluded(flag) == ["Acorn Housing", "Birch Trust"]
    assert "about 7 months of costs" in str(flag.reason)
    assert "£175,000" in str(flag.reason)


def test_payment_terms_measure_the_smallest_lot():
    # Lots of 900,000 and 300,000 over 36 months: the smallest costs 8,333.33 a month; 4 months
    # unpaid is 33,333 (to the pound), a turnover of 399,996. Of those who could take that lot
    # on, only Damson (250,000) has less.
    flag = only_flag(
        replace(
            FAIR,
            lot_values=(D("900000"), D("300000")),
            payment_terms=PaymentTerms.QUARTERLY_IN_ARREARS,
        ),
        "payment_in_arrears",
    )
    assert "£33,333 on the smallest lot" in str(flag.reason)
    assert excluded(flag) == ["Damson Co-op"]


@pytest.mark.parametrize("terms", [PaymentTerms.MONTHLY_IN_ARREARS, PaymentTerms.IN_ADVANCE])
def test_monthly_or_advance_payment_is_not_flagged(terms):
    requirements = replace(FAIR, lot_values=BIG_LOT, payment_terms=terms)
    assert flags(requirements, "payment_in_arrears") == []
    assert flags(requirements, "payment_by_results") == []


# --- Investment, weightings, mobilisation --------------------------------------------------------


def test_a_contract_too_short_for_the_investment_it_needs_is_flagged():
    flag = only_flag(
        replace(FAIR, needs_investment=True, contract_months=24), "short_for_investment"
    )
    assert flag.requirement == "contract_months"
    assert "the contract lasts 24 months" in str(flag.reason)
    assert "at least 36 months long" in str(flag.mitigation)
    assert (
        flags(replace(FAIR, needs_investment=True, contract_months=36), "short_for_investment")
        == []
    )
    assert (
        flags(replace(FAIR, needs_investment=False, contract_months=12), "short_for_investment")
        == []
    )


def test_a_price_weighting_above_half_the_score_is_flagged():
    flag = only_flag(replace(FAIR, price_weighting=D("60")), "price_weighting")
    assert "Price carries 60% of the score." in str(flag.reason)
    assert "50% or less" in str(flag.mitigation)
    assert "abnormally low" in str(flag.mitigation)
    assert flags(replace(FAIR, price_weighting=D("50")), "price_weighting") == []


def test_a_social_value_weighting_below_englands_minimum_is_flagged():
    flag = only_flag(replace(FAIR, social_value_weighting=D("5")), "social_value_weighting")
    assert str(flag.reason).startswith(
        "Social value carries 5% of the score, below the minimum of 10% in England's policy."
    )
    assert "at least 10%" in str(flag.mitigation)
    assert "ppn-002" in flag.reference
    assert flags(replace(FAIR, social_value_weighting=D("10")), "social_value_weighting") == []


def test_northern_irelands_own_minimum_applies_there():
    flag = only_flag(
        replace(FAIR, social_value_weighting=D("9.5"), jurisdiction=Jurisdiction.NORTHERN_IRELAND),
        "social_value_weighting",
    )
    assert "below the minimum of 10% in Northern Ireland's policy" in str(flag.reason)
    assert "finance-ni.gov.uk" in flag.reference


@pytest.mark.parametrize("place", [Jurisdiction.WALES, Jurisdiction.SCOTLAND])
def test_where_no_minimum_is_set_englands_is_used_as_guidance_and_said_so(place):
    flag = only_flag(
        replace(FAIR, social_value_weighting=D("5"), jurisdiction=place), "social_value_weighting"
    )
    assert (
        f"{place.label} sets no minimum, so Commonweal uses England's minimum of 10% as guidance."
        in str(flag.reason)
    )
    assert flags(replace(FAIR, jurisdiction=place), "social_value_weighting") == []


def test_a_short_mobilisation_period_is_flagged():
    flag = only_flag(replace(FAIR, mobilisation_days=30), "mobilisation")
    assert "You allow 30 days from award" in str(flag.reason)
    assert "at least 60 days" in str(flag.mitigation)
    assert flags(replace(FAIR, mobilisation_days=60), "mobilisation") == []


# --- Insurance, experience, accreditations -------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "too_much", "enough"),
    [
        ("public_liability", "10000000", "5000000"),
        ("employers_liability", "20000000", "10000000"),
        ("professional_indemnity", "2500000", "2000000"),
    ],
)
def test_insurance_above_the_guidance_level_is_flagged(field, too_much, enough):
    flag = only_flag(replace(FAIR, **{field: D(too_much)}), "insurance")
    assert flag.requirement == field
    assert money(D(too_much)) in str(flag.reason)
    assert "Commonweal's guidance, not law" in str(flag.reason)
    assert str(flag.mitigation).startswith(f"Ask for {money(D(enough))}")
    assert flags(replace(FAIR, **{field: D(enough)}), "insurance") == []


def test_years_of_experience_above_the_guidance_are_flagged():
    flag = only_flag(replace(FAIR, experience_years=5), "experience")
    assert "You ask for 5 years of experience." in str(flag.reason)
    assert "staff, founders or partners" in str(flag.mitigation)
    assert flags(replace(FAIR, experience_years=3), "experience") == []


def test_accreditations_at_the_bid_stage_are_flagged():
    flag = only_flag(
        replace(FAIR, accreditations=("ISO 9001", "Cyber Essentials")), "accreditations"
    )
    assert "You ask bidders to hold ISO 9001 and Cyber Essentials when they bid." in str(
        flag.reason
    )
    assert "working towards" in str(flag.mitigation)
    assert flags(replace(FAIR, accreditations=("  ",)), "accreditations") == []


# --- Bad input -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        (
            {"minimum_turnover": D("-1")},
            "minimum_turnover",
            "The minimum turnover must be £0 or more.",
        ),
        (
            {"public_liability": D("-1")},
            "public_liability",
            "Public liability insurance must be £0 or more.",
        ),
        (
            {"lot_values": (D("100"), D("-1"))},
            "lot_values",
            "The value of each lot must be £0 or more.",
        ),
        ({"lot_values": ()}, "lot_values", "Give the value of at least one lot."),
        ({"contract_months": 0}, "contract_months", "The contract must last at least 1 month."),
        (
            {"price_weighting": D("101")},
            "price_weighting",
            "The price weighting must be between 0% and 100%.",
        ),
        (
            {"social_value_weighting": D("-1")},
            "social_value_weighting",
            "The social value weighting must be between 0% and 100%.",
        ),
        (
            {"price_weighting": D("60"), "social_value_weighting": D("50")},
            "social_value_weighting",
            "The price and social value weightings add up to 110%. Together they must be 100% or less.",
        ),
        (
            {"experience_years": -1},
            "experience_years",
            "The years of experience asked must be 0 or more.",
        ),
        (
            {"mobilisation_days": -1},
            "mobilisation_days",
            "The mobilisation period must be 0 days or more.",
        ),
        ({"payment_terms": "monthly"}, "payment_terms", "Choose how the provider will be paid."),
        (
            {"jurisdiction": "france"},
            "jurisdiction",
            "Choose England, Wales, Scotland or Northern Ireland.",
        ),
    ],
)
def test_impossible_requirements_are_refused_naming_the_field(changes, field, words):
    with pytest.raises(RequirementsError) as refused:
        replace(FAIR, **changes)
    assert isinstance(refused.value, ValueError)
    assert refused.value.field == field
    assert str(refused.value) == words


def test_choices_given_as_their_stored_words_are_read():
    requirements = replace(FAIR, payment_terms="quarterly_in_arrears", jurisdiction="wales")
    assert requirements.payment_terms is PaymentTerms.QUARTERLY_IN_ARREARS
    assert requirements.jurisdiction is Jurisdiction.WALES
