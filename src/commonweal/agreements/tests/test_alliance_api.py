"""The alliance governance API: who may and may not (the same rules as the pages:
permissions_alliance.py), decisions refused without the agreement the rule needs, 400s with field
errors, unchanged writes writing nothing, and the pain and gain worked out by hand."""

import datetime
from decimal import Decimal

import pytest

from commonweal.agreements.models import Agreement, Decision, Member, PainGainYear, Risk
from commonweal.agreements.tests.fixtures_alliance import *  # noqa: F403 (the fixtures)
from commonweal.core.models import AuditEntry
from commonweal.testing.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

PEOPLE = (
    "anonymous",
    "resident",
    "stranger",
    "self_made",
    "outsider",
    "other_staff",
    "quiet_person",
    "provider_person",
    "staff",
    "back_office",
)
PARTIES = {"quiet_person", "provider_person", "staff", "back_office"}
GOVERN = {"provider_person", "staff", "back_office"}
RUN = {"staff", "back_office"}
TEAM = ("Riverside Council", "Harbour Housing Co-op", "Riverside Recovery")


@pytest.fixture
def token(request, token_for):
    def _token(name: str):
        return None if name == "anonymous" else token_for(request.getfixturevalue(name))

    return _token


def base(agreement) -> str:
    return f"/api/agreements/{agreement.pk}"


def refused(name: str, allowed: set[str], status: int) -> int:
    if name in allowed:
        return status
    return 401 if name == "anonymous" else 403


@pytest.mark.parametrize("person", PEOPLE)
def test_members_and_decisions_are_public_shares_for_parties(api, token, alliance, person):
    key = token(person)
    members = api.get(f"{base(alliance)}/members/", token=key)
    assert members.status_code == 200
    shares = {row["organisation"]: row["share"] for row in members.json()}
    if person in PARTIES:
        assert shares["Harbour Housing Co-op"] == "30.00"
    else:
        assert set(shares.values()) == {None}
    assert api.get(f"{base(alliance)}/decisions/", token=key).status_code == 200


@pytest.mark.parametrize("person", PEOPLE)
@pytest.mark.parametrize("what", ["risks", "pain-and-gain"])
def test_the_register_and_pain_gain_are_for_parties(api, token, alliance, person, what):
    response = api.get(f"{base(alliance)}/{what}/", token=token(person))
    assert response.status_code == refused(person, PARTIES, 200)


def decision(seats, *names, **more):
    return {
        "subject": "Open a second day centre",
        "decision": "Use the year's gain to open a day centre in Quayside.",
        "principle_test": "People walk two miles to the only one.",
        "agreed_by": [seats[name].pk for name in names],
        "decided_on": "2026-11-03",
        **more,
    }


@pytest.mark.parametrize("person", PEOPLE)
def test_who_may_record_a_decision(api, token, alliance, seats, person):
    response = api.post(f"{base(alliance)}/decisions/", decision(seats, *TEAM), token=token(person))
    assert response.status_code == refused(person, GOVERN, 201)
    assert Decision.objects.exists() is (person in GOVERN)
    if person in GOVERN:
        body = response.json()
        assert body["rule"] == "unanimity"
        assert sorted(body["agreed_by"]) == sorted(TEAM)


@pytest.mark.parametrize("person", PEOPLE)
def test_who_may_add_a_risk(api, token, alliance, person):
    data = {"title": "Winter", "likelihood": 3, "impact": 2, "mitigation": "Extra beds."}
    response = api.post(f"{base(alliance)}/risks/", data, token=token(person))
    assert response.status_code == refused(person, GOVERN, 201)


@pytest.mark.parametrize("person", PEOPLE)
def test_who_may_record_pain_and_gain(api, token, alliance, person):
    data = {"year_starting": "2026-04-01", "actual_cost": "900000.00"}
    response = api.post(f"{base(alliance)}/pain-and-gain/", data, token=token(person))
    assert response.status_code == refused(person, GOVERN, 201)


@pytest.mark.parametrize("person", PEOPLE)
def test_who_may_change_members(api, token, alliance, seats, person):
    key = token(person)
    harbour = seats["Harbour Housing Co-op"]
    changed = api.patch(f"{base(alliance)}/members/{harbour.pk}/", {"share": "25"}, token=key)
    assert changed.status_code == refused(person, RUN, 200)
    removed = api.delete(f"{base(alliance)}/members/{seats['Quiet Partners'].pk}/", token=key)
    assert removed.status_code == refused(person, RUN, 204)
    newcomer = OrganisationFactory(name="Shelter Together")
    added = api.post(
        f"{base(alliance)}/members/", {"organisation": newcomer.pk, "share": "5"}, token=key
    )
    assert added.status_code == refused(person, RUN, 201)


def test_a_decision_without_the_team_is_refused_naming_who(api, token_for, alliance, seats, staff):
    key = token_for(staff)
    response = api.post(
        f"{base(alliance)}/decisions/", decision(seats, "Riverside Council"), token=key
    )
    assert response.status_code == 400
    (reason,) = response.json()["agreed_by"]
    assert "does not have the agreement it needs" in reason
    assert reason.endswith("Not agreed: Harbour Housing Co-op and Riverside Recovery.")
    blank = api.post(
        f"{base(alliance)}/decisions/", decision(seats, *TEAM, principle_test=""), token=key
    )
    assert blank.status_code == 400
    assert "principle_test" in blank.json()
    stranger_member = api.post(
        f"{base(alliance)}/decisions/", decision(seats, *TEAM, agreed_by=[999999]), token=key
    )
    assert stranger_member.status_code == 400
    assert not Decision.objects.exists()


