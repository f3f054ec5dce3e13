"""Changing what a need says: its raiser while it is still raised or under review, public-body
staff for its place at any step, nobody once it has been merged into another need."""

import pytest
from django.test import Client
from django.urls import reverse

from commonweal.needs import services
from commonweal.needs.models import Need
from commonweal.needs.tests.conftest import raise_need, term

pytestmark = pytest.mark.django_db

ORIGINAL_TITLE = "Young people leaving care have nowhere safe to stay"


def url(need):
    return reverse("needs:edit", kwargs={"pk": need.pk})


def answers(**overrides):
    data = {
        "title": "Care leavers have nowhere safe to stay in winter",
        "problem": "Care leavers end up sofa surfing, and sleep rough when it is cold.",
        "population": "Care leavers aged 18 to 25 in Northbank",
        "outcome_areas": [term("outcome_area", "housing-and-local-facilities").pk],
        "groups": [
            term("beneficiary_group", "care-leavers").pk,
            term("beneficiary_group", "older-people").pk,
        ],
        "agencies": [],
    }
    data.update(overrides)
    return data


def set_status(need, status, actor):
    services.need_status_set(need=need, status=status, reason="Moved on.", actor=actor)


def assert_unchanged(need):
    need.refresh_from_db()
    assert need.title == ORIGINAL_TITLE
    assert {t.slug for t in need.themes.all()} == {
        "housing-and-local-facilities",
        "care-leavers",
        "childrens-services",
    }


# Who may


def test_anonymous_people_are_asked_to_sign_in(client, need):
    for response in (client.get(url(need)), client.post(url(need), answers())):
        assert response.status_code == 302 and reverse("accounts:sign-in") in response.url
    assert_unchanged(need)


@pytest.mark.parametrize("who", ["stranger", "other_staff"])
def test_strangers_and_staff_of_another_place_are_refused(sign_in, request, need, who):
    client = sign_in(request.getfixturevalue(who))
    assert client.get(url(need)).status_code == 403
    assert client.post(url(need), answers()).status_code == 403
    assert ORIGINAL_TITLE not in client.get(url(need)).content.decode()
    assert_unchanged(need)


@pytest.mark.parametrize("status", ["raised", "under_review"])
def test_the_raiser_changes_it_while_it_is_raised_or_under_review(
    sign_in, raiser, place_staff, need, status
):
    if status != "raised":
        set_status(need, status, place_staff)
    client = sign_in(raiser)
    form = client.get(url(need)).content.decode()
    assert (
        ORIGINAL_TITLE in form and "Care leavers aged 18 to 25" in form
    )  # what it says now, ready to change
    response = client.post(url(need), answers())
    assert response.status_code == 302 and response.url == need.get_absolute_url()
    need.refresh_from_db()
    assert need.title == "Care leavers have nowhere safe to stay in winter"
    assert need.population == "Care leavers aged 18 to 25 in Northbank"
    assert need.status == status and need.raised_by == raiser and need.place.slug == "northbank"
    assert {t.slug for t in need.themes.all()} == {
        "housing-and-local-facilities",
        "care-leavers",
        "older-people",
    }
    page = client.get(response.url).content.decode()
    assert (
        "The need has been changed." in page
        and "Care leavers have nowhere safe to stay in winter" in page
    )


@pytest.mark.parametrize(
    "status", ["prioritised", "in_commissioning", "addressed", "not_taken_forward"]
)
def test_the_raiser_may_not_change_it_once_it_has_moved_on(
    sign_in, raiser, place_staff, need, status
):
    set_status(need, status, place_staff)
    client = sign_in(raiser)
    assert client.get(url(need)).status_code == 403
    assert client.post(url(need), answers()).status_code == 403
    assert_unchanged(need)
    assert url(need) not in client.get(need.get_absolute_url()).content.decode()


@pytest.mark.parametrize("who", ["place_staff", "back_office"])
@pytest.mark.parametrize("status", ["raised", "prioritised", "addressed"])
def test_staff_for_the_place_change_it_at_any_step(
    sign_in, request, place_staff, need, who, status
):
    if status != "raised":
        set_status(need, status, place_staff)
    response = sign_in(request.getfixturevalue(who)).post(url(need), answers())
    assert response.status_code == 302
    need.refresh_from_db()
    assert (
        need.title == "Care leavers have nowhere safe to stay in winter" and need.status == status
    )


