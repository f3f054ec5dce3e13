"""Rows the home app's tests make straight in the database: rounds, budgets, sessions and panels
at a given point in their life, dated from now."""

import datetime
from decimal import Decimal

from django.utils import timezone

from commonweal.codesign.models import Session
from commonweal.panels.models import Panel
from commonweal.participation.models import BudgetRound
from commonweal.priorities.models import PriorityRound

DAY = datetime.timedelta(days=1)


def priority_round(
    place, council, staff, title, *, status=PriorityRound.Status.OPEN, opens=-1, closes=7
):
    """A priority round opening and closing ``opens`` and ``closes`` days from now."""
    now = timezone.now()
    return PriorityRound.objects.create(
        place=place,
        run_by=council,
        title=title,
        method=PriorityRound.Method.APPROVAL,
        eligibility=PriorityRound.Eligibility.RESIDENTS,
        status=status,
        opens_at=now + opens * DAY,
        closes_at=now + closes * DAY,
        created_by=staff,
    )


def budget(place, council, staff, title, status, **dates):
    return BudgetRound.objects.create(
        place=place,
        run_by=council,
        title=title,
        status=status,
        budget=Decimal("50000"),
        created_by=staff,
        **dates,
    )


def session(place, council, title, *, in_days=3):
    return Session.objects.create(
        place=place,
        organised_by=council,
        title=title,
        kind="workshop",
        starts_at=timezone.now() + in_days * DAY,
        location="Town Hall",
    )


def panel(place, staff, title, status=Panel.Status.POOL_OPEN):
    return Panel.objects.create(place=place, title=title, size=30, status=status, created_by=staff)
