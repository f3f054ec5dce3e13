"""Every form that changes something is refused without its CSRF token."""

import pytest
from django.test import Client
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY

from commonweal.accounts.models import RoleAssignment
from commonweal.organisations.models import Organisation
from commonweal.testing.factories import confirmed_totp_device

pytestmark = pytest.mark.django_db


@pytest.fixture
def strict_client(administrator):
    client = Client(enforce_csrf_checks=True)
    client.force_login(administrator)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = confirmed_totp_device(administrator).persistent_id
    session.save()
    return client


def test_posts_without_a_token_are_refused(strict_client, provider, member):
    slug = provider.slug
    assignment = member.role_assignments.get()
    posts = [
        (
            reverse("organisations:register"),
            {"name": "X", "org_id": "GB-CHC-7777777", "legal_form": "charity"},
        ),
        (reverse("organisations:edit", kwargs={"slug": slug}), {"name": "Taken over"}),
        (
            reverse("organisations:members", kwargs={"slug": slug}),
            {"email": member.email, "role": "investor"},
        ),
        (
            reverse(
                "organisations:member-remove", kwargs={"slug": slug, "assignment_id": assignment.pk}
            ),
            {},
        ),
    ]
    for url, data in posts:
        assert strict_client.post(url, data).status_code == 403, url
    assert Organisation.objects.count() == 1
    assert RoleAssignment.objects.filter(pk=assignment.pk).exists()
    assert not member.role_assignments.filter(role="investor").exists()


def test_the_forms_carry_a_token(strict_client, provider):
    for url in (
        reverse("organisations:register"),
        reverse("organisations:edit", kwargs={"slug": provider.slug}),
        reverse("organisations:members", kwargs={"slug": provider.slug}),
        reverse("organisations:document-add", kwargs={"slug": provider.slug}),
    ):
        assert 'name="csrfmiddlewaretoken"' in strict_client.get(url).content.decode(), url
