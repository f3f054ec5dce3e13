"""People who follow a citizens' panel or its place hear that it was drawn (never who was); each
person seated hears on the site that they were chosen, and gets one email: the invitation."""

import pytest
from django.core import mail

from commonweal.notifications import services as notifications
from commonweal.panels import members, selection, services
from commonweal.panels.tests.helpers import make_panel
from commonweal.testing.factories import UserFactory
from commonweal.testing.notifications import headlines

pytestmark = pytest.mark.django_db


def seated_panel(capture):
    """A panel of 4 drawn from 12 and seated, its staff member and its members."""
    panel, staff = make_panel(size=4, pool=12)
    with capture(execute=True):
        selection.run_start(actor=staff, panel=panel, method="leximin", time_limit=30)
    services.draw_make(actor=staff, panel=panel, seed="6 2 5")
    with capture(execute=True):
        seated = members.panel_seat(actor=staff, panel=panel)
    return panel, staff, seated


def test_followers_hear_of_the_draw_and_those_seated_hear_they_were_chosen(
    django_capture_on_commit_callbacks,
):
    panel, staff = make_panel(size=4, pool=12)
    panel_follower, place_follower, nobody = UserFactory.create_batch(3)
    notifications.follow(user=panel_follower, kind="panel", object_id=panel.pk)
    notifications.follow(user=place_follower, kind="place", object_id=panel.place_id)
    with django_capture_on_commit_callbacks(execute=True):
        selection.run_start(actor=staff, panel=panel, method="leximin", time_limit=30)
    with django_capture_on_commit_callbacks(execute=True):
        services.draw_make(actor=staff, panel=panel, seed="6 2 5")
    drawn = f"The members of “{panel.title}” have been drawn"
    assert headlines(panel_follower) == [drawn] and headlines(place_follower) == [drawn]
    assert headlines(nobody) == []
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [panel_follower.email, place_follower.email]
    )
    assert all(message.subject == drawn for message in mail.outbox)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        seated = members.panel_seat(actor=staff, panel=panel)
    chosen = f"You have been chosen for the citizens' panel “{panel.title}”"
    for member in seated:
        assert headlines(member.user) == [chosen]
    assert headlines(panel_follower) == [drawn], "who was chosen is nobody else's news"
    assert len(mail.outbox) == 4, "one email each: the invitation"
    assert all("You are on the citizens' panel" in message.subject for message in mail.outbox)


def test_members_hear_of_a_new_meeting_and_of_the_tasks_given_to_them(
    django_capture_on_commit_callbacks,
):
    import datetime

    from django.utils import timezone

    from commonweal.panels import services_workspace

    panel, staff, seated = seated_panel(django_capture_on_commit_callbacks)
    outsider = UserFactory()
    # They accepted their invitations: their addresses are confirmed, so they are emailed too.
    type(staff).objects.filter(pk__in=[m.user_id for m in seated]).update(
        email_confirmed_at=timezone.now()
    )
    mail.outbox.clear()
    starts = timezone.make_aware(datetime.datetime(2027, 1, 14, 18, 30))
    with django_capture_on_commit_callbacks(execute=True):
        services_workspace.meeting_create(
            actor=staff,
            panel=panel,
            title="Second meeting: what we heard",
            starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=2),
            location="Riverside Library",
        )
        services_workspace.task_create(
            actor=staff,
            panel=panel,
            title="Read the housing paper",
            due_on=datetime.date(2027, 1, 10),
            member=seated[0],
        )
    meeting = f"“{panel.title}” meets on 14 January 2027 at 18:30"
    task = f"A task for “{panel.title}”: Read the housing paper, by 10 January 2027"
    assert headlines(seated[0].user)[-2:] == [meeting, task]
    for member in seated[1:]:
        assert headlines(member.user)[-1] == meeting
    assert headlines(outsider) == [] and headlines(staff) == []
    assert len([m for m in mail.outbox if m.subject == meeting]) == 4
    assert [m.to for m in mail.outbox if m.subject == task] == [[seated[0].user.email]]


def test_members_hear_when_a_meeting_moves_or_a_task_is_given_to_someone_else(
    django_capture_on_commit_callbacks,
):
    import datetime

    from django.utils import timezone

    from commonweal.panels import services_workspace

    panel, staff, seated = seated_panel(django_capture_on_commit_callbacks)
    starts = timezone.make_aware(datetime.datetime(2027, 1, 14, 18, 30))
    fields = {
        "title": "Second meeting",
        "starts_at": starts,
        "ends_at": starts + datetime.timedelta(hours=2),
        "location": "Riverside Library",
    }
    with django_capture_on_commit_callbacks(execute=True):
        meeting = services_workspace.meeting_create(actor=staff, panel=panel, **fields)
        task = services_workspace.task_create(
            actor=staff,
            panel=panel,
            title="Read the paper",
            due_on=datetime.date(2027, 1, 10),
            member=seated[0],
        )
    told = {member.user_id: len(headlines(member.user)) for member in seated}
    with django_capture_on_commit_callbacks(execute=True):
        services_workspace.meeting_update(
            actor=staff, meeting=meeting, **{**fields, "location": "Town hall"}
        )
        services_workspace.task_update(
            actor=staff,
            task=task,
            title="Read the paper",
            due_on=datetime.date(2027, 1, 10),
            member=seated[0],
        )
    assert {m.user_id: len(headlines(m.user)) for m in seated} == told, (
        "no news: same time, same person"
    )
    later = starts + datetime.timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        services_workspace.meeting_update(
            actor=staff,
            meeting=meeting,
            **{**fields, "starts_at": later, "ends_at": later + datetime.timedelta(hours=2)},
        )
        services_workspace.task_update(
            actor=staff,
            task=task,
            title="Read the paper",
            due_on=datetime.date(2027, 1, 10),
            member=seated[1],
        )
    moved = f"“{panel.title}” now meets on 15 January 2027 at 18:30"
    for member in seated:
        assert moved in headlines(member.user)
    assert headlines(seated[1].user)[-1] == (
        f"A task for “{panel.title}”: Read the paper, by 10 January 2027"
    )
    assert headlines(seated[0].user)[-1] == moved
