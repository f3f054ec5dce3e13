"""The attack from issue 9, replayed on PostgreSQL: with a copy of the database, pair each participation
with its ballot by the transaction that wrote them (``xmin``), by ids or by times. It must find nothing.

Runs on PostgreSQL only (CI's PostgreSQL pass): ``xmin`` is PostgreSQL's, and SQLite cannot show the race.
"""

import threading
import uuid

import pytest
from django.db import connection

from commonweal.ballots import selectors as box_selectors
from commonweal.ballots import services as ballot_box
from commonweal.participation import keys, services, services_counting, services_voting
from commonweal.participation.models import Ballot, BudgetRound, Participation
from commonweal.participation.tests.conftest import make_resident, project_pk

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        "connection.vendor != 'postgresql'", reason="needs PostgreSQL: xmin and real concurrency"
    ),
]

CHOICES = [
    ["Street trees"],
    ["Youth club kit", "Street trees"],
    ["Community fridge"],
    ["Benches by the river"],
]


def xmins(sql: str, *params) -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


def test_no_stored_column_pairs_a_participation_with_its_ballot(settings, make_round, ward, staff):
    settings.BALLOT_BOX_MIN_BATCH, settings.BALLOT_BOX_MIN_WAIT_SECONDS = 5, 0
    round_ = make_round(rule=BudgetRound.Rule.GREEDY)
    cast = [CHOICES[n % len(CHOICES)] for n in range(12)]
    # Each vote commits on its own, and a batch is committed after it if due.
    for n, titles in enumerate(cast):
        services_voting.ballot_cast(
            round_=round_,
            voter=make_resident(ward, f"Voter {n}"),
            age_confirmed=True,
            marks={project_pk(round_, t): 1 for t in titles},
        )
    assert Ballot.objects.count() == 10  # two batches of five; two ballots still wait
    services.round_move(
        round_=round_, actor=staff, to=BudgetRound.Status.CLOSED
    )  # commits the last two
    assert box_selectors.waiting_count(keys.box(round_.pk)) == 0

    participations = set(
        xmins(
            "SELECT xmin::text::bigint FROM participation_participation WHERE round_id = %s",
            round_.pk,
        )
    )
    audited = set(
        xmins(
            "SELECT xmin::text::bigint FROM core_auditentry WHERE model = 'participation.participation'"
        )
    )
    ballots = xmins(
        "SELECT xmin::text::bigint FROM participation_ballot WHERE round_id = %s", round_.pk
    )
    assert len(participations) == 12 and len(ballots) == 12
    assert not set(ballots) & (participations | audited)
    # A ballot's transaction says which batch it came in, never which voter: three batches, three transactions.
    assert len(set(ballots)) == 3
    # Ids are random, and the table has no time and no counting number.
    ids = [uuid.UUID(str(pk)) for pk in Ballot.objects.values_list("pk", flat=True)]
    assert len(set(ids)) == 12 and all(pk.version == 4 for pk in ids)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT column_name, data_type, column_default FROM information_schema.columns "
            "WHERE table_name = 'participation_ballot'"
        )
        columns = cursor.fetchall()
    assert not [c for c in columns if "time" in c[1] or c[1] == "date" or "nextval" in (c[2] or "")]
    # Counting after the batches counts exactly what was cast.
    count = services_counting.round_count(round_=round_, actor=staff)
    assert count.ballots == 12
    expected = {
        title: sum(title in titles for titles in cast)
        for title, _cost in [
            ("Street trees", 0),
            ("Youth club kit", 0),
            ("Community fridge", 0),
            ("Benches by the river", 0),
        ]
    }
    assert {round_.projects.get(pk=int(pk)).title: n for pk, n in count.votes.items()} == expected


def test_concurrent_votes_and_a_sealer_at_once_leave_one_ballot(make_round, resident):
    round_ = make_round()
    projects = [
        project_pk(round_, t) for t in ("Street trees", "Youth club kit", "Community fridge")
    ] * 3
    start = threading.Barrier(len(projects) + 1)
    errors = []

    def send(project):
        try:
            start.wait()
            services_voting.ballot_cast(
                round_=round_, voter=resident, marks={project: 1}, age_confirmed=True
            )
        except Exception as error:  # reported below, so a thread's failure fails the test
            errors.append(error)
        finally:
            connection.close()

    def seal():
        try:
            start.wait()
            for _ in range(5):
                ballot_box.box_flush(box=keys.box(round_.pk), force=True)
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=(p,)) for p in projects] + [
        threading.Thread(target=seal)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    ballot_box.box_flush(box=keys.box(round_.pk), force=True)
    assert Participation.objects.filter(round=round_, person=resident).count() == 1
    assert Ballot.objects.filter(round=round_).count() == 1
    assert len(Ballot.objects.get().marks) == 1
