"""The attack from issue 9 on priority rounds, replayed on PostgreSQL: pair who voted with a ballot by the
transaction that wrote them (``xmin``), by ids or by times. It must find nothing. PostgreSQL only."""

import threading

import pytest
from django.db import connection

from commonweal.ballots import services as ballot_box
from commonweal.priorities import ballot_box as box
from commonweal.priorities import selectors, services
from commonweal.priorities.models import Ballot, Participation
from commonweal.testing.place_world import make_resident

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        "connection.vendor != 'postgresql'", reason="needs PostgreSQL: xmin and real concurrency"
    ),
]


def column(sql: str, *params) -> list:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


def test_no_stored_column_pairs_who_voted_with_a_ballot(settings, make_round, needs, ward, staff):
    settings.BALLOT_BOX_MIN_BATCH, settings.BALLOT_BOX_MIN_WAIT_SECONDS = 4, 0
    round_ = make_round()
    for n in range(9):
        services.ballot_cast(
            round_=round_, voter=make_resident(ward, f"Voter {n}"), choices={needs[n % 3].pk: None}
        )
    assert Ballot.objects.count() == 8
    services.round_close(round_=round_, actor=staff, reason="Ended")  # commits the last one
    voted = set(
        column(
            "SELECT xmin::text::bigint FROM priorities_participation WHERE round_id = %s", round_.pk
        )
    )
    audited = set(
        column(
            "SELECT xmin::text::bigint FROM core_auditentry WHERE model = 'priorities.participation'"
        )
    )
    ballots = column(
        "SELECT xmin::text::bigint FROM priorities_ballot WHERE round_id = %s", round_.pk
    )
    assert len(voted) == 9 and len(ballots) == 9
    assert not set(ballots) & (voted | audited)
    with connection.cursor() as cursor:  # no time and no counting number on a ballot
        cursor.execute(
            "SELECT data_type, column_default FROM information_schema.columns "
            "WHERE table_name = 'priorities_ballot'"
        )
        columns = cursor.fetchall()
    assert not [c for c in columns if "time" in c[0] or c[0] == "date" or "nextval" in (c[1] or "")]
    services.round_publish(round_=round_, actor=staff, reason="Counted")
    assert selectors.round_results(round_).ballots == 9


def test_concurrent_votes_by_one_person_leave_one_ballot(make_round, needs, resident):
    round_ = make_round()
    start = threading.Barrier(9)
    errors = []

    def send(need):
        try:
            start.wait()
            services.ballot_cast(round_=round_, voter=resident, choices={need.pk: None})
        except Exception as error:  # reported below, so a thread's failure fails the test
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=(need,)) for need in needs * 3]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    ballot_box.box_flush(box=box.box(round_.pk), force=True)
    assert Participation.objects.filter(round=round_, person=resident).count() == 1
    assert Ballot.objects.filter(round=round_).count() == 1 and len(Ballot.objects.get().marks) == 1
