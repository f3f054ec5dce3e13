"""The route advisor, route by route: the answers under which each route fits (and its reason), each
answer that rules it out (and that the advice names it), the rules of every route over many
combinations of answers, thresholds by the day the procurement starts, and the stored form.

Plain Python, no database. The figures are written here by hand from the law, never read from the
code under test: the Procurement Act 2023, Schedule 1 (thresholds including VAT: goods and
services for sub-central authorities £214,904 until 31 December 2025 and £207,720 from
1 January 2026; central government £135,018 from 2026; light touch £663,540), section 33 (a
reserved contract lasts five years at most), sections 51 and 52 (8 working days' standstill;
KPIs above £5 million), section 68 (30 days), Part 6 (below-threshold notices from £30,000,
£12,000 for central government); the Provider Selection Regime (England, from 1 January 2024).
"""

import itertools
import json
from dataclasses import fields, replace
from datetime import date
from decimal import Decimal

import pytest

from commonweal.commissioning.routes import (
    ALLIANCE_MIN_MONTHS,
    INVESTMENT_MIN_MONTHS,
    NOT_LEGAL_ADVICE,
    QUESTIONS,
    Advice,
    Answers,
    Buyer,
    InvalidAnswer,
    Route,
    ServiceKind,
    advise,
)
from commonweal.core.policy import Jurisdiction

D = Decimal
IN_2026 = date(2026, 3, 2)
SUB_CENTRAL_2025 = D("214904")
SUB_CENTRAL_2026 = D("207720")
CENTRAL_2026 = D("135018")
LIGHT_TOUCH = D("663540")
ANSWER_FIELDS = {field.name for field in fields(Answers)}

# Plain services for a council in England, above the threshold, with a market and nothing else.
BASE = {
    "service_kind": ServiceKind.OTHER_SERVICES,
    "estimated_value": D("500000"),
    "duration_months": 24,
    "buyer": Buyer.SUB_CENTRAL,
    "starts_on": IN_2026,
    "jurisdiction": Jurisdiction.ENGLAND,
    "market_exists": True,
    "incumbent": False,
    "incumbent_satisfactory": False,
    "needs_innovation": False,
    "users_choose_provider": False,
    "suits_grant": False,
    "outcomes_measurable": False,
    "provider_needs_investment": False,
    "multi_agency": False,
    "framework_available": False,
    "mutuals_in_market": False,
}
HEALTH = {"service_kind": ServiceKind.HEALTH_CARE, "buyer": Buyer.NHS}
PEOPLE = {"service_kind": ServiceKind.LIGHT_TOUCH, "estimated_value": D("700000")}


def answers(**changes) -> Answers:
    return Answers(**{**BASE, **changes})


def verdict(route: Route, **changes):
    return advise(answers(**changes)).route(route)


def words(messages) -> str:
    return " ".join(str(m) for m in messages)


# Answers under which each route fits.
FITTING = {
    Route.GRANT: {"suits_grant": True},
    Route.BELOW_THRESHOLD: {"estimated_value": D("150000")},
    Route.OPEN: {},
    Route.COMPETITIVE_FLEXIBLE: {"needs_innovation": True},
    Route.LIGHT_TOUCH: PEOPLE,
    Route.RESERVED_MUTUAL: {**PEOPLE, "mutuals_in_market": True, "duration_months": 60},
    Route.DIRECT_AWARD: {"market_exists": False},
    Route.FRAMEWORK_CALL_OFF: {"framework_available": True},
    Route.DYNAMIC_MARKET: {**PEOPLE, "users_choose_provider": True},
    Route.ALLIANCE: {"multi_agency": True, "duration_months": ALLIANCE_MIN_MONTHS},
    Route.STRATEGIC_PARTNERSHIP: {},
    Route.OUTCOMES_CONTRACT: {
        "outcomes_measurable": True,
        "provider_needs_investment": True,
        "duration_months": INVESTMENT_MIN_MONTHS,
    },
    Route.PILOT: {"needs_innovation": True},
    Route.SMALL_LOTS: {},
    Route.PSR_DIRECT_AWARD_A: {**HEALTH, "incumbent": True, "market_exists": False},
    Route.PSR_DIRECT_AWARD_B: {**HEALTH, "users_choose_provider": True},
    Route.PSR_DIRECT_AWARD_C: {**HEALTH, "incumbent": True, "incumbent_satisfactory": True},
    Route.PSR_MOST_SUITABLE_PROVIDER: HEALTH,
    Route.PSR_COMPETITIVE: HEALTH,
}

