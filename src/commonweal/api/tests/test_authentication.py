"""API tokens: who a token signs in, and what happens when it is wrong."""

import pytest
from django.urls import reverse

from commonweal.accounts.roles import Role
from commonweal.accounts.tokens import api_token_revoke
from commonweal.testing.factories import RoleFactory, UserFactory

pytestmark = pytest.mark.django_db

ME = reverse("api:me")


def test_a_valid_bearer_token_signs_its_owner_in(api, token_for):
    person = UserFactory(email="ada@example.org")
    response = api.get(ME, token=token_for(person))
    assert response.status_code == 200
    assert response.json()["email"] == "ada@example.org"


def test_the_token_keyword_works_as_well_as_bearer(client, token_for):
    person = UserFactory(email="grace@example.org")
    response = client.get(ME, headers={"Authorization": f"Token {token_for(person)}"})
    assert response.status_code == 200
    assert response.json()["email"] == "grace@example.org"


def test_an_unknown_token_is_refused_with_a_clear_message(api):
    response = api.get(ME, token="cw_not-a-real-token")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"
    assert "not valid" in response.json()["detail"]


def test_a_key_without_the_token_prefix_is_refused(api):
    assert api.get(ME, token="something-else").status_code == 401


def test_an_unknown_token_is_refused_even_where_no_token_is_needed(api):
    # Silently ignoring a bad token would hide private details the caller expects to see.
    response = api.get(reverse("api:place-list"), token="cw_not-a-real-token")
    assert response.status_code == 401


def test_bearer_with_no_token_is_refused(client):
    response = client.get(ME, headers={"Authorization": "Bearer"})
    assert response.status_code == 401
    assert "Bearer" in response.json()["detail"]


def test_a_revoked_token_no_longer_works(api, token_for):
    person = UserFactory()
    key = token_for(person)
    assert api.get(ME, token=key).status_code == 200
    token = person.api_tokens.get()
    assert api_token_revoke(user=person, token_id=token.pk)
    assert api.get(ME, token=key).status_code == 401


def test_the_token_of_a_deactivated_person_does_not_work(api, token_for):
    person = UserFactory()
    key = token_for(person)
    person.is_active = False
    person.save()
    assert api.get(ME, token=key).status_code == 401


def test_without_credentials_the_answer_asks_for_a_bearer_token(client):
    response = client.get(ME)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"
    assert response.json()["detail"]


def test_a_staff_role_needs_no_second_factor_with_a_token(api, token_for):
    # The token is the credential: a commissioner's script has no authenticator app.
    commissioner = RoleFactory(role=Role.ADMINISTRATOR).user
    assert commissioner.needs_two_factor
    assert api.get(ME, token=token_for(commissioner)).status_code == 200


def test_signed_in_staff_without_their_second_factor_are_refused(sign_in):
    administrator = RoleFactory(role=Role.ADMINISTRATOR).user
    client = sign_in(administrator, verified=False)
    assert client.get(ME).status_code == 403


def test_signed_in_staff_with_their_second_factor_may_use_the_api_in_the_browser(sign_in):
    administrator = RoleFactory(role=Role.ADMINISTRATOR).user
    client = sign_in(administrator)
    assert client.get(ME).status_code == 200


def test_using_a_token_records_when_it_was_last_used(api, token_for):
    person = UserFactory()
    key = token_for(person)
    api.get(ME, token=key)
    assert person.api_tokens.get().last_used_at is not None


def test_a_token_used_again_within_the_minute_is_not_written_again(api, token_for):
    from datetime import timedelta

    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    person = UserFactory()
    key = token_for(person)
    api.get(ME, token=key)
    first = person.api_tokens.get().last_used_at
    with CaptureQueriesContext(connection) as captured:
        api.get(ME, token=key)
    assert not any("UPDATE" in query["sql"] for query in captured.captured_queries)
    assert person.api_tokens.get().last_used_at == first
    long_ago = timezone.now() - timedelta(minutes=2)
    person.api_tokens.update(last_used_at=long_ago)
    api.get(ME, token=key)
    assert person.api_tokens.get().last_used_at > long_ago