def test_bad_input_is_a_400_with_field_errors(api, token_for, alliance, staff):
    key = token_for(staff)
    response = api.post(f"{base(alliance)}/decisions/", {"agreed_by": "x"}, token=key)
    assert response.status_code == 400
    assert {"subject", "decision", "principle_test", "agreed_by", "decided_on"} <= set(
        response.json()
    )
    risk = api.post(f"{base(alliance)}/risks/", {"likelihood": 9}, token=key)
    assert risk.status_code == 400
    assert {"title", "likelihood", "impact", "mitigation"} <= set(risk.json())
    cost = api.post(
        f"{base(alliance)}/pain-and-gain/",
        {"year_starting": "2026-04-01", "actual_cost": "-1"},
        token=key,
    )
    assert cost.status_code == 400
    assert "actual_cost" in cost.json()


def test_pain_and_gain_worked_out_by_hand(api, token_for, alliance, provider_person):
    # Target £1,000,000, actual £1,080,000: pain £80,000, collared at £50,000;
    # 50% = £25,000, 30% = £15,000, 20% = £10,000, 0% = £0.
    key = token_for(provider_person)
    response = api.post(
        f"{base(alliance)}/pain-and-gain/",
        {"year_starting": "2027-04-01", "actual_cost": "1080000.00"},
        token=key,
    )
    assert response.status_code == 201
    body = response.json()
    assert (body["kind"], body["shared"], body["limit_bit"]) == ("pain", "50000.00", True)
    assert {row["name"]: row["amount"] for row in body["shares"]} == {
        "Riverside Council": "25000.00",
        "Harbour Housing Co-op": "15000.00",
        "Riverside Recovery": "10000.00",
        "Quiet Partners": "0.00",
    }
    assert any("The pain collar bit" in line for line in body["working"])
    again = api.post(
        f"{base(alliance)}/pain-and-gain/",
        {"year_starting": "2027-04-01", "actual_cost": "1.00"},
        token=key,
    )
    assert again.status_code == 400
    assert "year_starting" in again.json()
    assert PainGainYear.objects.count() == 1


def test_unchanged_writes_write_nothing(api, token_for, alliance, seats, staff):
    key = token_for(staff)
    risk = Risk.objects.create(
        agreement=alliance, title="Winter", likelihood=3, impact=2, mitigation="Beds."
    )
    before = AuditEntry.objects.count()
    harbour = seats["Harbour Housing Co-op"]
    same = api.patch(
        f"{base(alliance)}/members/{harbour.pk}/",
        {"share": "30.00", "on_leadership_team": True},
        token=key,
    )
    assert same.status_code == 200
    same_risk = api.patch(
        f"{base(alliance)}/risks/{risk.pk}/",
        {"title": "Winter", "likelihood": 3, "impact": 2, "mitigation": "Beds."},
        token=key,
    )
    assert same_risk.status_code == 200
    assert AuditEntry.objects.count() == before


def test_a_risk_closed_stays_closed(api, token_for, alliance, staff):
    key = token_for(staff)
    risk = Risk.objects.create(
        agreement=alliance, title="Winter", likelihood=3, impact=2, mitigation="Beds."
    )
    closed = api.patch(f"{base(alliance)}/risks/{risk.pk}/", {"status": "closed"}, token=key)
    assert closed.status_code == 200
    assert closed.json()["status"] == "closed"
    reopened = api.patch(f"{base(alliance)}/risks/{risk.pk}/", {"status": "open"}, token=key)
    assert reopened.status_code == 400
    changed = api.patch(f"{base(alliance)}/risks/{risk.pk}/", {"title": "New"}, token=key)
    assert changed.status_code == 400


def test_members_on_record_and_the_commissioner_stay(api, token_for, alliance, seats, staff):
    record = Decision.objects.create(
        agreement=alliance,
        subject="s",
        decision="d",
        principle_test="p",
        rule="unanimity",
        decided_on=datetime.date(2026, 5, 1),
    )
    record.agreed_by.set([seats["Harbour Housing Co-op"]])
    key = token_for(staff)
    for name in ("Riverside Council", "Harbour Housing Co-op"):
        response = api.delete(f"{base(alliance)}/members/{seats[name].pk}/", token=key)
        assert response.status_code == 400
    over = api.patch(
        f"{base(alliance)}/members/{seats['Quiet Partners'].pk}/", {"share": "1"}, token=key
    )
    assert over.status_code == 400
    assert "more than 100%" in over.json()["share"][0]
    assert Member.objects.filter(agreement=alliance).count() == 4


def test_hidden_and_other_agreements_are_404(
    api,
    token_for,
    riverside,
    council,
    staff,
    contract,
    stranger,
):
    draft = Agreement.objects.create(
        kind=Agreement.Kind.ALLIANCE,
        status=Agreement.Status.DRAFT,
        title="Being set up",
        place=riverside,
        commissioner=council,
        value=Decimal("1"),
        starts_on=datetime.date(2026, 4, 1),
        ends_on=datetime.date(2027, 3, 31),
        original_ends_on=datetime.date(2027, 3, 31),
    )
    key = token_for(stranger)
    assert api.get(f"{base(draft)}/decisions/", token=key).status_code == 404
    assert api.get(f"{base(contract)}/decisions/", token=key).status_code == 404
    assert api.get("/api/agreements/999999/members/").status_code == 404
    assert api.get(f"{base(draft)}/decisions/", token=token_for(staff)).status_code == 200
