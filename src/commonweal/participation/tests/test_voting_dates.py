"""Voting follows the published dates: nobody votes before voting opens or after the closing day."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from commonweal.participation import permissions, services_voting
from commonweal.participation.tests.conftest import cast_ballots, project_pk

pytestmark = pytest.mark.django_db


def test_voting_is_open_from_the_opening_day_to_the_end_of_the_closing_day(make_round):
    today = timezone.localdate()
    round_ = make_round(voting_opens=today, voting_closes=today + timedelta(days=7))
    assert permissions.is_voting_open(round_, today=today)
    assert permissions.is_voting_open(round_, today=today + timedelta(days=7))
    assert not permissions.is_voting_open(round_, today=today - timedelta(days=1))
    assert not permissions.is_voting_open(round_, today=today + timedelta(days=8))


def test_a_ballot_after_the_closing_day_is_refused_and_nothing_is_stored(make_round, resident):
    today = timezone.localdate()
    round_ = make_round(
        voting_opens=today - timedelta(days=10), voting_closes=today - timedelta(days=1)
    )
    with pytest.raises(ValidationError, match="not open for voting"):
        services_voting.ballot_cast(
            round_=round_,
            voter=resident,
            marks={project_pk(round_, "Street trees"): 1},
            age_confirmed=True,
        )
    assert not cast_ballots().filter(round=round_).exists()


def test_the_round_page_says_when_voting_closed(client, make_round, resident):
    today = timezone.localdate()
    closed_on = today - timedelta(days=1)
    round_ = make_round(voting_opens=today - timedelta(days=10), voting_closes=closed_on)
    client.force_login(resident)
    page = client.get(reverse("participation:round", args=[round_.pk])).content.decode()
    assert f"Voting closed at the end of {closed_on.day} {closed_on:%B %Y}" in page
    assert reverse("participation:vote", args=[round_.pk]) not in page


def test_the_round_page_says_when_voting_opens(client, make_round, resident):
    opens = timezone.localdate() + timedelta(days=3)
    round_ = make_round(voting_opens=opens, voting_closes=opens + timedelta(days=14))
    client.force_login(resident)
    page = client.get(reverse("participation:round", args=[round_.pk])).content.decode()
    assert f"Voting opens on {opens.day} {opens:%B %Y}" in page


def test_ideas_are_taken_from_their_opening_day_to_the_day_before_checking_starts(
    make_round, resident
):
    from commonweal.participation import services
    from commonweal.participation.models import BudgetRound

    today = timezone.localdate()
    round_ = make_round(
        status=BudgetRound.Status.PROPOSALS,
        projects=[],
        proposals_open=today,
        review_from=today + timedelta(days=10),
    )
    assert permissions.are_proposals_open(round_, today=today)
    assert permissions.are_proposals_open(round_, today=today + timedelta(days=9))
    assert not permissions.are_proposals_open(round_, today=today - timedelta(days=1))
    assert not permissions.are_proposals_open(round_, today=today + timedelta(days=10))
    ended = make_round(
        status=BudgetRound.Status.PROPOSALS,
        projects=[],
        proposals_open=today - timedelta(days=20),
        review_from=today,
    )
    with pytest.raises(ValidationError, match="not taking project ideas"):
        services.project_propose(
            round_=ended, actor=resident, title="Play area", description="", cost=4000
        )
    assert not ended.projects.exists()


def test_the_round_page_says_when_ideas_open_and_when_they_stopped(client, make_round, resident):
    from commonweal.participation.models import BudgetRound

    today = timezone.localdate()
    opens = today + timedelta(days=3)
    future = make_round(status=BudgetRound.Status.PROPOSALS, projects=[], proposals_open=opens)
    client.force_login(resident)
    page = client.get(reverse("participation:round", args=[future.pk])).content.decode()
    assert f"You can put forward project ideas from {opens.day} {opens:%B %Y}" in page
    assert reverse("participation:propose", args=[future.pk]) not in page
    past = make_round(status=BudgetRound.Status.PROPOSALS, projects=[], review_from=today)
    page = client.get(reverse("participation:round", args=[past.pk])).content.decode()
    assert f"The round stopped taking project ideas on {today.day} {today:%B %Y}" in page
    assert reverse("participation:propose", args=[past.pk]) not in page
    assert client.get(reverse("participation:propose", args=[past.pk])).status_code == 403


def test_opening_voting_before_its_day_says_when_it_will_open(sign_in, make_round, staff):
    from commonweal.participation.models import BudgetRound

    opens = timezone.localdate() + timedelta(days=5)
    round_ = make_round(
        status=BudgetRound.Status.REVIEW,
        voting_opens=opens,
        voting_closes=opens + timedelta(days=7),
    )
    page = sign_in(staff).post(
        reverse("participation:move", args=[round_.pk, "voting"]), {"reason": ""}, follow=True
    )
    assert f"Voting will open on {opens.day} {opens:%B %Y}" in page.content.decode()
    round_.refresh_from_db()
    assert round_.status == BudgetRound.Status.VOTING
    assert not permissions.is_voting_open(round_)
    assert permissions.is_voting_open(round_, today=opens)
