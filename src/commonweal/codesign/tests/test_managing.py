"""Who may set up and run a session, and what the forms do with bad input."""

import pytest
from django.urls import reverse

from commonweal.codesign import services
from commonweal.codesign.models import Decision, Participant, Session
from commonweal.codesign.tests.samples import make_need, make_outcome
from commonweal.core.models import AuditEntry
from commonweal.testing.forms import date_boxes


def _session_form(place, organisation, **overrides):
    data = {
        "place": place.pk,
        "organised_by": organisation.pk,
        "title": "Young people leaving care",
        "kind": "workshop",
        "date": "2030-03-27",
        "time": "18:30",
        "location": "Town Hall",
        "agenda": "Introductions",
        "notes": "",
    }
    data.update(overrides)
    return data


def _everything() -> dict:
    """All that co-design stores, and the length of the audit trail: equal before and after a refusal."""
    return {
        "sessions": list(Session.objects.order_by("pk").values()),
        "participants": list(Participant.objects.order_by("pk").values()),
        "decisions": list(Decision.objects.order_by("pk").values()),
        "agreed": list(Decision.agreed_by.through.objects.order_by("pk").values()),
        "needs": list(Session.needs.through.objects.order_by("pk").values()),
        "outcomes": list(Session.outcomes.through.objects.order_by("pk").values()),
        "audit entries": AuditEntry.objects.count(),
    }


MANAGEMENT_PAGES = [
    "codesign:edit",
    "codesign:participants",
    "codesign:decision-record",
    "codesign:links",
]


# --- setting up -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_anonymous_is_sent_to_sign_in_to_set_up(client):
    response = client.get(reverse("codesign:create"))
    assert response.status_code == 302
    assert reverse("accounts:sign-in") in response["Location"]


def test_stranger_cannot_set_up_a_session(client, sign_in, stranger, borough, council):
    sign_in(stranger)
    assert client.get(reverse("codesign:create")).status_code == 403
    assert (
        client.post(reverse("codesign:create"), _session_form(borough, council)).status_code == 403
    )
    assert not Session.objects.exists()


def test_provider_member_without_an_organiser_role_cannot_set_up(
    client, sign_in, charity_member, borough, charity
):
    sign_in(charity_member)
    before = _everything()
    assert (
        client.post(reverse("codesign:create"), _session_form(borough, charity)).status_code == 403
    )
    assert _everything() == before


def test_commissioner_of_a_body_serving_the_place_sets_up_a_session(
    client, sign_in, commissioner, borough, council
):
    sign_in(commissioner)
    assert client.get(reverse("codesign:create")).status_code == 200
    response = client.post(reverse("codesign:create"), _session_form(borough, council))
    session = Session.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("codesign:participants", kwargs={"pk": session.pk})
    assert (
        session.place == borough
        and session.organised_by == council
        and session.created_by == commissioner
    )
    assert session.starts_at.isoformat().startswith("2030-03-27T18:30")


def test_commissioner_may_set_up_for_a_ward_of_the_place_served(
    client, sign_in, commissioner, ward, council
):
    sign_in(commissioner)
    assert client.post(reverse("codesign:create"), _session_form(ward, council)).status_code == 302
    assert Session.objects.get().place == ward


def test_commissioner_serving_another_place_cannot_set_up_for_this_one(
    client, sign_in, other_commissioner, borough, council
):
    from commonweal.organisations.models import Organisation

    own_body = Organisation.objects.get(name="Hillbrook Council")
    sign_in(other_commissioner)
    response = client.post(reverse("codesign:create"), _session_form(borough, own_body))
    assert response.status_code == 200
    assert "You cannot set up a session for this place" in response.content.decode()
    # Nor can they name an organisation they do not work for.
    response = client.post(reverse("codesign:create"), _session_form(borough, council))
    assert "Choose one of your organisations" in response.content.decode()
    assert not Session.objects.exists()


def test_charity_administrator_sets_up_a_session_where_the_charity_works(
    client, sign_in, charity_administrator, borough, charity, other_borough
):
    sign_in(charity_administrator)
    refused = client.post(reverse("codesign:create"), _session_form(other_borough, charity))
    assert refused.status_code == 200 and not Session.objects.exists()
    assert (
        client.post(reverse("codesign:create"), _session_form(borough, charity)).status_code == 302
    )


