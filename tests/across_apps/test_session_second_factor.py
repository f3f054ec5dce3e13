"""Two factors mean two factors: a password-only session reaches no API data, whatever headers it sends;
API tokens die when the password changes, however it is changed."""

import re
from urllib.parse import urlparse

import pytest
from django.core import mail
from django.urls import reverse

from commonweal.accounts import services
from commonweal.accounts.models import ApiToken
from commonweal.accounts.roles import Role
from commonweal.accounts.tokens import api_token_create, api_token_user
from commonweal.panels.tests.helpers import make_panel
from commonweal.testing.factories import PublicBodyFactory, RoleFactory, UserFactory

pytestmark = pytest.mark.django_db

ME = reverse("api:me")
NOT_A_BEARER_TOKEN = ["Basic eDp4", "Basic x", "Token x", "garbage", "Negotiate abc def", "Bearer"]


def commissioner():
    return RoleFactory(role=Role.COMMISSIONER, organisation=PublicBodyFactory()).user


@pytest.mark.parametrize("header", NOT_A_BEARER_TOKEN)
def test_a_password_only_staff_session_gets_nothing_from_me_whatever_the_header(client, header):
    person = commissioner()
    client.force_login(person)
    response = client.get(ME, HTTP_AUTHORIZATION=header)
    assert response.status_code in (401, 403)
    assert person.email not in response.content.decode()


@pytest.mark.parametrize("header", NOT_A_BEARER_TOKEN)
def test_a_password_only_session_gets_no_panel_pool_whatever_the_header(client, header):
    panel, staff = make_panel(pool=12)
    client.force_login(staff)
    for name in ("api:panel-detail", "api:panel-pool"):
        response = client.get(reverse(name, kwargs={"pk": panel.pk}), HTTP_AUTHORIZATION=header)
        assert response.status_code in (401, 403), name
        assert "volunteer1@example.net" not in response.content.decode(), name


def test_the_session_authentication_itself_refuses_a_password_only_session(rf):
    """The API's own rule, not only the middleware in front of it."""
    from rest_framework.exceptions import AuthenticationFailed
    from rest_framework.request import Request

    from commonweal.accounts.api_auth import TwoFactorSessionAuthentication

    request = rf.get(ME)
    request.user = commissioner()
    request.user.is_verified = lambda: False
    request._dont_enforce_csrf_checks = True
    with pytest.raises(AuthenticationFailed, match="two-factor"):
        TwoFactorSessionAuthentication().authenticate(Request(request))
    request.user.is_verified = lambda: True
    assert TwoFactorSessionAuthentication().authenticate(Request(request))[0] == request.user


def test_a_session_that_passed_the_second_factor_reaches_the_pool(client, sign_in):
    panel, staff = make_panel(pool=12)
    sign_in(staff)
    response = client.get(
        reverse("api:panel-pool", kwargs={"pk": panel.pk}), HTTP_AUTHORIZATION="Basic eDp4"
    )
    assert response.status_code == 200
    assert response.json()["results"][0]["email"] == "volunteer1@example.net"


def test_a_resident_session_needs_no_second_factor_for_the_api(client):
    person = UserFactory()
    client.force_login(person)
    assert client.get(ME, HTTP_AUTHORIZATION="Basic eDp4").json()["email"] == person.email


def test_a_resident_who_turned_on_a_second_factor_is_held_to_it_in_the_api(client):
    from commonweal.testing.factories import confirmed_totp_device

    person = UserFactory()
    confirmed_totp_device(person)
    client.force_login(person)
    response = client.get(ME, HTTP_AUTHORIZATION="Basic eDp4")
    assert response.status_code == 403 and person.email not in response.content.decode()


def test_a_bearer_token_still_works_for_staff(client):
    person = commissioner()
    _, key = api_token_create(user=person, name="scripts")
    assert client.get(ME, HTTP_AUTHORIZATION=f"Bearer {key}").json()["email"] == person.email


# --- tokens die with the old password -----------------------------------------------------------


def test_changing_the_password_on_the_page_revokes_every_token(client, sign_in):
    person = UserFactory(full_name="Pat Quinn")  # a random name can be too like the new password
    _, first = api_token_create(user=person, name="one")
    _, second = api_token_create(user=person, name="two")
    sign_in(person)
    response = client.post(
        reverse("accounts:change-password"),
        {
            "old_password": "correct horse battery staple",
            "new_password1": "marigold tugboat quilt",
            "new_password2": "marigold tugboat quilt",
        },
    )
    assert response.status_code == 302
    assert api_token_user(first) is None and api_token_user(second) is None
    assert client.get(ME, HTTP_AUTHORIZATION=f"Bearer {first}").status_code == 401


