"""The Riverside demo: a published round counted by MES and an open one the demo resident can vote in."""

import pytest
from django.urls import reverse

from commonweal.accounts.models import User
from commonweal.demo import data, services
from commonweal.participation import permissions
from commonweal.participation.models import Ballot, BudgetRound, Count, Participation, Project
from commonweal.participation.tests.conftest import cast_ballots

pytestmark = pytest.mark.django_db


def counts():
    return [model.objects.count() for model in (BudgetRound, Project, Ballot, Participation, Count)]


@pytest.fixture
def demo(demo_place):
    """The demo place, loaded once for this module (conftest.py)."""


def test_loading_twice_duplicates_nothing(demo):
    first = counts()
    services.demo_load()
    assert counts() == first
    assert first[0] == 2 and first[2] > 250


def test_the_finished_round_is_published_and_counted_by_mes_with_reasons(demo, client):
    round_ = BudgetRound.objects.get(title="Riverside Community Fund 2025")
    assert round_.status == BudgetRound.Status.PUBLISHED
    count = round_.counts.get()
    assert (count.rule, count.satisfaction, count.completion) == ("mes", "cost", "add1")
    assert count.ballots == round_.ballots.count()
    page = client.get(reverse("participation:results", kwargs={"pk": round_.pk}))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Why the others lost" in text and "Lights on the Mill Brook path" in text


def test_the_demo_resident_can_vote_in_the_open_round(demo, sign_in):
    resident = User.objects.get(email=data.email("resident"))
    round_ = BudgetRound.objects.get(title="Riverside Green Spaces 2026")
    assert permissions.can_vote(resident, round_)
    client = sign_in(resident)
    project = round_.projects.get(title="Community orchard at Wharf Estate")
    before = cast_ballots(round_).count()
    response = client.post(
        reverse("participation:vote", kwargs={"pk": round_.pk}),
        {"projects": [project.pk], "age_confirmed": "on", "confirm": "yes"},
    )
    assert response.status_code == 302
    assert cast_ballots(round_).count() == before + 1


def test_projects_are_linked_to_the_needs_they_meet_and_each_need_shows_them(demo, client):
    from commonweal.demo import data_budgeting

    for title, needs in data_budgeting.NEEDS_MET.items():
        project = Project.objects.get(title=title)
        assert sorted(project.needs.values_list("title", flat=True)) == sorted(needs)
        for need in project.needs.all():
            page = client.get(need.get_absolute_url()).content.decode()
            assert (
                "Community budget projects that meet it" in page
                and title.replace("'", "&#x27;") in page
            )
