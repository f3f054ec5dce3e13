"""Social value that cannot be gamed: commitments valued net of deadweight and attribution,
counted once, weighted by the bidder's record and capped; flags that say why; inherent social
value from verified facts only.

Plain Python, no database. Every expected figure is worked out by hand in the comments. The
measures and proxy values here are made up for the tests (the National TOMs and HACT values are
CC BY-NC-ND and never bundled).
"""

from decimal import Decimal

import pytest

from commonweal.competitions.social_value import (
    MONETISED_CAP_SHARE,
    TRACK_RECORD_FLOOR,
    Commitment,
    FlagKind,
    InherentFacts,
    Measure,
    SocialValueInputError,
    Valuation,
    inherent_score,
    value,
)

D = Decimal

APPRENTICESHIPS = Measure("A1", "Apprenticeships", "apprenticeships", D("2000"))
LOCAL_JOBS = Measure("J1", "Local people employed", "jobs", D("5000"))
UNEMPLOYED_JOBS = Measure("J2", "Jobs for long-term unemployed people", "jobs", D("8000"))
VOLUNTEERING = Measure("V1", "Staff volunteering", "days", D("1000"))
WELLBEING = Measure("W1", "Resident wellbeing", "residents", None)  # no proxy value

PLAN = "Apprentice contracts and completion certificates each quarter."


def bolt_on_apprenticeships(**changes: object) -> Commitment:
    """10 apprenticeships (4 in year one, 6 in year two) at £2,000 each, beyond the core
    service, 60% attributable to this contract, 50% would happen anyway."""
    fields: dict[str, object] = {
        "measure": APPRENTICESHIPS,
        "quantity_by_year": (D("4"), D("6")),
        "beyond_core_service": True,
        "attribution": D("0.6"),
        "deadweight": D("0.5"),
        "double_counting_group": None,
        "evidence_plan": PLAN,
    }
    fields.update(changes)
    return Commitment(**fields)  # type: ignore[arg-type]


def kinds(valuation: Valuation) -> list[FlagKind]:
    return [flag.kind for flag in valuation.flags]


# --- Valuing a commitment ----------------------------------------------------------------------


def test_a_bolt_on_promise_is_valued_net_of_deadweight_and_attribution() -> None:
    # Claimed: 10 × £2,000 = £20,000. Net: £20,000 × 0.6 × (1 − 0.5) = £6,000.
    # Contract £200,000; the guidance cap 10% is £20,000, which does not bite.
    # Per pound: £6,000 / £200,000 = 0.03.
    valuation = value([bolt_on_apprenticeships()], D("200000"))

    (line,) = valuation.lines
    assert line.claimed == D("20000")
    assert line.net == D("6000")
    assert line.counted == D("6000")
    assert valuation.total == D("6000")
    assert valuation.per_pound == D("0.03")
    assert not valuation.capped
    assert valuation.flags == ()
    words = " ".join(str(reason) for reason in line.reasons)
    assert "10 apprenticeships at £2,000 each: £20,000" in words
    assert "60% due to this contract and 50% that would happen anyway" in words
    assert "£6,000" in words


def test_the_core_service_itself_counts_nothing_and_says_why() -> None:
    # The same £6,000 net, but it is just the service the contract pays for: counts £0.
    valuation = value([bolt_on_apprenticeships(beyond_core_service=False)], D("200000"))

    (line,) = valuation.lines
    assert line.net == D("6000")
    assert line.counted == D("0")
    assert valuation.total == D("0")
    assert "part of the service the contract pays for" in str(line.reasons[-1])


def test_quantities_add_up_over_the_years() -> None:
    # 1 + 2 + 3 = 6 apprenticeships × £2,000 × 0.6 × 0.5 = £3,600.
    commitment = bolt_on_apprenticeships(quantity_by_year=(D("1"), D("2"), D("3")))
    assert value([commitment], D("200000")).total == D("3600")


# --- Double counting ---------------------------------------------------------------------------


