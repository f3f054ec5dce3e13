"""The notifications API: only ever the token's own person's notifications, follows and choices;
anonymous callers get a 401, bad input a 400 naming the field, and nothing is changed by it."""

import pytest
from django.urls import reverse

from commonweal.notifications import services
from commonweal.notifications.models import Follow, Notification, Preference
from commonweal.notifications.topics import DEFAULT_FREQUENCY, Frequency, Topic
from commonweal.testing.factories import UserFactory

pytestmark = pytest.mark.django_db

LIST = reverse("api:notification-list")
READ = reverse("api:notification-read")
FOLLOWS = reverse("api:follow-list")
CHOICES = reverse("api:notification-choices")


def tell(place, person, headline: str) -> None:
    event = services.notify(
        topic=Topic.RESULTS,
        kind="place",
        record=place,
        headline=headline,
        url=place.get_absolute_url(),
        body="Counted twice.",
        to=[person.pk],
        public=False,
    )
    services.event_fan_out(event_id=event.pk)


def test_every_endpoint_needs_a_person(api, riverside):
    for url in (LIST, FOLLOWS, CHOICES):
        assert api.get(url).status_code == 401
    assert api.post(READ, {"all": True}).status_code == 401
    assert api.post(FOLLOWS, {"kind": "place", "object_id": riverside.pk}).status_code == 401
    delete = reverse("api:follow-detail", kwargs={"kind": "place", "object_id": riverside.pk})
    assert api.delete(delete).status_code == 401
    assert api.put(CHOICES, {Topic.PANEL: Frequency.NEVER}).status_code == 401
    assert not Follow.objects.exists() and not Preference.objects.exists()


def test_a_person_lists_only_their_own_notifications_and_marks_them_seen(
    api, token_for, riverside, stranger, resident, settings
):
    tell(riverside, stranger, "First")
    tell(riverside, stranger, "Second")
    tell(riverside, resident, "Rita's")
    token = token_for(stranger)

    body = api.get(LIST, token=token).json()
    assert [row["headline"] for row in body["results"]] == ["Second", "First"]
    first = body["results"][1]
    assert first["read"] is False and first["body"] == "Counted twice."
    assert first["url"] == settings.SITE_URL + riverside.get_absolute_url()
    assert first["topic"] == Topic.RESULTS
    assert api.get(LIST, token=token).json()["count"] == 2, "reading the list marks nothing"

    rita = Notification.objects.get(user=resident)
    answer = api.post(READ, {"ids": [first["id"], rita.pk]}, token=token)
    assert answer.status_code == 200 and answer.json() == {"marked": 1, "unread": 1}
    rita.refresh_from_db()
    assert rita.read_at is None, "another person's notification is never touched"
    unread = api.get(LIST, {"unread": "true"}, token=token).json()["results"]
    assert [row["headline"] for row in unread] == ["Second"]
    assert api.post(READ, {"all": True}, token=token).json() == {"marked": 1, "unread": 0}


@pytest.mark.parametrize(
    "data, field",
    [
        ({}, "ids"),
        ({"ids": []}, "ids"),
        ({"ids": ["x"]}, "ids"),
        ({"ids": [0]}, "ids"),
        ({"ids": list(range(1, 502))}, "ids"),
        ({"all": "maybe"}, "all"),
    ],
)
def test_marking_seen_refuses_bad_input_by_name(api, token_for, stranger, data, field):
    answer = api.post(READ, data, token=token_for(stranger))
    assert answer.status_code == 400 and field in answer.json()


def test_following_and_stopping_through_the_api(
    api, token_for, riverside, stranger, draft_kind, settings
):
    token = token_for(stranger)
    made = api.post(FOLLOWS, {"kind": "place", "object_id": riverside.pk}, token=token)
    assert made.status_code == 201
    assert made.json() == {
        "kind": "place",
        "object_id": riverside.pk,
        "title": "Riverside",
        "url": settings.SITE_URL + riverside.get_absolute_url(),
    }
    assert (
        api.post(FOLLOWS, {"kind": "place", "object_id": riverside.pk}, token=token).status_code
        == 200
    )
    assert api.get(FOLLOWS, token=token).json()["results"] == [made.json()]

    for data in (
        {"kind": draft_kind, "object_id": riverside.pk},
        {"kind": "nothing", "object_id": riverside.pk},
        {"kind": "place", "object_id": riverside.pk + 999},
    ):
        refused = api.post(FOLLOWS, data, token=token)
        assert refused.status_code == 400, data
        assert refused.json()["object_id"] == [
            "There is nothing of that kind with that number you can follow."
        ]
    assert api.post(FOLLOWS, {"kind": "place", "object_id": "x"}, token=token).status_code == 400

    other = UserFactory()
    services.follow(user=other, kind="place", object_id=riverside.pk)
    url = reverse("api:follow-detail", kwargs={"kind": "place", "object_id": riverside.pk})
    assert api.delete(url, token=token).status_code == 204
    assert api.delete(url, token=token).status_code == 404
    assert Follow.objects.filter(user=other).exists(), "only the caller's own follow goes"
    unknown = reverse("api:follow-detail", kwargs={"kind": "nothing", "object_id": 1})
    assert api.delete(unknown, token=token).status_code == 404


def test_choosing_how_often_through_the_api(api, token_for, stranger):
    token = token_for(stranger)
    assert api.get(CHOICES, token=token).json() == {
        topic: str(frequency) for topic, frequency in DEFAULT_FREQUENCY.items()
    }
    changed = api.put(CHOICES, {Topic.PANEL: Frequency.DAILY}, token=token)
    assert changed.status_code == 200 and changed.json()[Topic.PANEL] == Frequency.DAILY
    assert changed.json()[Topic.RESULTS] == Frequency.NOW, "what is left out stays as it was"
    refused = api.put(CHOICES, {Topic.PANEL: "hourly"}, token=token)
    assert refused.status_code == 400 and Topic.PANEL in refused.json()
    assert Preference.objects.get(user=stranger).frequency == Frequency.DAILY