# The reason each fitting route gives, in its own words.
REASONS = {
    Route.GRANT: "fund someone else's purpose",
    Route.BELOW_THRESHOLD: "£150,000 is below the threshold of £207,720",
    Route.OPEN: "£500,000 is at or above the threshold of £207,720",
    Route.COMPETITIVE_FLEXIBLE: "design stages to develop it",
    Route.LIGHT_TOUCH: "above the threshold of £663,540 for light touch services",
    Route.RESERVED_MUTUAL: "60 months is within the 5 years allowed",
    Route.DIRECT_AWARD: "Only one provider can deliver it",
    Route.FRAMEWORK_CALL_OFF: "An existing framework covers this service",
    Route.DYNAMIC_MARKET: "People choose their provider",
    Route.ALLIANCE: "Several agencies would commission it together",
    Route.STRATEGIC_PARTNERSHIP: "a lead provider can hold the contract",
    Route.OUTCOMES_CONTRACT: "social investors can fund delivery up front",
    Route.PILOT: "You need something new",
    Route.SMALL_LOTS: "lots let small local providers bid",
    Route.PSR_DIRECT_AWARD_A: "Only the existing provider can deliver it",
    Route.PSR_DIRECT_AWARD_B: "Patients choose their provider",
    Route.PSR_DIRECT_AWARD_C: "The existing provider delivers well",
    Route.PSR_MOST_SUITABLE_PROVIDER: "identify the most suitable provider",
    Route.PSR_COMPETITIVE: "a competition tests who offers the best",
}


@pytest.mark.parametrize("route", list(Route), ids=lambda route: route.value)
def test_each_route_fits_some_answers_and_says_why(route):
    advice = verdict(route, **FITTING[route])
    assert advice.fits is True
    assert advice.ruled_out_by == ()
    assert REASONS[route] in words(advice.why)
    assert advice.references and all(
        ref.url.startswith(("https://www.legislation.gov.uk/", "https://www.gov.uk/"))
        for ref in advice.references
    )


