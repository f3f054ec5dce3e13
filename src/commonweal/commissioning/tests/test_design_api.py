"""The API's market, requirements, barrier check and lots endpoints: who may read and who may
change them, the flags naming the providers they shut out and going away when fixed, lots worth
more than the plan refused, bad input answered with field errors and nothing saved, the same
work for 3 providers as for 30.

The plan (conftest.py) has £1,200,000 over 60 months: £240,000 a year. Its providers have yearly
turnovers of £180,000 (Harbour Housing Co-op), £900,000 (Riverside Recovery) and £90m (Nationwide
Care plc)."""

from decimal import Decimal

import pytest

from commonweal.commissioning import services, services_design
from commonweal.commissioning.models import Lot, Requirements
from commonweal.core.models import AuditEntry
from commonweal.testing.factories import OrganisationFactory
from commonweal.testing.queries import no_growth, queries_for

pytestmark = pytest.mark.django_db

CALLERS = ["anonymous", "resident", "stranger", "other_staff", "self_made", "staff", "back_office"]
MANAGERS = {"staff", "back_office"}

HARSH = {
    "minimum_turnover": "1000000",
    "payment_terms": "monthly_in_arrears",
    "contract_months": 60,
    "price_weighting": "70",
    "social_value_weighting": "5",
    "accreditations": [],
}
FAIR = {
    **HARSH,
    "minimum_turnover": "400000",
    "price_weighting": "50",
    "social_value_weighting": "20",
}


@pytest.fixture
def token_of(request, token_for):
    def _token_of(who: str):
        return None if who == "anonymous" else token_for(request.getfixturevalue(who))

    return _token_of


@pytest.fixture
def lot(plan, staff):
    return services_design.lot_save(
        actor=staff,
        plan=plan,
        title="Young people",
        split_by=Lot.SplitBy.COHORT,
        value=Decimal("300000"),
    )


def at(plan, part: str) -> str:
    return f"/api/plans/{plan.pk}/{part}"


def names(group) -> list[str]:
    return [provider["name"] for provider in group["providers"]]


# --- who may ---------------------------------------------------------------------------------


@pytest.mark.parametrize("who", CALLERS)
@pytest.mark.parametrize("part", ["market/", "barriers/", "lots/"])
def test_a_draft_plans_design_is_read_only_by_those_who_run_it(
    api, token_of, plan, providers, who, part
):
    response = api.get(at(plan, part), token=token_of(who))
    # A draft is as unknown as a missing plan to everyone else.
    assert response.status_code == (200 if who in MANAGERS else 404)


@pytest.mark.parametrize("who", CALLERS)
@pytest.mark.parametrize("part", ["market/", "barriers/", "lots/", "requirements/", "lots/{lot}/"])
def test_everyone_reads_a_published_plans_design(api, token_of, published, staff, lot, who, part):
    services_design.requirements_save(
        actor=staff,
        plan=published,
        payment_terms="monthly_in_arrears",
        contract_months=60,
        price_weighting=Decimal("60"),
        social_value_weighting=Decimal("10"),
    )
    response = api.get(at(published, part.format(lot=lot.pk)), token=token_of(who))
    assert response.status_code == 200


@pytest.mark.parametrize("who", CALLERS)
def test_only_those_who_run_the_plan_set_its_requirements(api, token_of, published, who):
    response = api.put(at(published, "requirements/"), HARSH, token=token_of(who))
    expected = {"anonymous": 401}.get(who, 201 if who in MANAGERS else 403)
    assert response.status_code == expected
    assert Requirements.objects.filter(plan=published).exists() == (who in MANAGERS)


