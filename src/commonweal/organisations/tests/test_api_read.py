"""GET /api/organisations/ and /api/organisations/{slug}/.

Public facts for anyone; contact details only for those who may see them.
"""

from decimal import Decimal

import pytest
from django.urls import reverse

from commonweal.accounts.roles import Role
from commonweal.organisations.models import Organisation
from commonweal.testing.factories import (
    LocalAuthorityFactory,
    OrganisationFactory,
    PublicBodyFactory,
    RoleFactory,
    UnverifiedPublicBodyFactory,
    UserFactory,
    WardFactory,
)

pytestmark = pytest.mark.django_db

LIST = reverse("api:organisation-list")


def _detail(organisation) -> str:
    return reverse("api:organisation-detail", kwargs={"slug": organisation.slug})


def _slugs(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [organisation["slug"] for organisation in response.json()["results"]]


@pytest.fixture
def shelter():
    return OrganisationFactory(
        name="Riverside Shelter",
        slug="riverside-shelter",
        legal_form=Organisation.LegalForm.CHARITY,
        headcount=6,
        annual_turnover=Decimal("450000"),
        description="Beds and advice for people sleeping rough.",
        contact_name="Sam Okafor",
        contact_email="sam@shelter.example",
        contact_phone="01632 960001",
    )


# --- one organisation ------------------------------------------------------------


def test_anyone_can_see_an_organisations_public_facts_and_why_it_is_what_it_is(api, shelter):
    response = api.get(_detail(shelter))
    assert response.status_code == 200
    data = response.json()
    assert data["name"] == "Riverside Shelter"
    assert data["org_id"] == shelter.org_id
    assert data["legal_form"] == "charity"
    assert data["legal_form_label"] == "Charity"
    assert data["size_band"] == "micro"
    assert "6 staff" in data["size_band_reason"]
    assert data["is_sme"] is True
    assert "micro" in data["is_sme_reason"]
    assert data["is_vcse"] is True
    assert "charity" in data["is_vcse_reason"]
    assert data["annual_turnover"] == "450000.00"


def test_size_and_sme_status_are_null_when_not_known(api):
    unknown = OrganisationFactory(headcount=None, annual_turnover=None)
    data = api.get(_detail(unknown)).json()
    assert data["size_band"] is None
    assert data["is_sme"] is None
    assert "Not known" in data["size_band_reason"]


def test_anonymous_people_do_not_see_contact_details(api, shelter):
    data = api.get(_detail(shelter)).json()
    assert data["contact_name"] is None
    assert data["contact_email"] is None
    assert data["contact_phone"] is None
    assert b"sam@shelter.example" not in api.get(_detail(shelter)).content


def test_a_signed_in_stranger_does_not_see_contact_details(api, token_for, shelter):
    data = api.get(_detail(shelter), token=token_for(UserFactory())).json()
    assert data["contact_email"] is None


def test_a_member_of_another_provider_does_not_see_contact_details(api, token_for, shelter):
    rival = RoleFactory(role=Role.ADMINISTRATOR).user
    assert api.get(_detail(shelter), token=token_for(rival)).json()["contact_email"] is None


def test_a_member_sees_contact_details(api, token_for, shelter):
    member = RoleFactory(organisation=shelter, role=Role.PROVIDER_MEMBER).user
    data = api.get(_detail(shelter), token=token_for(member)).json()
    assert data["contact_name"] == "Sam Okafor"
    assert data["contact_email"] == "sam@shelter.example"
    assert data["contact_phone"] == "01632 960001"


def test_the_back_office_sees_contact_details(api, token_for, shelter):
    staff = UserFactory(is_staff=True)
    assert (
        api.get(_detail(shelter), token=token_for(staff)).json()["contact_email"]
        == "sam@shelter.example"
    )


def test_a_public_body_commissioner_where_it_works_sees_contact_details_for_due_diligence(
    api, token_for, shelter
):
    ward = WardFactory()
    shelter.places_served.add(ward)
    commissioner = RoleFactory(
        organisation=PublicBodyFactory(places_served=[ward.parent]), role=Role.COMMISSIONER
    ).user
    assert (
        api.get(_detail(shelter), token=token_for(commissioner)).json()["contact_email"]
        == "sam@shelter.example"
    )


def test_a_commissioner_elsewhere_or_at_an_unverified_body_does_not(api, token_for, shelter):
    ward = WardFactory()
    shelter.places_served.add(ward)
    elsewhere = RoleFactory(
        organisation=PublicBodyFactory(places_served=[WardFactory(parent=ward.parent)]),
        role=Role.COMMISSIONER,
    ).user
    unverified = RoleFactory(
        organisation=UnverifiedPublicBodyFactory(places_served=[ward.parent]),
        role=Role.COMMISSIONER,
    ).user
    for person in (elsewhere, unverified):
        assert api.get(_detail(shelter), token=token_for(person)).json()["contact_email"] is None


def test_a_member_signed_in_through_the_browser_sees_contact_details(sign_in, shelter):
    member = RoleFactory(organisation=shelter, role=Role.PROVIDER_MEMBER).user
    client = sign_in(member)
    assert client.get(_detail(shelter)).json()["contact_email"] == "sam@shelter.example"


def test_an_unknown_organisation_is_a_json_404(api):
    response = api.get(reverse("api:organisation-detail", kwargs={"slug": "no-such-org"}))
    assert response.status_code == 404
    assert "no-such-org" in response.json()["detail"]


# --- the list -------------------------------------------------------------------


def test_anyone_can_list_organisations_by_name(api, shelter):
    OrganisationFactory(name="Abbey Food Bank", slug="abbey-food-bank")
    assert _slugs(api.get(LIST)) == ["abbey-food-bank", "riverside-shelter"]


def test_the_list_says_what_each_organisation_is_and_why_as_its_own_page_does(api, shelter):
    OrganisationFactory(
        name="Abbey Builders",
        legal_form=Organisation.LegalForm.PRIVATE_COMPANY,
        headcount=400,
        annual_turnover=Decimal("90000000"),
    )
    OrganisationFactory(name="Brook Co-op", legal_form=Organisation.LegalForm.COOPERATIVE)
    UnverifiedPublicBodyFactory(name="Cliff Council")
    listed = api.get(LIST).json()["results"]
    assert [row["name"] for row in listed] == [
        "Abbey Builders",
        "Brook Co-op",
        "Cliff Council",
        "Riverside Shelter",
    ]
    assert [row["legal_form_label"] for row in listed] == [
        "Private company limited by shares",
        "Co-operative",
        "Public body",
        "Charity",
    ]
    assert [row["size_band"] for row in listed] == ["large", "small", None, "micro"]
    for row in listed:
        assert row == api.get(reverse("api:organisation-detail", args=[row["slug"]])).json()


def test_the_list_shows_contact_details_only_for_organisations_the_person_belongs_to(
    api, token_for, shelter
):
    other = OrganisationFactory(
        name="Abbey Food Bank", slug="abbey-food-bank", contact_email="info@abbey.example"
    )
    member = RoleFactory(organisation=shelter).user
    results = {row["slug"]: row for row in api.get(LIST, token=token_for(member)).json()["results"]}
    assert results["riverside-shelter"]["contact_email"] == "sam@shelter.example"
    assert results[other.slug]["contact_email"] is None
    anonymous = {row["slug"]: row for row in api.get(LIST).json()["results"]}
    assert anonymous["riverside-shelter"]["contact_email"] is None


def test_a_commissioner_sees_the_contacts_of_organisations_where_their_body_works_in_the_list(
    api, token_for, shelter
):
    borough = LocalAuthorityFactory()
    shelter.places_served.add(borough)
    far = OrganisationFactory(contact_email="far@example.org")
    far.places_served.add(LocalAuthorityFactory())
    commissioner = RoleFactory(
        role=Role.COMMISSIONER, organisation=PublicBodyFactory(places_served=[borough])
    ).user
    results = {
        row["slug"]: row for row in api.get(LIST, token=token_for(commissioner)).json()["results"]
    }
    assert results["riverside-shelter"]["contact_email"] == "sam@shelter.example"
    assert results[far.slug]["contact_email"] is None


def test_checking_who_may_see_contacts_costs_the_same_for_a_long_page(api, token_for, shelter):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    member = RoleFactory(organisation=shelter).user
    key = token_for(member)

    def queries_for_list() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert api.get(LIST, token=key).status_code == 200
        return len(captured)

    queries_for_list()  # the token's first use is written ("last used"); later ones that minute not
    few = queries_for_list()
    for number in range(20):
        OrganisationFactory(name=f"Provider {number:02}")
    assert queries_for_list() == few


def test_the_list_is_paginated(api):
    for number in range(55):
        OrganisationFactory(name=f"Provider {number:02}")
    first = api.get(LIST).json()
    assert first["count"] == 55
    assert len(first["results"]) == 50
    assert first["next"].endswith("?page=2")
    second = api.get(LIST, {"page": "2"}).json()
    assert [row["name"] for row in second["results"]] == [
        f"Provider {number}" for number in range(50, 55)
    ]


def test_the_list_can_be_searched_by_name(api, shelter):
    OrganisationFactory(name="Abbey Food Bank")
    assert _slugs(api.get(LIST, {"q": "shelter"})) == ["riverside-shelter"]


def test_the_list_can_be_filtered_by_legal_form(api, shelter):
    company = OrganisationFactory(
        legal_form=Organisation.LegalForm.PRIVATE_COMPANY, org_id="GB-COH-01234567"
    )
    assert _slugs(api.get(LIST, {"legal_form": "private_company"})) == [company.slug]


def test_the_list_can_be_filtered_by_size(api, shelter):
    large = OrganisationFactory(headcount=900, annual_turnover=Decimal("90000000"))
    assert _slugs(api.get(LIST, {"size_band": "large"})) == [large.slug]
    assert _slugs(api.get(LIST, {"size_band": "micro"})) == [shelter.slug]


def test_the_list_can_be_filtered_by_vcse_status(api, shelter):
    company = OrganisationFactory(
        legal_form=Organisation.LegalForm.PRIVATE_COMPANY, org_id="GB-COH-01234567"
    )
    assert _slugs(api.get(LIST, {"is_vcse": "true"})) == [shelter.slug]
    assert _slugs(api.get(LIST, {"is_vcse": "false"})) == [company.slug]


def test_the_list_can_be_filtered_by_sme_status_leaving_out_those_of_unknown_size(api, shelter):
    large = OrganisationFactory(headcount=900, annual_turnover=Decimal("90000000"))
    OrganisationFactory(headcount=None, annual_turnover=None)
    assert _slugs(api.get(LIST, {"is_sme": "true"})) == [shelter.slug]
    assert _slugs(api.get(LIST, {"is_sme": "false"})) == [large.slug]


def test_the_list_can_be_filtered_by_place_including_the_places_inside_it(api, shelter):
    borough = LocalAuthorityFactory(slug="riverside")
    ward = WardFactory(slug="mill-bank", parent=borough)
    elsewhere = LocalAuthorityFactory(slug="hillside")
    shelter.places_served.set([ward])
    council_wide = OrganisationFactory(name="Borough Advice", slug="borough-advice")
    council_wide.places_served.set([borough])
    OrganisationFactory(slug="hillside-help").places_served.set([elsewhere])
    assert _slugs(api.get(LIST, {"place": "riverside"})) == ["borough-advice", "riverside-shelter"]
    assert _slugs(api.get(LIST, {"place": "mill-bank"})) == ["riverside-shelter"]
    assert api.get(_detail(shelter)).json()["places_served"] == ["mill-bank"]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"is_vcse": "maybe"}, "is_vcse"),
        ({"is_sme": "perhaps"}, "is_sme"),
        ({"place": "atlantis"}, "place"),
        ({"legal_form": "pirate_ship"}, "legal_form"),
        ({"size_band": "huge"}, "size_band"),
        ({"q": "x" * 201}, "q"),
    ],
)
def test_a_bad_filter_is_a_field_error_not_a_crash(api, shelter, params, field):
    response = api.get(LIST, params)
    assert response.status_code == 400
    assert list(response.json()) == [field]
    assert response.json()[field][0]
