"""Choosing an organisation among a city's thousands: the one a participant represents, and the one
running a session the back office sets up. A search by name or identifier, 20 a page as radios,
without JavaScript; only those who may run the session reach it."""

import pytest
from django.urls import reverse

from commonweal.codesign.models import Session
from commonweal.codesign.views.people import ORGANISATIONS_PAGE, ORGANISATIONS_PAGE_SIZE
from commonweal.codesign.views.sessions import ORGANISERS_PAGE_SIZE
from commonweal.core.models import AuditEntry
from commonweal.testing.factories import OrganisationFactory

RADIO = 'name="organisation" type="radio"'


@pytest.fixture
def trusts(db):
    """More trusts than a page holds, after the charity in the alphabet."""
    return [
        OrganisationFactory(name=f"Tenants Trust {number:02}", org_id=f"GB-CHC-90000{number:02}")
        for number in range(ORGANISATIONS_PAGE_SIZE + 3)
    ]


def _participants_url(session, **query) -> str:
    url = reverse("codesign:participants", kwargs={"pk": session.pk})
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def _nothing_changed(session, audit_before: int) -> bool:
    return not session.participants.exists() and AuditEntry.objects.count() == audit_before


def test_the_page_lists_no_organisation_until_a_search(
    client, sign_in, session, commissioner, charity, trusts
):
    sign_in(commissioner)
    page = client.get(_participants_url(session)).content.decode()
    assert "Find the organisation they represent" in page
    assert RADIO not in page and "Tenants Trust" not in page and "<select" not in page


def test_a_search_finds_an_organisation_by_name_or_identifier(
    client, sign_in, session, commissioner, charity, trusts
):
    sign_in(commissioner)
    found = client.get(_participants_url(session, q="mind")).content.decode()
    # "None" and the one match.
    assert found.count(RADIO) == 2 and "Riverside Mind" in found and "Tenants Trust" not in found
    by_identifier = client.get(_participants_url(session, q="gb-chc-9000007")).content.decode()
    assert by_identifier.count(RADIO) == 2 and "Tenants Trust 07 (GB-CHC-9000007)" in by_identifier
    nothing = client.get(_participants_url(session, q="no such name")).content.decode()
    assert "No organisation matches “no such name”" in nothing


def test_the_second_page_of_a_search_and_adding_from_it(
    client, sign_in, session, commissioner, charity, trusts
):
    sign_in(commissioner)
    first = client.get(_participants_url(session, q="trust")).content.decode()
    assert first.count(RADIO) == ORGANISATIONS_PAGE_SIZE + 1
    assert f'name="{ORGANISATIONS_PAGE}" value="2"' in first  # the next page: a button of the form
    second = client.get(_participants_url(session, q="trust", page=2)).content.decode()
    assert second.count(RADIO) == 3 + 1 and "Tenants Trust 22" in second
    assert 'action="?q=trust&amp;page=2"' in second
    response = client.post(
        _participants_url(session, q="trust", page=2),
        {"organisation": trusts[-1].pk, "kind": "voluntary_organisation", "display_name": "Tam"},
    )
    assert response.status_code == 302
    assert session.participants.get().organisation == trusts[-1]


def test_searching_and_turning_pages_keep_what_was_typed_and_save_nothing(
    client, sign_in, session, commissioner, charity, trusts
):
    sign_in(commissioner)
    audit_before = AuditEntry.objects.count()
    typed = {
        "kind": "voluntary_organisation",
        "display_name": "Tam from the trust",
        "email": "tam@",
    }
    # Typed first, then searched: the search is a button of the same form.
    found = client.post(
        _participants_url(session), {**typed, "q": "trust", ORGANISATIONS_PAGE: "1"}
    ).content.decode()
    assert found.count(RADIO) == ORGANISATIONS_PAGE_SIZE + 1
    assert 'value="Tam from the trust"' in found and 'value="tam@"' in found
    assert 'value="voluntary_organisation" checked' in found
    assert "govuk-error-summary" not in found  # not checked yet: the email is not complained of
    # Page 2 of what was found, with an organisation chosen on page 1: it stays chosen, first.
    second = client.post(
        _participants_url(session),
        {**typed, "q": "trust", "organisation": trusts[0].pk, ORGANISATIONS_PAGE: "2"},
    ).content.decode()
    assert "Tenants Trust 22" in second and 'value="Tam from the trust"' in second
    assert second.count(RADIO) == 1 + 1 + 3  # None, the one chosen before, the last three
    assert f'value="{trusts[0].pk}" checked' in second
    assert _nothing_changed(session, audit_before)
    # The form's own button saves it.
    response = client.post(
        _participants_url(session),
        {**typed, "email": "", "q": "trust", "organisation": trusts[0].pk},
    )
    assert response.status_code == 302
    assert session.participants.get().organisation == trusts[0]


def test_a_participant_without_an_organisation(client, sign_in, session, commissioner, trusts):
    sign_in(commissioner)
    for data in ({}, {"organisation": "none"}):
        response = client.post(
            _participants_url(session, q="trust"),
            {"kind": "resident", "display_name": "Jo", **data},
        )
        assert response.status_code == 302
    assert [p.organisation for p in session.participants.all()] == [None, None]


