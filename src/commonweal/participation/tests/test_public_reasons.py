"""The reasons a form promises everyone can read are on the round's public pages for a person who is
not signed in: why an idea was left off the ballot, and why the votes were counted again after the
results were published. A phase's reason is kept in the record of changes, and says so."""

import pytest
from django.test import Client
from django.urls import reverse

from commonweal.participation import services, services_counting
from commonweal.participation.models import BudgetRound, Project
from commonweal.participation.tests.test_pages import publish

pytestmark = pytest.mark.django_db
R = BudgetRound.Status


def url(name, round_) -> str:
    return reverse(f"participation:{name}", kwargs={"pk": round_.pk})


def test_why_an_idea_was_left_off_the_ballot(make_round, staff):
    round_ = make_round(status=R.REVIEW, projects=[])
    idea = Project.objects.create(round=round_, title="A new bridge", cost=90000)
    services.project_review(
        project=idea,
        actor=staff,
        status=Project.Status.REJECTED,
        reason="The river belongs to the port authority, not the council",
    )
    page = Client().get(round_.get_absolute_url()).content.decode()
    assert "A new bridge" in page
    assert "The river belongs to the port authority, not the council" in page


def test_why_the_votes_were_counted_again_after_the_results_were_published(make_round, staff, ward):
    round_ = make_round()
    publish(round_, staff, ward)
    services_counting.round_count(
        round_=round_, actor=staff, reason="A box of paper ballots was found in the library"
    )
    page = Client().get(url("results", round_)).content.decode()
    assert "A box of paper ballots was found in the library" in page


def test_a_phase_s_reason_is_not_promised_to_everyone(sign_in, make_round, staff):
    round_ = make_round()
    page = sign_in(staff).get(
        reverse("participation:move", kwargs={"pk": round_.pk, "to": R.CLOSED})
    )
    assert page.status_code == 200
    assert "Everyone can read this" not in page.content.decode()
    assert "It is not shown on the round&#x27;s page" in page.content.decode()
