"""A round's page offers those who run it each step only when the step can be taken."""

import pytest
from django.urls import reverse

from commonweal.priorities.models import PriorityRound

pytestmark = pytest.mark.django_db

S = PriorityRound.Status
STEPS = {
    "open": ("priorities:open", "Open the round for voting"),
    "close": ("priorities:close", "Close the round early"),
    "publish": ("priorities:publish", "Publish the results"),
    "prioritise": ("priorities:prioritise", "Mark needs prioritised, citing this round"),
}
# (status, opens in days, closes in days): the steps offered
CASES = [
    ((S.DRAFT, 1, 8), {"open"}),
    ((S.OPEN, 1, 8), {"close"}),  # open, before its first day
    ((S.OPEN, -1, 7), {"close"}),  # open for votes now
    ((S.OPEN, -8, -1), {"publish"}),  # past its closing time, not yet closed by hand
    ((S.CLOSED, -8, 3), {"publish"}),  # closed early
    ((S.PUBLISHED, -8, -1), {"prioritise"}),
]


@pytest.mark.parametrize(("when", "offered"), CASES)
def test_staff_are_offered_the_steps_of_this_phase_and_no_others(
    sign_in, make_round, staff, when, offered
):
    status, opens, closes = when
    round_ = make_round(status=status, opens_in_days=opens, closes_in_days=closes)
    html = sign_in(staff).get(round_.get_absolute_url()).content.decode()
    shown = {
        step for step, (name, words) in STEPS.items() if reverse(name, args=[round_.pk]) in html
    }
    assert shown == offered
    for step in offered:
        assert STEPS[step][1] in html


@pytest.mark.parametrize("status", [S.OPEN, S.CLOSED, S.PUBLISHED])
def test_people_who_do_not_run_the_round_are_offered_no_steps(
    client, sign_in, make_round, resident, status
):
    round_ = make_round(status=status, opens_in_days=-8, closes_in_days=-1)
    for viewer in (client, sign_in(resident)):
        html = viewer.get(round_.get_absolute_url()).content.decode()
        assert "Run this round" not in html
        assert not any(reverse(name, args=[round_.pk]) in html for name, _w in STEPS.values())
