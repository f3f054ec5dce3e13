"""The panel page offers each step only in the states where the step can be taken.

The page asks the panel (can_run_selection, can_draw, can_seat), as the services do, rather
than repeating the state machine in the template.
"""

import pytest
from django.urls import reverse

from commonweal.panels.models import Panel
from commonweal.panels.tests.helpers import make_panel
from commonweal.testing.factories import UserFactory

pytestmark = pytest.mark.django_db

S = Panel.Status
# state: (change features and the pool, run the selection, make the public draw, seat the panel)
OFFERED = {
    S.DRAFT: (True, False, False, False),
    S.POOL_OPEN: (True, True, False, False),
    S.SELECTING: (False, False, False, False),
    S.SELECTED: (True, True, True, False),
    S.DRAWN: (False, False, False, True),
    S.SEATED: (False, False, False, True),
}


def _links(panel):
    return (
        reverse("panels:pool-import", args=[panel.pk]),
        reverse("panels:run-start", args=[panel.pk]),
        reverse("panels:draw", args=[panel.pk]),
        "Seat the panel and invite its members",
    )


@pytest.mark.parametrize("status", list(OFFERED))
def test_staff_see_the_steps_of_this_state_and_no_others(sign_in, status):
    panel, staff = make_panel()
    Panel.objects.filter(pk=panel.pk).update(status=status)
    html = sign_in(staff).get(panel.get_absolute_url()).content.decode()
    shown = tuple(link in html for link in _links(panel))
    assert shown == OFFERED[status]
    # What the panel is for can be reworded in any state (its seats only until the draw).
    assert reverse("panels:edit", args=[panel.pk]) in html


@pytest.mark.parametrize("status", [S.POOL_OPEN, S.SELECTED, S.DRAWN])
def test_people_who_do_not_run_the_panel_are_offered_no_steps(client, sign_in, status):
    panel, _staff = make_panel()
    Panel.objects.filter(pk=panel.pk).update(status=status)
    for viewer in (client, sign_in(UserFactory())):
        html = viewer.get(panel.get_absolute_url()).content.decode()
        assert "Run this panel" not in html
        assert not any(link in html for link in _links(panel))


@pytest.mark.parametrize("status", list(OFFERED))
def test_the_panel_answers_as_the_page_shows(status):
    panel = Panel(status=status)
    answers = (panel.can_change_setup, panel.can_run_selection, panel.can_draw, panel.can_seat)
    assert answers == OFFERED[status]
