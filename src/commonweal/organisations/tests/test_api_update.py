"""PATCH and PUT /api/organisations/{slug}/: only the organisation's administrators and the back office."""

from contextlib import contextmanager
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY

from commonweal.accounts.roles import Role
from commonweal.core.models import AuditEntry
from commonweal.organisations.models import Organisation
from commonweal.testing.factories import (
    LocalAuthorityFactory,
    OrganisationFactory,
    PublicBodyFactory,
    RoleFactory,
    UserFactory,
    confirmed_totp_device,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def shelter():
    return OrganisationFactory(
        name="Riverside Shelter",
        slug="riverside-shelter",
        headcount=6,
        annual_turnover=Decimal("450000"),
        contact_email="sam@shelter.example",
    )


@pytest.fixture
def url(shelter):
    return reverse("api:organisation-detail", kwargs={"slug": shelter.slug})


def _stored(organisation) -> dict:
    """Everything stored about an organisation: its row and the places it serves."""
    row = Organisation.objects.filter(pk=organisation.pk).values().get()
    row["places_served"] = sorted(organisation.places_served.values_list("pk", flat=True))
    return row


@contextmanager
def writes_nothing(organisation):
    """Around a refused request: the organisation is exactly as before and the audit trail gains nothing."""
    before, entries = _stored(organisation), AuditEntry.objects.count()
    yield
    assert _stored(organisation) == before
    assert AuditEntry.objects.count() == entries


@pytest.fixture
def administrator(shelter):
    return RoleFactory(organisation=shelter, role=Role.ADMINISTRATOR).user


# --- who may ------------------------------------------------------------------------


def test_anonymous_people_must_sign_in_to_change_an_organisation(api, shelter, url):
    with writes_nothing(shelter):
        response = api.patch(url, {"name": "Taken Over"})
    assert response.status_code == 401


def test_a_signed_in_stranger_may_not_change_an_organisation_and_learns_nothing(
    api, token_for, shelter, url
):
    key = token_for(UserFactory())
    with writes_nothing(shelter):
        response = api.patch(url, {"name": "Taken Over"}, token=key)
    assert response.status_code == 403
    assert response.json() == {"detail": "You do not have permission to perform this action."}


def test_a_member_who_is_not_an_administrator_may_not_change_it(api, token_for, shelter, url):
    key = token_for(RoleFactory(organisation=shelter, role=Role.PROVIDER_MEMBER).user)
    with writes_nothing(shelter):
        response = api.patch(url, {"name": "Taken Over"}, token=key)
    assert response.status_code == 403


def test_an_administrator_of_another_organisation_may_not_change_it(api, token_for, shelter, url):
    key = token_for(RoleFactory(role=Role.ADMINISTRATOR).user)
    with writes_nothing(shelter):
        assert api.patch(url, {"name": "Taken Over"}, token=key).status_code == 403


def test_a_public_body_commissioner_may_see_but_not_change_it(api, token_for, shelter, url):
    commissioner = RoleFactory(organisation=PublicBodyFactory(), role=Role.COMMISSIONER).user
    key = token_for(commissioner)
    assert api.get(url, token=key).status_code == 200
    with writes_nothing(shelter):
        assert api.patch(url, {"name": "Taken Over"}, token=key).status_code == 403


def test_an_administrator_can_change_their_organisation(
    api, token_for, administrator, shelter, url
):
    response = api.patch(
        url, {"name": "Riverside Night Shelter", "headcount": 25}, token=token_for(administrator)
    )
    assert response.status_code == 200, response.content
    shelter.refresh_from_db()
    assert shelter.name == "Riverside Night Shelter"
    assert shelter.headcount == 25
    data = response.json()
    assert data["name"] == "Riverside Night Shelter"
    # Derived facts follow the new headcount.
    assert data["size_band"] == "small"
    assert shelter.size_band == "small"
    assert data["contact_email"] == "sam@shelter.example"


def test_an_administrator_signed_in_through_the_browser_can_change_it(
    sign_in, administrator, shelter, url
):
    client = sign_in(administrator)
    response = client.patch(
        url, '{"description": "Beds and advice."}', content_type="application/json"
    )
    assert response.status_code == 200
    shelter.refresh_from_db()
    assert shelter.description == "Beds and advice."


def test_a_browser_session_must_send_the_csrf_token_to_change_it(administrator, shelter, url):
    client = Client(enforce_csrf_checks=True)
    client.force_login(administrator)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = confirmed_totp_device(administrator).persistent_id
    session.save()
    with writes_nothing(shelter):
        response = client.patch(url, '{"name": "Forged"}', content_type="application/json")
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]


def test_the_back_office_can_change_any_organisation(api, token_for, shelter, url):
    staff = UserFactory(is_staff=True)
    response = api.patch(url, {"website": "https://shelter.example"}, token=token_for(staff))
    assert response.status_code == 200
    shelter.refresh_from_db()
    assert shelter.website == "https://shelter.example"


def test_changing_an_unknown_organisation_is_a_404(api, token_for):
    staff = UserFactory(is_staff=True)
    response = api.patch(
        reverse("api:organisation-detail", kwargs={"slug": "nowhere"}),
        {"name": "X"},
        token=token_for(staff),
    )
    assert response.status_code == 404


