"""Two-factor authentication: required for staff roles, set up with a QR code or key, checked on sign-in."""

import re
from base64 import b32decode

import pytest
from django.test import override_settings
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from commonweal.accounts.roles import Role
from commonweal.accounts.tests.totp import code_now, wrong_code
from commonweal.core.models import AuditEntry
from commonweal.testing.factories import (
    PublicBodyFactory,
    RoleFactory,
    UserFactory,
    WardFactory,
    confirmed_totp_device,
)

pytestmark = pytest.mark.django_db

SETUP = reverse("accounts:two-factor-setup")
VERIFY = reverse("accounts:two-factor-verify")
DASHBOARD = reverse("core:dashboard")


def commissioner():
    return RoleFactory(role=Role.COMMISSIONER, organisation=PublicBodyFactory()).user


def resident():
    return RoleFactory(role=Role.RESIDENT, organisation=None, place=WardFactory()).user


def _device_from_page(user) -> TOTPDevice:
    return TOTPDevice.objects.get(user=user, confirmed=False)


# --- who must use it ---------------------------------------------------------------------------


def test_a_commissioner_without_an_app_is_sent_to_set_one_up(client, sign_in):
    sign_in(commissioner(), verified=False)
    response = client.get(DASHBOARD)
    assert response.status_code == 302
    assert response["Location"] == f"{SETUP}?next=%2Fdashboard%2F"


def test_a_commissioner_with_an_app_is_asked_for_a_code(client, sign_in):
    user = commissioner()
    confirmed_totp_device(user)
    sign_in(user, verified=False)
    response = client.get(DASHBOARD)
    assert response["Location"] == f"{VERIFY}?next=%2Fdashboard%2F"


def test_a_resident_is_not_asked_for_a_second_factor(client, sign_in):
    sign_in(resident(), verified=False)
    assert client.get(DASHBOARD).status_code == 200


def test_a_resident_who_turned_it_on_is_asked_for_a_code(client, sign_in):
    user = resident()
    confirmed_totp_device(user)
    sign_in(user, verified=False)
    assert client.get(DASHBOARD)["Location"] == f"{VERIFY}?next=%2Fdashboard%2F"