# (route, the answer changed from FITTING[route], the question the advice must name)
RULED_OUT = [
    (Route.GRANT, {"suits_grant": False}, "suits_grant"),
    (Route.BELOW_THRESHOLD, {"estimated_value": SUB_CENTRAL_2026}, "estimated_value"),
    (Route.BELOW_THRESHOLD, HEALTH, "service_kind"),
    (Route.BELOW_THRESHOLD, {"jurisdiction": Jurisdiction.SCOTLAND}, "jurisdiction"),
    (Route.BELOW_THRESHOLD, {"starts_on": date(2025, 2, 23)}, "starts_on"),
    (Route.OPEN, {"estimated_value": SUB_CENTRAL_2026 - D("0.01")}, "estimated_value"),
    (Route.OPEN, {"market_exists": False}, "market_exists"),
    (Route.OPEN, HEALTH, "service_kind"),
    (Route.OPEN, {"jurisdiction": Jurisdiction.SCOTLAND}, "jurisdiction"),
    (Route.COMPETITIVE_FLEXIBLE, {"estimated_value": D("100000")}, "estimated_value"),
    (Route.COMPETITIVE_FLEXIBLE, {"market_exists": False}, "market_exists"),
    (Route.COMPETITIVE_FLEXIBLE, HEALTH, "service_kind"),
    (Route.LIGHT_TOUCH, {"service_kind": ServiceKind.OTHER_SERVICES}, "service_kind"),
    (Route.LIGHT_TOUCH, {"estimated_value": LIGHT_TOUCH - D("1")}, "estimated_value"),
    (Route.LIGHT_TOUCH, HEALTH, "service_kind"),
    (Route.RESERVED_MUTUAL, {"duration_months": 61}, "duration_months"),
    (Route.RESERVED_MUTUAL, {"service_kind": ServiceKind.GOODS}, "service_kind"),
    (Route.RESERVED_MUTUAL, {"mutuals_in_market": False}, "mutuals_in_market"),
    (Route.RESERVED_MUTUAL, {"estimated_value": D("600000")}, "estimated_value"),
    (Route.DIRECT_AWARD, {"market_exists": True}, "market_exists"),
    (Route.DIRECT_AWARD, {"market_exists": True}, "users_choose_provider"),
    (Route.DIRECT_AWARD, {"estimated_value": D("150000")}, "estimated_value"),
    (
        Route.DIRECT_AWARD,
        {"market_exists": True, "users_choose_provider": True, "service_kind": ServiceKind.GOODS},
        "service_kind",
    ),
    (Route.FRAMEWORK_CALL_OFF, {"framework_available": False}, "framework_available"),
    (Route.FRAMEWORK_CALL_OFF, {"market_exists": False}, "market_exists"),
    (Route.DYNAMIC_MARKET, {"market_exists": False}, "market_exists"),
    (Route.DYNAMIC_MARKET, {"users_choose_provider": False}, "users_choose_provider"),
    (Route.DYNAMIC_MARKET, {"users_choose_provider": False}, "framework_available"),
    (Route.ALLIANCE, {"multi_agency": False}, "multi_agency"),
    (Route.ALLIANCE, {"duration_months": ALLIANCE_MIN_MONTHS - 1}, "duration_months"),
    (Route.ALLIANCE, {"market_exists": False}, "market_exists"),
    (Route.ALLIANCE, {"jurisdiction": Jurisdiction.SCOTLAND}, "jurisdiction"),
    (Route.STRATEGIC_PARTNERSHIP, {"market_exists": False}, "market_exists"),
    (Route.OUTCOMES_CONTRACT, {"outcomes_measurable": False}, "outcomes_measurable"),
    (Route.OUTCOMES_CONTRACT, {"duration_months": INVESTMENT_MIN_MONTHS - 1}, "duration_months"),
    (Route.PILOT, {"needs_innovation": False}, "needs_innovation"),
    (Route.PILOT, {"starts_on": date(2025, 1, 31)}, "starts_on"),
    (Route.SMALL_LOTS, {"market_exists": False}, "market_exists"),
    (Route.SMALL_LOTS, {"estimated_value": D("29999.99")}, "estimated_value"),
    (Route.PSR_DIRECT_AWARD_A, {"incumbent": False}, "incumbent"),
    (Route.PSR_DIRECT_AWARD_A, {"market_exists": True}, "market_exists"),
    (Route.PSR_DIRECT_AWARD_A, {"service_kind": ServiceKind.LIGHT_TOUCH}, "service_kind"),
    (Route.PSR_DIRECT_AWARD_A, {"jurisdiction": Jurisdiction.WALES}, "jurisdiction"),
    (Route.PSR_DIRECT_AWARD_A, {"buyer": Buyer.CENTRAL_GOVERNMENT}, "buyer"),
    (Route.PSR_DIRECT_AWARD_A, {"starts_on": date(2023, 12, 31)}, "starts_on"),
    (Route.PSR_DIRECT_AWARD_B, {"users_choose_provider": False}, "users_choose_provider"),
    (Route.PSR_DIRECT_AWARD_B, {"incumbent": True, "market_exists": False}, "market_exists"),
    (Route.PSR_DIRECT_AWARD_C, {"incumbent": False}, "incumbent"),
    (Route.PSR_DIRECT_AWARD_C, {"incumbent_satisfactory": False}, "incumbent_satisfactory"),
    (Route.PSR_DIRECT_AWARD_C, {"users_choose_provider": True}, "users_choose_provider"),
    (Route.PSR_DIRECT_AWARD_C, {"market_exists": False}, "market_exists"),
    (Route.PSR_MOST_SUITABLE_PROVIDER, {"users_choose_provider": True}, "users_choose_provider"),
    (
        Route.PSR_MOST_SUITABLE_PROVIDER,
        {"incumbent": True, "market_exists": False},
        "market_exists",
    ),
    (Route.PSR_MOST_SUITABLE_PROVIDER, {"service_kind": ServiceKind.GOODS}, "service_kind"),
    (Route.PSR_COMPETITIVE, {"market_exists": False}, "market_exists"),
    (Route.PSR_COMPETITIVE, {"users_choose_provider": True}, "users_choose_provider"),
]


def _case_id(case) -> str:
    route, changes, question = case
    changed = ",".join(f"{key}={value}" for key, value in changes.items())
    return f"{route.value}-{question}-{changed}"


