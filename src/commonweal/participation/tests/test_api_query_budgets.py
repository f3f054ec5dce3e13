"""The budgeting API's lists do the same work for 3 projects and ballots as for 30: the list of rounds,
a round's projects and its published results, for a visitor and a resident.

The rounds are built as the pages' query budgets build them (test_query_budgets.build): each project
meets two needs, half the projects are ideas still waiting, and there is a ballot per project.
"""

import pytest
from django.urls import reverse

from commonweal.participation.models import BudgetRound
from commonweal.participation.tests.test_query_budgets import build
from commonweal.testing import queries
from commonweal.testing.place_world import make_resident

pytestmark = pytest.mark.django_db

R = BudgetRound.Status
CEILING = 15


def queries_for(client, path: str):
    count, response = queries.queries_for(client, path)
    return count, response.json()


@pytest.fixture(params=["visitor", "resident"])
def caller(request, client, sign_in, ward):
    if request.param == "resident":
        sign_in(make_resident(ward))
    return client


def test_the_list_of_rounds(caller, riverside, council, staff):
    build(3, place=riverside, body=council, staff=staff)
    few, listed = queries_for(caller, reverse("api:budget-list"))
    for size in range(9):
        build(3 + size, place=riverside, body=council, staff=staff)
    many, listed_more = queries_for(caller, reverse("api:budget-list"))
    assert listed_more["count"] == 10 * listed["count"]  # the larger list really is larger
    assert many <= few, f"{few} queries for 1 round, {many} for 10"
    assert few <= CEILING


@pytest.mark.parametrize(("name", "status"), [("projects", R.VOTING), ("results", R.PUBLISHED)])
def test_a_rounds_projects_and_results(caller, name, status, riverside, council, staff):
    small, large = (
        build(size, place=riverside, body=council, staff=staff, status=status) for size in (3, 30)
    )
    few, answer_few = queries_for(caller, reverse(f"api:budget-{name}", kwargs={"pk": small.pk}))
    many, answer_many = queries_for(caller, reverse(f"api:budget-{name}", kwargs={"pk": large.pk}))
    projects = (lambda a: a) if name == "projects" else (lambda a: a["projects"])
    assert len(projects(answer_many)) == 10 * len(projects(answer_few)) == 30
    assert many <= few, f"{name}: {few} queries for 3 projects, {many} for 30"
    assert few <= CEILING