def test_organisations_cannot_be_deleted_or_created_through_the_api(
    api, token_for, administrator, shelter, url
):
    key = token_for(administrator)
    organisations = Organisation.objects.count()
    with writes_nothing(shelter):
        assert api.client.delete(url, headers={"Authorization": f"Bearer {key}"}).status_code == 405
    list_url = reverse("api:organisation-list")
    with writes_nothing(shelter):
        response = api.client.post(
            list_url,
            '{"name": "New Shelter", "legal_form": "charity"}',
            content_type="application/json",
            headers={"Authorization": f"Bearer {key}"},
        )
    assert response.status_code == 405
    assert Organisation.objects.count() == organisations


# --- what changes --------------------------------------------------------------------


def test_the_change_is_recorded_in_the_audit_trail_against_the_tokens_owner(
    api, token_for, administrator, shelter, url
):
    api.patch(url, {"profit_use": "All of it goes back into beds."}, token=token_for(administrator))
    entry = AuditEntry.objects.filter(
        model="organisations.organisation", object_id=str(shelter.pk)
    ).latest("id")
    assert entry.action == "update"
    assert entry.actor == administrator
    assert entry.after["profit_use"] == "All of it goes back into beds."
    assert entry.reason == "Changed through the API"


def test_places_served_are_given_by_short_name_and_replace_the_list(
    api, token_for, administrator, shelter, url
):
    old = LocalAuthorityFactory(slug="old-town")
    shelter.places_served.set([old])
    LocalAuthorityFactory(slug="riverside")
    LocalAuthorityFactory(slug="hillside")
    response = api.patch(
        url, {"places_served": ["riverside", "hillside"]}, token=token_for(administrator)
    )
    assert response.status_code == 200
    assert sorted(shelter.places_served.values_list("slug", flat=True)) == ["hillside", "riverside"]
    assert sorted(response.json()["places_served"]) == ["hillside", "riverside"]


def test_identifier_short_name_and_derived_facts_cannot_be_changed(
    api, token_for, administrator, shelter, url
):
    original_org_id = shelter.org_id
    response = api.patch(
        url,
        {"org_id": "GB-CHC-999999", "slug": "hijacked", "size_band": "large", "is_vcse": False},
        token=token_for(administrator),
    )
    assert response.status_code == 200
    shelter.refresh_from_db()
    assert shelter.org_id == original_org_id
    assert shelter.slug == "riverside-shelter"
    assert shelter.size_band == "micro"
    assert shelter.is_vcse is True


def test_put_replaces_the_facts_and_needs_a_name_and_legal_form(
    api, token_for, administrator, shelter, url
):
    key = token_for(administrator)
    with writes_nothing(shelter):
        response = api.put(url, {"description": "Only this"}, token=key)
    assert response.status_code == 400
    assert set(response.json()) == {"name", "legal_form"}
    response = api.put(
        url, {"name": "Riverside Shelter CIC", "legal_form": "cic", "asset_lock": True}, token=key
    )
    assert response.status_code == 200
    shelter.refresh_from_db()
    assert shelter.legal_form == Organisation.LegalForm.CIC
    assert shelter.asset_lock is True


# --- bad input ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"headcount": -3}, "headcount", "0 or more"),
        ({"headcount": "lots"}, "headcount", "whole number"),
        ({"dividend_cap_percent": "150"}, "dividend_cap_percent", "0 to 100"),
        ({"profits_reinvested_percent": "-1"}, "profits_reinvested_percent", "0 to 100"),
        ({"annual_turnover": "-5"}, "annual_turnover", "0 or more"),
        ({"legal_form": "pirate_ship"}, "legal_form", "charity"),
        ({"places_served": ["atlantis"]}, "places_served", "atlantis"),
        ({"website": "not a website"}, "website", "web address"),
        ({"contact_email": "sam at shelter"}, "contact_email", "email address"),
        ({"name": ""}, "name", ""),
    ],
)
def test_bad_input_is_a_400_naming_the_field_and_changes_nothing(
    api, token_for, administrator, shelter, url, change, field, words
):
    key = token_for(administrator)
    with writes_nothing(shelter):
        response = api.patch(url, change, token=key)
    assert response.status_code == 400
    errors = response.json()
    assert list(errors) == [field]
    assert words in " ".join(str(message) for message in errors[field])


def test_a_rule_the_service_enforces_comes_back_as_a_field_error(api, token_for):
    council = PublicBodyFactory()
    RoleFactory(organisation=council, role=Role.COMMISSIONER)
    staff = UserFactory(is_staff=True)
    url = reverse("api:organisation-detail", kwargs={"slug": council.slug})
    key = token_for(staff)
    with writes_nothing(council):
        response = api.patch(url, {"legal_form": "charity"}, token=key)
    assert response.status_code == 400
    assert "legal_form" in response.json()


def test_a_body_that_is_not_json_is_a_clear_error(api, token_for, administrator, shelter, url):
    headers = {"Authorization": f"Bearer {token_for(administrator)}"}
    with writes_nothing(shelter):
        broken = api.client.patch(url, "{name: ", content_type="application/json", headers=headers)
        form = api.client.patch(
            url, "name=X", content_type="application/x-www-form-urlencoded", headers=headers
        )
    assert broken.status_code == 400
    assert broken.json()["detail"]
    assert form.status_code == 415
