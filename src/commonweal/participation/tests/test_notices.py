"""People hear when a community budget they can take part in takes ideas or opens voting (on the
first day, when that is later), are reminded before the last day unless they have voted, hear
whether their own idea is on the ballot and why, and hear the results."""

import datetime
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from commonweal.notifications import services as notifications
from commonweal.notifications.models import Event, Notification
from commonweal.notifications.topics import CLOSING_SOON
from commonweal.participation import services, services_counting, services_voting
from commonweal.participation.models import BudgetRound, Project, Verification
from commonweal.participation.tests.conftest import make_resident, project_pk
from commonweal.testing.factories import UserFactory
from commonweal.testing.notifications import headlines

pytestmark = pytest.mark.django_db
R = BudgetRound.Status


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    def _run(service, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return service(**kwargs)

    return _run


def test_residents_and_people_checked_for_the_round_hear_that_ideas_are_wanted(
    make_round, run, staff, resident, stranger
):
    round_ = make_round(status=R.DRAFT)
    checked = UserFactory()
    Verification.objects.create(round=round_, person=checked, method=BudgetRound.Verification.CODE)
    run(services.round_move, round_=round_, actor=staff, to=R.PROPOSALS)
    expected = f"Send your ideas for “{round_.title}”"
    assert headlines(resident) == [expected] and headlines(checked) == [expected]
    assert headlines(stranger) == [] and headlines(staff) == []


def test_voting_that_opens_on_a_later_day_is_news_on_that_day_and_the_reminder_leaves_out_voters(
    make_round, run, staff, resident, ward
):
    today = timezone.localdate()
    round_ = make_round(
        status=R.REVIEW,
        voting_opens=today + timedelta(days=2),
        voting_closes=today + timedelta(days=9),
    )
    run(services.round_move, round_=round_, actor=staff, to=R.VOTING)
    assert headlines(resident) == []
    opening = timezone.make_aware(datetime.datetime.combine(round_.voting_opens, datetime.time.min))
    notifications.events_due_fan_out(now=opening)
    assert headlines(resident) == [f"You can now vote in “{round_.title}”"]

    voter = make_resident(ward, "Val Voter")
    BudgetRound.objects.filter(pk=round_.pk).update(voting_opens=today)
    round_.refresh_from_db()
    services_voting.ballot_cast(
        round_=round_,
        voter=voter,
        age_confirmed=True,
        marks={project_pk(round_, "Street trees"): 1},
    )
    reminder = Event.objects.get(key=f"budget_round:{round_.pk}:voting:closing")
    end_of_last_day = timezone.make_aware(
        datetime.datetime.combine(round_.voting_closes + timedelta(days=1), datetime.time.min)
    )
    assert reminder.due_at == end_of_last_day - CLOSING_SOON
    notifications.events_due_fan_out(now=reminder.due_at)
    assert headlines(resident)[-1] == f"Voting in “{round_.title}” closes soon"
    assert all("closes soon" not in headline for headline in headlines(voter))


def test_moving_the_last_day_moves_the_reminder_and_an_unchanged_save_moves_nothing(
    make_round, run, staff
):
    today = timezone.localdate()
    round_ = make_round(status=R.REVIEW, voting_closes=today + timedelta(days=10))
    run(services.round_move, round_=round_, actor=staff, to=R.VOTING)
    first = Event.objects.get(key__endswith=":voting:closing", state=Event.State.WAITING)
    services.round_update(round_=round_, actor=staff, title=round_.title)
    assert Event.objects.filter(key__endswith=":voting:closing").count() == 1

    services.round_update(round_=round_, actor=staff, voting_closes=today + timedelta(days=12))
    first.refresh_from_db()
    assert first.state == Event.State.CANCELLED
    moved = Event.objects.get(key__endswith=":voting:closing", state=Event.State.WAITING)
    assert moved.due_at - first.due_at == timedelta(days=2)


def test_a_reminder_for_a_phase_that_has_ended_is_not_sent(make_round, run, staff, resident):
    today = timezone.localdate()
    round_ = make_round(status=R.REVIEW, voting_closes=today + timedelta(days=10))
    run(services.round_move, round_=round_, actor=staff, to=R.VOTING)
    run(services.round_move, round_=round_, actor=staff, to=R.CLOSED)
    reminder = Event.objects.get(key__endswith=":voting:closing")
    assert notifications.events_due_fan_out(now=reminder.due_at) == 0
    reminder.refresh_from_db()
    assert reminder.state == Event.State.CANCELLED
    assert all("closes soon" not in headline for headline in headlines(resident))


def test_the_person_who_proposed_an_idea_hears_whether_it_is_on_the_ballot_and_why(
    make_round, run, staff, resident, riverside
):
    round_ = make_round(status=R.REVIEW, projects=[])
    place_follower = UserFactory()
    notifications.follow(user=place_follower, kind="place", object_id=riverside.pk)
    idea = Project.objects.create(
        round=round_, title="A bench by the bus stop", cost=500, proposer=resident
    )
    run(
        services.project_review,
        project=idea,
        actor=staff,
        status=Project.Status.REJECTED,
        reason="The bus company is putting one there in March.",
    )
    [notification] = Notification.objects.filter(user=resident).select_related("event")
    assert (
        notification.event.headline
        == "Your idea “A bench by the bus stop” will not be on the ballot"
    )
    assert notification.event.body == "The bus company is putting one there in March."
    assert notification.event.url.endswith(f"#project-{idea.pk}")
    [message] = mail.outbox
    assert message.to == [resident.email]
    assert message.subject == "Your idea “A bench by the bus stop” will not be on the ballot"
    assert "The bus company is putting one there in March." in message.body
    assert headlines(place_follower) == [], "an idea's decision is its proposer's news"

    run(
        services.project_review,
        project=idea,
        actor=staff,
        status=Project.Status.REJECTED,
        reason="The bus company is putting one there in March.",
    )
    assert Notification.objects.filter(user=resident).count() == 1, "the same again is not news"
    run(
        services.project_review,
        project=idea,
        actor=staff,
        status=Project.Status.ACCEPTED,
        reason="The bus company changed its plans.",
    )
    assert headlines(resident)[-1] == "Your idea “A bench by the bus stop” is on the ballot"


def test_those_who_voted_hear_the_results(make_round, run, staff, ward, stranger):
    round_ = make_round(rule="mes", completion="none")
    voter = make_resident(ward, "Ann")
    services_voting.ballot_cast(
        round_=round_,
        voter=voter,
        age_confirmed=True,
        marks={project_pk(round_, "Benches by the river"): 1},
    )
    services.round_move(round_=round_, actor=staff, to=R.CLOSED)
    services_counting.round_count(round_=round_, actor=staff)
    mail.outbox.clear()
    run(services_counting.round_publish, round_=round_, actor=staff, reason="Checked twice")
    assert headlines(voter)[-1] == f"The results of “{round_.title}” are published"
    assert [message.to for message in mail.outbox] == [[voter.email]]
    assert headlines(stranger) == []