def test_within_a_double_counting_group_only_the_largest_counts() -> None:
    # Local people employed: 3 × £5,000 = £15,000, all due to this contract, 20% deadweight:
    #   £15,000 × 1 × 0.8 = £12,000.
    # Jobs for long-term unemployed people: 2 × £8,000 = £16,000, 50% deadweight:
    #   £16,000 × 1 × 0.5 = £8,000.
    # Both are the same jobs (group "jobs"): only the £12,000 counts; the £8,000 is dropped.
    # The apprenticeships (£6,000, no group) count as well: total £18,000, under the £20,000 cap.
    local = Commitment(LOCAL_JOBS, (D("3"),), True, D("1"), D("0.2"), "jobs", PLAN)
    unemployed = Commitment(UNEMPLOYED_JOBS, (D("2"),), True, D("1"), D("0.5"), "jobs", PLAN)
    valuation = value([unemployed, local, bolt_on_apprenticeships()], D("200000"))

    dropped, kept, apprenticeships = valuation.lines
    assert kept.counted == D("12000")
    assert dropped.net == D("8000")
    assert dropped.counted == D("0")
    assert apprenticeships.counted == D("6000")
    assert valuation.total == D("18000")
    (flag,) = valuation.flags
    assert flag.kind == FlagKind.DOUBLE_COUNTED
    assert flag.commitment is unemployed
    assert (
        "Jobs for long-term unemployed people counts the same result as Local people employed"
        in (flag.reason)
    )
    assert flag.why in dropped.reasons


def test_commitments_in_different_groups_both_count() -> None:
    # £12,000 + £8,000 = £20,000: exactly the £20,000 cap, so it does not bite.
    local = Commitment(LOCAL_JOBS, (D("3"),), True, D("1"), D("0.2"), "jobs", PLAN)
    unemployed = Commitment(UNEMPLOYED_JOBS, (D("2"),), True, D("1"), D("0.5"), "other", PLAN)
    valuation = value([local, unemployed], D("200000"))

    assert valuation.total == D("20000")
    assert not valuation.capped
    assert FlagKind.DOUBLE_COUNTED not in kinds(valuation)


# --- The cap -----------------------------------------------------------------------------------


VOLUNTEER_DAYS = Commitment(VOLUNTEERING, (D("50"),), True, D("1"), D("0.6"), None, PLAN)


def test_the_cap_bites() -> None:
    # 50 days × £1,000 = £50,000 claimed, × 1 × (1 − 0.6) = £20,000 net.
    # Contract £100,000 at the guidance cap of 10%: only £10,000 counts. Per pound 0.1.
    assert D("0.10") == MONETISED_CAP_SHARE
    valuation = value([VOLUNTEER_DAYS], D("100000"))

    assert valuation.counted_before_cap == D("20000")
    assert valuation.cap == D("10000")
    assert valuation.capped
    assert valuation.total == D("10000")
    assert valuation.per_pound == D("0.1")
    words = " ".join(str(reason) for reason in valuation.reasons)
    assert "£20,000 would count, but the commissioner's cap is 10% of the contract value" in words


def test_the_commissioner_sets_a_higher_cap() -> None:
    # A 25% cap on £100,000 is £25,000: the £20,000 all counts. Per pound 0.2.
    valuation = value([VOLUNTEER_DAYS], D("100000"), cap_share=D("0.25"))

    assert not valuation.capped
    assert valuation.total == D("20000")
    assert valuation.per_pound == D("0.2")


# --- The bidder's record -----------------------------------------------------------------------


def test_a_track_record_weights_new_promises() -> None:
    # The bidder delivered 80% of earlier promises: £6,000 × 0.8 = £4,800.
    valuation = value([bolt_on_apprenticeships()], D("200000"), track_record=D("0.8"))

    assert valuation.track_record_weight == D("0.8")
    assert valuation.lines[0].weighted == D("4800")
    assert valuation.total == D("4800")
    assert "delivered 80% of what it promised" in str(valuation.reasons[0])