def test_resetting_the_password_by_email_revokes_every_token(client):
    person = UserFactory(email="ruth@example.org", full_name="Ruth Adeyemi")
    _, key = api_token_create(user=person, name="scripts")
    client.post(reverse("accounts:password-reset"), {"email": "ruth@example.org"})
    link = urlparse(re.search(r"https?://\S+", mail.outbox[0].body).group(0)).path
    set_password_url = client.get(link, follow=True).redirect_chain[-1][0]
    client.post(
        set_password_url,
        {"new_password1": "marigold tugboat quilt", "new_password2": "marigold tugboat quilt"},
    )
    assert api_token_user(key) is None
    assert not ApiToken.objects.filter(user=person).exists()


def test_the_back_office_setting_a_password_revokes_every_token(client, sign_in):
    person = UserFactory()
    _, key = api_token_create(user=person, name="scripts")
    sign_in(UserFactory(is_staff=True, is_superuser=True))
    url = reverse("admin:auth_user_password_change", args=[person.pk])
    response = client.post(
        url,
        {
            "password1": "marigold tugboat quilt",
            "password2": "marigold tugboat quilt",
            "usable_password": "true",
        },
    )
    assert response.status_code == 302
    assert api_token_user(key) is None


def test_setting_the_password_through_the_service_revokes_every_token():
    person = UserFactory()
    _, key = api_token_create(user=person, name="scripts")
    services.user_password_set(actor=person, user=person, password="marigold tugboat quilt")
    assert api_token_user(key) is None


def test_signing_in_and_other_saves_keep_the_tokens():
    person = UserFactory()
    _, key = api_token_create(user=person, name="scripts")
    services.user_update_details(
        actor=person, user=person, full_name="New Name", email=person.email
    )
    assert person.check_password("correct horse battery staple")
    assert api_token_user(key) == person


def test_the_settings_page_shows_when_each_token_was_made_and_last_used(client, sign_in):
    from django.utils import dateformat, timezone

    person = UserFactory()
    api_token_create(user=person, name="Never touched")
    _, key = api_token_create(user=person, name="Busy script")
    client.get(ME, HTTP_AUTHORIZATION=f"Bearer {key}")
    sign_in(person)
    page = client.get(reverse("accounts:settings")).content.decode()
    rows = {
        name: row
        for row in re.findall(r'<tr class="govuk-table__row">(.*?)</tr>', page, re.S)
        for name in ("Never touched", "Busy script")
        if name in row
    }
    assert "Never used" in rows["Never touched"]
    busy = ApiToken.objects.get(name="Busy script")
    assert busy.last_used_at is not None
    assert (
        dateformat.format(timezone.localtime(busy.last_used_at), "j F Y, H:i")
        in rows["Busy script"]
    )
    assert dateformat.format(timezone.localtime(busy.created_at), "j F Y") in rows["Busy script"]
    assert "Never used" not in rows["Busy script"]


# --- tokens made without a second factor die when one becomes needed ----------------------------


def test_a_token_made_as_a_resident_dies_when_the_person_is_given_a_staff_role():
    """The attack: a token made with no second factor, then a commissioner role, then the pool by token."""
    panel, staff = make_panel(pool=12)
    person = UserFactory()
    _, key = api_token_create(user=person, name="scripts")
    assert api_token_user(key) == person
    body = staff.role_assignments.get(role=Role.COMMISSIONER).organisation
    services.role_grant(
        actor=staff,
        user=person,
        role=Role.COMMISSIONER,
        organisation=body,
        reason="Joined the team",
    )
    assert api_token_user(key) is None
    assert not ApiToken.objects.filter(user=person).exists()


def test_a_role_given_outside_the_services_also_revokes_the_tokens(client):
    person = UserFactory()
    _, key = api_token_create(user=person, name="scripts")
    RoleFactory(
        user=person, role=Role.ADMINISTRATOR, organisation=PublicBodyFactory()
    )  # as the back office does
    assert client.get(ME, HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 401


def test_being_made_back_office_staff_revokes_the_tokens():
    person = UserFactory()
    _, key = api_token_create(user=person, name="scripts")
    person.is_staff = True
    person.save()
    assert api_token_user(key) is None


def test_a_role_that_needs_no_second_factor_keeps_the_tokens():
    person = UserFactory()
    _, key = api_token_create(user=person, name="scripts")
    RoleFactory(user=person, role=Role.PROVIDER_MEMBER)
    assert api_token_user(key) == person


def test_a_further_staff_role_keeps_tokens_made_with_the_second_factor():
    person = commissioner()  # already needs, and so passed, the second factor to make a token
    _, key = api_token_create(user=person, name="scripts")
    RoleFactory(user=person, role=Role.PROCUREMENT_OFFICER, organisation=PublicBodyFactory())
    assert api_token_user(key) == person
