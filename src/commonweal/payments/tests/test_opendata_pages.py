"""The button that publishes an agreement's payments as open data: POST only, for those who run
the agreement; everyone else is refused and nothing is published."""

import datetime

import pytest
from django.urls import reverse

from commonweal.accounts.roles import Role
from commonweal.opendata.models import Release
from commonweal.organisations.models import Organisation
from commonweal.payments.models import Invoice
from commonweal.payments.tests.fixtures_opendata import *  # noqa: F403
from commonweal.payments.tests.fixtures_opendata import invoice
from commonweal.testing.factories import OrganisationFactory, RoleFactory, UserFactory


def url(agreement) -> str:
    return reverse("payments:implementation-publish", kwargs={"pk": agreement.pk})


@pytest.fixture
def provider_person(bidders):
    """A person speaking for the agreement's provider (the other side)."""
    user = UserFactory(full_name="Rowan Recovery")
    RoleFactory(user=user, organisation=bidders[1], role=Role.PROVIDER_MEMBER)
    return user


@pytest.fixture
def self_made(db):
    """A person who made their own account and organisation."""
    organisation = OrganisationFactory(
        name="Just Made Ltd", legal_form=Organisation.LegalForm.PRIVATE_COMPANY
    )
    user = UserFactory(full_name="Jo Justmade")
    RoleFactory(user=user, organisation=organisation, role=Role.ADMINISTRATOR)
    return user


def test_those_who_run_it_publish_and_see_what_happened(
    direct_agreement, sign_in, staff, ocds_schema
):
    invoice(
        direct_agreement,
        "D-1",
        "500.00",
        received_on=datetime.date(2027, 5, 1),
        status=Invoice.Status.PAID,
        paid_on=datetime.date(2027, 5, 8),
        paid_amount="500.00",
    )
    client = sign_in(staff)
    response = client.post(url(direct_agreement), follow=True)
    assert response.status_code == 200
    release = Release.objects.get()
    assert release.ocid.endswith(f"-agreement-{direct_agreement.pk}")
    assert f"release {release.release_id}" in response.content.decode()
    # Pressed again with nothing new: nothing is published, and the page says why.
    again = client.post(url(direct_agreement), follow=True)
    assert "Nothing has been paid or planned" in again.content.decode()
    assert Release.objects.count() == 1


def test_the_back_office_may_publish(direct_agreement, sign_in, back_office, ocds_schema):
    assert sign_in(back_office).post(url(direct_agreement)).status_code == 302
    assert Release.objects.count() == 1


@pytest.mark.parametrize(
    "who", ["resident", "stranger", "self_made", "provider_person", "other_staff"]
)
def test_nobody_else_may_publish(direct_agreement, sign_in, request, who, ocds_schema):
    response = sign_in(request.getfixturevalue(who)).post(url(direct_agreement))
    assert response.status_code == 403
    assert not Release.objects.exists()


def test_anonymous_people_are_sent_to_sign_in(direct_agreement, client, ocds_schema):
    response = client.post(url(direct_agreement))
    assert response.status_code == 302 and "/account/sign-in/" in response["Location"]
    assert not Release.objects.exists()


def test_it_is_post_only_and_an_unknown_agreement_is_not_found(
    direct_agreement, sign_in, staff, ocds_schema
):
    client = sign_in(staff)
    assert client.get(url(direct_agreement)).status_code == 405
    missing = reverse("payments:implementation-publish", kwargs={"pk": 10**20})
    assert client.post(missing).status_code == 404
    assert not Release.objects.exists()


def test_an_agreement_being_set_up_says_so(direct_agreement, sign_in, staff, ocds_schema):
    direct_agreement.status = "draft"
    direct_agreement.save(update_fields=["status"])
    page = sign_in(staff).post(url(direct_agreement), follow=True)
    assert "still being set up" in page.content.decode()
    assert not Release.objects.exists()


def test_the_button_posts_to_the_agreement_and_carries_the_token(direct_agreement, rf, staff):
    from django.template.loader import render_to_string

    request = rf.get("/")
    request.user = staff
    html = render_to_string(
        "payments/opendata/_publish_button.html", {"agreement": direct_agreement}, request
    )
    assert f'action="{url(direct_agreement)}"' in html
    assert 'method="post"' in html and "csrfmiddlewaretoken" in html
    assert "Publish the payments as open data" in html
