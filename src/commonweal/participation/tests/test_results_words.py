"""The results page in words a resident uses: each voter's equal share in pounds, why some shares
grew when the count was run again to spend what was left, how the chart is ordered, and no
engine's version string."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from commonweal.participation import services, services_counting, services_voting
from commonweal.participation.models import BudgetRound, Count
from commonweal.participation.tests.conftest import make_resident, project_pk

pytestmark = pytest.mark.django_db


def published(make_round, staff, ward, votes, **fields):
    round_ = make_round(**fields)
    for n, titles in enumerate(votes):
        services_voting.ballot_cast(
            round_=round_,
            voter=make_resident(ward, f"Voter {n}"),
            age_confirmed=True,
            marks={project_pk(round_, title): 1 for title in titles},
        )
    services.round_move(round_=round_, actor=staff, to=BudgetRound.Status.CLOSED)
    services_counting.round_count(round_=round_, actor=staff)
    services_counting.round_publish(round_=round_, actor=staff)
    return round_


def words(client, round_) -> str:
    response = client.get(reverse("participation:results", kwargs={"pk": round_.pk}))
    assert response.status_code == 200
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


@pytest.fixture
def raised(make_round, staff, ward):
    """Worked by hand. Budget £3,000, three voters: each voter's equal share is £1,000. The park
    (£2,000) is backed by all three, the library (£1,000) by the first only. The first count buys
    the park, each paying £666.67; the first voter's £333.33 left cannot buy the library: £1,000 of
    the budget is left. Raised a pound at a time, the shares first buy both at £1,667 each (the
    first voter then has £1,000.33 left after the park): £3,000 spent, nothing else fits."""
    return published(
        make_round,
        staff,
        ward,
        [["Park", "Library"], ["Park"], ["Park"]],
        budget=Decimal("3000"),
        projects=[("Park", "2000"), ("Library", "1000")],
        rule="mes",
        completion="add1",
    )


def test_the_page_says_each_voters_equal_share_in_pounds(raised, client):
    assert "£3,000 shared by 3 voters: each voter's equal share is £1,000." in words(client, raised)


def test_when_the_count_raised_the_shares_the_page_says_why_some_paid_more(raised, client):
    text = words(client, raised)
    assert "After the first count, £1,000 was left." in text
    assert (
        "The count was run again with each voter's share raised a pound at a time, for as long as "
        "the projects chosen still fitted in the budget. Each share ended at £1,667, so some "
        "projects were paid for with shares larger than £1,000." in text
    )
    assert "2 projects are funded, costing £3,000 of the £3,000 budget." in text


def test_the_raised_share_is_stored_with_the_count(raised):
    details = raised.counts.get().details
    assert (details["voter_budget"], details["first_pass_cost"]) == ("1667/1", "2000/1")


def test_a_count_kept_before_the_first_run_was_stored_still_says_why_in_general(raised, client):
    count = raised.counts.get()
    Count.objects.filter(pk=count.pk).update(
        details={key: value for key, value in count.details.items() if key != "first_pass_cost"}
    )
    text = words(client, raised)
    assert "After the first count, some of the budget was left." in text
    assert "Each share ended at £1,667" in text


def test_when_the_first_count_spent_what_it_could_no_share_was_raised(
    make_round, staff, ward, client
):
    # Budget £10,000, two voters (£5,000 each) backing the benches (£3,000) and the youth club kit
    # (£5,000): both are bought at once (£4,000 each). Nobody backs the trees or the fridge, so
    # raising the shares could buy nothing more: the add1 completion stops at the first count.
    round_ = published(
        make_round,
        staff,
        ward,
        [["Benches by the river", "Youth club kit"]] * 2,
        rule="mes",
        completion="add1",
    )
    text = words(client, round_)
    assert "£10,000 shared by 2 voters: each voter's equal share is £5,000." in text
    assert "After the first count" not in text and "Each share ended at" not in text


def test_most_votes_first_has_no_shares_to_explain(make_round, staff, ward, client):
    round_ = published(
        make_round, staff, ward, [["Street trees"]], rule="greedy", completion="none"
    )
    text = words(client, round_)
    assert "equal share" not in text and "After the first count" not in text


def test_the_page_says_how_the_chart_is_ordered_and_shows_no_engine_version(raised, client):
    text = words(client, raised)
    assert "Projects are shown in the order they were chosen, then the rest by votes" in text
    assert "commonweal-pb" not in text
    counted = timezone.localtime(raised.counts.get().counted_at)
    assert f"Counted on {counted.day} {counted:%B %Y}." in text
