"""The notifications pages: the list and its count in the header, the choices, following, and
stopping emails from the link in one (with a mail program's one-click button, which sends no
cookie and no form token)."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from commonweal.notifications import services
from commonweal.notifications.models import Follow, Notification, Preference
from commonweal.notifications.topics import Frequency, Topic
from commonweal.testing.factories import UserFactory

pytestmark = pytest.mark.django_db

LIST = reverse("notifications:list")
SETTINGS = reverse("notifications:settings")
FOLLOW = reverse("notifications:follow")
UNFOLLOW = reverse("notifications:unfollow")


def news(place, person, count: int, *, headline: str = "News") -> None:
    """``count`` notifications for ``person`` about ``place``, told at once."""
    for number in range(count):
        event = services.notify(
            topic=Topic.RESULTS,
            kind="place",
            record=place,
            headline=f"{headline} {number + 1}",
            url=place.get_absolute_url(),
            to=[person.pk],
            public=False,
        )
        services.event_fan_out(event_id=event.pk)


def test_the_list_is_for_signed_in_people_only(client):
    response = client.get(LIST)
    assert response.status_code == 302 and reverse("accounts:sign-in") in response["Location"]
    assert client.get(SETTINGS).status_code == 302


def test_a_person_sees_their_own_news_marked_new_once_and_the_header_counts_it(
    client, riverside, stranger, resident
):
    news(riverside, stranger, 2, headline="Stella's news")
    news(riverside, resident, 1, headline="Rita's news")
    client.force_login(stranger)

    home = client.get(reverse("core:home")).content.decode()
    assert "Notifications" in home and '<span class="cw-count">2' in home

    page = client.get(LIST).content.decode()
    assert "Stella&#x27;s news 1" in page and "Stella&#x27;s news 2" in page
    assert "Rita" not in page, "nobody sees another person's notifications"
    assert page.count(">New</strong>") == 2
    assert page.index("news 2") < page.index("news 1"), "newest first"

    again = client.get(LIST).content.decode()
    assert ">New</strong>" not in again
    assert 'class="cw-count"' not in client.get(reverse("core:home")).content.decode()
    stranger.refresh_from_db()
    assert stranger.unread_notifications == 0
    assert not Notification.objects.filter(user=stranger, read_at__isnull=True).exists()
    assert Notification.objects.filter(user=resident, read_at__isnull=True).count() == 1


def test_a_long_list_is_paged_and_only_what_is_shown_is_marked_read(client, riverside, stranger):
    news(riverside, stranger, 25)
    client.force_login(stranger)
    first = client.get(LIST).content.decode()
    assert first.count(">New</strong>") == 20 and "News 25" in first and "News 5<" not in first
    stranger.refresh_from_db()
    assert stranger.unread_notifications == 5
    second = client.get(LIST, {"page": 2}).content.decode()
    assert second.count(">New</strong>") == 5 and "News 1<" in second


def test_the_list_takes_the_same_queries_however_long_it_is(client, riverside, stranger, resident):
    news(riverside, stranger, 3)
    news(riverside, resident, 30)
    counts = []
    for person in (stranger, resident):
        client.force_login(person)
        client.get(LIST)  # marks them read; the next view reads only
        with CaptureQueriesContext(connection) as queries:
            assert client.get(LIST).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_choices_are_shown_saved_and_unchanged_when_sent_back_unchanged(client, stranger):
    client.force_login(stranger)
    page = client.get(SETTINGS).content.decode()
    for topic in Topic.values:
        assert f'name="{topic}" type="radio" value="now" checked' in page, topic
    unchanged = dict.fromkeys(Topic.values, Frequency.NOW)
    response = client.post(SETTINGS, unchanged, follow=True)
    assert "You did not change anything." in response.content.decode()
    assert not Preference.objects.exists()

    response = client.post(
        SETTINGS, {**unchanged, Topic.NEED_CHANGED: Frequency.DAILY}, follow=True
    )
    assert "Your choices are saved." in response.content.decode()
    assert Preference.objects.get(user=stranger).frequency == Frequency.DAILY
    page = client.get(SETTINGS).content.decode()
    assert f'name="{Topic.NEED_CHANGED}" type="radio" value="daily" checked' in page
    assert f'name="{Topic.PANEL}" type="radio" value="now" checked' in page


def test_a_wrong_choice_is_refused_with_a_clear_message(client, stranger):
    client.force_login(stranger)
    response = client.post(SETTINGS, {Topic.PANEL: "hourly"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "govuk-error-summary" in body
    assert "Choose how often you want these emails" in body
    assert not Preference.objects.exists()


def test_the_choices_page_warns_when_the_address_is_not_confirmed(client):
    person = UserFactory(unconfirmed=True)
    client.force_login(person)
    assert "We only email an address you have confirmed" in client.get(SETTINGS).content.decode()


def test_following_a_place_from_its_page_and_stopping_from_the_choices_page(
    client, riverside, stranger
):
    place_url = riverside.get_absolute_url()
    assert "Sign in to follow" in client.get(place_url).content.decode()
    client.force_login(stranger)
    assert "Follow this place" in client.get(place_url).content.decode()

    response = client.post(
        FOLLOW, {"kind": "place", "object_id": riverside.pk, "next": place_url + "#follow"}
    )
    assert response.status_code == 302 and response["Location"] == place_url + "#follow"
    assert Follow.objects.filter(user=stranger, kind="place", object_id=riverside.pk).exists()
    page = client.get(place_url).content.decode()
    assert "You follow this place" in page and "Stop following" in page

    listed = client.get(SETTINGS).content.decode()
    assert "Riverside" in listed and "Stop following" in listed
    client.post(UNFOLLOW, {"kind": "place", "object_id": riverside.pk, "next": SETTINGS})
    assert not Follow.objects.filter(user=stranger).exists()


def test_following_refuses_what_cannot_be_followed_and_never_goes_off_the_site(
    client, riverside, stranger, draft_kind
):
    assert client.post(FOLLOW, {"kind": "place", "object_id": riverside.pk}).status_code == 302
    assert not Follow.objects.exists(), "anonymous: sent to sign in, nothing followed"
    client.force_login(stranger)
    assert client.get(FOLLOW).status_code == 405
    for data in (
        {"kind": "nothing", "object_id": riverside.pk},
        {"kind": "place", "object_id": riverside.pk + 999},
        {"kind": "place", "object_id": "x"},
        {"kind": "place", "object_id": 2**70},
        {"kind": draft_kind, "object_id": riverside.pk},
        {},
    ):
        assert client.post(FOLLOW, data).status_code == 404, data
    assert not Follow.objects.exists()
    response = client.post(
        FOLLOW, {"kind": "place", "object_id": riverside.pk, "next": "https://evil.example/"}
    )
    assert response["Location"] == riverside.get_absolute_url()


def test_one_click_unsubscribe_works_without_a_cookie_or_form_token(stranger, settings):
    url = services.unsubscribe_url(stranger.pk, [Topic.RESULTS])
    path = url.removeprefix(settings.SITE_URL)
    browser = Client(enforce_csrf_checks=True)

    page = browser.get(path)
    assert page.status_code == 200
    assert "Results are published for a vote you took part in or follow" in page.content.decode()
    assert not Preference.objects.exists(), "opening the link changes nothing"

    response = browser.post(
        path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert "We will stop these emails" in response.content.decode()
    assert Preference.objects.get(user=stranger, topic=Topic.RESULTS).frequency == Frequency.NEVER
    assert browser.post(path).status_code == 200, "sent twice does no harm"


def test_a_wrong_unsubscribe_link_says_so(client):
    response = client.get(reverse("notifications:unsubscribe", kwargs={"token": "made-up"}))
    assert response.status_code == 404
    assert "This link is not right" in response.content.decode()
    assert (
        client.post(reverse("notifications:unsubscribe", kwargs={"token": "made-up"})).status_code
        == 404
    )
    assert not Preference.objects.exists()
