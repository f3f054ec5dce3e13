"""Those who manage a framework link the needs of its place to the outcomes that address them."""

import pytest
from django.urls import reverse

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
    assert html.count("People keep their home") == 1
