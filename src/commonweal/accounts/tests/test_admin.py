"""The back office for people, roles and API tokens."""

import pytest
from django.urls import reverse

from commonweal.accounts.models import ApiToken, RoleAssignment, User
from commonweal.accounts.roles import Role
from commonweal.accounts.tokens import api_token_create
from commonweal.testing.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def back_office(client, sign_in):
    user = UserFactory(is_staff=True, is_superuser=True)
    sign_in(user)
    return client


def test_the_people_list_can_be_searched(back_office):
    UserFactory(full_name="Findable Person", email="findable@example.org")
    UserFactory(full_name="Other Person", email="other@example.org")
    page = back_office.get(
        reverse("admin:accounts_user_changelist"), {"q": "findable"}
    ).content.decode()
    assert "findable@example.org" in page and "other@example.org" not in page


def test_a_person_can_be_added_with_a_password_and_their_email_is_stored_lower_case(back_office):
    response = back_office.post(
        reverse("admin:accounts_user_add"),
        {
            "email": "New.Person@Example.org",
            "full_name": "New Person",
            "usable_password": "true",
            "password1": "juniper cobble lantern",
            "password2": "juniper cobble lantern",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    user = User.objects.get(full_name="New Person")
    assert user.email == "new.person@example.org"
    assert user.check_password("juniper cobble lantern")


def test_a_person_page_shows_their_roles(back_office):
    person = UserFactory()
    org = OrganisationFactory(name="Roles Shown Here")
    RoleAssignment.objects.create(user=person, role=Role.PROVIDER_MEMBER, organisation=org)
    page = back_office.get(reverse("admin:accounts_user_change", args=[person.pk])).content.decode()
    assert "Provider member" in page and 'name="role_assignments-0-role"' in page


def test_the_role_list_and_token_list_open(back_office):
    RoleAssignment.objects.create(
        user=UserFactory(), role=Role.PROVIDER_MEMBER, organisation=OrganisationFactory()
    )
    assert back_office.get(reverse("admin:accounts_roleassignment_changelist")).status_code == 200
    token, key = api_token_create(user=UserFactory(), name="Nightly export")
    page = back_office.get(
        reverse("admin:accounts_apitoken_change", args=[token.pk])
    ).content.decode()
    assert "Nightly export" in page
    assert key not in page and token.key_hash not in page


def test_tokens_cannot_be_made_nor_renamed_in_the_back_office(back_office):
    token, _key = api_token_create(user=UserFactory(), name="Nightly export")
    assert back_office.get(reverse("admin:accounts_apitoken_add")).status_code == 403
    back_office.post(
        reverse("admin:accounts_apitoken_change", args=[token.pk]), {"name": "Changed"}
    )
    assert ApiToken.objects.get(pk=token.pk).name == "Nightly export"


def test_people_without_back_office_access_cannot_open_it(client, sign_in):
    sign_in(UserFactory())
    response = client.get(reverse("admin:accounts_user_changelist"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_the_back_office_can_confirm_chosen_email_addresses(back_office):
    from commonweal.core.models import AuditEntry

    waiting, other = UserFactory(unconfirmed=True), UserFactory(unconfirmed=True)
    response = back_office.post(
        reverse("admin:accounts_user_changelist"),
        {
            "action": "confirm_email_addresses",
            "_selected_action": [waiting.pk],
        },
        follow=True,
    )
    assert "1 email address confirmed." in response.content.decode()
    waiting.refresh_from_db()
    other.refresh_from_db()
    assert waiting.email_confirmed_at is not None and other.email_confirmed_at is None
    entry = AuditEntry.objects.filter(model="accounts.user", object_id=str(waiting.pk)).last()
    assert entry.reason == "Email address confirmed by the back office"


def test_the_back_office_changing_an_address_unconfirms_it(back_office):
    person = UserFactory(email="old@example.org", full_name="Moved Person")
    assert person.email_confirmed_at is not None
    page = back_office.get(reverse("admin:accounts_user_change", args=[person.pk])).content.decode()
    assert "email address confirmed" in page.lower()
    response = back_office.post(
        reverse("admin:accounts_user_change", args=[person.pk]),
        {
            "email": "new@example.org",
            "full_name": "Moved Person",
            "is_active": "on",
            "date_joined_0": "2026-01-01",
            "date_joined_1": "10:00:00",
            "role_assignments-TOTAL_FORMS": "0",
            "role_assignments-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    person.refresh_from_db()
    assert person.email == "new@example.org" and person.email_confirmed_at is None