@pytest.mark.parametrize(("route", "changes", "question"), RULED_OUT, ids=map(_case_id, RULED_OUT))
def test_an_answer_that_contradicts_a_route_rules_it_out_and_is_named(route, changes, question):
    advice = verdict(route, **{**FITTING[route], **changes})
    assert advice.fits is False
    assert advice.why == ()
    assert question in {ruled.question for ruled in advice.ruled_out_by}
    assert all(str(ruled.why) for ruled in advice.ruled_out_by)


def test_every_route_has_a_ruling_out_case_and_every_question_it_names_is_an_answer():
    assert {route for route, _, _ in RULED_OUT} == set(Route)
    assert {question for _, _, question in RULED_OUT} <= ANSWER_FIELDS


# --- The rules hold over many combinations of answers ------------------------------------------

YES_NO = [
    "market_exists",
    "incumbent",
    "incumbent_satisfactory",
    "needs_innovation",
    "users_choose_provider",
    "suits_grant",
    "outcomes_measurable",
    "provider_needs_investment",
    "multi_agency",
    "framework_available",
    "mutuals_in_market",
]
# (kind, buyer, where, value, months, starts): each is crossed with every yes/no combination.
SETTINGS = [
    (ServiceKind.OTHER_SERVICES, Buyer.SUB_CENTRAL, "england", "210000", 24, date(2025, 12, 31)),
    (ServiceKind.OTHER_SERVICES, Buyer.SUB_CENTRAL, "england", "210000", 24, date(2026, 1, 1)),
    (ServiceKind.GOODS, Buyer.CENTRAL_GOVERNMENT, "northern_ireland", "20000", 6, IN_2026),
    (ServiceKind.LIGHT_TOUCH, Buyer.SUB_CENTRAL, "wales", "700000", 60, IN_2026),
    (ServiceKind.LIGHT_TOUCH, Buyer.NHS, "england", "5000000.01", 72, IN_2026),
    (ServiceKind.HEALTH_CARE, Buyer.NHS, "england", "900000", 36, IN_2026),
    (ServiceKind.HEALTH_CARE, Buyer.CENTRAL_GOVERNMENT, "england", "600000", 35, IN_2026),
    (ServiceKind.WORKS, Buyer.SUB_CENTRAL, "scotland", "6000000", 48, IN_2026),
    (ServiceKind.OTHER_SERVICES, Buyer.NHS, "england", "100000", 12, date(2025, 1, 1)),
]
ACT_ROUTES = {
    Route.BELOW_THRESHOLD,
    Route.OPEN,
    Route.COMPETITIVE_FLEXIBLE,
    Route.LIGHT_TOUCH,
    Route.RESERVED_MUTUAL,
    Route.DIRECT_AWARD,
    Route.FRAMEWORK_CALL_OFF,
    Route.DYNAMIC_MARKET,
}
PSR_ROUTES = {route for route in Route if route.value.startswith("psr_")}


def _threshold(kind, buyer, day) -> Decimal:
    """Schedule 1's threshold for the contract, by hand."""
    if kind in (ServiceKind.LIGHT_TOUCH, ServiceKind.HEALTH_CARE):
        return LIGHT_TOUCH
    if kind is ServiceKind.WORKS:
        return D("5372609") if day < date(2026, 1, 1) else D("5193000")
    if buyer is Buyer.CENTRAL_GOVERNMENT:
        return D("139688") if day < date(2026, 1, 1) else CENTRAL_2026
    return SUB_CENTRAL_2025 if day < date(2026, 1, 1) else SUB_CENTRAL_2026


