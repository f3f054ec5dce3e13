"""The Riverside demo's citizens' panel: selected by the engine, drawn, seated, and not duplicated on reload."""

import pytest

from commonweal.accounts.models import RoleAssignment, User
from commonweal.accounts.roles import Role
from commonweal.demo import data, services
from commonweal.demo.panels import TITLE
from commonweal.panels import engine, permissions
from commonweal.panels.models import Panel, PanelMember, Volunteer

pytestmark = pytest.mark.django_db


def test_the_demo_panel_is_drawn_seated_and_loaded_once():
    services.demo_load()
    panel = Panel.objects.get(title=TITLE)
    assert panel.status == Panel.Status.SEATED
    assert 150 <= panel.pool.count() <= 250
    assert panel.features.count() == 5
    draw = panel.draw
    assert len(draw.drawn) == panel.size and draw.problems == []
    # Anyone can re-run the draw from the published seed.
    assert sorted(int(n) for n in engine.draw_from(draw.run, draw.seed)) == draw.drawn
    grace = User.objects.get(email=data.email("citizen_commissioner"))
    assert permissions.is_panel_member(grace, panel)
    assert RoleAssignment.objects.filter(user=grace, role=Role.CITIZEN_COMMISSIONER, place=panel.place).exists()
    counts = (Panel.objects.count(), Volunteer.objects.count(), PanelMember.objects.count(), User.objects.count())
    services.demo_load()
    assert (Panel.objects.count(), Volunteer.objects.count(), PanelMember.objects.count(), User.objects.count()) == counts
