"""Organisation pages do the same work for 3 of everything as for 30: the directory, an organisation's
page (with its documents, verifications and, for its people, its history), its members and the list of
public bodies awaiting verification, for each kind of caller. The API's list has its own budgets
(test_api_query_budgets.py). And the list awaiting verification is paginated, like the directory."""

import re

import pytest
from django.db import connection
from django.urls import reverse

from commonweal.accounts.roles import Role
from commonweal.organisations import selectors, services
from commonweal.organisations.tests import samples
from commonweal.testing.factories import (
    OrganisationFactory,
    PublicBodyFactory,
    RoleFactory,
    UnverifiedPublicBodyFactory,
    UserFactory,
    WardFactory,
    verify_public_body,
)
from commonweal.testing.queries import no_growth, queries_for

pytestmark = pytest.mark.django_db

# The most: the list awaiting verification for a council's administrator, 17; an organisation's page
# at most 15 (a commissioner on a public body's), asking the roles a person holds there once.
CEILING = 18


def grow(organisation, size: int, *, place, actor) -> None:
    """``size`` more of what an organisation's page lists: members, documents (public and private),
    places served with a verification each (for a public body), and changes in its history."""
    for number in range(size):
        services.organisation_member_add(
            organisation=organisation,
            actor=actor,
            email=UserFactory(email=f"m{organisation.pk}-{size}-{number}@example.org").email,
            role=Role.PROVIDER_MEMBER if not organisation.is_public_body else Role.COMMISSIONER,
        )
        services.organisation_document_add(
            organisation=organisation,
            actor=actor,
            title=f"Accounts {size}-{number}",
            kind="accounts",
            file=samples.upload("accounts.pdf", samples.PDF_BYTES),
            is_public=number % 2 == 0,
        )
        ward = WardFactory(name=f"Ward {organisation.pk}-{size}-{number}", parent=place)
        organisation.places_served.add(ward)
        if organisation.is_public_body:
            verify_public_body(organisation, ward)
        services.organisation_update(
            organisation=organisation, actor=actor, contact_name=f"Contact {number}"
        )


