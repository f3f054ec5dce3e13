"""The budgeting API: reads, your own ballot only, 400s with the reason, 403 when you cannot vote, results."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from commonweal.participation import services, services_counting, services_voting
from commonweal.participation.models import BudgetRound
from commonweal.participation.tests.conftest import cast_ballots, make_resident, project_pk

pytestmark = pytest.mark.django_db


def url(name, round_):
    return reverse(f"api:budget-{name}", kwargs={"pk": round_.pk})


def test_rounds_and_projects_are_public_and_drafts_are_hidden(api, make_round):
    round_ = make_round()
    draft = make_round(status=BudgetRound.Status.DRAFT)
    listed = api.get(reverse("api:budget-list")).json()
    assert [r["id"] for r in listed["results"]] == [round_.pk]
    assert api.get(url("detail", round_)).json()["budget"] == "10000.00"
    assert api.get(url("detail", draft)).status_code == 404
    titles = [p["title"] for p in api.get(url("projects", round_)).json()]
    assert titles == ["Benches by the river", "Community fridge", "Street trees", "Youth club kit"]


def test_a_resident_puts_and_gets_their_own_ballot(api, token_for, make_round, resident, ward):
    round_ = make_round(max_projects=2)
    token = token_for(resident)
    trees = str(project_pk(round_, "Street trees"))
    assert api.get(url("my-ballot", round_), token=token).status_code == 404
    response = api.put(
        url("my-ballot", round_), {"projects": {trees: 1}, "age_confirmed": True}, token=token
    )
    assert response.status_code == 200 and response.json()["projects"] == {trees: 1}
    assert api.get(url("my-ballot", round_), token=token).json()["projects"] == {trees: 1}
    other = make_resident(ward, "Other")
    assert api.get(url("my-ballot", round_), token=token_for(other)).status_code == 404


def test_a_bad_ballot_is_a_400_with_the_reason(api, token_for, make_round, resident):
    round_ = make_round(max_projects=1)
    token = token_for(resident)
    both = {
        str(project_pk(round_, "Street trees")): 1,
        str(project_pk(round_, "Youth club kit")): 1,
    }
    response = api.put(
        url("my-ballot", round_), {"projects": both, "age_confirmed": True}, token=token
    )
    assert response.status_code == 400
    assert response.json() == {"projects": ["Choose no more than 1 project. You chose 2."]}
    response = api.put(url("my-ballot", round_), {"projects": "lots"}, token=token)
    assert response.status_code == 400 and set(response.json()) == {"projects", "age_confirmed"}
    trees = str(project_pk(round_, "Street trees"))
    response = api.put(
        url("my-ballot", round_), {"projects": {trees: -1}, "age_confirmed": True}, token=token
    )
    assert response.status_code == 400
    assert response.json() == {"projects": {trees: ["Points and ranks cannot be less than zero."]}}
    assert not cast_ballots().exists()


def test_not_eligible_or_not_open_is_a_403_and_nobody_is_a_401(
    api, token_for, make_round, stranger, resident
):
    round_ = make_round()
    body = {"projects": {str(project_pk(round_, "Street trees")): 1}, "age_confirmed": True}
    assert api.put(url("my-ballot", round_), body).status_code == 401
    assert api.put(url("my-ballot", round_), body, token=token_for(stranger)).status_code == 403
    closed = make_round(status=BudgetRound.Status.CLOSED)
    body = {"projects": {str(project_pk(closed, "Street trees")): 1}, "age_confirmed": True}
    assert api.put(url("my-ballot", closed), body, token=token_for(resident)).status_code == 403


def test_results_only_once_published(api, make_round, staff, ward):
    round_ = make_round(rule="greedy")
    for n, titles in enumerate(
        [["Benches by the river", "Street trees"], ["Benches by the river"]]
    ):
        services_voting.ballot_cast(
            round_=round_,
            voter=make_resident(ward, f"V{n}"),
            age_confirmed=True,
            marks={project_pk(round_, t): 1 for t in titles},
        )
    services.round_move(round_=round_, actor=staff, to=BudgetRound.Status.CLOSED)
    services_counting.round_count(round_=round_, actor=staff)
    assert api.get(url("results", round_)).status_code == 404
    services_counting.round_publish(round_=round_, actor=staff)
    body = api.get(url("results", round_)).json()
    funded = [p["title"] for p in body["projects"] if p["funded"]]
    # Benches (2 votes, £3,000) then trees (1 vote, £4,000); the other two had no votes but still fit.
    assert funded[:2] == ["Benches by the river", "Street trees"]
    assert body["ballots"] == 2 and body["rule"] == "greedy"


def test_the_openapi_document_is_generated_without_warnings(tmp_path):
    call_command(
        "spectacular", "--fail-on-warn", "--validate", "--file", str(tmp_path / "openapi.yaml")
    )
