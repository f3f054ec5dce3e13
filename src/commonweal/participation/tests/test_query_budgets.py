"""Community budget pages do the same work for 3 projects and ballots as for 30: no query per project,
per need it meets, per ballot or per count.

Each test builds a small round and a ten-times larger one, asks for the same page of each and compares
the queries; a ceiling says the one count is sensible too.
"""

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from commonweal.needs import services as need_services
from commonweal.participation import keys, services_counting
from commonweal.participation.models import Ballot, BudgetRound, Project
from commonweal.testing import queries
from commonweal.testing.place_world import make_resident

pytestmark = pytest.mark.django_db

R = BudgetRound.Status
CEILING = 40


def build(size: int, *, place, body, staff, status=R.VOTING) -> BudgetRound:
    """A round with ``size`` projects on the ballot and ``size`` ideas waiting, each meeting two
    needs, and ``size`` ballots; counted and published when ``status`` is published."""
    round_ = BudgetRound.objects.create(
        place=place,
        run_by=body,
        title=f"Round of {size}",
        status=R.CLOSED if status == R.PUBLISHED else status,
        created_by=staff,
        budget=Decimal(1000 * size),
        rule="mes",
        completion="none",
    )
    needs = [
        need_services.need_raise(
            actor=staff,
            place=place,
            title=f"Need {size}-{number}",
            problem="A problem.",
            population="Some people",
        )
        for number in range(size)
    ]
    projects = []
    for number in range(size):
        for state in (Project.Status.ACCEPTED, Project.Status.PROPOSED):
            project = Project.objects.create(
                round=round_,
                title=f"Project {state} {number}",
                cost=Decimal(500 + number),
                status=state,
                proposer=staff,
            )
            project.needs.set([needs[number], needs[(number + 1) % size]])
            if state == Project.Status.ACCEPTED:
                projects.append(project)
    Ballot.objects.bulk_create(
        Ballot(
            round=round_,
            key=f"k{size}-{number}",
            source=Ballot.Source.PAPER if number % 2 else Ballot.Source.ONLINE,
            marks={str(p.pk): 1 for p in projects[number % size : number % size + 3]},
        )
        for number in range(size)
    )
    if status == R.PUBLISHED:
        services_counting.round_count(round_=round_, actor=staff)
        services_counting.round_publish(round_=round_, actor=staff)
    return round_


def queries_for(client: Client, path: str) -> int:
    return queries.queries_for(client, path)[0]


def same_for_3_and_30(client, name, small, large, **kwargs) -> int:
    few = queries_for(client, reverse(f"participation:{name}", kwargs={"pk": small.pk, **kwargs}))
    many = queries_for(client, reverse(f"participation:{name}", kwargs={"pk": large.pk, **kwargs}))
    assert many <= few, f"{name}: {few} queries for 3, {many} for 30"
    assert few <= CEILING
    return few


@pytest.fixture
def rounds(riverside, council, staff):
    def _rounds(status):
        return [
            build(size, place=riverside, body=council, staff=staff, status=status)
            for size in (3, 30)
        ]

    return _rounds


@pytest.mark.parametrize("who", ["visitor", "resident", "manager"])
def test_the_round_page(who, rounds, sign_in, ward, staff):
    small, large = rounds(R.VOTING)
    client = {"visitor": Client, "resident": lambda: sign_in(make_resident(ward))}.get(
        who, lambda: sign_in(staff)
    )()
    same_for_3_and_30(client, "round", small, large)


def test_the_list_of_rounds(rounds, client, riverside, council, staff):
    rounds(R.VOTING)
    few = queries_for(client, reverse("participation:list"))
    for size in range(8):
        build(3 + size, place=riverside, body=council, staff=staff)
    assert queries_for(client, reverse("participation:list")) <= few


def test_the_results_page(rounds, client, sign_in, ward):
    small, large = rounds(R.PUBLISHED)
    same_for_3_and_30(client, "results", small, large)
    same_for_3_and_30(sign_in(make_resident(ward)), "results", small, large)


def test_the_pabulib_file(rounds, client):
    small, large = rounds(R.PUBLISHED)
    client.get(reverse("participation:export", kwargs={"pk": small.pk}))
    client.get(reverse("participation:export", kwargs={"pk": large.pk}))
    stored = same_for_3_and_30(client, "export", small, large)
    assert stored <= 3


def test_the_voting_page(rounds, sign_in, ward):
    small, large = rounds(R.VOTING)
    voter = make_resident(ward)
    client = sign_in(voter)
    same_for_3_and_30(client, "vote", small, large)
    for round_ in (small, large):  # with the voter's own ballot to show again
        first = round_.projects.filter(status=Project.Status.ACCEPTED).first()
        Ballot.objects.create(
            round=round_,
            key=keys.ballot_key(round_.pk, voter.pk),
            source=Ballot.Source.ONLINE,
            marks={str(first.pk): 1},
        )
    same_for_3_and_30(client, "vote", small, large)


@pytest.mark.parametrize(
    "page", ["edit", "project-add", "paper", "paper-sheet", "count", "codes", "verify"]
)
def test_the_officer_pages_while_voting(page, rounds, sign_in, staff):
    small, large = rounds(R.VOTING)
    same_for_3_and_30(sign_in(staff), page, small, large)


def test_the_officer_pages_after_voting(rounds, sign_in, staff):
    small, large = rounds(R.PUBLISHED)
    client = sign_in(staff)
    for page in ("count", "round", "results"):
        same_for_3_and_30(client, page, small, large)


def test_the_publishing_page_with_its_preview(rounds, sign_in, staff):
    small, large = rounds(R.CLOSED)
    for round_ in (small, large):
        services_counting.round_count(round_=round_, actor=staff)
    same_for_3_and_30(sign_in(staff), "publish", small, large)


def test_reviewing_an_idea(rounds, sign_in, staff):
    small, large = rounds(R.REVIEW)
    client = sign_in(staff)
    few, many = (
        queries_for(
            client,
            reverse(
                "participation:review",
                kwargs={
                    "pk": round_.pk,
                    "project_pk": round_.projects.filter(status=Project.Status.PROPOSED).first().pk,
                },
            ),
        )
        for round_ in (small, large)
    )
    assert many <= few <= CEILING
