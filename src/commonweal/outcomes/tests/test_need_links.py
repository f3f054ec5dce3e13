"""Those who manage a framework link the needs of its place to the outcomes that address them."""

import re

import pytest
from django.urls import reverse

from commonweal.needs.choosers import PAGE_SIZE
from commonweal.needs.models import Need
from commonweal.outcomes import selectors
from commonweal.testing.factories import LocalAuthorityFactory, WardFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def ward_need(place):
    ward = WardFactory(parent=place, name="Northbank")
    return Need.objects.create(
        title="No youth club", problem="Nothing to do.", population="Young people", place=ward
    )


@pytest.fixture
def elsewhere_need(db):
    return Need.objects.create(
        title="Elsewhere", problem="Far away.", population="Others", place=LocalAuthorityFactory()
    )


def needs_url(outcome) -> str:
    return reverse(
        "outcomes:outcome-needs",
        kwargs={"slug": outcome.version.framework.slug, "outcome_id": outcome.pk},
    )


def test_a_manager_links_needs_of_the_place_and_its_wards(
    sign_in, published, manager, need, ward_need, elsewhere_need
):
    outcome = published.outcomes.get(code="O1")
    client = sign_in(manager)
    page = client.get(needs_url(outcome)).content.decode()
    assert "No youth club" in page and "Elsewhere" not in page
    assert client.post(needs_url(outcome), {"needs": [ward_need.pk]}).status_code == 302
    assert list(outcome.needs.all()) == [ward_need]
    assert "No youth club" in client.get(published.framework.get_absolute_url()).content.decode()
    assert selectors.need_outcomes(ward_need) == [outcome]


def test_a_need_of_another_place_is_refused(sign_in, published, manager, need, elsewhere_need):
    outcome = published.outcomes.get(code="O1")
    page = (
        sign_in(manager).post(needs_url(outcome), {"needs": [elsewhere_need.pk]}).content.decode()
    )
    assert "There is a problem" in page
    assert list(outcome.needs.all()) == [need]


def test_links_are_made_on_the_latest_version_only(sign_in, published, draft, manager):
    assert sign_in(manager).get(needs_url(published.outcomes.get(code="O1"))).status_code == 404
    assert sign_in(manager).get(needs_url(draft.outcomes.get(code="O1"))).status_code == 200


@pytest.mark.parametrize("who", ["stranger", "vcse_member", "other_commissioner"])
def test_others_cannot_change_links(sign_in, published, need, request, who):
    outcome = published.outcomes.get(code="O1")
    client = sign_in(request.getfixturevalue(who))
    assert client.get(needs_url(outcome)).status_code == 403
    assert client.post(needs_url(outcome), {"needs": []}).status_code == 403
    assert list(outcome.needs.all()) == [need]


def test_anonymous_people_are_asked_to_sign_in(client, published, need):
    outcome = published.outcomes.get(code="O1")
    assert client.post(needs_url(outcome), {"needs": []}).status_code == 302
    assert list(outcome.needs.all()) == [need]


def test_need_outcomes_shows_only_the_latest_published_copy(published, draft, manager, need):
    from commonweal.outcomes import services

    services.framework_version_publish(version=draft, actor=manager, change_note="Second")
    [outcome] = selectors.need_outcomes(need)
    assert outcome.version == draft


def test_the_needs_page_lists_an_outcome_once_after_a_new_version(
    client, published, draft, manager, need
):
    from django.urls import reverse

    from commonweal.outcomes import services

    services.framework_version_publish(version=draft, actor=manager, change_note="Second version")
    html = client.get(reverse("needs:detail", kwargs={"pk": need.pk})).content.decode()
    # Once among what the need is linked to, and once in its story: the latest version's only.
    linked = html[html.index("What this need is linked to") :]
    story = html[html.index("Each step so far") : html.index('id="evidence"')]
    assert linked.count("People keep their home") == 1
    assert story.count("People keep their home") == 1


# Choosing among thousands: the needs chosen, a search and a page of 20 results (needs.choosers).

CHOSEN = re.compile(r'name="needs" type="checkbox" value="(\d+)" checked')
OFFERED = re.compile(r'name="needs" type="checkbox" value="(\d+)">')


def make_needs(place, count: int, title: str = "Duplicate") -> list[Need]:
    return [
        Need.objects.create(title=f"{title} {n:02}", problem="-", population="-", place=place)
        for n in range(count)
    ]


def test_a_manager_chooses_from_a_search_and_its_second_page(sign_in, published, manager, need):
    outcome = published.outcomes.get(code="O1")
    duplicates = make_needs(published.framework.place, PAGE_SIZE + 3)
    client = sign_in(manager)
    page = client.get(needs_url(outcome)).content.decode()
    assert CHOSEN.findall(page) == [str(need.pk)]
    assert OFFERED.findall(page) == [str(d.pk) for d in duplicates[:PAGE_SIZE]]
    searched = client.post(
        needs_url(outcome), {"needs": [need.pk], "needs-q": "duplicate", "needs-page": "2"}
    ).content.decode()
    assert OFFERED.findall(searched) == [str(d.pk) for d in duplicates[PAGE_SIZE:]]
    assert "23 needs match “duplicate”" in searched
    assert list(outcome.needs.all()) == [need]  # searching saves nothing
    response = client.post(needs_url(outcome), {"needs": [need.pk, duplicates[-1].pk]})
    assert response.status_code == 302
    assert set(outcome.needs.all()) == {need, duplicates[-1]}


def test_needs_chosen_are_kept_when_searching_again(sign_in, published, manager, need):
    outcome = published.outcomes.get(code="O1")
    first, second = make_needs(published.framework.place, 2)
    client = sign_in(manager)
    page = client.post(
        needs_url(outcome),
        {"needs": [first.pk, second.pk], "needs-q": "nowhere", "needs-page": "1"},
    ).content.decode()
    assert set(CHOSEN.findall(page)) == {str(first.pk), str(second.pk)}
    assert OFFERED.findall(page) == [str(need.pk)]  # found by the search, unticked: not chosen
    assert "1 need matches “nowhere”" in page
    assert list(outcome.needs.all()) == [need]


def test_a_need_of_another_place_is_refused_with_a_message(
    sign_in, published, manager, need, elsewhere_need
):
    outcome = published.outcomes.get(code="O1")
    response = sign_in(manager).post(needs_url(outcome), {"needs": [need.pk, elsewhere_need.pk]})
    assert (
        "Choose needs of the place the framework is for, or of a place in it"
        in response.content.decode()
    )
    assert list(outcome.needs.all()) == [need]


def test_saved_unchanged_the_outcome_keeps_its_needs_even_one_merged_since(
    sign_in, published, manager, need, ward_need
):
    from commonweal.needs import services as needs_services
    from commonweal.outcomes import services

    outcome = published.outcomes.get(code="O1")
    duplicate = make_needs(published.framework.place, 1, "Sleeping rough")[0]
    services.outcome_needs_set(outcome=outcome, actor=manager, needs=[need, ward_need, duplicate])
    needs_services.need_merge(source=duplicate, target=need, actor=manager, reason="The same")
    make_needs(published.framework.place, PAGE_SIZE * 2)
    client = sign_in(manager)
    page = client.get(needs_url(outcome)).content.decode()
    chosen = CHOSEN.findall(page)
    assert set(chosen) == {str(need.pk), str(ward_need.pk), str(duplicate.pk)}
    assert client.post(needs_url(outcome), {"needs": chosen}).status_code == 302
    assert set(outcome.needs.all()) == {need, ward_need, duplicate}
