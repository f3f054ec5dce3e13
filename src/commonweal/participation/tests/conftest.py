"""Places, people and rounds the budgeting tests share."""

from decimal import Decimal

import pytest

from commonweal.participation.models import BudgetRound, Project
from commonweal.testing.place_world import make_resident  # noqa: F401 - the tests import it from here

PROJECTS = [
    ("Benches by the river", "3000"),
    ("Youth club kit", "5000"),
    ("Street trees", "4000"),
    ("Community fridge", "2000"),
]


@pytest.fixture
def make_round(riverside, council, staff):
    def _make(*, status=BudgetRound.Status.VOTING, projects=PROJECTS, **fields):
        fields.setdefault("budget", Decimal("10000"))
        round_ = BudgetRound.objects.create(
            place=riverside,
            run_by=council,
            title="Riverside decides 2027",
            status=status,
            created_by=staff,
            **fields,
        )
        for title, cost in projects:
            Project.objects.create(
                round=round_, title=title, cost=Decimal(cost), status=Project.Status.ACCEPTED
            )
        return round_

    return _make


def project_pk(round_, title) -> int:
    return round_.projects.get(title=title).pk


def cast_ballots(round_=None):
    """Every ballot cast, as counting sees them: the ballot box's waiting ballots are committed first."""
    from commonweal.ballots import selectors as box_selectors
    from commonweal.ballots import services as ballot_box
    from commonweal.participation.models import Ballot

    for box in box_selectors.boxes_waiting():
        ballot_box.box_flush(box=box, force=True)
    return Ballot.objects.all() if round_ is None else Ballot.objects.filter(round=round_)
