"""A plan's page lists the tenders and grant rounds that came of it, and offers those who run the
plan to start one; a draft is seen only by them."""

import pytest
from django.test import Client
from django.urls import reverse

from commonweal.competitions.models import Opportunity
from commonweal.competitions.tests.conftest import make_opportunity

pytestmark = pytest.mark.django_db


def _page(client, plan) -> str:
    response = client.get(plan.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_those_who_run_the_plan_see_its_drafts_and_may_start_one(sign_in, staff, plan, opportunity):
    draft = make_opportunity(
        plan,
        created_by=staff,
        title="Day centre",
        status=Opportunity.Status.DRAFT,
        published_at=None,
    )
    page = _page(sign_in(staff), plan)
    assert "Tenders and grant rounds" in page
    assert opportunity.get_absolute_url() in page and draft.get_absolute_url() in page
    assert reverse("competitions:opportunity-create", kwargs={"plan_pk": plan.pk}) in page


@pytest.mark.parametrize(
    "who", ["anonymous", "resident", "stranger", "self_made_bidder", "other_staff"]
)
def test_everyone_else_sees_the_published_ones_only_and_cannot_start_one(
    request, sign_in, who, staff, plan, opportunity
):
    draft = make_opportunity(
        plan,
        created_by=staff,
        title="Day centre",
        status=Opportunity.Status.DRAFT,
        published_at=None,
    )
    client = Client() if who == "anonymous" else sign_in(request.getfixturevalue(who))
    page = _page(client, plan)
    assert opportunity.get_absolute_url() in page
    assert draft.get_absolute_url() not in page
    assert reverse("competitions:opportunity-create", kwargs={"plan_pk": plan.pk}) not in page


def test_a_plan_with_nothing_from_it_shows_nothing_to_the_public(plan):
    assert "Tenders and grant rounds" not in _page(Client(), plan)
