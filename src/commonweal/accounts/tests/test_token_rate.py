"""A token's own rate limit: set only in the back office, by staff allowed to change API tokens, audited."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from commonweal.accounts.models import ApiToken
from commonweal.accounts.tokens import api_token_create
from commonweal.core.models import AuditEntry
from commonweal.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def token():
    made, _key = api_token_create(user=UserFactory(full_name="Olive Owner"), name="Nightly export")
    return made


def change_url(token) -> str:
    return reverse("admin:accounts_apitoken_change", args=[token.pk])


def staff_with(*codenames):
    user = UserFactory(is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    return user


def test_staff_allowed_to_change_tokens_set_a_rate_and_it_is_audited(client, sign_in, token):
    officer = staff_with("view_apitoken", "change_apitoken")
    sign_in(officer)
    response = client.post(change_url(token), {"rate_per_minute": "3000"})
    assert response.status_code == 302, response.content.decode()[:2000]
    token.refresh_from_db()
    assert token.rate_per_minute == 3000
    entry = AuditEntry.objects.filter(model="accounts.apitoken", object_id=str(token.pk)).last()
    assert entry.actor_id == officer.pk
    assert entry.reason == "Set an API token's rate limit"


def test_nothing_else_about_a_token_changes_in_the_back_office(client, sign_in, token):
    sign_in(staff_with("view_apitoken", "change_apitoken"))
    client.post(change_url(token), {"rate_per_minute": "", "name": "Changed", "prefix": "cw_x"})
    token.refresh_from_db()
    assert (token.name, token.rate_per_minute) == ("Nightly export", None)
    assert token.prefix != "cw_x"


def test_a_rate_must_be_a_whole_number_of_at_least_one(client, sign_in, token):
    sign_in(staff_with("view_apitoken", "change_apitoken"))
    for bad in ("0", "-5", "lots", "1.5"):
        response = client.post(change_url(token), {"rate_per_minute": bad})
        assert response.status_code == 200  # the form again, with its error
        assert (
            "govuk-error" in response.content.decode() or "errorlist" in response.content.decode()
        )
    token.refresh_from_db()
    assert token.rate_per_minute is None


def test_staff_who_may_only_view_tokens_cannot_set_a_rate(client, sign_in, token):
    sign_in(staff_with("view_apitoken"))
    response = client.post(change_url(token), {"rate_per_minute": "3000"})
    assert response.status_code == 403
    token.refresh_from_db()
    assert token.rate_per_minute is None


def test_a_person_without_back_office_access_cannot_set_a_rate(client, sign_in, token):
    sign_in(token.user)
    response = client.post(change_url(token), {"rate_per_minute": "3000"})
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    token.refresh_from_db()
    assert token.rate_per_minute is None


def test_making_a_token_on_the_account_page_ignores_a_rate_sent_with_it(client, sign_in):
    owner = UserFactory()
    sign_in(owner)
    response = client.post(
        reverse("accounts:api-token-create"), {"name": "Greedy", "rate_per_minute": "100000"}
    )
    assert response.status_code == 200
    assert ApiToken.objects.get(user=owner).rate_per_minute is None


def test_the_api_offers_no_way_to_set_a_rate(api, token_for, token):
    key = token_for(token.user)
    for send in (api.put, api.patch):
        response = send(reverse("api:me"), {"rate_per_minute": 100000}, token=key)
        assert response.status_code == 405
    assert not ApiToken.objects.filter(rate_per_minute__isnull=False).exists()