def _check_rules(a: Answers, advice: Advice) -> None:
    fit = {v.route for v in advice.routes if v.fits}
    assert [v.route for v in advice.routes].count(Route.GRANT) == 1
    assert len(advice.routes) == len(Route)
    assert [v.fits for v in advice.routes] == sorted((v.fits for v in advice.routes), reverse=True)
    for v in advice.routes:
        if v.fits:
            assert v.ruled_out_by == () and v.why, v.route
        else:
            assert v.ruled_out_by and v.why == (), v.route
            assert {r.question for r in v.ruled_out_by} <= ANSWER_FIELDS

    psr = (
        a.service_kind is ServiceKind.HEALTH_CARE
        and a.buyer is not Buyer.CENTRAL_GOVERNMENT
        and a.jurisdiction is Jurisdiction.ENGLAND
        and a.starts_on >= date(2024, 1, 1)
    )
    act = (
        not psr and a.jurisdiction is not Jurisdiction.SCOTLAND and a.starts_on >= date(2025, 2, 24)
    )
    people = a.service_kind in (ServiceKind.LIGHT_TOUCH, ServiceKind.HEALTH_CARE)
    above = act and a.estimated_value >= _threshold(a.service_kind, a.buyer, a.starts_on)
    only_existing = a.incumbent and not a.market_exists

    assert (Route.GRANT in fit) is a.suits_grant
    if not act:
        assert not fit & ACT_ROUTES
    if not psr:
        assert not fit & PSR_ROUTES
    if not act and not psr:
        assert fit <= {Route.GRANT}
    if act:  # a commissioner always gets a lawful way to buy
        assert fit & {Route.BELOW_THRESHOLD, Route.OPEN, Route.DIRECT_AWARD}
    if psr:
        assert fit & {
            Route.PSR_DIRECT_AWARD_A,
            Route.PSR_DIRECT_AWARD_B,
            Route.PSR_MOST_SUITABLE_PROVIDER,
        }
    if Route.BELOW_THRESHOLD in fit:
        assert act and not above
    for competitive in (Route.OPEN, Route.COMPETITIVE_FLEXIBLE):
        if competitive in fit:
            assert above and a.market_exists
    if Route.LIGHT_TOUCH in fit:
        assert above and people
    if Route.RESERVED_MUTUAL in fit:
        assert above and people and a.mutuals_in_market and a.duration_months <= 60
    if Route.DIRECT_AWARD in fit:
        assert above and (not a.market_exists or (a.users_choose_provider and people))
    if Route.FRAMEWORK_CALL_OFF in fit:
        assert a.framework_available and a.market_exists
    if Route.DYNAMIC_MARKET in fit:
        assert a.market_exists and (a.users_choose_provider or a.framework_available)
    if Route.ALLIANCE in fit:
        assert a.multi_agency and a.market_exists and a.duration_months >= ALLIANCE_MIN_MONTHS
    if Route.STRATEGIC_PARTNERSHIP in fit or Route.SMALL_LOTS in fit:
        assert a.market_exists
    if Route.SMALL_LOTS in fit and act:
        small = D("12000") if a.buyer is Buyer.CENTRAL_GOVERNMENT else D("30000")
        assert a.estimated_value >= small
    if Route.OUTCOMES_CONTRACT in fit:
        assert a.outcomes_measurable
        assert not a.provider_needs_investment or a.duration_months >= INVESTMENT_MIN_MONTHS
    if Route.PILOT in fit:
        assert a.needs_innovation
    if psr:
        assert (Route.PSR_DIRECT_AWARD_A in fit) is only_existing
        assert (Route.PSR_DIRECT_AWARD_B in fit) is (a.users_choose_provider and not only_existing)
        assert (Route.PSR_DIRECT_AWARD_C in fit) is (
            a.incumbent
            and a.incumbent_satisfactory
            and not a.users_choose_provider
            and not only_existing
        )
        if Route.PSR_COMPETITIVE in fit:
            assert a.market_exists and not a.users_choose_provider


@pytest.mark.parametrize(
    "setting", SETTINGS, ids=lambda s: f"{s[0].value}-{s[1].value}-{s[2]}-{s[3]}-{s[4]}m-{s[5]}"
)
def test_the_rules_of_every_route_hold_for_every_combination_of_yes_and_no(setting):
    kind, buyer, where, value, months, starts = setting
    for combination in itertools.product((False, True), repeat=len(YES_NO)):
        a = Answers(
            service_kind=kind,
            estimated_value=D(value),
            duration_months=months,
            buyer=buyer,
            starts_on=starts,
            jurisdiction=Jurisdiction(where),
            **dict(zip(YES_NO, combination, strict=True)),
        )
        _check_rules(a, advise(a))


# --- Thresholds by the day the procurement starts -----------------------------------------------


