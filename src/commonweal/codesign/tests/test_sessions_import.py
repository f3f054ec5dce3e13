"""Sessions already held, brought in at once (``sessions_import``): who took part, what they decided and
with whom, the needs they worked on, one audit entry; a session that fails the checks stops it all."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from commonweal.codesign import services
from commonweal.codesign.models import Participant, Session
from commonweal.core.models import AuditEntry
from commonweal.needs.models import Need

pytestmark = pytest.mark.django_db


def _held(borough, council, commissioner, *, kind="workshop", needs=()):
    return services.SessionImport(
        place=borough,
        organised_by=council,
        title=" Loneliness: what would help? ",
        kind=kind,
        starts_at=timezone.now() - datetime.timedelta(days=40),
        created_by=commissioner,
        needs=needs,
        participants=[
            Participant(kind=Participant.Kind.RESIDENT, display_name="Jo Resident"),
            Participant(kind=Participant.Kind.SERVICE_USER, display_name="Participant 2"),
        ],
        decisions=[("A befriending service in every ward.", [0, 1]), ("Meet again.", [1])],
    )


def test_sessions_come_in_with_their_people_decisions_and_needs(borough, council, commissioner):
    need = Need.objects.create(place=borough, title="Lonely", problem="P.", population="Older")
    services.sessions_import(
        place=borough,
        sessions=[_held(borough, council, commissioner, needs=[need])],
        reason="Imported from the old notes",
    )
    session = Session.objects.get()
    assert session.title == "Loneliness: what would help?"
    assert list(session.needs.all()) == [need]
    befriending = session.decisions.get(text__startswith="A befriending")
    assert sorted(befriending.agreed_by.values_list("display_name", flat=True)) == [
        "Jo Resident",
        "Participant 2",
    ]
    assert list(session.decisions.get(text="Meet again.").agreed_by.all()) == [
        session.participants.get(display_name="Participant 2")
    ]
    rows = AuditEntry.objects.get(action="sessions_import").after["rows"]
    assert rows["codesign.session"] == 1 and rows["codesign.participant"] == 2
    assert rows["codesign.decision"] == 2


def test_a_session_that_fails_the_checks_stops_the_whole_import(borough, council, commissioner):
    with pytest.raises(ValidationError):
        services.sessions_import(
            place=borough,
            sessions=[
                _held(borough, council, commissioner),
                _held(borough, council, commissioner, kind="not a kind"),
            ],
            reason="Import",
        )
    assert not Session.objects.exists()
