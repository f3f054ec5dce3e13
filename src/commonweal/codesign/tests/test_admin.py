"""The back office's pages for sessions and decisions name needs, outcomes and people by id: they
never list every need, outcome or participant there is (thousands in a city)."""

import pytest
from django.urls import reverse

from commonweal.codesign import services
from commonweal.codesign.tests.samples import make_need


@pytest.fixture
def back_office_admin(back_office):
    back_office.is_superuser = True
    back_office.save()
    return back_office


def test_a_sessions_page_names_its_needs_without_listing_the_others(
    client, sign_in, back_office_admin, session, commissioner, borough
):
    linked = make_need(borough, title="Nowhere to meet")
    services.session_need_link(session=session, need=linked, actor=commissioner)
    make_need(borough, title="Not linked to any session")
    sign_in(back_office_admin)
    change = client.get(reverse("admin:codesign_session_change", args=[session.pk]))
    add = client.get(reverse("admin:codesign_session_add"))
    assert change.status_code == add.status_code == 200
    assert f'name="needs" value="{linked.pk}"' in change.content.decode()
    for response in (change, add):
        assert "Not linked to any session" not in response.content.decode()


def test_a_decisions_page_lists_no_participant_of_other_sessions(
    client, sign_in, back_office_admin, session, participants, commissioner, borough, council
):
    decision = services.decision_record(
        session=session, actor=commissioner, text="Open on Sundays", agreed_by=participants[:1]
    )
    elsewhere = services.session_create(
        actor=commissioner,
        place=borough,
        organised_by=council,
        title="Another session",
        kind="workshop",
        starts_at=session.starts_at,
    )
    services.participant_add(
        session=elsewhere, actor=commissioner, kind="resident", display_name="Someone Elsewhere"
    )
    sign_in(back_office_admin)
    response = client.get(reverse("admin:codesign_decision_change", args=[decision.pk]))
    assert response.status_code == 200
    assert "Someone Elsewhere" not in response.content.decode()
