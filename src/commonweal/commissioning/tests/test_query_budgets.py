"""Query budgets for the plan pages this module's views own (the list, a plan, its money and its
pipeline) and the plans API: 3 of everything, then 30, for each kind of caller; the count must not
grow. The advisor's, market's, barrier check's and lots' budgets are in their own test files."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from commonweal.commissioning import services
from commonweal.commissioning.models import EngagementEvent, Plan, ProviderInterest
from commonweal.testing.factories import OrganisationFactory, PublicBodyFactory
from commonweal.testing.queries import no_growth, queries_for

pytestmark = pytest.mark.django_db


def grow(plan, staff, riverside, how_many: int, start: int = 0) -> None:
    """More of everything a plan's pages show: plans, agencies' money, current spend, events,
    interested providers."""
    for n in range(start, start + how_many):
        body = PublicBodyFactory(places_served=[riverside])
        services.contribution_save(
            actor=staff, plan=plan, organisation=body, financial_year=2027, amount=Decimal(n + 1)
        )
        provider = OrganisationFactory()
        provider.places_served.add(riverside)
        services.current_contract_add(
            actor=staff,
            plan=plan,
            provider=provider,
            description=f"Service {n}",
            annual_value=Decimal(1000),
        )
        EngagementEvent.objects.create(
            plan=plan,
            title=f"Event {n}",
            held_on=datetime.date(2027, 1, 1),
            notes="Said",
            notes_published_at=timezone.now(),
        )
        ProviderInterest.objects.create(plan=plan, organisation=provider)
        other = services.plan_create(
            actor=staff, place=riverside, lead=plan.lead, title=f"Plan {n}", summary="x"
        )
        Plan.objects.filter(pk=other.pk).update(published_at=timezone.now())


PAGES = ["plans", "plan", "money", "pipeline", "api:plan-list", "api:plan-detail"]


def address(name: str, plan) -> str:
    if name == "plans":
        return reverse("commissioning:plans")
    if name.startswith("api:"):
        return reverse(name) if name.endswith("list") else reverse(name, kwargs={"pk": plan.pk})
    return reverse(f"commissioning:{name}", kwargs={"pk": plan.pk})


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("who", ["anonymous", "staff", "resident"])
def test_the_plan_pages_ask_the_same_for_30_as_for_3(
    request, client, sign_in, plan, staff, riverside, name, who
):
    Plan.objects.filter(pk=plan.pk).update(published_at=timezone.now())
    plan.refresh_from_db()
    caller = client if who == "anonymous" else sign_in(request.getfixturevalue(who))
    grow(plan, staff, riverside, 3)
    queries_for(caller, address(name, plan))  # the first request fills the request-wide caches
    few, _ = queries_for(caller, address(name, plan))
    grow(plan, staff, riverside, 27, start=3)
    many, _ = queries_for(caller, address(name, plan))
    no_growth(few, many, ceiling=30, what=f"{name} as {who}")