@pytest.mark.parametrize("who", CALLERS)
def test_only_those_who_run_the_plan_add_change_and_remove_its_lots(
    api, token_of, published, lot, who
):
    token = token_of(who)
    added = api.post(
        at(published, "lots/"), {"title": "New", "split_by": "strand", "value": "1000"}, token=token
    )
    changed = api.patch(at(published, f"lots/{lot.pk}/"), {"title": "Changed"}, token=token)
    removed = api.delete(at(published, f"lots/{lot.pk}/"), token=token)
    if who in MANAGERS:
        assert (added.status_code, changed.status_code, removed.status_code) == (201, 200, 204)
        assert list(Lot.objects.values_list("title", flat=True)) == ["New"]
    else:
        refused = 401 if who == "anonymous" else 403
        assert {added.status_code, changed.status_code, removed.status_code} == {refused}
        assert list(Lot.objects.values_list("title", flat=True)) == ["Young people"]


@pytest.mark.parametrize("who", ["resident", "stranger", "other_staff", "self_made"])
def test_a_draft_is_unknown_to_those_who_would_change_it(api, token_of, plan, lot, who):
    token = token_of(who)
    assert api.put(at(plan, "requirements/"), HARSH, token=token).status_code == 404
    assert (
        api.post(
            at(plan, "lots/"), {"title": "x", "split_by": "strand", "value": "1"}, token=token
        ).status_code
        == 404
    )
    assert api.delete(at(plan, f"lots/{lot.pk}/"), token=token).status_code == 404
    assert not Requirements.objects.exists() and Lot.objects.count() == 1


def test_unknown_plans_and_lots_are_not_found(api, token_for, staff, plan, lot):
    token = token_for(staff)
    assert api.get("/api/plans/999999/market/", token=token).status_code == 404
    assert api.get(at(plan, "lots/999999/"), token=token).status_code == 404
    other = services.plan_create(
        actor=staff, place=plan.place, lead=plan.lead, title="Another", summary="Another plan."
    )
    assert api.get(at(other, f"lots/{lot.pk}/"), token=token).status_code == 404


# --- the market ------------------------------------------------------------------------------


def test_the_market_counts_providers_and_says_where_the_money_goes(
    api, published, staff, providers
):
    harbour, recovery, nationwide = providers
    for provider, amount in ((harbour, "100000"), (recovery, "300000"), (nationwide, "600000")):
        services.current_contract_add(
            actor=staff,
            plan=published,
            provider=provider,
            description="Support",
            annual_value=Decimal(amount),
        )
    market = api.get(at(published, "market/")).json()
    assert market["place"] == published.place.slug
    assert market["provider_count"] == 3
    assert [(row["code"], row["count"]) for row in market["by_size_band"]] == [
        ("small", 2),
        ("large", 1),
    ]
    spend = market["current_spend"]
    assert spend["source"] == "plan"
    assert (spend["total"], spend["vcse"], spend["sme"]) == ("1000000.00", "300000.00", "400000.00")
    assert (spend["vcse_share"], spend["sme_share"]) == ("30.0", "40.0")
    whole = market["whole_plan"]
    assert (whole["months"], whole["annual_value"]) == (60, "240000.00")
    assert names(whole["can_bid"]) == ["Nationwide Care plc", "Riverside Recovery"]
    assert names(whole["too_small"]) == ["Harbour Housing Co-op"]
    assert whole["too_small"]["providers"][0]["slug"] == harbour.slug
    assert whole["consortium_possible"] is False


def test_long_lists_of_names_are_cut_short(api, published, riverside):
    for number in range(53):
        OrganisationFactory(
            name=f"Provider {number:02d}", annual_turnover=Decimal("5000000")
        ).places_served.add(riverside)
    can_bid = api.get(at(published, "market/")).json()["whole_plan"]["can_bid"]
    assert (can_bid["count"], len(can_bid["providers"]), can_bid["more"]) == (53, 50, 3)
    assert can_bid["providers"][-1]["name"] == "Provider 49"


# --- requirements and the barrier check ------------------------------------------------------


def test_requirements_are_not_found_until_they_are_set(api, published):
    response = api.get(at(published, "requirements/"))
    assert response.status_code == 404
    assert "not set yet" in response.json()["detail"]
    check = api.get(at(published, "barriers/")).json()
    assert check["requirements_set"] is False
    assert check["flags"] == [] and check["checks"] == []