@pytest.mark.parametrize("chosen", ["999999", "not a number", "-1"])
def test_an_organisation_not_in_the_directory_is_refused_with_a_message(
    client, sign_in, session, commissioner, chosen
):
    sign_in(commissioner)
    before = AuditEntry.objects.count()
    response = client.post(
        _participants_url(session),
        {"organisation": chosen, "kind": "resident", "display_name": "Jo"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Choose an organisation from the list" in page and "govuk-error-summary" in page
    assert 'value="Jo"' in page  # what was typed is kept
    assert _nothing_changed(session, before)


def test_the_form_submitted_unchanged_changes_nothing(
    client, sign_in, session, commissioner, trusts
):
    sign_in(commissioner)
    before = AuditEntry.objects.count()
    response = client.post(_participants_url(session, q="trust"), {"organisation": "none"})
    assert response.status_code == 200
    assert "Choose how they take part" in response.content.decode()
    assert _nothing_changed(session, before)


@pytest.mark.parametrize("who", ["stranger", "other_commissioner", "charity_member"])
def test_who_may_not_run_the_session_cannot_search_nor_see_its_people(
    client, sign_in, session, participants, trusts, who, request
):
    sign_in(request.getfixturevalue(who))
    before = AuditEntry.objects.count()
    for query in ({}, {"q": "trust"}, {"q": "trust", "page": 2}):
        response = client.get(_participants_url(session, **query))
        assert response.status_code == 403
        page = response.content.decode()
        assert "Tenants Trust" not in page and "Jo Resident" not in page
    response = client.post(
        _participants_url(session), {"kind": "resident", "display_name": "Intruder"}
    )
    assert response.status_code == 403
    assert AuditEntry.objects.count() == before
    assert list(session.participants.order_by("pk")) == list(participants)


def test_anonymous_is_sent_to_sign_in(client, session, trusts):
    response = client.get(_participants_url(session, q="trust"))
    assert response.status_code == 302 and reverse("accounts:sign-in") in response["Location"]


# --- the organisation running a new session ----------------------------------------------------


def _session_form(place, organisation) -> dict:
    return {
        "place": place.pk,
        "organised_by": organisation.pk,
        "title": "Young people leaving care",
        "kind": "workshop",
        "date": "2030-03-27",
        "time": "18:30",
    }


def test_the_back_office_finds_the_organiser_among_many(
    client, sign_in, back_office, borough, council, trusts
):
    sign_in(back_office)
    url = reverse("codesign:create")
    first = client.get(url).content.decode()
    assert (
        'name="organised_by" type="radio"' in first and "<select" in first
    )  # the place is a select
    assert first.count('name="organised_by" type="radio"') == ORGANISERS_PAGE_SIZE
    assert "Find the organisation running it" in first and 'rel="next"' in first
    found = client.get(url, {"q": "council"}).content.decode()
    assert found.count('name="organised_by" type="radio"') == 1 and council.name in found
    second = client.get(url, {"q": "trust", "page": 2}).content.decode()
    assert second.count('name="organised_by" type="radio"') == 3
    response = client.post(url + "?q=trust&page=2", _session_form(borough, trusts[-1]))
    assert response.status_code == 302
    assert Session.objects.get().organised_by == trusts[-1]


def test_a_commissioner_chooses_among_their_own_organisations_only(
    client, sign_in, commissioner, borough, council, trusts
):
    sign_in(commissioner)
    url = reverse("codesign:create")
    page = client.get(url).content.decode()
    # One organisation of their own: no search, and none of the others.
    assert page.count('name="organised_by" type="radio"') == 1 and council.name in page
    assert "Find the organisation running it" not in page and "Tenants Trust" not in page
    assert "Tenants Trust" not in client.get(url, {"q": "trust"}).content.decode()
    before = AuditEntry.objects.count()
    response = client.post(url, _session_form(borough, trusts[0]))
    assert response.status_code == 200
    assert "Choose one of your organisations" in response.content.decode()
    assert not Session.objects.exists() and AuditEntry.objects.count() == before


def test_who_may_not_set_up_sessions_cannot_search_organisers(client, sign_in, stranger, trusts):
    sign_in(stranger)
    response = client.get(reverse("codesign:create"), {"q": "trust"})
    assert response.status_code == 403 and "Tenants Trust" not in response.content.decode()


# --- the session's own people ------------------------------------------------------------------


def test_a_large_meetings_people_come_in_pages_and_removing_keeps_the_page(
    client, sign_in, session, commissioner, trusts
):
    from commonweal.codesign import services
    from commonweal.codesign.views.people import PARTICIPANTS_PAGE, PARTICIPANTS_PAGE_SIZE

    people = [
        services.participant_add(
            session=session, actor=commissioner, kind="resident", display_name=f"Person {n:03}"
        )
        for n in range(PARTICIPANTS_PAGE_SIZE + 3)
    ]
    sign_in(commissioner)
    first = client.get(_participants_url(session)).content.decode()
    assert first.count(">Remove<") == PARTICIPANTS_PAGE_SIZE and "Person 052" not in first
    assert f"Showing 1 to {PARTICIPANTS_PAGE_SIZE} of {len(people)} people taking part" in first
    # The list and the organisations found page apart: each keeps the other's page.
    second = client.get(
        _participants_url(session, **{PARTICIPANTS_PAGE: 2, "q": "trust", "page": 2})
    ).content.decode()
    assert second.count(">Remove<") == 3 and "Person 052" in second
    assert second.count(RADIO) == 3 + 1  # "None" and the last three trusts
    assert f'name="{ORGANISATIONS_PAGE}" value="1"' in second  # the trusts' first page
    assert f"?{PARTICIPANTS_PAGE}=1&amp;q=trust&amp;page=2#participants" in second
    remove = reverse(
        "codesign:participant-remove", kwargs={"pk": session.pk, "participant_id": people[-1].pk}
    )
    assert f'action="{remove}?{PARTICIPANTS_PAGE}=2"' in second
    response = client.post(f"{remove}?{PARTICIPANTS_PAGE}=2")
    assert response["Location"] == _participants_url(session, **{PARTICIPANTS_PAGE: 2})
    assert session.participants.count() == len(people) - 1
