"""GET /api/sessions/, /api/rounds/ and /api/frameworks/: public reads, never a ballot, never a draft."""

import pytest
from django.urls import reverse

from commonweal.api.tests import cycle_records as make
from commonweal.codesign.models import Participant
from commonweal.outcomes.models import FrameworkVersion
from commonweal.priorities.models import PriorityRound
from commonweal.testing.factories import LocalAuthorityFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def riverside():
    return LocalAuthorityFactory(name="Riverside", slug="riverside")


def _assert_json_404(response, number):
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert str(number) in response.json()["detail"]


# --- co-design sessions ------------------------------------------------------------------------


@pytest.fixture
def workshop(riverside):
    session = make.session(
        riverside, "Getting help early", agenda="1. Stories", notes="Twenty people came."
    )
    shelter = OrganisationFactory(name="Night Shelter", slug="night-shelter")
    sam = make.participant(
        session,
        "Sam Kowalski",
        Participant.Kind.RESIDENT,
        user=UserFactory(email="sam@example.org"),
    )
    someone = make.participant(session, "Participant 1", Participant.Kind.SERVICE_USER)
    leila = make.participant(
        session, "Leila Hassan", Participant.Kind.VOLUNTARY_ORGANISATION, organisation=shelter
    )
    make.participant(session, "Priya Raman", Participant.Kind.COMMISSIONER)
    make.decision(session, "A day centre is needed.", [sam, someone, leila])
    need = make.need(riverside, "Nowhere to go in the day")
    session.needs.add(need)
    _framework, _version, outcome = make.framework(riverside)
    session.outcomes.add(outcome)
    return session


def test_anyone_can_list_sessions_with_the_needs_they_worked_on(api, workshop):
    response = api.get(reverse("api:session-list"))
    assert response.status_code == 200
    [row] = response.json()["results"]
    assert (
        row["title"] == "Getting help early"
        and row["kind"] == "workshop"
        and row["place"] == "riverside"
    )
    assert row["needs"] == list(workshop.needs.values_list("pk", flat=True))


def test_a_session_shows_participants_decisions_with_who_agreed_and_its_links(api, workshop):
    response = api.get(reverse("api:session-detail", kwargs={"pk": workshop.pk}))
    assert response.status_code == 200
    body = response.json()
    assert body["agenda"] == "1. Stories" and body["notes"] == "Twenty people came."
    assert {(person["display_name"], person["kind"]) for person in body["participants"]} == {
        ("Sam Kowalski", "resident"),
        ("Participant 1", "service_user"),
        ("Leila Hassan", "voluntary_organisation"),
        ("Priya Raman", "commissioner"),
    }
    leila = next(
        person for person in body["participants"] if person["display_name"] == "Leila Hassan"
    )
    assert leila["organisation"] == "night-shelter"
    [decision] = body["decisions"]
    assert decision["text"] == "A day centre is needed."
    assert sorted(decision["agreed_by"]) == ["Leila Hassan", "Participant 1", "Sam Kowalski"]
    assert body["outcomes"][0]["code"] == "O1"
    assert (
        "sam@example.org" not in response.content.decode()
    )  # people appear only by the name they chose


def test_an_unknown_session_is_a_json_404(api, workshop):
    _assert_json_404(api.get(reverse("api:session-detail", kwargs={"pk": 99999})), 99999)


# --- priority rounds ----------------------------------------------------------------------------


@pytest.fixture
def needs(riverside):
    return [
        make.need(riverside, title)
        for title in ("Crisis care at night", "Recovery housing", "Youth clubs")
    ]


def _round(api, round_):
    response = api.get(reverse("api:round-detail", kwargs={"pk": round_.pk}))
    assert response.status_code == 200
    return response.json()


def test_published_results_show_the_method_and_the_borda_counts(api, riverside, needs):
    crisis, recovery, youth = needs
    round_ = make.priority_round(riverside, needs)
    # Three needs: first place gets 2 points, second 1, third 0.
    make.ballot(round_, [crisis, recovery, youth])  # crisis 2, recovery 1, youth 0
    make.ballot(round_, [crisis, youth, recovery])  # crisis 2, youth 1, recovery 0
    make.ballot(round_, [recovery, crisis, youth])  # recovery 2, crisis 1, youth 0
    results = _round(api, round_)["results"]
    assert results["method"] == "borda" and "Borda" in results["method_explained"]
    assert results["ballots"] == 3
    assert [(row["need"], row["points"], row["position"]) for row in results["standings"]] == [
        (crisis.pk, 5, 1),
        (recovery.pk, 3, 2),
        (youth.pk, 1, 3),
    ]


def test_approval_results_count_approvals(api, riverside, needs):
    crisis, recovery, youth = needs
    round_ = make.priority_round(riverside, needs, method=PriorityRound.Method.APPROVAL)
    make.ballot(round_, [crisis, recovery])
    make.ballot(round_, [crisis])
    results = _round(api, round_)["results"]
    assert results["method"] == "approval"
    assert {row["need"]: row["points"] for row in results["standings"]} == {
        crisis.pk: 2,
        recovery.pk: 1,
        youth.pk: 0,
    }