@pytest.mark.parametrize("who", ["raiser", "place_staff", "back_office", "stranger"])
def test_nobody_changes_a_merged_need(sign_in, request, raiser, place_staff, ward, need, who):
    target = raise_need(raiser, ward, title="Care leavers need somewhere to live")
    services.need_merge(source=need, target=target, actor=place_staff, reason="The same problem")
    client = sign_in(request.getfixturevalue(who))
    assert client.get(url(need)).status_code == 403
    assert client.post(url(need), answers()).status_code == 403
    need.refresh_from_db()
    assert need.title == ORIGINAL_TITLE
    assert url(need) not in client.get(need.get_absolute_url()).content.decode()


def test_an_unknown_need_is_not_found(sign_in, place_staff):
    assert sign_in(place_staff).get(reverse("needs:edit", kwargs={"pk": 987654})).status_code == 404


def test_a_change_needs_a_csrf_token(raiser, need):
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(raiser)
    assert csrf_client.post(url(need), answers()).status_code == 403
    assert_unchanged(need)


# The link from the need page


@pytest.mark.parametrize(
    ("who", "sees"),
    [
        ("anonymous", False),
        ("stranger", False),
        ("other_staff", False),
        ("raiser", True),
        ("place_staff", True),
        ("back_office", True),
    ],
)
def test_the_need_page_links_to_the_change_page_for_those_allowed(
    client, sign_in, request, need, who, sees
):
    viewer = client if who == "anonymous" else sign_in(request.getfixturevalue(who))
    content = viewer.get(need.get_absolute_url()).content.decode()
    assert (url(need) in content) is sees
    assert ("Change this need" in content) is sees


# Bad input


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"title": ""}, "Enter the need in a sentence"),
        ({"problem": "   "}, "Describe the problem"),
        ({"population": ""}, "Say who it affects"),
        ({"title": "x" * 201}, "The need must be 200 characters or fewer"),
        ({"groups": ["999999"]}, "Choose from the list"),
        ({"agencies": ["not-a-number"]}, "Choose from the list"),
    ],
)
def test_problems_are_explained_and_what_was_typed_is_kept(
    sign_in, raiser, need, overrides, message
):
    response = sign_in(raiser).post(url(need), answers(**overrides))
    content = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in content and message in content
    assert (
        "Care leavers end up sofa surfing, and sleep rough when it is cold." in content
        or "problem" in overrides
    )
    assert_unchanged(need)


def test_a_theme_no_longer_in_use_cannot_be_chosen(sign_in, raiser, need):
    retired = term("beneficiary_group", "older-people")
    retired.is_active = False
    retired.save()
    response = sign_in(raiser).post(url(need), answers())
    assert response.status_code == 200 and "Choose from the list" in response.content.decode()
    assert_unchanged(need)


def test_a_theme_taken_out_of_use_stays_on_a_need_that_already_has_it(sign_in, raiser, need):
    kept = term("beneficiary_group", "care-leavers")
    need.themes.add(kept)
    kept.is_active = False
    kept.save()
    client = sign_in(raiser)
    page = client.get(url(need)).content.decode()
    assert f'value="{kept.pk}" checked' in page
    response = client.post(url(need), answers(groups=[kept.pk]))
    assert response.status_code == 302
    assert kept in need.themes.all()


# The record of the change


def test_the_history_shows_the_raisers_change_and_why(sign_in, raiser, place_staff, need):
    sign_in(raiser).post(url(need), answers())
    content = sign_in(place_staff).get(need.get_absolute_url()).content.decode()
    assert "Edited by the person who raised it" in content
    assert (
        f"The need in a sentence: {ORIGINAL_TITLE} <span aria-hidden" in content
    )  # before → after
    assert "Care leavers have nowhere safe to stay in winter</li>" in content
    assert "Older people</li>" in content  # the themes, before → after


def test_the_history_says_which_staff_role_made_a_change(sign_in, place_staff, need):
    client = sign_in(place_staff)
    client.post(url(need), answers())
    content = client.get(need.get_absolute_url()).content.decode()
    assert "Edited by staff at Riverside Council (commissioner)" in content


def test_the_back_office_change_is_labelled(sign_in, back_office, place_staff, need):
    sign_in(back_office).post(url(need), answers())
    content = sign_in(place_staff).get(need.get_absolute_url()).content.decode()
    assert "Edited by the back office" in content


def test_staff_editing_a_need_raised_by_someone_else_do_not_change_who_raised_it(
    sign_in, raiser, place_staff, need
):
    sign_in(place_staff).post(url(need), answers())
    need.refresh_from_db()
    assert need.raised_by == raiser
    assert Need.objects.count() == 1
