"""A person's own account: their details, password, where they live, roles and second factor."""

import pytest
from django.urls import reverse

from commonweal.accounts.models import RoleAssignment
from commonweal.accounts.roles import Role
from commonweal.core.models import AuditEntry
from commonweal.testing.factories import (
    LocalAuthorityFactory,
    OrganisationFactory,
    PlaceFactory,
    PublicBodyFactory,
    RoleFactory,
    UserFactory,
    WardFactory,
)

pytestmark = pytest.mark.django_db

SETTINGS = reverse("accounts:settings")
PAGES = [
    "settings",
    "change-details",
    "change-password",
    "change-residence",
    "api-token-create",
    "two-factor-turn-off",
]


@pytest.mark.parametrize("name", PAGES)
def test_anonymous_people_are_sent_to_sign_in(client, name):
    url = reverse(f"accounts:{name}")
    for response in (client.get(url), client.post(url)):
        assert response.status_code == 302
        assert response["Location"] == f"{reverse('accounts:sign-in')}?next={url}"


def test_the_settings_page_shows_the_persons_own_details(client, sign_in):
    borough = LocalAuthorityFactory(name="Riverside")
    ward = WardFactory(name="Eastbank", parent=borough)
    user = UserFactory(full_name="Tomasz Nowak", email="tomasz@example.org")
    RoleAssignment.objects.create(user=user, role=Role.RESIDENT, place=ward)
    org = OrganisationFactory(name="Riverside Food Bank")
    RoleAssignment.objects.create(user=user, role=Role.PROVIDER_MEMBER, organisation=org)
    other = UserFactory(full_name="Someone Else", email="else@example.org")
    sign_in(user)
    page = client.get(SETTINGS).content.decode()
    assert "Tomasz Nowak" in page and "tomasz@example.org" in page
    assert "Eastbank, Riverside" in page
    assert "Provider member" in page and f'href="{org.get_absolute_url()}"' in page
    assert "Resident" in page
    assert other.email not in page
    assert page.count("<h1") == 1
    assert '<strong class="govuk-tag govuk-tag--grey">Off</strong>' in page


def test_the_settings_page_says_a_commissioner_must_keep_two_factor_on(client, sign_in):
    user = RoleFactory(role=Role.COMMISSIONER, organisation=PublicBodyFactory()).user
    sign_in(user)
    page = client.get(SETTINGS).content.decode()
    assert '<strong class="govuk-tag govuk-tag--green">On</strong>' in page
    assert "Your roles need it, so it stays on." in page
    assert reverse("accounts:two-factor-turn-off") not in page
    assert reverse("accounts:two-factor-setup") in page


# --- name and email ----------------------------------------------------------------------------


def test_changing_the_name_needs_no_password(client, sign_in):
    user = UserFactory(full_name="Tom Nowak", email="tomasz@example.org")
    sign_in(user)
    response = client.post(
        reverse("accounts:change-details"),
        {"full_name": "Tomasz Nowak", "email": "tomasz@example.org"},
    )
    assert response["Location"] == SETTINGS
    user.refresh_from_db()
    assert user.full_name == "Tomasz Nowak"
    entry = AuditEntry.objects.filter(model="accounts.user", object_id=str(user.pk)).last()
    assert (
        entry.actor_id == user.pk
        and ("full_name", "Tom Nowak", "Tomasz Nowak") in entry.changed_fields()
    )