def test_the_flags_name_the_providers_they_shut_out_and_go_when_fixed(
    api, token_for, published, staff, providers
):
    token = token_for(staff)
    assert api.put(at(published, "requirements/"), HARSH, token=token).status_code == 201
    check = api.get(at(published, "barriers/")).json()
    assert check["requirements_set"] is True
    assert (check["checked_on"], check["jurisdiction"]) == ("2027-03-01", "england")
    flags = {flag["rule"]: flag for flag in check["flags"]}
    assert set(flags) == {"turnover_test", "lot_size", "price_weighting", "social_value_weighting"}
    turnover = flags["turnover_test"]
    assert turnover["requirement"] == "minimum_turnover"
    # £1,000,000 asked; the co-op's £180,000 and the charity's £900,000 fall short.
    assert names(turnover["excluded"]) == ["Harbour Housing Co-op", "Riverside Recovery"]
    assert "£480,000 or less" in turnover["mitigation"]
    assert turnover["reference"].startswith("https://")
    passed = {row["rule"]: row["passed"] for row in check["checks"]}
    assert passed["turnover_test"] is False and passed["mobilisation"] is True

    assert api.put(at(published, "requirements/"), FAIR, token=token).status_code == 200
    check = api.get(at(published, "barriers/")).json()
    assert [flag["rule"] for flag in check["flags"]] == ["lot_size"]
    assert {row["rule"] for row in check["checks"] if not row["passed"]} == {"lot_size"}


def test_requirements_read_back_as_they_were_set(api, token_for, published, staff):
    api.put(
        at(published, "requirements/"),
        {**FAIR, "accreditations": ["ISO 9001", " Cyber Essentials "], "mobilisation_days": 90},
        token=token_for(staff),
    )
    given = api.get(at(published, "requirements/")).json()
    assert given["minimum_turnover"] == "400000.00"
    assert given["accreditations"] == ["ISO 9001", "Cyber Essentials"]
    assert (given["mobilisation_days"], given["experience_years"]) == (90, None)
    assert (given["consortium_bids"], given["needs_investment"]) == (True, False)


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"minimum_turnover": "-1"}, "minimum_turnover"),
        ({"professional_indemnity": "-0.01"}, "professional_indemnity"),
        ({"price_weighting": "101"}, "price_weighting"),
        ({"social_value_weighting": "-1"}, "social_value_weighting"),
        ({"price_weighting": "80", "social_value_weighting": "30"}, "social_value_weighting"),
        ({"contract_months": 0}, "contract_months"),
        ({"payment_terms": "whenever"}, "payment_terms"),
    ],
)
def test_bad_requirements_are_refused_with_field_errors(
    api, token_for, published, staff, changes, field
):
    response = api.put(at(published, "requirements/"), {**HARSH, **changes}, token=token_for(staff))
    assert response.status_code == 400
    assert field in response.json()
    assert not Requirements.objects.exists()


def test_weights_over_100_together_say_so(api, token_for, published, staff):
    response = api.put(
        at(published, "requirements/"),
        {**HARSH, "price_weighting": "80", "social_value_weighting": "30"},
        token=token_for(staff),
    )
    assert response.json()["social_value_weighting"] == [
        "Price and social value together cannot weigh more than 100 per cent: they weigh 110 now."
    ]


def test_requirements_sent_again_unchanged_change_nothing(api, token_for, published, staff):
    token = token_for(staff)
    api.put(at(published, "requirements/"), HARSH, token=token)
    before = Requirements.objects.get().updated_at
    entries = AuditEntry.objects.count()
    again = api.get(at(published, "requirements/")).json()
    del again["updated_at"]
    assert api.put(at(published, "requirements/"), again, token=token).status_code == 200
    assert AuditEntry.objects.count() == entries
    assert Requirements.objects.get().updated_at == before


# --- lots ------------------------------------------------------------------------------------