def test_the_same_contract_is_below_the_threshold_on_31_december_2025_and_above_it_on_1_january():
    value = D("210000")  # above 2026's £207,720, below 2025's £214,904
    before = advise(answers(estimated_value=value, starts_on=date(2025, 12, 31)))
    after = advise(answers(estimated_value=value, starts_on=date(2026, 1, 1)))

    assert before.threshold == SUB_CENTRAL_2025 and before.above_threshold is False
    assert before.route(Route.BELOW_THRESHOLD).fits is True
    assert before.route(Route.OPEN).fits is False
    assert "estimated_value" in {r.question for r in before.route(Route.OPEN).ruled_out_by}
    assert "£214,904" in str(before.regime)

    assert after.threshold == SUB_CENTRAL_2026 and after.above_threshold is True
    assert after.route(Route.BELOW_THRESHOLD).fits is False
    assert after.route(Route.OPEN).fits is True
    assert "£207,720" in str(after.regime)
    assert "S.I. 2025/1200" in after.threshold_source


def test_nhs_bodies_use_the_sub_central_figure_and_central_government_the_lower_one():
    nhs = advise(
        answers(buyer=Buyer.NHS, service_kind=ServiceKind.GOODS, estimated_value=D("150000"))
    )
    central = advise(
        answers(
            buyer=Buyer.CENTRAL_GOVERNMENT,
            service_kind=ServiceKind.GOODS,
            estimated_value=D("150000"),
        )
    )
    assert nhs.threshold == SUB_CENTRAL_2026 and nhs.above_threshold is False
    assert central.threshold == CENTRAL_2026 and central.above_threshold is True


def test_before_the_act_the_advice_says_so_instead_of_failing():
    advice = advise(answers(starts_on=date(2025, 2, 23), suits_grant=True))
    assert advice.threshold is None
    assert "24 February 2025" in str(advice.regime)
    assert "Public Contracts Regulations 2015" in str(advice.regime)
    assert [v.route for v in advice.routes if v.fits] == [Route.GRANT]


def test_in_scotland_every_route_of_the_act_is_ruled_out_by_where_the_buyer_is():
    advice = advise(answers(jurisdiction=Jurisdiction.SCOTLAND))
    assert advice.threshold is None
    assert "does not apply to devolved Scottish authorities" in str(advice.regime)
    assert "does not cover Scotland" in str(advice.regime)
    for route in ACT_ROUTES:
        assert "jurisdiction" in {r.question for r in advice.route(route).ruled_out_by}


def test_health_care_for_the_nhs_in_england_follows_the_provider_selection_regime():
    advice = advise(answers(**HEALTH, estimated_value=D("10000000")))
    assert "Provider Selection Regime applies" in str(advice.regime)
    assert advice.threshold is None and advice.above_threshold is False
    assert advice.route(Route.OPEN).ruled_out_by[0].question == "service_kind"
    # bought by a central government department, health care is a light touch service under the Act
    central = advise(
        answers(
            service_kind=ServiceKind.HEALTH_CARE,
            estimated_value=D("700000"),
            buyer=Buyer.CENTRAL_GOVERNMENT,
        )
    )
    assert central.threshold == LIGHT_TOUCH
    assert central.route(Route.LIGHT_TOUCH).fits is True


# --- What follows --------------------------------------------------------------------------------


def test_a_public_contract_has_a_standstill_of_8_working_days_and_30_day_payment_terms():
    follows = words(verdict(Route.OPEN).follows)
    assert "standstill of at least 8 working days" in follows
    assert "paid within 30 days (section 68)" in follows
    assert "section 73" in follows


def test_kpis_are_required_for_contracts_worth_more_than_5_million():
    at = words(verdict(Route.OPEN, estimated_value=D("5000000")).follows)
    above = words(verdict(Route.OPEN, estimated_value=D("5000000.01")).follows)
    assert "at least 3 key performance indicators" not in at
    assert "your choice" in at
    assert "at least 3 key performance indicators" in above


@pytest.mark.parametrize(
    ("buyer", "value", "notices"),
    [
        (Buyer.SUB_CENTRAL, "30000", True),
        (Buyer.SUB_CENTRAL, "29999.99", False),
        (Buyer.CENTRAL_GOVERNMENT, "12000", True),
        (Buyer.CENTRAL_GOVERNMENT, "11999.99", False),
    ],
)
def test_below_threshold_notices_from_30000_or_12000_for_central_government(buyer, value, notices):
    follows = words(verdict(Route.BELOW_THRESHOLD, buyer=buyer, estimated_value=D(value)).follows)
    assert ("below-threshold tender notice" in follows) is notices
    assert "paid within 30 days (section 88)" in follows


