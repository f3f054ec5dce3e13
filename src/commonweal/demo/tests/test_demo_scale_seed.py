"""The same seed grows Riverside the same way; another seed differently. Apart from test_demo_scale.py,
whose module keeps one grown place for all its tests: these grow it several times, rolling back between."""

import pytest
from django.db import transaction

from commonweal.demo import scale, services
from commonweal.needs.models import Need
from commonweal.organisations.models import Organisation
from commonweal.participation.models import BudgetRound

pytestmark = pytest.mark.django_db


def _grown_with(seed: int) -> list:
    """What a person sees of a growth: needs, supporters, organisations, and the rounds' winners."""
    with transaction.atomic():
        services.demo_grow(factor=2, seed=seed)
        generated = Need.objects.filter(raised_by__email__endswith="@" + scale.EMAIL_DOMAIN)
        seen = [
            list(
                generated.order_by("pk").values_list(
                    "title", "place__slug", "status", "supporter_count", "created_at"
                )
            ),
            list(Organisation.objects.order_by("pk").values_list("name", "legal_form")),
            [
                sorted(
                    round_.projects.filter(pk__in=round_.counts.get().selected).values_list(
                        "title", flat=True
                    )
                )
                for round_ in BudgetRound.objects.filter(
                    title__contains="community fund ("
                ).order_by("pk")
            ],
        ]
        transaction.set_rollback(True)
    return seen


def test_the_same_seed_makes_the_same_records_and_another_seed_others():
    services.demo_load()
    first = _grown_with(7)
    assert first[0] and first[2]
    again = _grown_with(7)
    # Times count back from the moment of growing, so they are left out.
    assert [row[:4] for row in again[0]] == [row[:4] for row in first[0]]
    assert again[1:] == first[1:]
    other = _grown_with(8)
    assert [row[:4] for row in other[0]] != [row[:4] for row in first[0]]
