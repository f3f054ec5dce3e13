"""The pages that gather from every app do the same work for 3 of everything as for 30: the home page, the
dashboard of a resident, a commissioner and a provider's member, and a place's page, for each kind of
caller."""

import datetime
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from commonweal.accounts.roles import Role
from commonweal.codesign import services as codesign_services
from commonweal.needs import services as need_services
from commonweal.needs.models import Need, Support
from commonweal.outcomes.models import Framework, FrameworkVersion
from commonweal.panels.models import Panel
from commonweal.participation.models import BudgetRound
from commonweal.participation.models import Participation as BudgetVote
from commonweal.priorities.models import PriorityRound
from commonweal.testing.factories import (
    LocalAuthorityFactory,
    OrganisationFactory,
    PublicBodyFactory,
    RoleFactory,
    UserFactory,
    WardFactory,
    verify_public_body,
)
from commonweal.testing.queries import no_growth, queries_for

pytestmark = pytest.mark.django_db

CEILING = 40


def grow(size: int, *, place, body, staff, provider, resident=None) -> None:
    """``size`` more of everything the pages gather: boroughs beside ``place`` and wards in it (the
    council verified for each, the provider serving each), needs, frameworks, open rounds, coming
    sessions, organisations serving the place and its people's roles."""
    now = timezone.now()
    country = place.parent
    for number in range(size):
        LocalAuthorityFactory(name=f"Borough {size}-{number}", parent=country)
        ward = WardFactory(name=f"Ward {size}-{number}", parent=place)
        verify_public_body(body, ward)
        body.places_served.add(ward)
        provider.places_served.add(ward)
        OrganisationFactory(name=f"Charity {size}-{number}").places_served.add(place)
        PublicBodyFactory(name=f"Body {size}-{number}", places_served=[ward])
        for where in (place, ward):
            need_services.need_raise(
                actor=staff,
                place=where,
                title=f"Need {size}-{number}",
                problem="-",
                population="-",
            )
        Framework.objects.create(
            place=place, name=f"Framework {size}-{number}", slug=f"f-{size}-{number}", owner=body
        )
        PriorityRound.objects.create(
            place=place,
            run_by=body,
            title=f"Round {size}-{number}",
            method=PriorityRound.Method.APPROVAL,
            eligibility=PriorityRound.Eligibility.RESIDENTS,
            status=PriorityRound.Status.OPEN,
            opens_at=now - datetime.timedelta(days=1),
            closes_at=now + datetime.timedelta(days=7),
            created_by=staff,
        )
        codesign_services.session_create(
            actor=staff,
            place=place,
            organised_by=body,
            title=f"Session {size}-{number}",
            kind="workshop",
            starts_at=now + datetime.timedelta(days=number + 1),
        )
        OrganisationFactory(
            name=f"Provider {size}-{number}", annual_turnover=Decimal(1000 * number)
        ).places_served.add(ward)
        # The dashboard's task list and the resident's own activity.
        budget = BudgetRound.objects.create(
            place=place,
            run_by=body,
            title=f"Budget {size}-{number}",
            status=BudgetRound.Status.VOTING,
            budget=Decimal("1000"),
            created_by=staff,
        )
        Panel.objects.create(place=ward, title=f"Panel {size}-{number}", size=10, created_by=staff)
        FrameworkVersion.objects.create(
            framework=Framework.objects.get(slug=f"f-{size}-{number}"), number=1
        )
        if resident is not None:
            need = Need.objects.filter(title=f"Need {size}-{number}").first()
            Support.objects.create(need=need, user=resident)
            BudgetVote.objects.create(
                round=budget, person=resident, channel=BudgetVote.Channel.ONLINE
            )


@pytest.fixture
def world(riverside, council, staff):
    provider = OrganisationFactory(name="Riverside Food Bank")
    provider.places_served.add(riverside)
    member = RoleFactory(organisation=provider, role=Role.PROVIDER_MEMBER).user
    resident = UserFactory(full_name="Rita Resident")
    RoleFactory(user=resident, organisation=None, place=riverside, role=Role.RESIDENT)
    people = {"resident": resident, "commissioner": staff, "provider member": member}
    return lambda size: grow(
        size, place=riverside, body=council, staff=staff, provider=provider, resident=resident
    ), people


