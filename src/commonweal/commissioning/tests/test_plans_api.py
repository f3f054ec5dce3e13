"""The plans API: published plans to everyone; a draft only to those who run it and its citizen
commissioners, and the same 404 for a draft as for a plan that does not exist."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db

OUTSIDERS = ["anonymous", "resident", "stranger", "other_staff", "self_made"]


def token(request, token_for, who):
    return None if who == "anonymous" else token_for(request.getfixturevalue(who))


@pytest.mark.parametrize("who", OUTSIDERS)
def test_a_draft_is_neither_listed_nor_found_for_outsiders(request, api, token_for, plan, who):
    key = token(request, token_for, who)
    listed = api.get(reverse("api:plan-list"), token=key)
    assert listed.status_code == 200
    assert [row["id"] for row in listed.json()["results"]] == []
    missing = api.get(reverse("api:plan-detail", kwargs={"pk": plan.pk + 1000}), token=key)
    draft = api.get(reverse("api:plan-detail", kwargs={"pk": plan.pk}), token=key)
    assert draft.status_code == missing.status_code == 404
    assert "Homelessness" not in draft.content.decode()


@pytest.mark.parametrize("who", ["staff", "back_office"])
def test_those_who_run_a_draft_read_it_with_its_money(request, api, token_for, plan, who):
    key = token(request, token_for, who)
    assert [
        row["id"] for row in api.get(reverse("api:plan-list"), token=key).json()["results"]
    ] == [plan.pk]
    detail = api.get(reverse("api:plan-detail", kwargs={"pk": plan.pk}), token=key).json()
    assert detail["published_at"] is None
    assert [(row["financial_year"], Decimal(row["amount"])) for row in detail["contributions"]] == [
        (2027, Decimal("600000")),
        (2028, Decimal("600000")),
    ]


def test_a_published_plan_is_open_to_everyone(api, plan):
    plan.published_at = timezone.now()
    plan.save()
    listed = api.get(reverse("api:plan-list")).json()["results"]
    assert [row["id"] for row in listed] == [plan.pk]
    detail = api.get(reverse("api:plan-detail", kwargs={"pk": plan.pk})).json()
    assert detail["title"] == "Homelessness and recovery"
    assert detail["status"] == "drafting"
    assert detail["web_address"].endswith(plan.get_absolute_url())
