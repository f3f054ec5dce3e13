"""A citizen commissioner's dashboard links to the workspace of each panel they sit on, with its next
meeting and how many of their tasks are not done; it shows each change at once, nobody else sees
it, and it asks the database as often for 30 panels, meetings and tasks as for 3."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from commonweal.accounts.roles import Role
from commonweal.panels import services_workspace
from commonweal.panels.models import Panel, PanelMember
from commonweal.testing.factories import RoleFactory, UserFactory
from commonweal.testing.queries import no_growth, queries_for

pytestmark = pytest.mark.django_db


def dashboard(client) -> str:
    return client.get(reverse("core:dashboard")).content.decode()


def your_panels(page: str) -> str:
    start = page.find('id="panels-heading"')
    return "" if start < 0 else page[start : page.index("</section>", start)]


def at(days: int, hour: int) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def seated(place, staff, person, title: str) -> PanelMember:
    panel = Panel.objects.create(
        place=place, title=title, size=10, status=Panel.Status.SEATED, created_by=staff
    )
    return PanelMember.objects.create(panel=panel, user=person)


def meeting(seat, staff, title: str, days: int):
    return services_workspace.meeting_create(
        actor=staff,
        panel=seat.panel,
        title=title,
        starts_at=at(days, 18),
        ends_at=at(days, 20),
        location="Civic Centre",
    )


def task(seat, staff, title: str, *, alone: bool = False):
    return services_workspace.task_create(
        actor=staff,
        panel=seat.panel,
        title=title,
        due_on=timezone.localdate() + datetime.timedelta(days=3),
        member=seat if alone else None,
    )


@pytest.fixture
def commissioner(riverside):
    person = UserFactory(full_name="Cara Citizen")
    RoleFactory(user=person, organisation=None, place=riverside, role=Role.CITIZEN_COMMISSIONER)
    return person


def test_a_member_sees_each_panel_with_its_next_meeting_and_tasks_to_do(
    sign_in, riverside, staff, commissioner
):
    seat = seated(riverside, staff, commissioner, "Youth services panel")
    meeting(seat, staff, "First meeting", days=-7)
    meeting(seat, staff, "Third meeting", days=21)
    meeting(seat, staff, "Second meeting", days=7)
    read = task(seat, staff, "Read the papers")
    task(seat, staff, "Chair the meeting", alone=True)
    someone_else = seated(riverside, staff, UserFactory(), "Another panel")
    task(someone_else, staff, "Not theirs")
    client = sign_in(commissioner)
    panels = your_panels(dashboard(client))
    workspace = reverse("panels:workspace", kwargs={"pk": seat.panel_id})
    assert f'href="{workspace}"' in panels and "Youth services panel" in panels
    assert "Next meeting: Second meeting, 18:00 on" in panels
    assert "First meeting" not in panels and "Third meeting" not in panels
    assert "2 tasks to do" in panels and "Another panel" not in panels

    # Each change shows at once: a task done, a meeting called off, a panel joined.
    services_workspace.task_mark_done(actor=commissioner, task=read, member=seat)
    assert "1 task to do" in your_panels(dashboard(client))
    second = seat.panel.meetings.get(title="Second meeting")
    services_workspace.meeting_delete(actor=staff, meeting=second)
    assert "Next meeting: Third meeting" in your_panels(dashboard(client))
    seated(riverside, staff, commissioner, "Adult social care panel")
    panels = your_panels(dashboard(client))
    assert "Adult social care panel" in panels and "No meeting is arranged yet" in panels


def test_nobody_else_sees_a_panels_section(sign_in, riverside, staff, commissioner, resident):
    seat = seated(riverside, staff, commissioner, "Youth services panel")
    meeting(seat, staff, "Second meeting", days=7)
    for person in (resident, staff, UserFactory()):
        assert your_panels(dashboard(sign_in(person))) == ""
    # A citizen commissioner who sits on no panel: none either.
    unseated = UserFactory()
    RoleFactory(user=unseated, organisation=None, place=riverside, role=Role.CITIZEN_COMMISSIONER)
    assert your_panels(dashboard(sign_in(unseated))) == ""


def test_the_dashboard_asks_as_often_for_30_panels_meetings_and_tasks_as_for_3(
    sign_in, riverside, staff, commissioner
):
    def grow(size: int) -> None:
        for number in range(size):
            seat = seated(riverside, staff, commissioner, f"Panel {size}-{number}")
            for days in (-3, 4 + number, 40):
                meeting(seat, staff, f"Meeting {size}-{number} in {days} days", days)
            for alone in (False, True):
                done = task(seat, staff, f"Task {size}-{number}", alone=alone)
            services_workspace.task_mark_done(actor=commissioner, task=done, member=seat)

    client = sign_in(commissioner)
    grow(3)
    few, _page = queries_for(client, reverse("core:dashboard"))
    grow(27)
    many, page = queries_for(client, reverse("core:dashboard"))
    panels = your_panels(page.content.decode())
    assert "Panel 27-26" in panels and "Next meeting: Meeting 27-26 in 30 days" in panels
    no_growth(few, many, ceiling=40, what="the dashboard of a member of many panels")
