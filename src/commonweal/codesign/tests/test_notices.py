"""A co-design decision is news for the people of the needs the session works on (who raised,
support or follow them) and for those who follow its place."""

import pytest
from django.core import mail

from commonweal.codesign import services
from commonweal.needs import services as need_services
from commonweal.notifications import services as notifications
from commonweal.testing.factories import UserFactory
from commonweal.testing.notifications import headlines

pytestmark = pytest.mark.django_db


def test_a_decision_reaches_the_people_of_the_needs_it_answers(
    session, participants, commissioner, borough, django_capture_on_commit_callbacks
):
    raiser, supporter, need_follower, place_follower, nobody = UserFactory.create_batch(5)
    need = need_services.need_raise(
        actor=raiser,
        place=borough,
        title="People sleeping rough by the river",
        problem="More people sleep rough each winter.",
        population="People sleeping rough",
    )
    need_services.need_raise(
        actor=nobody, place=borough, title="Potholes", problem="Holes.", population="Drivers"
    )
    need_services.need_support(need=need, user=supporter)
    notifications.follow(user=need_follower, kind="need", object_id=need.pk)
    notifications.follow(user=place_follower, kind="place", object_id=borough.pk)
    services.session_need_link(session=session, need=need, actor=commissioner)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.decision_record(
            session=session,
            actor=commissioner,
            text="Open the winter shelter a month earlier.",
            agreed_by=participants,
        )

    expected = f"“{session.title}” has made a decision"
    for person in (raiser, supporter, need_follower, place_follower):
        assert headlines(person) == [expected]
    assert headlines(nobody) == [], "the raiser of a need the session did not work on"
    assert all("Open the winter shelter a month earlier." in m.body for m in mail.outbox)
    assert len(mail.outbox) == 4
