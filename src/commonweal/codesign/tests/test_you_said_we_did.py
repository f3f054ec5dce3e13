"""The public "You said, we did" log of a place."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from commonweal.codesign import services
from commonweal.codesign.tests.samples import change_status, make_need
from commonweal.needs.models import Need, StatusChange


def _url(place):
    return reverse("codesign:you-said-we-did", kwargs={"place_slug": place.slug})


def test_anyone_reads_the_log_with_status_reasons_and_decisions(
    client, borough, session, participants, commissioner
):
    need = make_need(borough, title="Nowhere safe to sleep")
    change_status(
        need, Need.Status.UNDER_REVIEW, "The homelessness team is looking at the figures."
    )
    change_status(need, Need.Status.PRIORITISED, "Residents put it first in the spring round.")
    services.session_need_link(session=session, need=need, actor=commissioner)
    services.decision_record(
        session=session, actor=commissioner, text="Ask for a winter shelter", agreed_by=participants
    )

    response = client.get(_url(borough))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Nowhere safe to sleep" in page
    assert page.index("The homelessness team is looking at the figures.") < page.index(
        "Residents put it first in the spring round.", page.index("What we did")
    )
    assert "Prioritised" in page
    assert "Ask for a winter shelter" in page
    assert "Jo Resident, Participant 3" in page
    assert session.get_absolute_url() in page


def test_signed_in_stranger_reads_the_log_too(client, sign_in, borough, stranger):
    make_need(borough, title="Lonely in later life")
    sign_in(stranger)
    assert "Lonely in later life" in client.get(_url(borough)).content.decode()


def test_log_includes_wards_but_not_other_places(client, borough, ward, other_borough):
    make_need(ward, title="Ward need")
    make_need(other_borough, title="Elsewhere need")
    page = client.get(_url(borough)).content.decode()
    assert "Ward need" in page and "Elsewhere need" not in page
    page = client.get(_url(ward)).content.decode()
    assert "Ward need" in page


def test_newest_activity_first(client, borough):
    old = make_need(borough, title="Older need with news")
    make_need(borough, title="Newer need, no news")
    change_status(old, Need.Status.UNDER_REVIEW, "Now being looked at.")
    page = client.get(_url(borough)).content.decode()
    assert page.index("Older need with news") < page.index("Newer need, no news")


def test_filter_by_status(client, borough):
    reviewed = make_need(borough, title="Reviewed need")
    change_status(reviewed, Need.Status.UNDER_REVIEW, "Looking.")
    make_need(borough, title="Just raised need")
    page = client.get(_url(borough), {"status": "under_review"}).content.decode()
    assert "Reviewed need" in page and "Just raised need" not in page


def test_unknown_status_filter_shows_everything(client, borough):
    make_need(borough, title="Just raised need")
    response = client.get(_url(borough), {"status": "nonsense"})
    assert response.status_code == 200
    assert "Just raised need" in response.content.decode()


def test_paginated(client, borough):
    for number in range(25):
        make_need(borough, title=f"Need number {number:02d}")
    first = client.get(_url(borough)).content.decode()
    second = client.get(_url(borough), {"page": 2}).content.decode()
    assert "Need number 24" in first and "Need number 00" not in first
    assert "Need number 00" in second


@pytest.mark.django_db
def test_unknown_place_is_404(client):
    assert (
        client.get(
            reverse("codesign:you-said-we-did", kwargs={"place_slug": "atlantis"})
        ).status_code
        == 404
    )


def _add_needs_with_history(place, session, commissioner, participants, count):
    for number in range(count):
        need = make_need(place, title=f"Need {number}")
        change_status(need, Need.Status.UNDER_REVIEW, "Looking.")
        services.session_need_link(session=session, need=need, actor=commissioner)
    services.decision_record(
        session=session, actor=commissioner, text=f"Decision {count}", agreed_by=participants
    )


def test_query_count_does_not_grow_with_needs(client, borough, session, participants, commissioner):
    _add_needs_with_history(borough, session, commissioner, participants, 2)
    with CaptureQueriesContext(connection) as few:
        assert client.get(_url(borough)).status_code == 200
    _add_needs_with_history(borough, session, commissioner, participants, 12)
    with CaptureQueriesContext(connection) as many:
        assert client.get(_url(borough)).status_code == 200
    assert StatusChange.objects.count() == 14
    assert len(many) == len(few)


def test_session_list_links_to_the_log_of_a_council_with_needs(
    client, borough, ward, other_borough
):
    make_need(ward, title="Ward need")
    page = client.get(reverse("codesign:list")).content.decode()
    assert _url(borough) in page
    assert _url(other_borough) not in page


def _quiet(*needs):
    """As if nothing had happened to them for a long time."""
    long_ago = timezone.now() - datetime.timedelta(days=300)
    Need.objects.filter(pk__in=[need.pk for need in needs]).update(last_activity_at=long_ago)


def test_a_session_taking_a_need_up_or_deciding_on_it_brings_it_first(
    client, borough, session, participants, commissioner
):
    taken_up = make_need(borough, title="Taken up by a session")
    make_need(borough, title="Raised since, nothing more")
    _quiet(taken_up)
    services.session_need_link(session=session, need=taken_up, actor=commissioner)
    page = client.get(_url(borough)).content.decode()
    assert page.index("Taken up by a session") < page.index("Raised since, nothing more")

    make_need(borough, title="Raised after the link")
    _quiet(taken_up)
    services.decision_record(
        session=session, actor=commissioner, text="Open a drop-in", agreed_by=participants
    )
    page = client.get(_url(borough)).content.decode()
    assert page.index("Taken up by a session") < page.index("Raised after the link")


def test_sessions_brought_in_at_once_date_their_needs_response_when_held(
    borough, council, commissioner
):
    held = timezone.now() - datetime.timedelta(days=30)
    worked_on, untouched = make_need(borough, title="Worked on"), make_need(borough, title="Not")
    _quiet(worked_on, untouched)
    services.sessions_import(
        place=borough,
        sessions=[
            services.SessionImport(
                place=borough,
                organised_by=council,
                title="Held last month",
                kind="workshop",
                starts_at=held,
                needs=[worked_on],
            )
        ],
        reason="Sessions from the old system",
    )
    times = dict(Need.objects.values_list("title", "last_activity_at"))
    assert times["Worked on"] == held
    assert times["Not"] < held