@pytest.mark.parametrize("status", [PriorityRound.Status.OPEN, PriorityRound.Status.CLOSED])
def test_results_stay_hidden_until_published(api, riverside, needs, status):
    round_ = make.priority_round(riverside, needs, status=status)
    make.ballot(round_, needs)
    body = _round(api, round_)
    assert body["status"] == status and body["results"] is None
    listed = api.get(reverse("api:round-list")).json()["results"]
    assert listed[0]["results"] is None


def test_ballots_and_voters_are_never_shown(api, riverside, needs):
    round_ = make.priority_round(riverside, needs)
    voter = UserFactory()
    ballot = make.ballot(round_, needs, voter=voter)
    text = api.get(reverse("api:round-detail", kwargs={"pk": round_.pk})).content.decode()
    text += api.get(reverse("api:round-list")).content.decode()
    assert voter.email not in text and voter.full_name not in text and ballot.key not in text
    assert 'ballots": [' not in text


def test_draft_rounds_are_not_listed_and_are_a_404(api, riverside, needs):
    make.priority_round(riverside, needs, title="Published round")
    draft = make.priority_round(
        riverside, needs, status=PriorityRound.Status.DRAFT, title="Draft round"
    )
    titles = [row["title"] for row in api.get(reverse("api:round-list")).json()["results"]]
    assert titles == ["Published round"]
    _assert_json_404(api.get(reverse("api:round-detail", kwargs={"pk": draft.pk})), draft.pk)


def test_an_unknown_round_is_a_json_404(api):
    _assert_json_404(api.get(reverse("api:round-detail", kwargs={"pk": 99999})), 99999)


# --- outcomes frameworks ------------------------------------------------------------------------


def test_a_framework_shows_its_published_version_with_areas_outcomes_and_indicators(api, riverside):
    framework, version, outcome = make.framework(riverside, "riverside-outcomes")
    make.endorse(version, "Riverside Voluntary Action")
    need = make.need(riverside, "Nowhere to go in the day")
    need.outcomes.add(outcome)
    response = api.get(reverse("api:framework-detail", kwargs={"slug": "riverside-outcomes"}))
    assert response.status_code == 200
    body = response.json()
    assert body["slug"] == "riverside-outcomes" and body["place"] == "riverside"
    assert body["owner"] == framework.owner.slug
    assert body["version"]["number"] == 1
    assert [item["organisation_name"] for item in body["version"]["endorsements"]] == [
        "Riverside Voluntary Action"
    ]
    [area] = body["version"]["areas"]
    [outcome_data] = area["outcomes"]
    assert outcome_data["code"] == "O1" and outcome_data["needs"] == [need.pk]
    [indicator] = outcome_data["indicators"]
    assert indicator["direction"] == "higher" and indicator["frequency"] == "quarterly"
    assert indicator["baseline_date"] == "2025-03-31" and indicator["target_date"] == "2029-03-31"
    assert indicator["target_value"].startswith("65.5")
    assert indicator["breakdowns"] == ["age", "ward"]
    assert indicator["data_source"] == "H-CLIC" and indicator["validation_method"] == "Case audit."


def test_a_newer_draft_is_never_shown_only_the_latest_published_version(api, riverside):
    framework, _version, _outcome = make.framework(riverside, "riverside-outcomes")
    make.framework(
        riverside,
        existing=framework,
        number=2,
        status=FrameworkVersion.Status.DRAFT,
        outcome_title="A draft outcome nobody agreed yet",
    )
    response = api.get(reverse("api:framework-detail", kwargs={"slug": "riverside-outcomes"}))
    assert response.json()["version"]["number"] == 1
    assert "A draft outcome nobody agreed yet" not in response.content.decode()
    [row] = api.get(reverse("api:framework-list")).json()["results"]
    assert row["published_version"] == 1


def test_a_framework_with_only_a_draft_is_not_listed_and_is_a_404(api, riverside):
    make.framework(riverside, "published-one")
    make.framework(riverside, "draft-only", status=FrameworkVersion.Status.DRAFT)
    slugs = [row["slug"] for row in api.get(reverse("api:framework-list")).json()["results"]]
    assert slugs == ["published-one"]
    response = api.get(reverse("api:framework-detail", kwargs={"slug": "draft-only"}))
    assert response.status_code == 404 and "draft-only" in response.json()["detail"]


def test_an_unknown_framework_is_a_json_404(api):
    response = api.get(reverse("api:framework-detail", kwargs={"slug": "atlantis"}))
    assert response.status_code == 404 and "atlantis" in response.json()["detail"]


def test_a_signed_in_person_reads_the_same_public_data(api, token_for, riverside, needs):
    round_ = make.priority_round(riverside, needs, status=PriorityRound.Status.CLOSED)
    make.ballot(round_, needs)
    key = token_for(UserFactory(is_staff=True))
    assert (
        api.get(reverse("api:round-detail", kwargs={"pk": round_.pk}), token=key).json()["results"]
        is None
    )
