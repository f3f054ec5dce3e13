"""Signing in with an email address and password, and signing out."""

import re

import pytest
from django.urls import reverse

from commonweal.accounts import throttle
from commonweal.testing.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = reverse("accounts:sign-in")
PASSWORD = "correct horse battery staple"
ALLOWED = throttle.limit(throttle.SIGN_IN, "email").attempts


def _is_signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_the_right_email_and_password_sign_in_and_go_to_the_dashboard(client):
    UserFactory(email="sam@example.org")
    response = client.post(URL, {"email": "Sam@Example.org ", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("core:dashboard")
    assert _is_signed_in(client)


def test_a_wrong_password_gets_one_clear_error(client):
    UserFactory(email="sam@example.org")
    response = client.post(URL, {"email": "sam@example.org", "password": "not it at all"})
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count("Enter a correct email address and password") == 2  # summary and field
    assert 'value="sam@example.org"' in page
    assert not _is_signed_in(client)


def test_an_unknown_email_gets_exactly_the_same_answer(client):
    UserFactory(email="sam@example.org")
    known = client.post(URL, {"email": "sam@example.org", "password": "wrong"}).content.decode()
    unknown = client.post(
        URL, {"email": "nobody@example.org", "password": "wrong"}
    ).content.decode()
    # Apart from what was typed and the form's CSRF token, the two pages are the same.
    assert re.sub(r'value="[^"]*"', "", known) == re.sub(r'value="[^"]*"', "", unknown)


def test_an_inactive_person_cannot_sign_in(client):
    UserFactory(email="gone@example.org", is_active=False)
    page = client.post(URL, {"email": "gone@example.org", "password": PASSWORD}).content.decode()
    assert "Enter a correct email address and password" in page
    assert not _is_signed_in(client)


def test_a_safe_next_address_is_followed(client):
    UserFactory(email="sam@example.org")
    response = client.post(
        URL, {"email": "sam@example.org", "password": PASSWORD, "next": "/account/"}
    )
    assert response["Location"] == "/account/"


@pytest.mark.parametrize(
    "next_url",
    ["https://evil.example/", "//evil.example/", "https:/evil.example", "javascript:alert(1)"],
)
def test_a_next_address_on_another_site_is_refused(client, next_url):
    UserFactory(email="sam@example.org")
    response = client.post(
        URL, {"email": "sam@example.org", "password": PASSWORD, "next": next_url}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("core:dashboard")


def test_the_next_address_is_carried_from_the_address_bar_into_the_form(client):
    page = client.get(URL, {"next": "/account/"}).content.decode()
    assert 'name="next" value="/account/"' in page


def test_missing_answers_are_asked_for(client):
    page = client.post(URL, {"email": "", "password": ""}).content.decode()
    assert "Enter your email address" in page and "Enter your password" in page


def test_too_many_failures_lock_the_address_even_with_the_right_password(client):
    UserFactory(email="sam@example.org")
    for _ in range(ALLOWED):
        client.post(URL, {"email": "sam@example.org", "password": "guess"})
    page = client.post(URL, {"email": "sam@example.org", "password": PASSWORD}).content.decode()
    assert "You have tried to sign in too many times" in page
    assert not _is_signed_in(client)


def test_an_address_with_no_account_is_locked_in_the_same_way(client):
    for _ in range(ALLOWED):
        client.post(URL, {"email": "nobody@example.org", "password": "guess"})
    page = client.post(URL, {"email": "nobody@example.org", "password": "guess"}).content.decode()
    assert "You have tried to sign in too many times" in page


def test_signing_in_successfully_clears_the_failures(client):
    UserFactory(email="sam@example.org")
    for _ in range(ALLOWED - 1):
        client.post(URL, {"email": "sam@example.org", "password": "guess"})
    client.post(URL, {"email": "sam@example.org", "password": PASSWORD})
    assert _is_signed_in(client)
    client.post(reverse("accounts:sign-out"))
    for _ in range(ALLOWED - 1):
        client.post(URL, {"email": "sam@example.org", "password": "guess"})
    client.post(URL, {"email": "sam@example.org", "password": PASSWORD})
    assert _is_signed_in(client)


def test_signing_out_needs_a_post_and_goes_home(client, sign_in):
    sign_in(UserFactory())
    assert client.get(reverse("accounts:sign-out")).status_code == 405
    assert _is_signed_in(client)
    response = client.post(reverse("accounts:sign-out"))
    assert response.status_code == 302 and response["Location"] == reverse("core:home")
    assert not _is_signed_in(client)


def test_signing_out_needs_the_csrf_token():
    from django.test import Client

    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(UserFactory())
    assert csrf_client.post(reverse("accounts:sign-out")).status_code == 403
    assert "_auth_user_id" in csrf_client.session