def test_a_poor_track_record_is_floored() -> None:
    # Delivered 10%: below the 25% floor, so weighted by 0.25: £6,000 × 0.25 = £1,500.
    assert D("0.25") == TRACK_RECORD_FLOOR
    valuation = value([bolt_on_apprenticeships()], D("200000"), track_record=D("0.1"))

    assert valuation.total == D("1500")
    assert "weighted by 25%, the least Commonweal's guidance allows" in str(valuation.reasons[0])


def test_no_track_record_leaves_promises_unweighted_and_says_so() -> None:
    valuation = value([bolt_on_apprenticeships()], D("200000"), track_record=None)

    assert valuation.total == D("6000")
    assert "not weighted" in str(valuation.reasons[0])


# --- Flags -------------------------------------------------------------------------------------


def test_a_commitment_claiming_more_than_the_contract_is_flagged() -> None:
    # £20,000 claimed on a £10,000 contract: more than the contract is worth, both for the
    # commitment and for the bid as a whole.
    valuation = value([bolt_on_apprenticeships()], D("10000"))

    assert kinds(valuation) == [FlagKind.IMPLAUSIBLE, FlagKind.IMPLAUSIBLE]
    assert "claims £20,000, more than the whole contract's value of £10,000" in (
        valuation.flags[0].reason
    )
    assert valuation.flags[1].commitment is None


def test_a_claim_equal_to_the_contract_is_not_flagged() -> None:
    # £20,000 claimed on a £20,000 contract: not more than it.
    assert value([bolt_on_apprenticeships()], D("20000")).flags == ()


def test_commitments_plausible_alone_but_not_together_flag_the_bid() -> None:
    # Two commitments of 3 apprenticeships each: £6,000 claimed each, £12,000 together, on a
    # £10,000 contract. Neither alone is more than the contract; together they are.
    three = bolt_on_apprenticeships(quantity_by_year=(D("3"),))
    valuation = value([three, three], D("10000"))

    (flag,) = valuation.flags
    assert flag.kind == FlagKind.IMPLAUSIBLE
    assert flag.commitment is None
    assert "Together the commitments claim £12,000" in flag.reason


@pytest.mark.parametrize("plan", ["", "   "])
def test_a_missing_evidence_plan_is_flagged(plan: str) -> None:
    valuation = value([bolt_on_apprenticeships(evidence_plan=plan)], D("200000"))

    (flag,) = valuation.flags
    assert flag.kind == FlagKind.NO_EVIDENCE_PLAN
    assert "Apprenticeships has no evidence plan" in flag.reason


def test_missing_attribution_is_the_worst_case_and_flagged() -> None:
    # No attribution: none of it is taken to be due to this contract, so £20,000 × 0 = £0.
    valuation = value([bolt_on_apprenticeships(attribution=None)], D("200000"))

    assert valuation.total == D("0")
    (flag,) = valuation.flags
    assert flag.kind == FlagKind.NO_ATTRIBUTION
    assert "the worst case" in flag.reason
    assert flag.why in valuation.lines[0].reasons


def test_missing_deadweight_is_the_worst_case_and_flagged() -> None:
    # No deadweight: all of it would happen anyway, so £20,000 × 0.6 × (1 − 1) = £0.
    valuation = value([bolt_on_apprenticeships(deadweight=None)], D("200000"))

    assert valuation.total == D("0")
    (flag,) = valuation.flags
    assert flag.kind == FlagKind.NO_DEADWEIGHT
    assert "all of it is taken to happen anyway" in flag.reason


def test_no_commitments_value_nothing() -> None:
    valuation = value([], D("200000"))
    assert valuation.total == D("0")
    assert valuation.per_pound == D("0")
    assert valuation.flags == ()


# --- Inherent social value ---------------------------------------------------------------------


