"""The Riverside demo's citizens' panel: selected by the engine, drawn, seated, and not duplicated on reload."""

import pytest

from commonweal.accounts.models import RoleAssignment, User
from commonweal.accounts.roles import Role
from commonweal.demo import data, services
from commonweal.demo.panels import SEED, TITLE
from commonweal.panels import engine, permissions
from commonweal.panels.models import Panel, PanelMember, Volunteer

pytestmark = pytest.mark.django_db


def test_the_demo_panel_is_drawn_seated_and_loaded_once():
    services.demo_load()
    panel = Panel.objects.get(title=TITLE)
    assert panel.status == Panel.Status.SEATED
    assert 150 <= panel.pool.count() <= 250
    assert list(panel.pool_imports.values_list("status", "imported")) == [
        ("done", panel.pool.count())
    ]
    assert panel.features.count() == 5
    draw = panel.draw
    assert len(draw.drawn) == panel.size and draw.problems == []
    # Anyone can re-run the draw from the published seed.
    assert sorted(int(n) for n in engine.draw_from(draw.run, draw.seed)) == draw.drawn
    assert draw.seed == SEED  # one seed, as at a real meeting, never one picked for its result
    members = User.objects.filter(panel_memberships__panel=panel)
    assert members.count() == panel.size
    for member in members:
        assert permissions.is_panel_member(member, panel)
        assert RoleAssignment.objects.filter(
            user=member, role=Role.CITIZEN_COMMISSIONER, place=panel.place
        ).exists()
    # Exactly one member can sign in, with the demo password, to see a member's pages.
    can_sign_in = [member for member in members if member.check_password(data.DEMO_PASSWORD)]
    assert [member.email for member in can_sign_in] == [
        panel.pool.get(number=min(draw.drawn)).email
    ]
    counts = (
        Panel.objects.count(),
        Volunteer.objects.count(),
        PanelMember.objects.count(),
        User.objects.count(),
    )
    services.demo_load()
    assert (
        Panel.objects.count(),
        Volunteer.objects.count(),
        PanelMember.objects.count(),
        User.objects.count(),
    ) == counts