@pytest.fixture
def world(riverside, back_office, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    provider = OrganisationFactory(name="Riverside Food Bank")
    body = PublicBodyFactory(name="Riverside Health Trust", places_served=[riverside])
    admins = {}
    for organisation in (provider, body):
        admins[organisation] = RoleFactory(organisation=organisation, role=Role.ADMINISTRATOR).user
    return provider, body, admins


def callers(sign_in, client, who, organisation, admins, back_office, staff):
    person = {
        "member": admins[organisation],
        "commissioner": staff,
        "back office": back_office,
        "resident": UserFactory(),
    }.get(who)
    return sign_in(person) if person is not None else client


@pytest.mark.parametrize("who", ["visitor", "resident", "member", "commissioner", "back office"])
@pytest.mark.parametrize("kind", ["provider", "public body"])
def test_an_organisations_page(who, kind, world, client, sign_in, riverside, back_office, staff):
    provider, body, admins = world
    organisation = provider if kind == "provider" else body
    caller = callers(sign_in, client, who, organisation, admins, back_office, staff)
    url = organisation.get_absolute_url()
    grow(organisation, 3, place=riverside, actor=back_office)
    few, page = queries_for(caller, url)
    grow(organisation, 27, place=riverside, actor=back_office)
    many, page = queries_for(caller, url)
    assert "Accounts 27-26" in page.content.decode()  # the larger page really is larger
    no_growth(few, many, ceiling=CEILING, what=f"{kind} for {who}")


@pytest.mark.parametrize("who", ["member", "back office"])
def test_an_organisations_members(who, world, client, sign_in, riverside, back_office, staff):
    provider, _body, admins = world
    caller = callers(sign_in, client, who, provider, admins, back_office, staff)
    url = reverse("organisations:members", kwargs={"slug": provider.slug})
    grow(provider, 3, place=riverside, actor=back_office)
    few, _page = queries_for(caller, url)
    grow(provider, 27, place=riverside, actor=back_office)
    many, page = queries_for(caller, url)
    assert page.content.decode().count("@example.org") >= 30
    no_growth(few, many, ceiling=CEILING, what=f"members for {who}")


@pytest.mark.parametrize("who", ["visitor", "member", "commissioner", "back office"])
@pytest.mark.parametrize("params", [{}, {"q": "o"}])
def test_the_directory(who, params, world, client, sign_in, riverside, back_office, staff):
    provider, _body, admins = world
    caller = callers(sign_in, client, who, provider, admins, back_office, staff)
    add_awaiting(3, place=riverside)
    few, small = queries_for(caller, reverse("organisations:list"), params)
    add_awaiting(27, place=riverside)
    many, large = queries_for(caller, reverse("organisations:list"), params)
    listed = [int(re.search(r"(\d+) organisations", p.content.decode())[1]) for p in (small, large)]
    assert listed[1] - listed[0] >= 27  # the larger list really is larger
    no_growth(few, many, ceiling=CEILING, what=f"the directory for {who}")


@pytest.mark.parametrize("who", ["visitor", "member", "commissioner", "back office"])
@pytest.mark.parametrize("name", ["organisation-detail", "organisation-members"])
def test_the_apis_organisation_and_members(
    who, name, world, client, sign_in, riverside, back_office, staff
):
    provider, _body, admins = world
    caller = callers(sign_in, client, who, provider, admins, back_office, staff)
    url = reverse(f"api:{name}", kwargs={"slug": provider.slug})
    grow(provider, 3, place=riverside, actor=back_office)
    few, _answer = queries_for(caller, url, status=None)
    grow(provider, 27, place=riverside, actor=back_office)
    many, answer = queries_for(caller, url, status=None)
    if answer.status_code == 200 and name == "organisation-detail":
        assert answer.content.decode().count("ward-") >= 30  # the places it serves
    no_growth(few, many, ceiling=CEILING, what=f"{name} for {who}")


def add_awaiting(size: int, *, place) -> None:
    for number in range(size):
        wards = [WardFactory(name=f"Ward {size}-{number}-{n}", parent=place) for n in range(2)]
        UnverifiedPublicBodyFactory(name=f"Parish {size}-{number}", places_served=wards)
        OrganisationFactory(name=f"Provider {size}-{number}").places_served.add(*wards)


@pytest.mark.parametrize("who", ["council administrator", "back office"])
def test_the_list_awaiting_verification(who, client, sign_in, riverside, back_office):
    council = PublicBodyFactory(name="Riverside Council", places_served=[riverside])
    person = {
        "council administrator": RoleFactory(role=Role.ADMINISTRATOR, organisation=council).user,
        "back office": back_office,
    }[who]
    caller = sign_in(person)
    url = reverse("organisations:verification-list")
    add_awaiting(3, place=riverside)
    few, _page = queries_for(caller, url)
    add_awaiting(20, place=riverside)
    many, page = queries_for(caller, url)
    assert "23 public bodies awaiting verification" in page.content.decode()
    no_growth(few, many, ceiling=CEILING, what=f"awaiting verification for {who}")


def test_the_list_awaiting_verification_is_paginated(client, sign_in, riverside, back_office):
    add_awaiting(30, place=riverside)
    caller = sign_in(back_office)
    url = reverse("organisations:verification-list")
    first = caller.get(url).content.decode()
    assert "30 public bodies awaiting verification" in first
    assert "Parish 30-24" in first and "Parish 30-25" not in first  # oldest first, 25 a page
    assert 'rel="next"' in first and "?page=2" in first
    second = caller.get(url, {"page": "2"}).content.decode()
    assert [f"Parish 30-{n}" in second for n in (24, 25, 29)] == [False, True, True]
    assert 'rel="prev"' in second
    # A page that is not there shows the nearest one, never an error.
    assert "Parish 30-29" in caller.get(url, {"page": "99"}).content.decode()
    assert "Parish 30-0<" in caller.get(url, {"page": "x"}).content.decode()


@pytest.mark.skipif(
    "connection.vendor != 'postgresql'", reason="needs PostgreSQL: the plan is PostgreSQL's"
)
def test_the_directory_reads_a_page_in_name_order_from_the_index(riverside):
    """The directory (and the API's list) sorts by name: PostgreSQL can read a page straight from
    the organisation_by_name index rather than sort every organisation first."""
    for number in range(30):
        OrganisationFactory(name=f"Provider {number:02}")
    page = selectors.organisation_search()[:25]
    with connection.cursor() as cursor:
        cursor.execute(
            "SET LOCAL enable_sort = off"
        )  # what it does when sorting them all costs more
        plan = page.explain()
    assert "organisation_by_name" in plan


@pytest.mark.skipif(
    "connection.vendor != 'postgresql'", reason="needs PostgreSQL: the plan is PostgreSQL's"
)
def test_the_directory_filtered_by_a_place_reads_a_page_without_sorting_every_match(riverside):
    """Filtered by a place (and the places inside it), the directory still reads a page in name order
    from the index, keeping the organisations serving any of those places: no DISTINCT over every
    column, which sorted every organisation of a city before taking a page."""
    ward = WardFactory(parent=riverside)
    for number in range(30):
        OrganisationFactory(name=f"Provider {number:02}").places_served.add(riverside, ward)
    page = selectors.organisation_search(place=riverside)[:25]
    assert [organisation.name for organisation in page] == [f"Provider {n:02}" for n in range(25)]
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_sort = off")
        plan = page.explain()
    assert "organisation_by_name" in plan and "Unique" not in plan, plan


HISTORY_ROW = '<td class="govuk-table__cell"><time datetime='


def test_an_organisations_history_comes_a_page_at_a_time(sign_in, world, back_office):
    from commonweal.organisations.history import PAGE_SIZE

    provider, _body, _admins = world
    for number in range(PAGE_SIZE + 5):
        services.organisation_update(
            organisation=provider, actor=back_office, website=f"https://example.org/{number}"
        )
    entries = selectors.organisation_history_entries(provider).count()
    assert entries > PAGE_SIZE
    client = sign_in(back_office)
    first = client.get(provider.get_absolute_url()).content.decode()
    assert first.count(HISTORY_ROW) == PAGE_SIZE and 'rel="next"' in first
    assert f"https://example.org/{PAGE_SIZE + 4}" in first  # newest first
    second = client.get(provider.get_absolute_url(), {"page": "2"}).content.decode()
    assert second.count(HISTORY_ROW) == entries - PAGE_SIZE
    assert "https://example.org/0<" in second or "https://example.org/0 " in second