def test_a_verified_asset_locked_local_social_enterprise_scores() -> None:
    # 9 points shared in three: 3 each. Asset lock 3; reinvests 80% of profits: 3 × 0.8 = 2.4;
    # locally owned and controlled 3. Total 8.4.
    facts = InherentFacts(
        asset_lock=True,
        profits_reinvested_percent=D("80"),
        locally_owned_and_controlled=True,
        verified=True,
    )
    points, reasons = inherent_score(facts, D("9"))

    assert points == D("8.4")
    words = [str(reason) for reason in reasons]
    assert words[0].startswith("Asset lock, 3 points")
    assert words[1].startswith("Profits reinvested, 2.4 points: it reinvests 80% of its profits")
    assert words[2].startswith("Local ownership and control, 3 points")


def test_an_unverified_claim_scores_nothing() -> None:
    # The same facts, claimed but not verified: 0 points, and the reason says why.
    facts = InherentFacts(True, D("80"), True, verified=False)
    points, reasons = inherent_score(facts, D("9"))

    assert points == D("0")
    (reason,) = reasons
    assert "not been verified" in str(reason)
    assert "never what is promised" in str(reason)


def test_a_national_charity_scores_only_its_asset_lock() -> None:
    # 10 points in three: 10/3 = 3.333..., rounded to 3.33. No profits share given, not local.
    facts = InherentFacts(True, None, False, verified=True)
    points, reasons = inherent_score(facts, D("10"))

    assert points == D("3.33")
    assert "no verified share of profits" in str(reasons[1])
    assert "0 points: it is not owned and run locally" in str(reasons[2])


# --- Bad input ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"attribution": D("1.5")}, "share attributable to this contract"),
        ({"deadweight": D("-0.1")}, "deadweight (the share that would happen anyway)"),
        ({"quantity_by_year": (D("4"), D("-1"))}, "quantity"),
    ],
)
def test_bad_commitments_are_refused_naming_the_field(
    changes: dict[str, object], field: str
) -> None:
    with pytest.raises(SocialValueInputError) as raised:
        bolt_on_apprenticeships(**changes)
    assert raised.value.field == field


def test_a_share_outside_0_to_1_says_so() -> None:
    with pytest.raises(ValueError, match="must be a share between 0 and 1. It was 1.5"):
        bolt_on_apprenticeships(attribution=D("1.5"))


def test_a_measure_without_a_proxy_value_cannot_be_monetised() -> None:
    commitment = Commitment(WELLBEING, (D("5"),), True, D("1"), D("0"), None, PLAN)
    with pytest.raises(SocialValueInputError) as raised:
        value([commitment], D("200000"))
    assert raised.value.field == "proxy value"
    assert "Resident wellbeing has no proxy value" in str(raised.value)


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        ({"contract_value": D("0")}, "contract value"),
        ({"cap_share": D("1.2")}, "cap on monetised social value"),
        ({"track_record": D("2")}, "track record (the share of earlier promises delivered)"),
    ],
)
def test_bad_valuation_figures_are_refused(arguments: dict[str, Decimal], field: str) -> None:
    call = {"contract_value": D("200000"), **arguments}
    with pytest.raises(SocialValueInputError) as raised:
        value([bolt_on_apprenticeships()], **call)
    assert raised.value.field == field


def test_a_negative_proxy_value_is_refused() -> None:
    with pytest.raises(SocialValueInputError) as raised:
        Measure("X", "Trees planted", "trees", D("-5"))
    assert raised.value.field == "proxy value"


def test_bad_inherent_figures_are_refused() -> None:
    with pytest.raises(SocialValueInputError) as raised:
        InherentFacts(True, D("120"), True, verified=True)
    assert raised.value.field == "share of profits reinvested"
    assert "between 0% and 100%. It was 120%." in str(raised.value)

    facts = InherentFacts(True, D("80"), True, verified=True)
    with pytest.raises(SocialValueInputError) as raised:
        inherent_score(facts, D("-1"))
    assert raised.value.field == "most points for inherent social value"
