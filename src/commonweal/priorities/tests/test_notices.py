"""People hear when a priority round they can vote in opens (on its opening day, when that is
later), are reminded before it closes unless they have voted, and hear when its results are out."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse

from commonweal.accounts.roles import Role
from commonweal.notifications import services as notifications
from commonweal.notifications.models import Event, Follow
from commonweal.notifications.topics import CLOSING_SOON
from commonweal.priorities import services
from commonweal.priorities.models import PriorityRound
from commonweal.testing.factories import PublicBodyFactory, RoleFactory, UserFactory
from commonweal.testing.notifications import headlines
from commonweal.testing.place_world import make_resident

pytestmark = pytest.mark.django_db


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """Call a service and run the background tasks it starts."""

    def _run(service, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return service(**kwargs)

    return _run


def test_residents_and_followers_hear_that_voting_opened_and_others_do_not(
    make_round, run, staff, resident, stranger, elsewhere, riverside
):
    round_ = make_round(status=PriorityRound.Status.DRAFT)
    follower = UserFactory()  # a draft cannot be followed: they follow the place
    elsewhere_resident = make_resident(elsewhere, "Ed Elsewhere")
    notifications.follow(user=follower, kind="place", object_id=riverside.pk)

    run(services.round_open, round_=round_, actor=staff, reason="Ready")

    expected = f"You can now vote in “{round_.title}”"
    assert headlines(resident) == [expected], "a resident of a ward inside the round's place"
    assert headlines(follower) == [expected]
    for person in (stranger, elsewhere_resident, staff):
        assert headlines(person) == []
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [resident.email, follower.email]
    )


def test_a_round_for_citizen_commissioners_is_news_for_them_only(
    make_round, run, staff, resident, riverside
):
    round_ = make_round(
        status=PriorityRound.Status.DRAFT,
        eligibility=PriorityRound.Eligibility.CITIZEN_COMMISSIONERS,
    )
    commissioner = UserFactory()
    RoleFactory(
        user=commissioner, organisation=None, place=riverside, role=Role.CITIZEN_COMMISSIONER
    )
    run(services.round_open, round_=round_, actor=staff, reason="Ready")
    assert headlines(commissioner) == [f"You can now vote in “{round_.title}”"]
    assert headlines(resident) == []


def test_news_of_a_round_that_opens_later_waits_for_its_opening(make_round, run, staff, resident):
    round_ = make_round(status=PriorityRound.Status.DRAFT, opens_in_days=3, closes_in_days=10)
    run(services.round_open, round_=round_, actor=staff, reason="Ready")
    assert headlines(resident) == []
    notifications.events_due_fan_out(now=round_.opens_at - timedelta(minutes=1))
    assert headlines(resident) == []
    notifications.events_due_fan_out(now=round_.opens_at)
    assert headlines(resident) == [f"You can now vote in “{round_.title}”"]


def test_a_reminder_before_it_closes_goes_to_those_who_have_not_voted(
    make_round, run, staff, resident, ward, needs
):
    round_ = make_round(status=PriorityRound.Status.DRAFT)
    voter = make_resident(ward, "Val Voter")
    run(services.round_open, round_=round_, actor=staff, reason="Ready")
    services.ballot_cast(round_=round_, voter=voter, choices={needs[0].pk: None})

    reminder = Event.objects.get(key=f"priority_round:{round_.pk}:closing")
    assert reminder.due_at == round_.closes_at - CLOSING_SOON
    notifications.events_due_fan_out(now=reminder.due_at)
    assert headlines(resident)[-1] == f"Voting in “{round_.title}” closes soon"
    assert all("closes soon" not in headline for headline in headlines(voter))


def test_closing_early_cancels_the_reminder(make_round, run, staff, resident):
    round_ = make_round(status=PriorityRound.Status.DRAFT)
    run(services.round_open, round_=round_, actor=staff, reason="Ready")
    run(services.round_close, round_=round_, actor=staff, reason="Enough votes")
    reminder = Event.objects.get(key=f"priority_round:{round_.pk}:closing")
    assert reminder.state == Event.State.CANCELLED
    assert notifications.events_due_fan_out(now=round_.closes_at) == 0


def test_voters_and_followers_hear_the_results(make_round, run, staff, resident, needs, stranger):
    round_ = make_round()
    follower = UserFactory()
    notifications.follow(user=follower, kind="priority_round", object_id=round_.pk)
    services.ballot_cast(round_=round_, voter=resident, choices={needs[0].pk: None})
    run(services.round_close, round_=round_, actor=staff, reason="Closed")
    mail.outbox.clear()
    run(services.round_publish, round_=round_, actor=staff, reason="Counted and checked")
    expected = f"The results of “{round_.title}” are published"
    assert headlines(resident) == [expected] and headlines(follower) == [expected]
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [resident.email, follower.email]
    )
    assert all("Counted and checked" in message.body for message in mail.outbox)
    assert headlines(stranger) == []


def test_a_draft_round_cannot_be_followed_by_someone_who_does_not_run_it(
    client, make_round, stranger, sign_in, staff
):
    draft = make_round(status=PriorityRound.Status.DRAFT)
    client.force_login(stranger)
    follow = reverse("notifications:follow")
    assert client.post(follow, {"kind": "priority_round", "object_id": draft.pk}).status_code == 404
    self_made_body = PublicBodyFactory(verified=False)  # registered itself, not yet verified
    self_made_body.places_served.add(draft.place)
    self_made = RoleFactory(role=Role.COMMISSIONER, organisation=self_made_body).user
    sign_in(self_made)
    assert client.post(follow, {"kind": "priority_round", "object_id": draft.pk}).status_code == 404
    assert not Follow.objects.exists()

    open_round = make_round()
    client.force_login(stranger)
    assert (
        "Follow this priority round" in client.get(open_round.get_absolute_url()).content.decode()
    )
    assert (
        client.post(follow, {"kind": "priority_round", "object_id": open_round.pk}).status_code
        == 302
    )
    assert Follow.objects.filter(user=stranger, object_id=open_round.pk).exists()
