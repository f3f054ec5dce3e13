"""The home page and the dashboard: what they gather from every app, and who sees what."""

import pytest
from django.urls import reverse

from commonweal.accounts.roles import Role
from commonweal.home.selectors import market_mix, market_mixes
from commonweal.organisations.models import Organisation
from commonweal.testing.factories import (
    LocalAuthorityFactory,
    OrganisationFactory,
    PublicBodyFactory,
    RoleFactory,
    UserFactory,
    WardFactory,
)

pytestmark = pytest.mark.django_db


def test_home_says_what_commonweal_is_and_lists_places(client):
    borough = LocalAuthorityFactory(name="Riverside", is_fictional=True)
    WardFactory(parent=borough)
    OrganisationFactory(legal_form="charity")
    response = client.get(reverse("core:home"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Commissioning people-focused services, together" in html
    assert "Riverside" in html and "Fictional" in html
    assert reverse("accounts:sign-up") in html


def test_home_keeps_its_places_and_counts_yet_shows_every_change(client, django_assert_num_queries):
    borough = LocalAuthorityFactory(name="Riverside")
    OrganisationFactory(legal_form="charity", is_vcse=True)
    first = client.get(reverse("core:home")).content.decode()
    assert "Riverside" in first
    # Kept, with what is open now: a second view asks only for the stamps.
    with django_assert_num_queries(1):
        assert client.get(reverse("core:home")).content.decode() == first

    LocalAuthorityFactory(name="Eastford")
    WardFactory(parent=borough)
    WardFactory(parent=borough)
    OrganisationFactory(legal_form="charity", is_vcse=True)
    page = client.get(reverse("core:home")).content.decode()
    assert "Eastford" in page
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">2</td>' in page  # the wards
    assert 'margin-bottom-1">2</span>' in page  # two organisations, two VCSEs

    Organisation.objects.filter(is_vcse=True).first().delete()
    assert 'margin-bottom-1">1</span>' in client.get(reverse("core:home")).content.decode()


def test_home_counts_one_organisation_in_the_singular(client):
    PublicBodyFactory(name="Riverside Council")
    page = client.get(reverse("core:home")).content.decode()
    assert 'margin-bottom-1">1</span>organisation</p>' in page
    assert 'margin-bottom-1">1</span>public body</p>' in page
    assert 'margin-bottom-1">0</span>small and medium-sized organisations</p>' in page


def test_dashboard_needs_sign_in(client):
    response = client.get(reverse("core:dashboard"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:sign-in"))


def test_dashboard_without_roles_says_how_to_get_one(sign_in):
    client = sign_in(UserFactory())
    html = client.get(reverse("core:dashboard")).content.decode()
    assert "You do not hold any roles yet" in html
    assert reverse("organisations:register") in html


def test_dashboard_shows_a_section_per_role(sign_in):
    council = PublicBodyFactory(name="Riverside Borough Council")
    borough = LocalAuthorityFactory(name="Riverside")
    council.places_served.add(borough)
    charity = OrganisationFactory(name="Millbrook Food Bank")
    charity.places_served.add(WardFactory(parent=borough))
    person = UserFactory(full_name="Sam Okafor")
    RoleFactory(user=person, role=Role.COMMISSIONER, organisation=council)
    RoleFactory(user=person, role=Role.RESIDENT, organisation=None, place=borough)

    html = sign_in(person).get(reverse("core:dashboard")).content.decode()
    assert "Hello, Sam" in html
    assert "Commissioner" in html and "Resident" in html
    # A commissioner sees the market of providers in the places their council serves.
    assert "Providers serving Riverside" in html
    assert "Millbrook Food Bank" not in html  # counts, not a list
    assert f"?place={borough.slug}" in html


def test_a_provider_is_offered_its_profile_to_edit_only_by_someone_who_may_edit_it(sign_in):
    """The dashboard asked every member to keep the profile up to date, and the page refused those
    who were not its administrators."""
    charity = OrganisationFactory(name="Millbrook Food Bank")
    edit = reverse("organisations:edit", args=[charity.slug])
    member = UserFactory()
    RoleFactory(user=member, role=Role.PROVIDER_MEMBER, organisation=charity)
    runs_it = UserFactory()
    RoleFactory(user=runs_it, role=Role.PROVIDER_MEMBER, organisation=charity)
    RoleFactory(user=runs_it, role=Role.ADMINISTRATOR, organisation=charity)

    client = sign_in(member)
    html = client.get(reverse("core:dashboard")).content.decode()
    assert edit not in html and "Keep its profile up to date" not in html
    assert "Its administrators keep it up to date" in html
    assert client.get(edit).status_code == 403

    client = sign_in(runs_it)
    html = client.get(reverse("core:dashboard")).content.decode()
    assert edit in html and "Keep its profile up to date" in html
    assert client.get(edit).status_code == 200


def test_a_staff_role_must_confirm_a_second_factor_before_the_dashboard(sign_in):
    council = PublicBodyFactory()
    person = UserFactory()
    RoleFactory(user=person, role=Role.COMMISSIONER, organisation=council)
    client = sign_in(person, verified=False)
    response = client.get(reverse("core:dashboard"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:two-factor-setup"))


def test_the_market_mix_counts_each_provider_once_by_size():
    borough = LocalAuthorityFactory(name="Riverside")
    wards = [WardFactory(parent=borough) for _ in range(3)]
    micro = OrganisationFactory(headcount=3, annual_turnover=90_000)
    small = OrganisationFactory(headcount=20, annual_turnover=900_000)
    unknown = OrganisationFactory(headcount=None, annual_turnover=None)
    micro.places_served.add(borough, *wards)  # serving several places still counts once
    small.places_served.add(wards[0], wards[1])
    unknown.places_served.add(wards[2])
    PublicBodyFactory().places_served.add(borough)  # a public body is not a provider

    mix = market_mix(borough)
    assert mix["total"] == 3
    assert dict(mix["by_size"]) == {"Micro": 1, "Small": 1, "Medium": 0, "Large": 0, "Not known": 1}


def test_the_market_mixes_of_several_authorities_count_each_its_own_providers():
    north, south = LocalAuthorityFactory(name="North"), LocalAuthorityFactory(name="South")
    north_ward, south_ward = WardFactory(parent=north), WardFactory(parent=south)
    both = OrganisationFactory(headcount=3, annual_turnover=90_000)  # a charity
    both.places_served.add(north, north_ward, south_ward)  # once for each authority
    northern = OrganisationFactory(
        headcount=20, annual_turnover=900_000, legal_form=Organisation.LegalForm.PRIVATE_COMPANY
    )
    northern.places_served.add(north_ward)
    PublicBodyFactory().places_served.add(north, south)
    LocalAuthorityFactory(name="Empty")

    mixes = market_mixes([north, south])
    assert [mix["place"] for mix in mixes] == [north, south]
    assert [(mix["total"], mix["vcse"], mix["sme"]) for mix in mixes] == [(2, 1, 2), (1, 1, 1)]
    assert dict(mixes[0]["by_size"])["Small"] == 1 and dict(mixes[1]["by_size"])["Small"] == 0
    # Each mix is what the mix of the authority alone says.
    assert mixes == [market_mix(north), market_mix(south)]


def test_home_lists_rounds_open_for_votes_but_not_drafts_or_closed_ones(client):
    from datetime import timedelta

    from django.utils import timezone

    from commonweal.priorities.models import PriorityRound

    borough = LocalAuthorityFactory(name="Riverside")
    council = PublicBodyFactory()
    now = timezone.now()

    def round_(title, status, opens, closes):
        return PriorityRound.objects.create(
            place=borough,
            title=title,
            method=PriorityRound.Method.APPROVAL,
            eligibility=PriorityRound.Eligibility.RESIDENTS,
            opens_at=now + opens,
            closes_at=now + closes,
            status=status,
            run_by=council,
        )

    round_(
        "What should come first in 2027?",
        PriorityRound.Status.OPEN,
        timedelta(days=-1),
        timedelta(days=6),
    )
    round_("A draft round", PriorityRound.Status.DRAFT, timedelta(days=-1), timedelta(days=6))
    round_(
        "Last year's round", PriorityRound.Status.CLOSED, timedelta(days=-30), timedelta(days=-2)
    )
    html = client.get(reverse("core:home")).content.decode()
    assert "What should come first in 2027?" in html
    assert (
        "A draft round" not in html
        and "Last year&#x27;s round" not in html
        and "Last year's round" not in html
    )
    for name in ("needs:list", "codesign:list", "priorities:list", "outcomes:list"):
        assert reverse(name) in html


def test_dashboards_point_commissioners_to_needs_waiting_and_residents_to_open_rounds(sign_in):
    from datetime import timedelta

    from django.utils import timezone

    from commonweal.needs.models import Need
    from commonweal.priorities.models import PriorityRound

    borough = LocalAuthorityFactory(name="Riverside")
    ward = WardFactory(parent=borough, name="Millbrook")
    council = PublicBodyFactory()
    council.places_served.add(borough)
    Need.objects.create(title="Nowhere safe to sleep", problem="p", population="people", place=ward)
    Need.objects.create(
        title="Done", problem="p", population="people", place=ward, status=Need.Status.ADDRESSED
    )
    now = timezone.now()
    PriorityRound.objects.create(
        place=borough,
        title="What comes first in 2027",
        method=PriorityRound.Method.APPROVAL,
        eligibility=PriorityRound.Eligibility.RESIDENTS,
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=5),
        status=PriorityRound.Status.OPEN,
        run_by=council,
    )

    commissioner = RoleFactory(role=Role.COMMISSIONER, organisation=council).user
    html = sign_in(commissioner).get(reverse("core:dashboard")).content.decode()
    assert "1 need raised in Riverside is waiting for review" in html

    resident = RoleFactory(role=Role.RESIDENT, organisation=None, place=ward).user
    html = sign_in(resident).get(reverse("core:dashboard")).content.decode()
    assert "What comes first in 2027" in html
    assert "2 needs raised in Millbrook" in html


def test_the_market_mix_is_counted_once_and_again_when_a_provider_changes(
    django_assert_num_queries,
):
    from commonweal.organisations.services import organisation_update

    borough = LocalAuthorityFactory(name="Riverside")
    ward = WardFactory(parent=borough)
    micro = OrganisationFactory(headcount=3, annual_turnover=90_000)
    micro.places_served.add(ward)
    assert market_mix(borough)["total"] == 1
    with django_assert_num_queries(1):  # the stamps only: the counts are kept
        assert market_mix(borough)["total"] == 1

    # A new provider for a ward, one growing, one leaving: each shows at once.
    newcomer = OrganisationFactory(headcount=None, annual_turnover=None)
    newcomer.places_served.add(ward)
    assert market_mix(borough)["total"] == 2
    organisation_update(
        organisation=micro, actor=UserFactory(is_staff=True), headcount=30, annual_turnover=900_000
    )
    assert dict(market_mix(borough)["by_size"]) == {
        "Micro": 0,
        "Small": 1,
        "Medium": 0,
        "Large": 0,
        "Not known": 1,
    }
    newcomer.places_served.remove(ward)
    assert market_mix(borough)["total"] == 1