def test_a_reserved_contract_looks_back_three_years_and_a_user_choice_award_has_no_standstill():
    assert "in the last 3 years" in words(
        verdict(Route.RESERVED_MUTUAL, **FITTING[Route.RESERVED_MUTUAL]).requires
    )
    user_choice = verdict(Route.DIRECT_AWARD, **PEOPLE, users_choose_provider=True)
    assert user_choice.fits is True
    assert "no contract award notice and no standstill" in words(user_choice.follows)
    assert "transparency notice" in words(user_choice.requires)


def test_psr_processes_c_onwards_have_a_standstill_of_8_working_days_and_a_and_b_none():
    c = verdict(Route.PSR_DIRECT_AWARD_C, **FITTING[Route.PSR_DIRECT_AWARD_C])
    a = verdict(Route.PSR_DIRECT_AWARD_A, **FITTING[Route.PSR_DIRECT_AWARD_A])
    assert "standstill of 8 working days" in words(c.follows)
    assert "standstill" not in words(a.follows)
    assert "do not apply" in words(c.follows)  # the Act's KPI and payment duties


# --- Answers refused, questions, the stored form -----------------------------------------------


@pytest.mark.parametrize(
    ("changes", "question"),
    [
        ({"estimated_value": D("-1")}, "estimated_value"),
        ({"duration_months": 0}, "duration_months"),
    ],
)
def test_impossible_answers_are_refused_with_a_reason(changes, question):
    with pytest.raises(InvalidAnswer) as refused:
        answers(**changes)
    assert refused.value.question == question
    assert str(refused.value.why)


def test_money_is_never_a_float():
    with pytest.raises(TypeError):
        answers(estimated_value=500000.0)


def test_the_questions_fill_every_answer_in_order_and_skip_what_does_not_apply():
    assert [q.key for q in QUESTIONS][:3] == ["service_kind", "buyer", "jurisdiction"]
    assert sorted(q.key for q in QUESTIONS) == sorted(ANSWER_FIELDS)
    by_key = {q.key: q for q in QUESTIONS}
    assert by_key["incumbent_satisfactory"].is_asked({"incumbent": "yes"}) is True
    assert by_key["incumbent_satisfactory"].is_asked({"incumbent": False}) is False
    assert by_key["mutuals_in_market"].is_asked({"service_kind": "light_touch"}) is True
    assert by_key["mutuals_in_market"].is_asked({"service_kind": "goods"}) is False
    assert {value for value, _ in by_key["service_kind"].choices} == {k.value for k in ServiceKind}
    assert {value for value, _ in by_key["buyer"].choices} == {b.value for b in Buyer}


def test_advice_survives_being_stored_as_json_and_read_back():
    advice = advise(answers(**FITTING[Route.OUTCOMES_CONTRACT], multi_agency=True))
    stored = json.loads(json.dumps(advice.as_json()))
    assert stored["answers"]["estimated_value"] == "500000"
    assert stored["answers"]["starts_on"] == "2026-03-02"
    back = Advice.from_json(stored)
    assert back == advice
    assert [str(m) for m in back.route(Route.OUTCOMES_CONTRACT).why] == [
        str(m) for m in advice.route(Route.OUTCOMES_CONTRACT).why
    ]
    assert Answers.from_json(stored["answers"]) == advice.answers


def test_answers_read_back_refuse_a_missing_or_unusable_answer():
    stored = answers().as_json()
    with pytest.raises(InvalidAnswer) as missing:
        Answers.from_json({k: v for k, v in stored.items() if k != "buyer"})
    assert missing.value.question == "buyer"
    with pytest.raises(InvalidAnswer) as unusable:
        Answers.from_json({**stored, "estimated_value": "lots"})
    assert unusable.value.question == "estimated_value"
    assert replace(answers(), duration_months=12).duration_months == 12


def test_the_advice_says_plainly_it_is_not_legal_advice():
    assert str(Advice.NOT_LEGAL_ADVICE).startswith("This is not legal advice.")
    assert NOT_LEGAL_ADVICE is Advice.NOT_LEGAL_ADVICE
