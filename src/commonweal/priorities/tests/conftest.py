"""Places, people, needs and rounds the priority tests share."""

from datetime import timedelta

import pytest
from django.utils import timezone

from commonweal.needs.models import Need
from commonweal.priorities.models import PriorityRound


def make_need(place, title: str, **fields) -> Need:
    return Need.objects.create(
        place=place,
        title=title,
        problem=f"The problem: {title}.",
        population="People in the place",
        **fields,
    )


@pytest.fixture
def needs(riverside, ward):
    return [
        make_need(riverside, "Rough sleeping by the river"),
        make_need(ward, "Lonely older people"),
        make_need(riverside, "No youth club"),
    ]


@pytest.fixture
def make_round(riverside, council, needs, staff):
    def _make(
        *,
        status=PriorityRound.Status.OPEN,
        method=PriorityRound.Method.APPROVAL,
        eligibility=PriorityRound.Eligibility.RESIDENTS,
        opens_in_days=-1,
        closes_in_days=7,
        title="Which needs first in 2027?",
    ):
        now = timezone.now()
        round_ = PriorityRound.objects.create(
            place=riverside,
            run_by=council,
            title=title,
            method=method,
            eligibility=eligibility,
            status=status,
            opens_at=now + timedelta(days=opens_in_days),
            closes_at=now + timedelta(days=closes_in_days),
            created_by=staff,
        )
        round_.needs.set(needs)
        return round_

    return _make


def cast_ballots(round_=None):
    """Every ballot cast, as the results see them: the ballot box's waiting ballots are committed first."""
    from commonweal.ballots import selectors as box_selectors
    from commonweal.ballots import services as ballot_box
    from commonweal.priorities.models import Ballot

    for box in box_selectors.boxes_waiting():
        ballot_box.box_flush(box=box, force=True)
    return Ballot.objects.all() if round_ is None else Ballot.objects.filter(round=round_)
