"""The demo's seated citizens' panel has a workspace a new user can see: the member who can sign in
finds their next meeting, papers and tasks there and on their dashboard, and loading the demo again
adds nothing."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_demo_panel_member_sees_a_real_workspace(client):
    from commonweal.demo import data, services
    from commonweal.demo.panels import TITLE
    from commonweal.panels.models import Panel

    services.demo_load()
    panel = Panel.objects.get(title=TITLE)
    number = min(panel.draw.drawn)
    member = panel.members.get(volunteer__number=number).user
    assert member.check_password(data.DEMO_PASSWORD)  # the sign-in the demo lists
    client.force_login(member)
    page = client.get(reverse("panels:workspace", kwargs={"pk": panel.pk})).content.decode()
    assert page.index("Next meeting") < page.index("Second meeting: what young people need")
    assert "Third meeting: how to score the bids" in page
    assert "First meeting: getting to know the work" in page and "ground rules" in page
    assert "Youth services in Riverside: the facts" in page
    assert "Read the papers for the second meeting" in page and "Chair the second meeting" in page
    dashboard = client.get(reverse("core:dashboard")).content.decode()
    assert reverse("panels:workspace", kwargs={"pk": panel.pk}) in dashboard
    assert "Next meeting: Second meeting: what young people need" in dashboard
    assert "3 tasks to do" in dashboard

    counts = (panel.meetings.count(), panel.papers.count(), panel.tasks.count())
    services.demo_load()
    assert (
        (panel.meetings.count(), panel.papers.count(), panel.tasks.count()) == counts == (3, 3, 3)
    )
