"""Who acts for which places is asked of the database once a request, and asked again when a
role, a verification, an organisation or a place changes within it (core/requestmemo.py)."""

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from commonweal.accounts.roles import Role
from commonweal.core.requestmemo import RequestMemoMiddleware, forget, remember
from commonweal.organisations import place_staff
from commonweal.organisations.services_verification import public_body_verification_revoke
from commonweal.testing.factories import (
    LocalAuthorityFactory,
    PublicBodyFactory,
    RoleFactory,
    UserFactory,
    WardFactory,
)

pytestmark = pytest.mark.django_db


def in_one_request(work):
    """Run ``work`` as a view inside the memo's middleware, as a request would, and return its answer."""
    answers = []

    def view(_request):
        answers.append(work())
        return None

    RequestMemoMiddleware(view)(RequestFactory().get("/"))
    return answers[0]


def verification_queries(queries) -> int:
    return sum("organisations_publicbodyverification" in q["sql"] for q in queries)


@pytest.fixture
def ward():
    return WardFactory(parent=LocalAuthorityFactory())


@pytest.fixture
def commissioner(ward):
    council = PublicBodyFactory(places_served=[ward.parent])
    return RoleFactory(role=Role.COMMISSIONER, organisation=council).user


def test_outside_a_request_nothing_is_kept():
    calls = []
    assert remember("k", lambda: calls.append(1) or len(calls)) == 1
    assert remember("k", lambda: calls.append(1) or len(calls)) == 2


def test_within_a_request_an_answer_is_worked_out_once_and_the_next_request_starts_afresh():
    calls = []

    def twice():
        first = remember("k", lambda: calls.append(1) or len(calls))
        second = remember("k", lambda: calls.append(1) or len(calls))
        return first, second

    assert in_one_request(twice) == (1, 1)
    assert in_one_request(twice) == (2, 2)


def test_forget_empties_the_memo():
    def work():
        remember("k", lambda: "old")
        forget()
        return remember("k", lambda: "new")

    assert in_one_request(work) == "new"


def test_a_page_asking_three_times_asks_the_database_once(commissioner, ward):
    def ask_three_times():
        with CaptureQueriesContext(connection) as queries:
            answers = [
                (
                    place_staff.staff_organisation_ids(commissioner),
                    place_staff.staff_place_ids(commissioner),
                    place_staff.is_place_staff(commissioner, ward),
                )
                for _ in range(3)
            ]
        return answers, queries

    answers, queries = in_one_request(ask_three_times)
    assert answers[0] == answers[1] == answers[2]
    assert answers[0][1] == {ward.parent.pk, ward.pk} and answers[0][2] is True
    # staff_organisation_ids and staff_place_ids: one each; is_place_staff: one.
    assert verification_queries(queries) == 3


def test_the_answers_given_out_can_be_changed_without_changing_the_next(commissioner, ward):
    def work():
        place_staff.staff_place_ids(commissioner).clear()
        return place_staff.staff_place_ids(commissioner)

    assert in_one_request(work) == {ward.parent.pk, ward.pk}


def test_a_role_given_in_the_request_counts_at_once(ward):
    council = PublicBodyFactory(places_served=[ward.parent])
    person = UserFactory()

    def work():
        before = place_staff.is_place_staff(person, ward), place_staff.staff_place_ids(person)
        RoleFactory(user=person, role=Role.COMMISSIONER, organisation=council)
        after = place_staff.is_place_staff(person, ward), place_staff.staff_place_ids(person)
        return before, after

    before, after = in_one_request(work)
    assert before == (False, set())
    assert after == (True, {ward.parent.pk, ward.pk})


def test_a_role_taken_away_or_a_verification_revoked_in_the_request_counts_at_once(ward):
    council = PublicBodyFactory(places_served=[ward.parent])
    person = RoleFactory(role=Role.COMMISSIONER, organisation=council).user
    other = PublicBodyFactory(places_served=[ward])
    colleague = RoleFactory(role=Role.COMMISSIONER, organisation=other).user
    admin = UserFactory(is_staff=True)

    def work():
        assert place_staff.is_place_staff(person, ward)
        assert place_staff.is_place_staff(colleague, ward)
        person.role_assignments.get().delete()
        public_body_verification_revoke(
            verification=other.verifications.get(), actor=admin, reason="No longer a public body"
        )
        return place_staff.is_place_staff(person, ward), place_staff.is_place_staff(colleague, ward)

    assert in_one_request(work) == (False, False)