def compare(client, world, url: str, *, what: str, shows: str = "") -> None:
    grow, _people = world
    grow(3)
    few, _page = queries_for(client, url)
    grow(27)
    many, page = queries_for(client, url)
    if shows:
        assert shows in page.content.decode()  # the larger page really is larger
    no_growth(few, many, ceiling=CEILING, what=what)


@pytest.mark.parametrize("who", ["visitor", "resident"])
def test_the_home_page(world, sign_in, who):
    client = sign_in(world[1][who]) if who != "visitor" else Client()
    compare(client, world, reverse("core:home"), what=f"home for {who}", shows="Borough 27-26")


@pytest.mark.parametrize("who", ["resident", "commissioner", "provider member"])
def test_the_dashboard(world, sign_in, who):
    compare(sign_in(world[1][who]), world, reverse("core:dashboard"), what=f"dashboard for {who}")


@pytest.mark.parametrize("who", ["visitor", "resident", "commissioner", "back office"])
def test_a_places_page(world, sign_in, riverside, back_office, who):
    person = {**world[1], "back office": back_office}.get(who)
    client = sign_in(person) if person is not None else Client()
    compare(
        client,
        world,
        reverse("places:detail", kwargs={"slug": riverside.slug}),
        what=f"a place for {who}",
        shows="Ward 27-26",
    )


def test_a_places_page_lists_the_first_organisations_and_says_how_many(client, riverside, ward):
    from commonweal.home.views import SERVING_SHOWN

    for number in range(SERVING_SHOWN + 2):
        OrganisationFactory(name=f"Provider {number:02}").places_served.add(ward)
    PublicBodyFactory(name="Quayside Parish", places_served=[ward])
    page = client.get(reverse("places:detail", kwargs={"slug": riverside.slug})).content.decode()
    assert f"Provider {SERVING_SHOWN - 1:02}" in page and f"Provider {SERVING_SHOWN:02}" not in page
    assert f"The first {SERVING_SHOWN} of {SERVING_SHOWN + 2} providers, by name." in page
    assert "Quayside Parish" in page and "public bodies, by name" not in page
    assert f"/organisations/?place={riverside.slug}" in page  # where to see them all


def test_a_places_history_comes_a_page_at_a_time(sign_in, back_office, riverside):
    from commonweal.organisations.history import PAGE_SIZE

    for number in range(PAGE_SIZE + 5):
        riverside.description = f"Described {number} times"
        riverside.save()
    client = sign_in(back_office)
    url = reverse("places:detail", kwargs={"slug": riverside.slug})
    row = '<td class="govuk-table__cell"><time datetime='
    first = client.get(url).content.decode()
    assert first.count(row) == PAGE_SIZE and 'rel="next"' in first
    second = client.get(url, {"page": "2"}).content.decode()
    assert 0 < second.count(row) <= 6 and "Described 0 times" in second


def test_the_dashboard_market_mix_of_many_authorities(sign_in, council, staff):
    """A commissioner's council serving 3 local authorities, then 30: the providers of each are
    counted in the same few queries."""
    country = council.places_served.first().parent

    def serve(size: int) -> None:
        for number in range(size):
            authority = LocalAuthorityFactory(name=f"Market {size}-{number}", parent=country)
            council.places_served.add(authority)
            ward = WardFactory(name=f"Market ward {size}-{number}", parent=authority)
            OrganisationFactory(name=f"Seller {size}-{number}").places_served.add(authority, ward)

    client = sign_in(staff)
    serve(3)
    few, _page = queries_for(client, reverse("core:dashboard"))
    serve(27)
    many, page = queries_for(client, reverse("core:dashboard"))
    assert "Providers serving Market 27-26" in page.content.decode()
    no_growth(few, many, ceiling=CEILING, what="the dashboard's market mixes")
