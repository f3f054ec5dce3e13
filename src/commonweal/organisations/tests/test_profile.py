"""The organisation profile: public facts for everyone, private details and history only for those who may."""

import pytest
from django.urls import reverse

from commonweal.organisations import services
from commonweal.organisations.tests import samples
from commonweal.testing.factories import OrganisationFactory, WardFactory

pytestmark = pytest.mark.django_db

PRIVATE = [
    "sam@riverside-food.example",
    "020 7946 0000",
    "Sam Okafor",
    "Insurance certificate 2025",
]


@pytest.fixture
def profile(provider, administrator, riverside):
    ward = WardFactory(name="Northbank", parent=riverside)
    services.organisation_update(
        organisation=provider,
        actor=administrator,
        reason="Filed accounts",
        description="Food parcels and advice.",
        website="https://food.example",
        places_served=[ward],
        headcount=15,
        profits_reinvested_percent=100,
    )
    for title, public in (("Annual accounts 2024", True), ("Insurance certificate 2025", False)):
        services.organisation_document_add(
            organisation=provider,
            actor=administrator,
            title=title,
            kind="accounts",
            file=samples.upload("doc.pdf", samples.PDF_BYTES),
            is_public=public,
        )
    return reverse("organisations:detail", kwargs={"slug": provider.slug})


def page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_everyone_sees_the_public_profile_with_derived_facts_and_their_reasons(client, profile):
    content = page(client, profile)
    assert "Riverside Food Bank" in content and "Food parcels and advice." in content
    assert "GB-CHC-" in content and "Charity Commission for England and Wales" in content
    assert 'href="https://food.example"' in content and "Northbank" in content
    assert "Inherent social value" in content
    assert "£450,000" in content and "15" in content and "100%" in content
    assert "15 staff and a turnover of £450,000: within the small limits" in content
    assert "Yes: it is a registered charity." in content
    assert "Annual accounts 2024" in content


@pytest.mark.parametrize("who", ["anonymous", "stranger"])
def test_strangers_see_no_contact_details_private_documents_or_history(
    client, sign_in, profile, stranger, who
):
    if who == "stranger":
        sign_in(stranger)
    content = page(client, profile)
    for secret in PRIVATE:
        assert secret not in content
    assert "History" not in content and "Filed accounts" not in content
    assert "Edit its details" not in content


@pytest.mark.parametrize("who", ["member", "commissioner", "back_office", "administrator"])
def test_members_public_body_staff_and_the_back_office_see_private_details(
    sign_in, profile, request, who
):
    client = sign_in(request.getfixturevalue(who))
    content = page(client, profile)
    for secret in PRIVATE:
        assert secret in content


@pytest.mark.parametrize(
    ("who", "sees_history"),
    [("member", True), ("back_office", True), ("administrator", True), ("commissioner", False)],
)
def test_history_is_for_members_and_the_back_office(sign_in, profile, request, who, sees_history):
    content = page(sign_in(request.getfixturevalue(who)), profile)
    assert ("Filed accounts" in content) is sees_history


def test_history_reads_as_who_changed_what_from_what_to_what(
    sign_in, profile, member, administrator
):
    content = page(sign_in(member), profile)
    assert "Ada Administrator" in content
    assert "Staff (headcount): 12" in content and "15" in content
    assert "What it does: (none)" in content
    assert "Places served: (none)" in content
    assert administrator.email not in content  # names, not email addresses
    assert (
        "Added the organisation" not in content
    )  # made by a factory, not registered through the site


def test_only_administrators_and_the_back_office_get_the_management_links(
    sign_in, profile, member, administrator
):
    assert "Edit its details" not in page(sign_in(member), profile)
    assert "Edit its details" in page(sign_in(administrator), profile)


def test_an_unknown_organisation_is_not_found(client):
    assert (
        client.get(
            reverse("organisations:detail", kwargs={"slug": "no-such-organisation"})
        ).status_code
        == 404
    )


def test_a_profile_with_no_facts_says_what_is_not_known(client):
    organisation = OrganisationFactory(
        headcount=None, annual_turnover=None, legal_form="private_company"
    )
    content = page(client, organisation.get_absolute_url())
    assert "Not known until the organisation gives its headcount and turnover." in content
    assert (
        "No: it has no asset lock and has not said how much of its profit it reinvests." in content
    )