def test_a_new_ward_is_in_the_staff_places_at_once(commissioner, ward):
    def work():
        before = place_staff.staff_place_ids(commissioner)
        new = WardFactory(parent=ward.parent)
        return before, place_staff.staff_place_ids(commissioner), new.pk

    before, after, new = in_one_request(work)
    assert new not in before and after == before | {new}


def test_the_places_inside_a_place_are_asked_once_and_again_after_a_new_ward(ward):
    from commonweal.places.selectors import place_with_descendant_ids

    borough = ward.parent

    def work():
        with CaptureQueriesContext(connection) as queries:
            first = place_with_descendant_ids(borough)
            second = place_with_descendant_ids(borough)
        new = WardFactory(parent=borough)
        return first, second, place_with_descendant_ids(borough), new.pk, len(queries)

    first, second, after, new, asked = in_one_request(work)
    assert first == second == [borough.pk, ward.pk]
    assert after[0] == borough.pk and set(after) == {borough.pk, ward.pk, new}
    # Asked once: the places' stamp, then one query a level (the borough's wards, then none inside).
    assert asked == 3


def test_the_places_inside_a_place_are_kept_across_requests_until_a_place_changes(ward):
    from commonweal.places.selectors import place_with_descendant_ids, places_and_around_ids

    borough = ward.parent
    up = {place.pk for place in ward.ancestors(include_self=True)}  # the ward, borough, country
    assert in_one_request(lambda: place_with_descendant_ids(borough)) == [borough.pk, ward.pk]
    assert in_one_request(lambda: places_and_around_ids([ward.pk])) == up

    def again():
        with CaptureQueriesContext(connection) as queries:
            inside = place_with_descendant_ids(borough)
            around = places_and_around_ids([ward.pk])
        return inside, around, [query["sql"] for query in queries]

    inside, around, asked = in_one_request(again)
    assert inside == [borough.pk, ward.pk] and around == up
    assert len(asked) == 1 and "core_pagestamp" in asked[0]  # the stamp, read once a request
    moved = WardFactory(parent=borough)
    assert in_one_request(lambda: place_with_descendant_ids(borough)) == sorted(
        [borough.pk, ward.pk, moved.pk]
    )
    # A ward moved to another borough is inside that one, and no longer inside the first.
    elsewhere = WardFactory().parent
    moved.parent = elsewhere
    moved.save()
    assert in_one_request(lambda: place_with_descendant_ids(borough)) == [borough.pk, ward.pk]
    assert in_one_request(lambda: places_and_around_ids([moved.pk])) == {
        place.pk for place in moved.ancestors(include_self=True)
    }
    assert elsewhere.pk in in_one_request(lambda: places_and_around_ids([moved.pk]))


def test_staff_for_a_place_read_without_its_parents_asks_the_kept_walk_and_follows_a_move(
    commissioner, ward
):
    """Asked of a ward read on its own (its borough not loaded with it), the answer comes from the
    places around it as kept under the places' stamp (no query for the borough or the country,
    once kept); moved to a borough the council is not verified for, the ward is no longer theirs."""
    from commonweal.places.models import Place

    assert in_one_request(
        lambda: place_staff.is_place_staff(commissioner, Place.objects.get(pk=ward.pk))
    )

    def again():
        alone = Place.objects.get(pk=ward.pk)
        with CaptureQueriesContext(connection) as queries:
            answer = place_staff.is_place_staff(commissioner, alone)
        return answer, [query["sql"] for query in queries]

    answer, asked = in_one_request(again)
    assert answer is True
    assert not any('FROM "places_place"' in sql for sql in asked)  # the kept walk, not the tree
    ward.parent = WardFactory().parent
    ward.save()
    assert not in_one_request(
        lambda: place_staff.is_place_staff(commissioner, Place.objects.get(pk=ward.pk))
    )
    assert not in_one_request(lambda: place_staff.is_place_staff(commissioner, ward))
