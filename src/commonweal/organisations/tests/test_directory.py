"""The organisation directory: search, filters that work without JavaScript, counts and pages."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from commonweal.organisations.models import Organisation
from commonweal.testing.factories import (
    LocalAuthorityFactory,
    OrganisationFactory,
    PublicBodyFactory,
    UnverifiedPublicBodyFactory,
    WardFactory,
)

pytestmark = pytest.mark.django_db
URL = reverse("organisations:list")


def names(response) -> list[str]:
    return [org.name for org in response.context["page_obj"].object_list]


@pytest.fixture
def directory():
    borough = LocalAuthorityFactory(name="Riverside", slug="riverside")
    northbank = WardFactory(name="Northbank", slug="northbank", parent=borough)
    elsewhere = LocalAuthorityFactory(name="Hilltown", slug="hilltown")
    food_bank = OrganisationFactory(name="Riverside Food Bank", org_id="GB-CHC-1123456")
    care = OrganisationFactory(
        name="CareCo Holdings",
        org_id="GB-COH-01234567",
        legal_form=Organisation.LegalForm.PLC,
        headcount=900,
        annual_turnover=Decimal("80000000"),
    )
    coop = OrganisationFactory(
        name="Northbank Cleaning Co-op",
        org_id="GB-MPR-31234R",
        legal_form=Organisation.LegalForm.COOPERATIVE,
        profits_reinvested_percent=Decimal("30"),
    )
    council = PublicBodyFactory(name="Riverside Council", org_id="GB-LAE-RIV")
    food_bank.places_served.add(northbank)
    council.places_served.add(borough)
    care.places_served.add(elsewhere)
    return {"food_bank": food_bank, "care": care, "coop": coop, "council": council}


def test_everyone_sees_every_organisation_by_name_with_a_count(client, directory):
    response = client.get(URL)
    assert response.status_code == 200
    assert names(response) == [
        "CareCo Holdings",
        "Northbank Cleaning Co-op",
        "Riverside Council",
        "Riverside Food Bank",
    ]
    assert "4 organisations" in response.content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("q=food", ["Riverside Food Bank"]),
        ("q=gb-coh-0123", ["CareCo Holdings"]),
        ("q=GB-MPR-31234R", ["Northbank Cleaning Co-op"]),
        ("legal_form=plc&legal_form=cooperative", ["CareCo Holdings", "Northbank Cleaning Co-op"]),
        ("size=large", ["CareCo Holdings"]),
        ("size=small&size=micro", ["Northbank Cleaning Co-op", "Riverside Food Bank"]),
        ("vcse=yes", ["Riverside Food Bank"]),
        ("vcse=no", ["CareCo Holdings", "Northbank Cleaning Co-op", "Riverside Council"]),
        ("sme=yes", ["Northbank Cleaning Co-op", "Riverside Food Bank"]),
        ("sme=no", ["CareCo Holdings"]),
        ("kind=public_body", ["Riverside Council"]),
        ("kind=provider", ["CareCo Holdings", "Northbank Cleaning Co-op", "Riverside Food Bank"]),
        ("place=northbank", ["Riverside Food Bank"]),
        ("place=riverside", ["Riverside Council", "Riverside Food Bank"]),
        ("place=riverside&kind=provider&vcse=yes&q=bank", ["Riverside Food Bank"]),
        (
            "vcse=any&sme=any&kind=any",
            [
                "CareCo Holdings",
                "Northbank Cleaning Co-op",
                "Riverside Council",
                "Riverside Food Bank",
            ],
        ),
    ],
)
def test_search_and_filters(client, directory, query, expected):
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 200
    assert names(response) == expected


def test_the_place_filter_reaches_neighbourhoods_inside_wards(client, directory):
    from commonweal.places.models import Place

    ward = Place.objects.get(slug="northbank")
    estate = WardFactory(name="Quayside Estate", kind=Place.Kind.NEIGHBOURHOOD, parent=ward)
    tenants = OrganisationFactory(name="Quayside Tenants", org_id="GB-CHC-7654321")
    tenants.places_served.add(estate)
    assert names(client.get(f"{URL}?place=riverside&kind=provider")) == [
        "Quayside Tenants",
        "Riverside Food Bank",
    ]
    assert names(client.get(f"{URL}?place=hilltown")) == ["CareCo Holdings"]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("legal_form=pirate_ship", "Choose legal form from the list"),
        ("size=enormous", "Choose size from the list"),
        ("vcse=maybe", "Choose voluntary, community or social enterprise (vcse) from the list"),
        ("place=atlantis", "Choose place served from the list"),
    ],
)
def test_an_invalid_filter_is_explained_and_ignored_not_an_error_page(
    client, directory, query, message
):
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 200
    content = response.content.decode()
    assert "There is a problem" in content and message in content
    assert len(names(response)) == 4


def test_a_valid_filter_still_applies_beside_an_invalid_one(client, directory):
    response = client.get(f"{URL}?vcse=yes&place=atlantis")
    assert names(response) == ["Riverside Food Bank"]


def test_each_result_shows_legal_form_size_tags_and_places(client, directory):
    content = client.get(f"{URL}?q=food").content.decode()
    assert "Charity" in content and "Small" in content
    assert ">VCSE<" in content and ">SME<" in content
    assert "Serves: Northbank" in content


def test_filters_are_kept_in_the_form_after_searching(client, directory):
    content = client.get(f"{URL}?q=food&size=small&vcse=yes&place=northbank").content.decode()
    assert 'value="food"' in content
    assert re.search(r'value="small"\s+checked', content)
    assert re.search(r'name="vcse" type="radio" value="yes"\s+checked', content)
    assert '<option value="northbank" selected>' in content


class TestPagination:
    @pytest.fixture
    def sixty(self):
        return [OrganisationFactory(name=f"Org {n:02d}") for n in range(60)]

    def test_25_to_a_page_with_links_that_keep_the_filters(self, client, sixty):
        first = client.get(f"{URL}?kind=provider")
        assert len(names(first)) == 25
        content = first.content.decode()
        assert "60 organisations" in content
        assert 'class="govuk-pagination"' in content
        assert 'href="?kind=provider&amp;page=2" rel="next"' in content
        third = client.get(f"{URL}?kind=provider&page=3")
        assert names(third) == [f"Org {n:02d}" for n in range(50, 60)]

    @pytest.mark.parametrize("page", ["0", "999", "abc", "-1"])
    def test_an_impossible_page_number_shows_a_page_not_an_error(self, client, sixty, page):
        assert client.get(f"{URL}?page={page}").status_code == 200


def test_each_organisation_is_tagged_with_what_it_is(client):
    OrganisationFactory(name="Abbey Food Bank", headcount=4, annual_turnover=Decimal("90000"))
    OrganisationFactory(
        name="Brook Holdings",
        legal_form=Organisation.LegalForm.PLC,
        headcount=900,
        annual_turnover=Decimal("80000000"),
    )
    PublicBodyFactory(name="Cliff Council", places_served=[LocalAuthorityFactory()])
    UnverifiedPublicBodyFactory(name="Dale Council")
    page = client.get(URL).content.decode()
    rows = re.findall(r"<li class=\"govuk-!-margin-bottom-6\">(.*?)</li>", page, re.S)
    tags = [re.findall(r'<strong class="govuk-tag([^"]*)">([^<]*)</strong>', row) for row in rows]
    assert tags == [
        [
            (" govuk-tag--green", "VCSE"),
            (" govuk-tag--turquoise", "SME"),
            (" govuk-tag--grey", "Micro"),
        ],
        [(" govuk-tag--grey", "Large")],
        [("", "Public body")],  # verified
        [("", "Public body"), (" govuk-tag--yellow", "Awaiting verification")],
    ]


def test_the_count_of_organisations_found_agrees_with_its_verb(client, directory):
    one = client.get(f"{URL}?q=food").content.decode()
    assert '1 organisation <span class="govuk-body">matches your search and filters</span>' in one
    two = client.get(f"{URL}?kind=provider&vcse=no").content.decode()
    assert '2 organisations <span class="govuk-body">match your search and filters</span>' in two
