"""People hear when a need they raised, support or follow changes status (with the public reason),
and when it is merged into another; following it from its page; and who follows a duplicate
follows the need it joined."""

import pytest
from django.core import mail
from django.urls import reverse

from commonweal.needs import services
from commonweal.needs.models import Need
from commonweal.needs.tests.conftest import raise_need
from commonweal.notifications import services as notifications
from commonweal.notifications.models import Follow
from commonweal.testing.factories import UserFactory
from commonweal.testing.notifications import headlines

pytestmark = pytest.mark.django_db


def test_a_status_change_reaches_the_raiser_supporters_and_followers_with_its_reason(
    need, raiser, place_staff, borough, django_capture_on_commit_callbacks
):
    supporter, follower, borough_follower, nobody = UserFactory.create_batch(4)
    services.need_support(need=need, user=supporter)
    notifications.follow(user=follower, kind="need", object_id=need.pk)
    notifications.follow(user=borough_follower, kind="place", object_id=borough.pk)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.need_status_set(
            need=need,
            status=Need.Status.UNDER_REVIEW,
            reason="The youth housing team is looking at it this month.",
            actor=place_staff,
        )

    expected = f"“{need.title}” is now under review"
    for person in (raiser, supporter, follower, borough_follower):
        assert headlines(person) == [expected]
    assert headlines(nobody) == [] and headlines(place_staff) == []
    assert len(mail.outbox) == 4
    assert all(message.subject == expected for message in mail.outbox)
    assert all(
        "The youth housing team is looking at it this month." in message.body
        for message in mail.outbox
    )
    assert all(f"/needs/{need.pk}/" in message.body for message in mail.outbox)


def test_a_merge_tells_both_needs_people_and_moves_the_follows(
    need, raiser, place_staff, ward, django_capture_on_commit_callbacks
):
    other_raiser, follower = UserFactory.create_batch(2)
    duplicate = raise_need(other_raiser, ward, title="Care leavers sofa surfing")
    notifications.follow(user=follower, kind="need", object_id=duplicate.pk)

    with django_capture_on_commit_callbacks(execute=True):
        services.need_merge(
            source=duplicate, target=need, actor=place_staff, reason="The same need, raised twice."
        )

    expected = f"“Care leavers sofa surfing” has been merged into “{need.title}”"
    for person in (raiser, other_raiser, follower):
        assert headlines(person) == [expected]
    assert Follow.objects.get(user=follower).object_id == need.pk


def test_following_a_need_from_its_page(client, need, raiser):
    person = UserFactory()
    client.force_login(person)
    page = client.get(need.get_absolute_url()).content.decode()
    assert "Follow this need" in page
    response = client.post(
        reverse("notifications:follow"),
        {"kind": "need", "object_id": need.pk, "next": need.get_absolute_url()},
        follow=True,
    )
    body = response.content.decode()
    assert "You are following" in body and "You follow this need" in body
    assert Follow.objects.filter(user=person, kind="need", object_id=need.pk).exists()


def test_the_page_asks_whether_a_person_supports_and_follows_a_need_in_one_query(
    need, django_assert_num_queries
):
    from commonweal.needs.selectors import need_supported_and_followed_by

    person, other = UserFactory.create_batch(2)
    with django_assert_num_queries(1):
        assert need_supported_and_followed_by(need, person) == (False, False)
    services.need_support(need=need, user=person)
    assert need_supported_and_followed_by(need, person) == (True, False)
    notifications.follow(user=person, kind="need", object_id=need.pk)
    notifications.follow(user=other, kind="place", object_id=need.place_id)
    assert need_supported_and_followed_by(need, person) == (True, True)
    assert need_supported_and_followed_by(need, other) == (False, False)