def test_bad_input_shows_errors_and_keeps_what_was_typed(
    client, sign_in, commissioner, borough, council
):
    sign_in(commissioner)
    response = client.post(
        reverse("codesign:create"),
        _session_form(borough, council, **date_boxes("date", 31, 2, 2030), kind=""),
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page
    assert "Date must be a real date" in page and "Choose the kind of session" in page
    assert 'name="date-day" type="text" inputmode="numeric" value="31"' in page
    assert 'value="Young people leaving care"' in page
    assert not Session.objects.exists()


# --- running a session ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", MANAGEMENT_PAGES)
def test_anonymous_is_sent_to_sign_in(client, session, name):
    response = client.get(reverse(name, kwargs={"pk": session.pk}))
    assert response.status_code == 302 and reverse("accounts:sign-in") in response["Location"]


@pytest.mark.parametrize("name", MANAGEMENT_PAGES)
def test_stranger_and_other_place_commissioner_are_refused(
    client,
    sign_in,
    session,
    participants,
    borough,
    council,
    stranger,
    other_commissioner,
    charity_member,
    name,
):
    # What each page would accept from someone who may run the session.
    need = make_need(borough)
    forms = {
        "codesign:edit": _session_form(borough, council, title="Taken over"),
        "codesign:participants": {"kind": "resident", "display_name": "Intruder"},
        "codesign:decision-record": {"text": "Taken over", "agreed_by": [participants[0].pk]},
        "codesign:links": {"link": "need", "need-need": need.pk},
    }
    for user in (stranger, other_commissioner, charity_member):
        sign_in(user)
        before = _everything()
        assert client.get(reverse(name, kwargs={"pk": session.pk})).status_code == 403
        assert client.post(reverse(name, kwargs={"pk": session.pk}), forms[name]).status_code == 403
        assert _everything() == before, user


@pytest.mark.parametrize("name", MANAGEMENT_PAGES)
def test_those_who_may_run_the_session_see_the_pages(
    client, sign_in, session, commissioner, back_office, name
):
    for user in (commissioner, back_office):
        sign_in(user)
        assert client.get(reverse(name, kwargs={"pk": session.pk})).status_code == 200


@pytest.mark.parametrize("name", MANAGEMENT_PAGES)
@pytest.mark.django_db
def test_unknown_session_is_404_for_managers(client, sign_in, commissioner, name):
    sign_in(commissioner)
    assert client.get(reverse(name, kwargs={"pk": 999})).status_code == 404


def test_organiser_administrator_runs_their_session(
    client, sign_in, borough, charity, charity_administrator
):
    session = services.session_create(
        actor=charity_administrator,
        place=borough,
        organised_by=charity,
        title="Peer support",
        kind="online",
        starts_at="2030-01-01T10:00Z",
    )
    sign_in(charity_administrator)
    assert client.get(reverse("codesign:edit", kwargs={"pk": session.pk})).status_code == 200


def test_edit_changes_the_session(client, sign_in, session, commissioner, borough, council):
    sign_in(commissioner)
    data = _session_form(
        borough, council, title="Rough sleeping: second meeting", notes="We heard about winter."
    )
    response = client.post(reverse("codesign:edit", kwargs={"pk": session.pk}), data)
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.title == "Rough sleeping: second meeting"
    assert session.notes == "We heard about winter."


def test_add_participant_by_name_and_by_account(
    client, sign_in, session, commissioner, charity, stranger
):
    sign_in(commissioner)
    url = reverse("codesign:participants", kwargs={"pk": session.pk})
    client.post(url, {"kind": "resident", "display_name": "Jo Resident"})
    client.post(
        url,
        {
            "kind": "voluntary_organisation",
            "display_name": "Sam",
            "email": stranger.email.upper(),
            "organisation": charity.pk,
        },
    )
    jo, sam = session.participants.order_by("pk")
    assert (jo.display_name, jo.kind, jo.user) == ("Jo Resident", "resident", None)
    assert (sam.user, sam.organisation) == (stranger, charity)


def test_add_participant_with_unknown_email_is_refused(client, sign_in, session, commissioner):
    sign_in(commissioner)
    response = client.post(
        reverse("codesign:participants", kwargs={"pk": session.pk}),
        {"kind": "resident", "display_name": "Jo", "email": "nobody@example.org"},
    )
    assert response.status_code == 200
    assert "Nobody has a Commonweal account with this email address" in response.content.decode()
    assert not session.participants.exists()


def test_remove_participant_needs_post(client, sign_in, session, participants, commissioner):
    resident, _ = participants
    sign_in(commissioner)
    url = reverse(
        "codesign:participant-remove", kwargs={"pk": session.pk, "participant_id": resident.pk}
    )
    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 302
    assert not Participant.objects.filter(pk=resident.pk).exists()


def test_stranger_cannot_remove_participant(client, sign_in, session, participants, stranger):
    resident, _ = participants
    sign_in(stranger)
    url = reverse(
        "codesign:participant-remove", kwargs={"pk": session.pk, "participant_id": resident.pk}
    )
    before = _everything()
    assert client.post(url).status_code == 403
    assert _everything() == before


def test_participant_of_another_session_is_404(
    client, sign_in, session, participants, commissioner, borough, council
):
    other = services.session_create(
        actor=commissioner,
        place=borough,
        organised_by=council,
        title="Other",
        kind="visit",
        starts_at="2030-01-01T10:00Z",
    )
    sign_in(commissioner)
    url = reverse(
        "codesign:participant-remove", kwargs={"pk": other.pk, "participant_id": participants[0].pk}
    )
    before = _everything()
    assert client.post(url).status_code == 404
    assert _everything() == before


def test_record_decision(client, sign_in, session, participants, commissioner):
    resident, service_user = participants
    sign_in(commissioner)
    response = client.post(
        reverse("codesign:decision-record", kwargs={"pk": session.pk}),
        {"text": "Ask the council for a winter shelter", "agreed_by": [resident.pk]},
    )
    assert response.status_code == 302
    decision = Decision.objects.get()
    assert list(decision.agreed_by.all()) == [resident]
    assert decision.recorded_by == commissioner


def test_decision_without_anyone_agreeing_is_refused(
    client, sign_in, session, participants, commissioner
):
    sign_in(commissioner)
    response = client.post(
        reverse("codesign:decision-record", kwargs={"pk": session.pk}),
        {"text": "Ask the council for a winter shelter"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Select at least one participant who agreed" in page
    assert "Ask the council for a winter shelter" in page
    assert not Decision.objects.exists()


def test_decision_agreed_by_someone_from_another_session_is_refused(
    client, sign_in, session, participants, commissioner, borough, council
):
    other = services.session_create(
        actor=commissioner,
        place=borough,
        organised_by=council,
        title="Other",
        kind="visit",
        starts_at="2030-01-01T10:00Z",
    )
    outsider = services.participant_add(
        session=other, actor=commissioner, kind="resident", display_name="Outsider"
    )
    sign_in(commissioner)
    response = client.post(
        reverse("codesign:decision-record", kwargs={"pk": session.pk}),
        {"text": "Something", "agreed_by": [outsider.pk]},
    )
    assert response.status_code == 200
    assert "Only people taking part in this session" in response.content.decode()
    assert not Decision.objects.exists()


def test_link_and_unlink_a_need_of_the_place(client, sign_in, session, commissioner, ward):
    need = make_need(ward)
    sign_in(commissioner)
    url = reverse("codesign:links", kwargs={"pk": session.pk})
    assert client.post(url, {"link": "need", "need-need": need.pk}).status_code == 302
    assert list(session.needs.all()) == [need]
    unlink = reverse("codesign:need-unlink", kwargs={"pk": session.pk, "need_id": need.pk})
    assert client.get(unlink).status_code == 405
    assert client.post(unlink).status_code == 302
    assert not session.needs.exists()


def test_the_needs_to_link_come_a_page_at_a_time_and_a_need_linked_leaves_the_count(
    client, sign_in, session, commissioner, ward
):
    from commonweal.codesign.views.links import NEEDS_PAGE_SIZE

    needs = [make_need(ward, title=f"Need {n:02}") for n in range(NEEDS_PAGE_SIZE + 1)]
    sign_in(commissioner)
    url = reverse("codesign:links", kwargs={"pk": session.pk})
    assert "page=2" in client.get(url).content.decode()
    services.session_need_link(session=session, need=needs[0], actor=commissioner)
    page = client.get(url).content.decode()
    assert "page=2" not in page  # the count kept for the page numbers was counted again
    assert "Need 01" in page and 'value="%d"' % needs[0].pk not in page


def test_need_of_another_place_cannot_be_linked(
    client, sign_in, session, commissioner, other_borough
):
    need = make_need(other_borough)
    sign_in(commissioner)
    response = client.post(
        reverse("codesign:links", kwargs={"pk": session.pk}), {"link": "need", "need-need": need.pk}
    )
    assert response.status_code == 200
    assert "Choose a need from the list" in response.content.decode()
    assert not session.needs.exists()


def test_link_and_unlink_an_outcome(client, sign_in, session, commissioner, borough, council):
    outcome = make_outcome(borough, council)
    sign_in(commissioner)
    url = reverse("codesign:links", kwargs={"pk": session.pk})
    assert client.post(url, {"link": "outcome", "outcome-outcome": outcome.pk}).status_code == 302
    assert list(session.outcomes.all()) == [outcome]
    client.post(
        reverse("codesign:outcome-unlink", kwargs={"pk": session.pk, "outcome_id": outcome.pk})
    )
    assert not session.outcomes.exists()


def test_stranger_cannot_link_or_unlink(client, sign_in, session, commissioner, stranger, borough):
    need = make_need(borough)
    services.session_need_link(session=session, need=need, actor=commissioner)
    other_need = make_need(borough, title="Another need")
    sign_in(stranger)
    before = _everything()
    unlink = reverse("codesign:need-unlink", kwargs={"pk": session.pk, "need_id": need.pk})
    assert client.post(unlink).status_code == 403
    link = reverse("codesign:links", kwargs={"pk": session.pk})
    assert client.post(link, {"link": "need", "need-need": other_need.pk}).status_code == 403
    assert _everything() == before
    assert session.needs.filter(pk=need.pk).exists()


def test_forms_need_csrf(session, commissioner, borough, council):
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY

    from commonweal.testing.factories import confirmed_totp_device

    client = Client(enforce_csrf_checks=True)
    client.force_login(commissioner)
    store = client.session
    store[DEVICE_ID_SESSION_KEY] = confirmed_totp_device(commissioner).persistent_id
    store.save()
    before = _everything()
    response = client.post(
        reverse("codesign:edit", kwargs={"pk": session.pk}),
        _session_form(borough, council, title="Forged"),
    )
    assert response.status_code == 403
    assert _everything() == before
