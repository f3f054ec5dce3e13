"""Signing up: an account, signed in at once, and a resident of the place the person lives in."""

import pytest
from django.urls import reverse

from commonweal.accounts.models import User
from commonweal.accounts.roles import Role
from commonweal.core.models import AuditEntry
from commonweal.testing.factories import LocalAuthorityFactory, UserFactory, WardFactory

pytestmark = pytest.mark.django_db

URL = reverse("accounts:sign-up")
GOOD = {
    "full_name": "Amara Okafor",
    "email": "Amara.Okafor@Example.org",
    "password1": "lantern orchard velvet",
    "password2": "lantern orchard velvet",
    "residence": "",
}


def test_the_page_offers_the_wards_and_boroughs_labelled_ward_borough(client):
    borough = LocalAuthorityFactory(name="Riverside")
    WardFactory(name="Eastbank", parent=borough)
    page = client.get(URL).content.decode()
    assert "Where do you live?" in page
    assert ">Riverside<" in page
    assert ">Eastbank, Riverside<" in page
    assert page.index(">Riverside<") < page.index(">Eastbank, Riverside<")


def test_signing_up_makes_the_account_signs_in_and_goes_to_the_dashboard(client):
    response = client.post(URL, GOOD)
    assert response.status_code == 302
    assert response["Location"] == reverse("core:dashboard")
    user = User.objects.get()
    assert user.email == "amara.okafor@example.org"
    assert user.full_name == "Amara Okafor"
    assert user.check_password("lantern orchard velvet")
    assert client.get(reverse("core:dashboard")).status_code == 200


def test_choosing_where_you_live_makes_you_a_resident_there(client):
    ward = WardFactory(name="Eastbank")
    client.post(URL, {**GOOD, "residence": ward.pk})
    user = User.objects.get()
    assert list(user.role_assignments.values_list("role", "place")) == [(Role.RESIDENT, ward.pk)]
    assert not user.needs_two_factor


def test_the_sign_up_is_recorded_as_done_by_the_new_person(client):
    client.post(URL, GOOD)
    user = User.objects.get()
    entry = AuditEntry.objects.get(model="accounts.user", object_id=str(user.pk))
    assert entry.action == "create"
    assert entry.actor_id == user.pk
    assert entry.reason == "Signed up"
    assert "password" not in entry.after


def test_an_email_already_used_in_any_case_is_refused_and_what_was_typed_is_kept(client):
    UserFactory(email="amara.okafor@example.org")
    response = client.post(URL, GOOD)
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert "An account with this email address already exists" in page
    assert 'value="Amara Okafor"' in page
    assert User.objects.count() == 1


def test_an_inactive_account_gets_the_same_answer_as_an_active_one(client):
    UserFactory(email="amara.okafor@example.org", is_active=False)
    page = client.post(URL, GOOD).content.decode()
    assert "An account with this email address already exists" in page
    assert "inactive" not in page.lower() and "disabled" not in page.lower()


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("short1", "This password is too short"),
        ("password123", "This password is too common"),
        ("8362947103", "This password is entirely numeric"),
        ("amara.okafor@example", "The password is too similar to the email address"),
        ("okafor1234", "The password is too similar to the full name"),
    ],
)
def test_weak_passwords_are_refused_with_the_reason_in_the_error_summary(client, password, message):
    response = client.post(URL, {**GOOD, "password1": password, "password2": password})
    page = response.content.decode()
    assert response.status_code == 200
    assert '<div class="govuk-error-summary"' in page
    assert message in page
    assert not User.objects.exists()


def test_passwords_that_differ_are_refused(client):
    page = client.post(URL, {**GOOD, "password2": "lantern orchard velvets"}).content.decode()
    assert "The passwords do not match" in page
    assert not User.objects.exists()


def test_missing_answers_each_get_a_message(client):
    response = client.post(
        URL, {"full_name": "", "email": "", "password1": "", "password2": "", "residence": ""}
    )
    page = response.content.decode()
    for message in ("Enter your full name", "Enter your email address", "Enter a password"):
        assert message in page
    assert page.count('class="govuk-error-message"') == 4


def test_a_place_that_is_not_on_the_list_is_refused(client):
    page = client.post(URL, {**GOOD, "residence": "999999"}).content.decode()
    assert "Choose a place from the list" in page
    assert not User.objects.exists()


def test_someone_signed_in_is_sent_to_their_dashboard(client, sign_in):
    sign_in(UserFactory())
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"] == reverse("core:dashboard")
