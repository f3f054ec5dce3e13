"""Private organisation data (contact people, private documents, member lists) and who has a reason to see it.

Its members and the back office see it; so do commissioners, procurement and finance officers of verified
public bodies whose places overlap the places it serves: the same place, one inside the other. Not every
commissioner in the country, and nobody at an unverified body. The pages and the API apply the one rule.
"""

import pytest
from django.urls import reverse

from commonweal.accounts.roles import Role
from commonweal.organisations import permissions, services
from commonweal.organisations.tests import samples
from commonweal.testing.factories import (
    LocalAuthorityFactory,
    OrganisationFactory,
    PlaceFactory,
    PublicBodyFactory,
    RoleFactory,
    UnverifiedPublicBodyFactory,
    UserFactory,
    WardFactory,
)

pytestmark = pytest.mark.django_db
CONTACT = "sam@quayside-food.example"


@pytest.fixture
def places(db):
    england = PlaceFactory(name="England")
    riverside = LocalAuthorityFactory(name="Riverside", parent=england)
    return {
        "england": england,
        "riverside": riverside,
        "quayside": WardFactory(name="Quayside", parent=riverside),
        "hillside": WardFactory(name="Hillside", parent=riverside),
        "elsewhere": LocalAuthorityFactory(name="Elsewhere", parent=england),
    }


@pytest.fixture
def provider(places):
    """A food bank working in the ward Quayside, with a private document."""
    provider = OrganisationFactory(
        name="Quayside Food Bank", contact_name="Sam Okafor", contact_email=CONTACT
    )
    provider.places_served.add(places["quayside"])
    admin = RoleFactory(role=Role.ADMINISTRATOR, organisation=provider).user
    provider.document = services.organisation_document_add(
        organisation=provider,
        actor=admin,
        title="Safeguarding policy",
        kind="policy",
        file=samples.upload("policy.pdf", samples.PDF_BYTES),
        is_public=False,
    )
    return provider


def staff_verified_for(place, role=Role.COMMISSIONER):
    return RoleFactory(role=role, organisation=PublicBodyFactory(places_served=[place])).user


@pytest.mark.parametrize(
    ("verified_for", "role", "sees"),
    [
        ("quayside", Role.COMMISSIONER, True),  # the same place
        ("riverside", Role.PROCUREMENT_OFFICER, True),  # the body's place contains the provider's
        ("riverside", Role.FINANCE_OFFICER, True),
        ("hillside", Role.COMMISSIONER, False),  # beside it
        ("elsewhere", Role.COMMISSIONER, False),  # another borough
        ("riverside", Role.EVALUATOR, False),  # a role whose work does not need it
    ],
)
def test_verified_public_body_staff_see_it_only_where_their_places_overlap(
    places, provider, verified_for, role, sees
):
    person = staff_verified_for(places[verified_for], role)
    assert permissions.can_view_private(person, provider) is sees
    every, ids = permissions.private_access(person, [provider.pk])
    assert (every or provider.pk in ids) is sees
    # The API's list gives the places it has read already: the same answer.
    served = {provider.pk: [place.pk for place in provider.places_served.all()]}
    assert permissions.private_access(person, [provider.pk], places_served=served) == (every, ids)


def test_a_page_of_organisations_is_checked_for_its_own_organisations_only(places, provider):
    person = staff_verified_for(places["riverside"])
    elsewhere = OrganisationFactory()
    elsewhere.places_served.add(places["elsewhere"])
    nearby = OrganisationFactory()
    nearby.places_served.add(places["hillside"])
    assert permissions.private_access(person, [provider.pk, elsewhere.pk]) == (
        False,
        frozenset({provider.pk}),
    )
    assert permissions.private_access(person, [nearby.pk, elsewhere.pk]) == (
        False,
        frozenset({nearby.pk}),
    )
    assert permissions.private_access(person, []) == (False, frozenset())


def test_a_provider_serving_a_whole_country_overlaps_a_borough_inside_it(places):
    national = OrganisationFactory()
    national.places_served.add(places["england"])
    assert permissions.can_view_private(staff_verified_for(places["quayside"]), national)


def test_nobody_at_an_unverified_body_sees_it_whatever_it_says_it_serves(places, provider):
    body = UnverifiedPublicBodyFactory(places_served=[places["england"]])
    person = RoleFactory(role=Role.COMMISSIONER, organisation=body).user
    assert not permissions.can_view_private(person, provider)
    assert permissions.private_access(person, [body.pk, provider.pk]) == (
        False,
        frozenset({body.pk}),
    )


def test_members_and_the_back_office_see_it(provider):
    member = RoleFactory(role=Role.PROVIDER_MEMBER, organisation=provider).user
    assert permissions.can_view_private(member, provider)
    assert permissions.can_view_private(UserFactory(is_staff=True), provider)


def test_the_hook_for_bidding_or_holding_work_gives_nothing_yet(places, provider):
    assert (
        permissions.working_relationship_ids(
            {PublicBodyFactory(places_served=[places["elsewhere"]]).pk}
        )
        == set()
    )


@pytest.mark.parametrize(("verified_for", "sees"), [("riverside", True), ("hillside", False)])
def test_the_pages_follow_the_rule(client, sign_in, places, provider, verified_for, sees):
    sign_in(staff_verified_for(places[verified_for]))
    page = client.get(provider.get_absolute_url()).content.decode()
    assert (CONTACT in page) is sees and ("Safeguarding policy" in page) is sees
    download = client.get(
        reverse(
            "organisations:document-download",
            kwargs={"slug": provider.slug, "document_id": provider.document.pk},
        )
    )
    assert download.status_code == (200 if sees else 403)


@pytest.mark.parametrize(("verified_for", "sees"), [("riverside", True), ("hillside", False)])
def test_the_api_follows_the_rule(api, token_for, places, provider, verified_for, sees):
    token = token_for(staff_verified_for(places[verified_for]))
    detail = api.get(
        reverse("api:organisation-detail", kwargs={"slug": provider.slug}), token=token
    ).json()
    assert (detail["contact_email"] == CONTACT) is sees
    listed = api.get(reverse("api:organisation-list"), {"q": "Quayside Food"}, token=token).json()[
        "results"
    ]
    assert (listed[0]["contact_email"] == CONTACT) is sees
    members = api.get(
        reverse("api:organisation-members", kwargs={"slug": provider.slug}), token=token
    )
    assert members.status_code == (200 if sees else 403)
    if not sees:
        assert "Quayside" not in members.content.decode()


@pytest.mark.parametrize(
    "verified",
    [
        ("riverside",),
        ("quayside",),
        ("england",),
        ("riverside", "quayside"),
        ("hillside", "elsewhere"),
    ],
)
def test_the_reach_is_the_places_inside_and_around_those_verified(places, verified):
    from commonweal.places.selectors import places_and_around_ids, places_and_inside_ids

    street = PlaceFactory(name="Quay Street", parent=places["quayside"])
    ids = {places[name].pk for name in verified}
    reach = permissions._reach(ids)
    assert reach == places_and_inside_ids(ids) | places_and_around_ids(ids)
    assert (street.pk in reach) is any(n in ("riverside", "quayside", "england") for n in verified)
