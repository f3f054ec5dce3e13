"""One ballot and one participation per person, even when they send from two browsers at once.

Runs on PostgreSQL only (CI's PostgreSQL pass): SQLite serialises every writer, so it cannot show the race.
"""

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from commonweal.participation.models import Participation
from commonweal.participation.tests.conftest import cast_ballots, project_pk

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        "connection.vendor != 'postgresql'",
        reason="needs PostgreSQL: SQLite lets only one writer in at a time, so there is no race",
    ),
]


def test_the_same_person_voting_from_several_browsers_at_once_has_one_ballot(make_round, resident):
    round_ = make_round()
    url = reverse("participation:vote", kwargs={"pk": round_.pk})
    choices = [
        project_pk(round_, "Street trees"),
        project_pk(round_, "Youth club kit"),
        project_pk(round_, "Benches by the river"),
        project_pk(round_, "Community fridge"),
    ] * 2
    browsers = []
    for _ in choices:
        client = Client()
        client.force_login(resident)
        browsers.append(client)
    start = threading.Barrier(len(browsers))
    statuses, errors = [], []

    def send(client, project):
        try:
            start.wait()
            response = client.post(
                url, {"projects": [project], "age_confirmed": "on", "confirm": "yes"}
            )
            statuses.append(response.status_code)
        except Exception as error:  # reported below, so a thread's failure fails the test
            errors.append(error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=send, args=(client, project))
        for client, project in zip(browsers, choices, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert statuses == [302] * len(browsers)
    assert Participation.objects.filter(round=round_, person=resident).count() == 1
    assert cast_ballots().filter(round=round_).count() == 1
    # The one ballot holds one of the choices sent, whole.
    assert len(cast_ballots().get().marks) == 1
