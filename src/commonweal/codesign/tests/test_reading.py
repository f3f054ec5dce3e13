"""Anyone may read the list of sessions and a session: who took part and what they decided."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from commonweal.codesign import services
from commonweal.codesign.models import Participant
from commonweal.codesign.tests.samples import make_need, make_outcome


def test_anonymous_sees_upcoming_and_past_sessions(client, session, borough, council, commissioner):
    services.session_create(
        actor=commissioner,
        place=borough,
        organised_by=council,
        title="Older people and loneliness",
        kind="visit",
        starts_at=timezone.now() + datetime.timedelta(days=10),
    )
    response = client.get(reverse("codesign:list"))
    assert response.status_code == 200
    page = response.content.decode()
    assert page.index("Coming up") < page.index("Older people and loneliness")
    assert page.index("Already held") < page.index("Rough sleeping: what would help?")
    assert reverse("codesign:you-said-we-did", kwargs={"place_slug": "riverside"}) in page


def test_list_filters_by_place(client, session, other_borough, commissioner, other_commissioner):
    from commonweal.organisations.models import Organisation

    body = Organisation.objects.get(name="Hillbrook Council")
    services.session_create(
        actor=other_commissioner,
        place=other_borough,
        organised_by=body,
        title="Hillbrook youth workshop",
        kind="workshop",
        starts_at=timezone.now(),
    )
    page = client.get(reverse("codesign:list"), {"place": "hillbrook"}).content.decode()
    assert "Hillbrook youth workshop" in page
    assert "Rough sleeping" not in page


def test_list_offers_set_up_only_to_those_who_may(client, sign_in, session, commissioner, stranger):
    create_url = reverse("codesign:create")
    assert create_url not in client.get(reverse("codesign:list")).content.decode()
    sign_in(stranger)
    assert create_url not in client.get(reverse("codesign:list")).content.decode()
    sign_in(commissioner)
    assert create_url in client.get(reverse("codesign:list")).content.decode()


def test_session_page_shows_people_by_how_they_take_part_and_decisions(
    client, session, participants, commissioner, borough, council
):
    resident, service_user = participants
    services.participant_add(
        session=session,
        actor=commissioner,
        kind=Participant.Kind.VOLUNTARY_ORGANISATION,
        display_name="Pat Charity",
    )
    services.decision_record(
        session=session,
        actor=commissioner,
        text="Open a winter night shelter",
        agreed_by=[resident, service_user],
    )
    need = make_need(borough)
    services.session_need_link(session=session, need=need, actor=commissioner)
    outcome = make_outcome(borough, council)
    services.session_outcome_link(session=session, outcome=outcome, actor=commissioner)

    response = client.get(session.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert "Riverside Library" in page and "Welcome. What we heard." in page
    assert (
        page.index("Residents")
        < page.index("Jo Resident")
        < page.index("Service users")
        < page.index("Participant 3")
    )
    assert page.index("Voluntary organisations") < page.index("Pat Charity")
    assert "Open a winter night shelter" in page
    assert "Jo Resident, Participant 3" in page
    assert "Recorded by Chris Commissioner" in page
    assert need.title in page
    assert outcome.title in page
    # Visitors get no management links.
    assert reverse("codesign:edit", kwargs={"pk": session.pk}) not in page


def test_session_page_does_not_show_participants_email(client, session, commissioner):
    from commonweal.testing.factories import UserFactory

    UserFactory(email="jo.private@example.org", full_name="Jo")
    services.participant_add(
        session=session,
        actor=commissioner,
        kind=Participant.Kind.RESIDENT,
        display_name="Jo",
        email="jo.private@example.org",
    )
    assert "jo.private@example.org" not in client.get(session.get_absolute_url()).content.decode()


def test_session_page_shows_management_links_to_those_who_may(
    client, sign_in, session, commissioner
):
    sign_in(commissioner)
    page = client.get(session.get_absolute_url()).content.decode()
    assert reverse("codesign:edit", kwargs={"pk": session.pk}) in page
    assert reverse("codesign:decision-record", kwargs={"pk": session.pk}) in page


@pytest.mark.django_db
def test_unknown_session_is_404(client):
    assert client.get(reverse("codesign:session", kwargs={"pk": 999})).status_code == 404


def test_sessions_coming_up_come_20_a_page_paged_apart_from_those_held(
    client, session, borough, council, commissioner
):
    now = timezone.now()
    for number in range(25):
        services.session_create(
            actor=commissioner,
            place=borough,
            organised_by=council,
            title=f"Coming session {number:02}",
            kind="workshop",
            starts_at=now + datetime.timedelta(days=number + 1),
        )
    first = client.get(reverse("codesign:list"), {"place": "riverside"}).content.decode()
    assert "Coming session 19" in first and "Coming session 20" not in first  # soonest first
    assert 'aria-label="Pages of sessions coming up"' in first
    assert 'href="?place=riverside&amp;upcoming=2"' in first
    second = client.get(
        reverse("codesign:list"), {"place": "riverside", "upcoming": 2}
    ).content.decode()
    assert "Coming session 20" in second and "Coming session 24" in second
    assert "Coming session 19" not in second
    # The sessions already held stay on their own first page.
    assert "Rough sleeping: what would help?" in second
