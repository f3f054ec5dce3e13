"""The API's lists read what their rows link to once for a whole page (a need's terms, the needs a
session or round worked on, the places an organisation serves and is verified for), while one record
reads its own: both must say the same about a record, and a row's web address is the record's page."""

import pytest
from django.urls import reverse

from commonweal.api.tests import cycle_records as make
from commonweal.codesign.models import Session
from commonweal.needs.models import Term
from commonweal.organisations.models import Organisation
from commonweal.priorities.models import PriorityRound
from commonweal.testing.factories import (
    LocalAuthorityFactory,
    OrganisationFactory,
    PublicBodyFactory,
    RoleFactory,
    UnverifiedPublicBodyFactory,
    WardFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    riverside = LocalAuthorityFactory(name="Riverside", slug="riverside")
    docks = WardFactory(name="Docks", slug="docks", parent=riverside)
    abbey = WardFactory(name="Abbey", slug="abbey", parent=riverside)
    housing = make.term("agency", "housing", "Housing")
    health = make.term("agency", "health", "Health")
    older = make.term("beneficiary_group", "older-people", "Older people")
    lonely = make.term("outcome_area", "loneliness", "Loneliness")
    # Ordered by position, not by name either way.
    money, air, zoo = (
        Term.objects.create(vocabulary="outcome_area", slug=name.lower(), name=name, position=n)
        for n, name in enumerate(["Money", "Air", "Zoo"])
    )
    needs = [
        make.need(docks, "Nowhere to go", themes=[zoo, housing, older, lonely, air, money]),
        make.need(abbey, "No lift", themes=[health, housing]),
        make.need(riverside, "No one to talk to", themes=[lonely, older]),
        make.need(riverside, "Nothing linked"),
    ]
    for title, linked in (("Early help", needs[2::-1]), ("Lifts", needs[1:2]), ("None", [])):
        make.session(riverside, title).needs.set(linked)
    make.priority_round(riverside, needs[::-1], title="Priorities 2026")
    make.priority_round(riverside, needs[:2], title="Open round", status=PriorityRound.Status.OPEN)
    council = PublicBodyFactory(name="Riverside Council", places_served=[riverside, docks, abbey])
    PublicBodyFactory(name="Waiting Council", verified=False, places_served=[abbey])
    UnverifiedPublicBodyFactory(name="Unverified Council")
    shelter = OrganisationFactory(name="Night Shelter", contact_email="help@shelter.example")
    shelter.places_served.set([docks, abbey, riverside])
    OrganisationFactory(name="Nowhere Trust")
    return {"council": council, "shelter": shelter}


def _rows(api, name, token=None) -> list[dict]:
    response = api.get(reverse(name), token=token)
    assert response.status_code == 200
    return response.json()["results"]


def _one(api, name, token=None, **kwargs) -> dict:
    response = api.get(reverse(name, kwargs=kwargs), token=token)
    assert response.status_code == 200
    return response.json()


def test_a_needs_row_says_what_the_need_says(api, world):
    rows = _rows(api, "api:need-list")
    assert len(rows) == 4 and any(row["themes"] and row["agencies"] for row in rows)
    [first] = [row for row in rows if row["title"] == "Nowhere to go"]
    assert [term["slug"] for term in first["themes"]] == [
        "older-people",
        "loneliness",
        "money",
        "air",
        "zoo",
    ]
    for row in rows:
        need = _one(api, "api:need-detail", pk=row["id"])
        assert row == {key: need[key] for key in row}
        assert row["web_address"] == reverse("needs:detail", kwargs={"pk": row["id"]})


def test_a_sessions_row_says_what_the_session_says(api, world):
    rows = _rows(api, "api:session-list")
    assert sorted(len(row["needs"]) for row in rows) == [0, 1, 3]
    for row in rows:
        session = _one(api, "api:session-detail", pk=row["id"])
        assert row == {key: session[key] for key in row}
        assert row["needs"] == sorted(row["needs"])
        assert row["web_address"] == Session.objects.get(pk=row["id"]).get_absolute_url()


def test_a_rounds_row_says_what_the_round_says(api, world):
    rows = _rows(api, "api:round-list")
    assert sorted(len(row["needs"]) for row in rows) == [2, 4]
    for row in rows:
        round_ = _one(api, "api:round-detail", pk=row["id"])
        assert row == round_
        assert row["needs"] == sorted(row["needs"])
        assert row["web_address"] == PriorityRound.objects.get(pk=row["id"]).get_absolute_url()


@pytest.mark.parametrize("who", ["nobody", "shelter's member"])
def test_an_organisations_row_says_what_the_organisation_says(api, token_for, world, who):
    token = None
    if who != "nobody":
        token = token_for(RoleFactory(organisation=world["shelter"], role="administrator").user)
    rows = _rows(api, "api:organisation-list", token)
    by_slug = {row["slug"]: row for row in rows}
    assert by_slug[world["council"].slug]["verified_for"] == ["abbey", "docks", "riverside"]
    assert by_slug[world["shelter"].slug]["places_served"] == ["abbey", "docks", "riverside"]
    assert (by_slug[world["shelter"].slug]["contact_email"] is None) == (who == "nobody")
    assert len(rows) == Organisation.objects.count()
    for row in rows:
        assert row == _one(api, "api:organisation-detail", token, slug=row["slug"])