def test_signing_in_as_a_commissioner_leads_to_the_code_page(client):
    user = commissioner()
    confirmed_totp_device(user)
    response = client.post(
        reverse("accounts:sign-in"),
        {"email": user.email, "password": "correct horse battery staple"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == f"{VERIFY}?next=%2Fdashboard%2F"
    assert "Enter the code from your authenticator app" in response.content.decode()


def test_the_code_pages_need_a_signed_in_person(client):
    for url in (SETUP, VERIFY):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(
            reverse("accounts:sign-in")
        )


# --- setting it up -----------------------------------------------------------------------------


def test_the_setup_page_shows_a_qr_code_and_the_key_as_text(client, sign_in):
    user = commissioner()
    sign_in(user, verified=False)
    page = client.get(SETUP).content.decode()
    device = _device_from_page(user)
    assert re.search(
        r'<svg role="img" aria-label="QR code to add your Commonweal account to an authenticator app"',
        page,
    )
    key = re.search(r'id="totp-secret">([A-Z2-7 ]+)<', page).group(1)
    assert all(len(group) == 4 for group in key.split(" "))
    assert b32decode(key.replace(" ", "")) == device.bin_key
    assert "<script" not in page.split('id="main-content"')[1].split("</main>")[0]


def test_the_same_key_is_shown_until_the_app_is_confirmed(client, sign_in):
    user = commissioner()
    sign_in(user, verified=False)
    client.get(SETUP)
    client.get(SETUP)
    assert TOTPDevice.objects.filter(user=user).count() == 1


def test_a_right_code_turns_it_on_and_goes_to_next(client, sign_in):
    user = commissioner()
    sign_in(user, verified=False)
    client.get(SETUP)
    device = _device_from_page(user)
    response = client.post(SETUP, {"code": code_now(device), "next": "/dashboard/"})
    assert response.status_code == 302 and response["Location"] == "/dashboard/"
    device.refresh_from_db()
    assert device.confirmed
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    assert client.get(DASHBOARD).status_code == 200


def test_a_wrong_code_is_refused_with_the_error_summary(client, sign_in):
    user = commissioner()
    sign_in(user, verified=False)
    client.get(SETUP)
    device = _device_from_page(user)
    response = client.post(SETUP, {"code": wrong_code(device)})
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "The code is not correct. Enter the 6-digit code your app shows now." in page
    device.refresh_from_db()
    assert not device.confirmed
    assert client.get(DASHBOARD).status_code == 302


def test_a_code_that_is_not_six_digits_is_explained(client, sign_in):
    sign_in(commissioner(), verified=False)
    page = client.post(SETUP, {"code": "12ab"}).content.decode()
    assert "Enter the 6-digit code from your authenticator app" in page


def test_an_unsafe_next_is_not_followed_after_setup(client, sign_in):
    user = commissioner()
    sign_in(user, verified=False)
    client.get(SETUP)
    response = client.post(
        SETUP, {"code": code_now(_device_from_page(user)), "next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("accounts:settings")


def test_someone_with_an_app_cannot_add_another_without_its_code(client, sign_in):
    user = commissioner()
    confirmed_totp_device(user)
    sign_in(user, verified=False)
    response = client.get(SETUP)
    assert response.status_code == 302 and response["Location"].startswith(VERIFY)
    assert client.post(SETUP, {"code": "123456"}).status_code == 302
    assert TOTPDevice.objects.filter(user=user).count() == 1


def test_setting_up_a_new_app_replaces_the_old_one(client, sign_in):
    user = commissioner()
    sign_in(user)  # verified with their first app
    old = TOTPDevice.objects.get(user=user)
    page = client.get(SETUP).content.decode()
    assert "Set up a new authenticator app" in page
    new = _device_from_page(user)
    client.post(SETUP, {"code": code_now(new)})
    assert list(TOTPDevice.objects.filter(user=user)) == [new]
    assert not TOTPDevice.objects.filter(pk=old.pk).exists()
    actions = list(
        AuditEntry.objects.filter(model="otp_totp.totpdevice", actor=user).values_list(
            "action", "object_id"
        )
    )
    assert ("delete", str(old.pk)) in actions
    assert "key" not in AuditEntry.objects.filter(model="otp_totp.totpdevice").last().after


# --- checking the code at sign-in --------------------------------------------------------------


def test_a_right_code_lets_the_person_in(client, sign_in):
    user = commissioner()
    device = confirmed_totp_device(user)
    sign_in(user, verified=False)
    response = client.post(VERIFY, {"code": code_now(device), "next": "/dashboard/"})
    assert response.status_code == 302 and response["Location"] == "/dashboard/"
    assert client.get(DASHBOARD).status_code == 200


def test_a_wrong_code_is_refused(client, sign_in):
    user = commissioner()
    device = confirmed_totp_device(user)
    sign_in(user, verified=False)
    page = client.post(VERIFY, {"code": wrong_code(device)}).content.decode()
    assert "The code is not correct. Enter the 6-digit code your app shows now." in page
    assert client.get(DASHBOARD).status_code == 302


def test_after_many_wrong_codes_even_a_right_one_must_wait(client, sign_in):
    user = commissioner()
    device = confirmed_totp_device(user)
    sign_in(user, verified=False)
    for _ in range(3):
        client.post(VERIFY, {"code": wrong_code(device)})
    # As if many more wrong codes had been typed: the wait doubles with each one.
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=10)
    page = client.post(VERIFY, {"code": code_now(device)}).content.decode()
    assert "You have entered too many wrong codes" in page
    assert client.get(DASHBOARD).status_code == 302


def test_a_code_cannot_be_used_twice(client, sign_in):
    user = commissioner()
    device = confirmed_totp_device(user)
    sign_in(user, verified=False)
    code = code_now(device)
    first = client.post(VERIFY, {"code": code, "next": "/dashboard/"})
    assert first.status_code == 302 and first["Location"] == "/dashboard/"
    assert client.get(DASHBOARD).status_code == 200
    client.post(reverse("accounts:sign-out"))
    sign_in(user, verified=False)
    page = client.post(VERIFY, {"code": code}).content.decode()
    assert "The code is not correct" in page
    assert client.get(DASHBOARD).status_code == 302


def test_an_unsafe_next_is_not_followed_after_the_code(client, sign_in):
    user = commissioner()
    device = confirmed_totp_device(user)
    sign_in(user, verified=False)
    response = client.post(VERIFY, {"code": code_now(device), "next": "//evil.example/"})
    assert response["Location"] == DASHBOARD


def test_without_an_app_the_code_page_sends_you_to_set_one_up(client, sign_in):
    sign_in(commissioner(), verified=False)
    response = client.get(VERIFY, {"next": "/account/"})
    assert response["Location"] == f"{SETUP}?next=%2Faccount%2F"


# --- the demo hint -----------------------------------------------------------------------------


@override_settings(DEMO_MODE=True)
def test_in_the_demo_a_demo_account_is_shown_its_current_code(client, sign_in):
    user = commissioner()
    user.is_demo_account = True
    user.save()
    device = confirmed_totp_device(user)
    sign_in(user, verified=False)
    before = code_now(device)
    page = client.get(VERIFY).content.decode()
    after = code_now(device)
    shown = re.search(r"Demo only: the code for this fictional account is (\d{6})", page).group(1)
    assert 'class="govuk-inset-text"' in page
    assert shown in {before, after}
    assert client.post(VERIFY, {"code": shown}).status_code == 302
    assert client.get(DASHBOARD).status_code == 200


@override_settings(DEMO_MODE=True)
def test_in_the_demo_a_real_account_is_not_shown_a_code(client, sign_in):
    user = commissioner()
    confirmed_totp_device(user)
    sign_in(user, verified=False)
    page = client.get(VERIFY).content.decode()
    assert "Demo only" not in page


@override_settings(DEMO_MODE=False)
def test_outside_the_demo_a_demo_account_is_not_shown_a_code(client, sign_in):
    user = commissioner()
    user.is_demo_account = True
    user.save()
    confirmed_totp_device(user)
    sign_in(user, verified=False)
    page = client.get(VERIFY).content.decode()
    assert "Demo only" not in page


# --- turning it off ----------------------------------------------------------------------------


def test_a_resident_can_turn_it_off(client, sign_in):
    user = resident()
    device = confirmed_totp_device(user)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id  # signed in with their code
    session.save()
    assert client.get(reverse("accounts:two-factor-turn-off")).status_code == 200
    response = client.post(reverse("accounts:two-factor-turn-off"))
    assert response["Location"] == reverse("accounts:settings")
    assert not TOTPDevice.objects.filter(user=user).exists()
    entry = AuditEntry.objects.filter(model="otp_totp.totpdevice", action="delete").last()
    assert entry.actor_id == user.pk and entry.reason == "Turned off two-factor authentication"


def test_a_commissioner_cannot_turn_it_off(client, sign_in):
    user = commissioner()
    sign_in(user)
    assert client.get(reverse("accounts:two-factor-turn-off")).status_code == 403
    assert client.post(reverse("accounts:two-factor-turn-off")).status_code == 403
    assert TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def test_turning_it_off_needs_a_signed_in_person(client):
    response = client.post(reverse("accounts:two-factor-turn-off"))
    assert response.status_code == 302 and response["Location"].startswith(
        reverse("accounts:sign-in")
    )


def test_a_resident_can_turn_it_on(client, sign_in):
    user = resident()
    sign_in(user)
    client.get(SETUP)
    client.post(SETUP, {"code": code_now(_device_from_page(user))})
    assert TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    assert client.get(reverse("accounts:settings")).status_code == 200


def test_back_office_users_need_it_too(client, sign_in):
    sign_in(UserFactory(is_staff=True), verified=False)
    assert client.get(DASHBOARD)["Location"].startswith(SETUP)


# --- the API beside the second factor -----------------------------------------------------------


def test_an_unverified_staff_session_gets_a_json_403_from_the_api(client):
    client.force_login(commissioner())
    response = client.get(reverse("api:me"))
    assert response.status_code == 403
    assert "two-factor" in response.json()["detail"]


def test_an_unverified_staff_session_is_sent_to_the_code_page_from_the_api_docs(client):
    client.force_login(commissioner())
    response = client.get(reverse("api:docs"))
    assert response.status_code == 302
    assert response.url.startswith(SETUP)


def test_a_token_call_is_judged_by_the_token_even_beside_an_unverified_session(client):
    from commonweal.accounts.tokens import api_token_create

    person = commissioner()
    _, key = api_token_create(user=person, name="scripts")
    client.force_login(person)
    response = client.get(reverse("api:me"), HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 200
    assert response.json()["email"] == person.email
