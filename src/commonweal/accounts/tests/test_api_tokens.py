"""API tokens: made on the account page, shown once, revoked by their owner only."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from commonweal.accounts.models import ApiToken
from commonweal.accounts.tokens import api_token_create, api_token_user
from commonweal.core.models import AuditEntry
from commonweal.testing.factories import UserFactory

pytestmark = pytest.mark.django_db

CREATE = reverse("accounts:api-token-create")


def revoke_url(token) -> str:
    return reverse("accounts:api-token-revoke", kwargs={"token_id": token.pk})


def test_making_a_token_shows_the_key_once_and_it_works(client, sign_in):
    user = UserFactory()
    sign_in(user)
    response = client.post(CREATE, {"name": "Spreadsheet import"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "This is the only time you will see this token" in page
    assert "no-store" in response["Cache-Control"]
    key = re.search(r'id="api-token-key">([^<]+)<', page).group(1)
    assert api_token_user(key) == user
    token = ApiToken.objects.get(user=user)
    assert token.name == "Spreadsheet import"
    settings_page = client.get(reverse("accounts:settings")).content.decode()
    assert "Spreadsheet import" in settings_page and token.prefix in settings_page
    assert key not in settings_page


def test_a_token_needs_a_name(client, sign_in):
    sign_in(UserFactory())
    page = client.post(CREATE, {"name": "  "}).content.decode()
    assert "Enter what this token is for" in page
    assert not ApiToken.objects.exists()


def test_the_owner_can_revoke_their_token(client, sign_in):
    user = UserFactory()
    token, key = api_token_create(user=user, name="Old script")
    sign_in(user)
    assert "Revoke this API token?" in client.get(revoke_url(token)).content.decode()
    response = client.post(revoke_url(token))
    assert response.status_code == 302
    assert not ApiToken.objects.filter(pk=token.pk).exists()
    assert api_token_user(key) is None
    entry = AuditEntry.objects.filter(model="accounts.apitoken").last()
    assert entry.action == "delete" and entry.actor_id == user.pk
    assert "key_hash" not in entry.before


def test_a_person_cannot_see_or_revoke_another_persons_token(client, sign_in):
    token, key = api_token_create(user=UserFactory(), name="Theirs")
    sign_in(UserFactory())
    assert client.get(revoke_url(token)).status_code == 404
    assert client.post(revoke_url(token)).status_code == 404
    assert api_token_user(key) is not None


def test_an_unknown_token_is_not_found(client, sign_in):
    sign_in(UserFactory())
    assert (
        client.post(reverse("accounts:api-token-revoke", kwargs={"token_id": 999999})).status_code
        == 404
    )


def test_anonymous_people_cannot_revoke_tokens(client):
    token, key = api_token_create(user=UserFactory(), name="Theirs")
    response = client.post(revoke_url(token))
    assert response.status_code == 302 and response["Location"].startswith(
        reverse("accounts:sign-in")
    )
    assert api_token_user(key) is not None


def test_revoking_needs_the_csrf_token():
    user = UserFactory()
    token, _key = api_token_create(user=user, name="Mine")
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(user)
    assert csrf_client.post(revoke_url(token)).status_code == 403
    assert ApiToken.objects.filter(pk=token.pk).exists()


def test_the_settings_page_lists_tokens_20_at_a_time_newest_first(client, sign_in):
    person = UserFactory()
    sign_in(person)
    for number in range(1, 26):
        api_token_create(user=person, name=f"Program {number:02}")
    first = client.get(reverse("accounts:settings")).content.decode()
    assert first.count('<td class="govuk-table__cell">Program ') == 20
    assert "Program 25" in first and "Program 06" in first and "Program 05" not in first
    assert "?tokens-page=2#api-tokens" in first
    second = client.get(reverse("accounts:settings"), {"tokens-page": "2"}).content.decode()
    assert [f"Program {n:02}" in second for n in range(1, 7)] == [True] * 5 + [False]
    # A page past the end shows the last one, not an error.
    assert (
        "Program 01"
        in client.get(reverse("accounts:settings"), {"tokens-page": "9"}).content.decode()
    )