def test_a_lot_is_added_with_who_could_bid(api, token_for, published, staff, providers, ward):
    response = api.post(
        at(published, "lots/"),
        {"title": "Quayside", "split_by": "geography", "area": ward.slug, "value": "300000"},
        token=token_for(staff),
    )
    assert response.status_code == 201
    lot = response.json()
    assert (lot["title"], lot["area"], lot["value"], lot["split_by_label"]) == (
        "Quayside",
        ward.slug,
        "300000.00",
        "Area",
    )
    # £300,000 over 60 months: £60,000 a year, within half of everyone's turnover.
    assert lot["bidders"]["annual_value"] == "60000.00"
    assert names(lot["bidders"]["can_bid"]) == [
        "Harbour Housing Co-op",
        "Nationwide Care plc",
        "Riverside Recovery",
    ]
    listed = api.get(at(published, "lots/")).json()
    assert [row["title"] for row in listed["results"]] == ["Quayside"]


def test_lots_worth_more_than_the_plan_are_refused(api, token_for, published, staff, lot):
    token = token_for(staff)
    response = api.post(
        at(published, "lots/"),
        {"title": "Big", "split_by": "strand", "value": "1000000"},
        token=token,
    )
    assert response.status_code == 400
    assert "more than the £1,200,000.00 in the plan" in response.json()["value"][0]
    changed = api.patch(at(published, f"lots/{lot.pk}/"), {"value": "1200000.01"}, token=token)
    assert changed.status_code == 400
    lot.refresh_from_db()
    assert Lot.objects.count() == 1 and lot.value == Decimal("300000")


@pytest.mark.parametrize(
    "given, field",
    [
        ({"title": "x", "split_by": "geography", "value": "1"}, "area"),
        ({"title": "x", "split_by": "strand", "value": "-1"}, "value"),
        ({"title": "x", "split_by": "colour", "value": "1"}, "split_by"),
        ({"split_by": "strand", "value": "1"}, "title"),
        ({"title": "x", "split_by": "geography", "area": "nowhere-at-all", "value": "1"}, "area"),
    ],
)
def test_bad_lots_are_refused_with_field_errors(api, token_for, published, staff, given, field):
    response = api.post(at(published, "lots/"), given, token=token_for(staff))
    assert response.status_code == 400
    assert field in response.json()
    assert not Lot.objects.exists()


def test_a_lots_area_is_inside_the_plans_place(api, token_for, published, staff, elsewhere):
    response = api.post(
        at(published, "lots/"),
        {"title": "x", "split_by": "geography", "area": elsewhere.slug, "value": "1"},
        token=token_for(staff),
    )
    assert response.status_code == 400
    assert response.json()["area"] == ["Choose the plan's place or a place inside it."]


# --- the same work for 3 as for 30 -----------------------------------------------------------


def grow(plan, staff, size: int) -> None:
    for number in range(size):
        OrganisationFactory(
            name=f"Provider {size}-{number}",
            annual_turnover=None if number % 3 == 0 else Decimal(40000 * (number + 1)),
        ).places_served.add(plan.place)
        services_design.lot_save(
            actor=staff,
            plan=plan,
            title=f"Lot {size}-{number}",
            split_by=Lot.SplitBy.STRAND,
            value=Decimal("20000"),
        )


@pytest.mark.parametrize("part", ["market/", "barriers/", "lots/", "requirements/"])
def test_each_endpoint_reads_as_much_for_30_as_for_3(client, published, staff, part):
    services_design.requirements_save(
        actor=staff,
        plan=published,
        minimum_turnover=Decimal("1000000"),
        payment_terms="quarterly_in_arrears",
        contract_months=60,
        price_weighting=Decimal("60"),
        social_value_weighting=Decimal("5"),
    )
    grow(published, staff, 3)
    few, _answer = queries_for(client, at(published, part))
    grow(published, staff, 27)
    many, _answer = queries_for(client, at(published, part))
    no_growth(few, many, ceiling=20, what=part)
