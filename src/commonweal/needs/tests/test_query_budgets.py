"""Needs pages and API reads do the same work for 3 needs as for 30: no query per need, per support,
per piece of evidence or per comment. And the stored supporter count the register sorts by stays right.

Each budget test builds a small world and a ten-times larger one and compares the queries one
request makes in each; a ceiling says the one count is sensible too.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from commonweal.needs import selectors, services
from commonweal.needs.models import Need, Support
from commonweal.needs.tests.conftest import raise_need, term
from commonweal.testing.factories import LocalAuthorityFactory, UserFactory, WardFactory
from commonweal.testing.queries import queries_for

pytestmark = pytest.mark.django_db

CEILING = 40


def build(size: int, *, raiser, place) -> Need:
    """``size`` needs, each with themes, two supports, a figure and a comment; the first (returned)
    also has ``size`` supports, published stories and comments of its own."""
    themes = [
        term("outcome_area", "housing-and-local-facilities"),
        term("beneficiary_group", "care-leavers"),
        term("agency", "childrens-services"),
    ]
    people = [UserFactory() for _number in range(size)]
    needs = [
        raise_need(raiser, place, title=f"Need number {number}", themes=themes)
        for number in range(size)
    ]
    for number, need in enumerate(needs):
        for person in people[number % size : number % size + 2]:
            services.need_support(need=need, user=person)
        services.evidence_add(
            need=need,
            actor=raiser,
            kind="figure",
            title="A count",
            value=number,
            unit="people",
            source="A survey",
            as_of="2026-01-01",
        )
        services.comment_add(need=need, author=people[0], body=f"Comment on {number}")
    first = needs[0]
    for number, person in enumerate(people):
        services.need_support(need=first, user=person)
        services.comment_add(need=first, author=person, body=f"Me too, {number}")
        services.evidence_add(
            need=first,
            actor=raiser,
            kind="story",
            title=f"Story {number}",
            story="What happened to me.",
            storyteller=person.full_name,
            consent_given=True,
            publication="named",
        )
    return first


def queries(client, url: str, params=None) -> int:
    return queries_for(client, url, params)[0]


def same_for_3_and_30(request, client, url_of, params=None) -> None:
    """Build 3 needs, count the queries of one request; build 30 more, count again."""
    raiser, ward = request.getfixturevalue("raiser"), request.getfixturevalue("ward")
    small = queries(client, url_of(build(3, raiser=raiser, place=ward)), params)
    large = queries(client, url_of(build(30, raiser=raiser, place=ward)), params)
    assert large <= small  # a page of a longer history may name fewer kinds of record
    assert large <= CEILING


def _list(_need) -> str:
    return reverse("needs:list")


def _summary(_need) -> str:
    return reverse("needs:summary")


def _page(need) -> str:
    return reverse("needs:detail", kwargs={"pk": need.pk})


@pytest.mark.parametrize("params", [{}, {"sort": "supported"}, {"status": "raised", "q": "Need"}])
def test_the_register_page(request, client, params):
    same_for_3_and_30(request, client, _list, params)


def test_the_register_page_signed_in(request, sign_in, stranger):
    same_for_3_and_30(request, sign_in(stranger), _list)


def test_the_summary(request, client):
    same_for_3_and_30(request, client, _summary)


@pytest.mark.parametrize("params", [{}, {"comments-page": "2"}])
def test_a_needs_page_for_anyone(request, client, params):
    """The first need has 3 comments, then 30: a page of its discussion either way."""
    same_for_3_and_30(request, client, _page, params)


def test_a_needs_page_for_staff_with_its_history(request, sign_in, place_staff):
    client = sign_in(place_staff)
    same_for_3_and_30(request, client, _page)
    assert "History" in client.get(_page(Need.objects.order_by("pk").first())).content.decode()


@pytest.mark.parametrize("who", ["place_staff", "stranger"])
def test_a_needs_page_asks_who_acts_for_its_place_once(request, sign_in, need, who):
    """Managing, editing, adding evidence, private stories and the history all turn on it."""
    client = sign_in(request.getfixturevalue(who))
    with CaptureQueriesContext(connection) as captured:
        page = client.get(_page(need)).content.decode()
    asked = [
        q for q in captured.captured_queries if "organisations_publicbodyverification" in q["sql"]
    ]
    assert len(asked) == 1
    assert ("Manage this need" in page) == ("History" in page) == (who == "place_staff")


@pytest.mark.parametrize("params", [{}, {"q": "need number"}, {"q": "need", "page": "2"}])
def test_the_merge_page_for_staff(request, sign_in, place_staff, params):
    """It offers a page of the open needs (or of those matching a search) to merge into."""
    same_for_3_and_30(
        request,
        sign_in(place_staff),
        lambda need: reverse("needs:merge", kwargs={"pk": need.pk}),
        params,
    )


@pytest.mark.parametrize("params", [{}, {"theme": "care-leavers", "status": "raised"}])
def test_the_api_list(request, api, params):
    same_for_3_and_30(request, api.client, lambda _need: reverse("api:need-list"), params)


def test_the_api_need(request, api):
    same_for_3_and_30(
        request, api.client, lambda need: reverse("api:need-detail", kwargs={"pk": need.pk})
    )


def test_the_api_evidence(request, api):
    same_for_3_and_30(
        request, api.client, lambda need: reverse("api:need-evidence", kwargs={"pk": need.pk})
    )


# --- the stored supporter count ---------------------------------------------------------------


def count_of(need) -> int:
    need.refresh_from_db()
    return need.supporter_count


def test_supporting_and_taking_it_back_move_the_count(need, stranger, raiser):
    services.need_support(need=need, user=stranger)
    services.need_support(need=need, user=stranger)  # once per person
    services.need_support(need=need, user=raiser)
    assert count_of(need) == 2
    services.need_unsupport(need=need, user=stranger)
    services.need_unsupport(need=need, user=stranger)  # nothing to take back
    assert count_of(need) == 1


def test_a_supporter_who_leaves_is_no_longer_counted(need, stranger):
    services.need_support(need=need, user=stranger)
    stranger.delete()
    assert count_of(need) == 0


def test_saving_a_need_read_earlier_keeps_supports_made_since(need, stranger, raiser):
    stale = Need.objects.get(pk=need.pk)
    services.need_support(need=need, user=stranger)
    services.need_update(need=stale, actor=raiser, title="Care leavers have nowhere to stay")
    assert count_of(need) == 1


def test_a_merge_counts_each_person_once_on_the_need_kept(
    need, ward, raiser, stranger, place_staff
):
    target = raise_need(place_staff, ward, title="Care leavers sleep rough")
    both = UserFactory()
    for person in (stranger, both):
        services.need_support(need=need, user=person)
    services.need_support(need=target, user=both)
    services.need_merge(source=need, target=target, actor=place_staff, reason="The same")
    # stranger and both moved or already there; the duplicate's raiser joins them.
    assert count_of(target) == Support.objects.filter(need=target).count() == 3
    assert count_of(need) == 0


def test_the_register_sorts_by_the_count_and_shows_it(client, need, ward, raiser, stranger):
    quiet = raise_need(raiser, ward, title="A newer need nobody supports yet")
    for person in (stranger, UserFactory()):
        services.need_support(need=need, user=person)
    newest = client.get(reverse("needs:list")).content.decode()
    assert newest.index(quiet.title) < newest.index(need.title)
    supported = client.get(reverse("needs:list"), {"sort": "supported"}).content.decode()
    assert supported.index(need.title) < supported.index(quiet.title)
    assert "2 people say this affects them" in supported
    assert "0 people say this affects them" in supported


# --- counting needs in many places at once -------------------------------------------------------


def test_counts_in_many_places_are_those_needs_in_gives_each(raiser, place_staff, borough, ward):
    """Places nested in one another each count the needs inside them, as needs_in does, in queries
    that do not grow with the number of places."""
    east = WardFactory(name="Eastbank", parent=borough)
    other = LocalAuthorityFactory(name="Hillside")
    for place, raised in ((borough, 2), (ward, 3), (east, 1), (other, 1)):
        for number in range(raised):
            raise_need(raiser, place, title=f"Need in {place} {number}")
    reviewed = raise_need(raiser, ward, title="Under review already")
    services.need_status_set(
        need=reviewed, status="under_review", reason="Looking.", actor=place_staff
    )
    places = [borough, ward, east, other]
    counts = selectors.need_counts_in(places, status=Need.Status.RAISED)
    assert counts == {borough.pk: 6, ward.pk: 3, east.pk: 1, other.pk: 1}
    assert counts == {
        place.pk: selectors.needs_in(place).filter(status=Need.Status.RAISED).count()
        for place in places
    }
    with CaptureQueriesContext(connection) as one:
        selectors.need_counts_in([ward], status=Need.Status.RAISED)
    places += [WardFactory(parent=other) for _n in range(5)]
    with CaptureQueriesContext(connection) as many:
        selectors.need_counts_in(places, status=Need.Status.RAISED)
    assert len(many) <= len(one) + 1  # one more level of places inside


def test_a_needs_history_comes_a_page_at_a_time(sign_in, place_staff, need):
    from commonweal.organisations.history import PAGE_SIZE

    for _number in range(PAGE_SIZE + 5):
        services.need_support(need=need, user=UserFactory())
    entries = selectors.need_history_entries(need).count()
    assert entries > PAGE_SIZE + 5
    client = sign_in(place_staff)
    row = '<td class="govuk-table__cell"><time datetime='
    first = client.get(_page(need)).content.decode()
    assert first.count(row) == PAGE_SIZE and 'rel="next"' in first
    second = client.get(_page(need), {"page": "2"}).content.decode()
    assert second.count(row) == entries - PAGE_SIZE
    assert "Young people leaving care have nowhere safe to stay" in second  # it was raised first