def test_changing_the_email_needs_the_current_password(client, sign_in):
    user = UserFactory(email="tomasz@example.org")
    sign_in(user)
    url = reverse("accounts:change-details")
    page = client.post(
        url, {"full_name": user.full_name, "email": "new@example.org"}
    ).content.decode()
    assert "Enter your current password to change your email address" in page
    assert 'value="new@example.org"' in page
    page = client.post(
        url, {"full_name": user.full_name, "email": "new@example.org", "current_password": "nope"}
    ).content.decode()
    assert "Your current password is not correct" in page
    user.refresh_from_db()
    assert user.email == "tomasz@example.org"
    response = client.post(
        url,
        {
            "full_name": user.full_name,
            "email": "New@Example.org",
            "current_password": "correct horse battery staple",
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.email == "new@example.org"


def test_an_email_someone_else_uses_is_refused(client, sign_in):
    UserFactory(email="taken@example.org")
    user = UserFactory(email="tomasz@example.org")
    sign_in(user)
    page = client.post(
        reverse("accounts:change-details"),
        {
            "full_name": user.full_name,
            "email": "TAKEN@example.org",
            "current_password": "correct horse battery staple",
        },
    ).content.decode()
    assert "An account with this email address already exists" in page
    user.refresh_from_db()
    assert user.email == "tomasz@example.org"


# --- password ----------------------------------------------------------------------------------


def test_changing_the_password_keeps_the_person_signed_in(client, sign_in):
    user = UserFactory(
        full_name="Pat Quinn"
    )  # a fixed name: a random one can be too like the new password
    sign_in(user)
    response = client.post(
        reverse("accounts:change-password"),
        {
            "old_password": "correct horse battery staple",
            "new_password1": "saffron lighthouse pebble",
            "new_password2": "saffron lighthouse pebble",
        },
    )
    assert response["Location"] == SETTINGS
    user.refresh_from_db()
    assert user.check_password("saffron lighthouse pebble")
    assert client.get(SETTINGS).status_code == 200


def test_a_wrong_current_password_is_refused(client, sign_in):
    user = UserFactory(
        full_name="Pat Quinn"
    )  # a fixed name: a random one can be too like the new password
    sign_in(user)
    page = client.post(
        reverse("accounts:change-password"),
        {
            "old_password": "wrong",
            "new_password1": "saffron lighthouse pebble",
            "new_password2": "saffron lighthouse pebble",
        },
    ).content.decode()
    assert "There is a problem" in page and "Your current password is not correct" in page
    user.refresh_from_db()
    assert user.check_password("correct horse battery staple")


def test_a_weak_or_mismatched_new_password_is_refused(client, sign_in):
    user = UserFactory(
        full_name="Pat Quinn"
    )  # a fixed name: a random one can be too like the new password
    sign_in(user)
    url = reverse("accounts:change-password")
    weak = client.post(
        url,
        {
            "old_password": "correct horse battery staple",
            "new_password1": "1234567890",
            "new_password2": "1234567890",
        },
    ).content.decode()
    assert "This password is too common" in weak
    mismatched = client.post(
        url,
        {
            "old_password": "correct horse battery staple",
            "new_password1": "saffron lighthouse pebble",
            "new_password2": "saffron",
        },
    ).content.decode()
    assert "The passwords do not match" in mismatched


# --- where you live ----------------------------------------------------------------------------


def test_saying_where_you_live_makes_you_a_resident_and_changing_it_moves_you(client, sign_in):
    first, second = WardFactory(), WardFactory()
    user = UserFactory()
    sign_in(user)
    url = reverse("accounts:change-residence")
    client.post(url, {"residence": first.pk})
    assert list(user.role_assignments.values_list("role", "place")) == [(Role.RESIDENT, first.pk)]
    client.post(url, {"residence": second.pk})
    assert list(user.role_assignments.values_list("role", "place")) == [(Role.RESIDENT, second.pk)]
    client.post(url, {"residence": ""})
    assert not user.role_assignments.exists()


def test_removing_where_you_live_keeps_other_roles(client, sign_in):
    ward = WardFactory()
    user = UserFactory()
    RoleAssignment.objects.create(user=user, role=Role.RESIDENT, place=ward)
    RoleAssignment.objects.create(user=user, role=Role.CITIZEN_COMMISSIONER, place=ward)
    sign_in(user)
    client.post(reverse("accounts:change-residence"), {"residence": ""})
    assert list(user.role_assignments.values_list("role", flat=True)) == [Role.CITIZEN_COMMISSIONER]


def test_a_country_is_not_a_place_to_live(client, sign_in):
    country = PlaceFactory()
    sign_in(UserFactory())
    page = client.post(
        reverse("accounts:change-residence"), {"residence": country.pk}
    ).content.decode()
    assert "Choose a place from the list" in page


def test_the_residence_page_shows_the_current_choice(client, sign_in):
    ward = WardFactory()
    user = UserFactory()
    RoleAssignment.objects.create(user=user, role=Role.RESIDENT, place=ward)
    sign_in(user)
    page = client.get(reverse("accounts:change-residence")).content.decode()
    assert f'value="{ward.pk}" selected' in page
