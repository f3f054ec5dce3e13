"""Telling people: who is told of what, the emails their choices ask for, daily summaries, a mail
server that fails, scheduled news, following and one-click unsubscribing.

These tests use the one kind notifications registers itself (a place) and kinds made here; each
app that sends news tests its own events (needs, priorities, participation, panels, co-design).
"""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.mail.backends.base import BaseEmailBackend
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from commonweal.notifications import services
from commonweal.notifications.models import Digest, Email, Event, Follow, Notification, Preference
from commonweal.notifications.topics import DEFAULT_FREQUENCY, Frequency, Topic
from commonweal.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


class FailingBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, messages):
        raise ConnectionRefusedError("Connection refused by the mail server")


FAILING = "commonweal.notifications.tests.test_services.FailingBackend"


@pytest.fixture
def tell(django_capture_on_commit_callbacks, riverside):
    """Record news about Riverside (or as asked) and run the background tasks it starts."""

    def _tell(**given):
        fields = {
            "topic": Topic.RESULTS,
            "kind": "place",
            "record": riverside,
            "headline": "The results of the Riverside vote are published",
            "url": "/places/riverside/",
            **given,
        }
        with django_capture_on_commit_callbacks(execute=True):
            return services.notify(**fields)

    return _tell


def told(user) -> list[str]:
    return list(Notification.objects.filter(user=user).values_list("event__headline", flat=True))


def test_people_who_follow_the_place_or_a_place_around_it_are_told_and_emailed(
    tell, riverside, ward, elsewhere, staff, settings
):
    riverside_follower, ward_follower, elsewhere_follower = UserFactory.create_batch(3)
    services.follow(user=riverside_follower, kind="place", object_id=riverside.pk)
    services.follow(user=ward_follower, kind="place", object_id=ward.pk)
    services.follow(user=elsewhere_follower, kind="place", object_id=elsewhere.pk)
    services.follow(user=staff, kind="place", object_id=ward.pk)

    event = tell(
        record=ward, headline="Quayside has news", body="The reason, in public.", actor=staff
    )

    # News about the ward reaches those who follow the ward and those who follow Riverside, around it.
    assert told(riverside_follower) == told(ward_follower) == ["Quayside has news"]
    assert told(elsewhere_follower) == []
    assert told(staff) == [], "the person who made it happen is not told of it"
    event.refresh_from_db()
    assert event.state == Event.State.DONE and event.told == 2
    riverside_follower.refresh_from_db()
    assert riverside_follower.unread_notifications == 1

    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [riverside_follower.email, ward_follower.email]
    )
    message = mail.outbox[0]
    assert message.subject == "Quayside has news"
    assert "The reason, in public." in message.body
    assert f"{settings.SITE_URL}/places/riverside/" in message.body
    unsubscribe = message.extra_headers["List-Unsubscribe"]
    assert unsubscribe.startswith("<http") and "/notifications/unsubscribe/" in unsubscribe
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe.strip("<>") in message.body
    assert Email.objects.filter(sent_at__isnull=True).count() == 0


def test_news_that_is_not_public_reaches_only_the_people_named(tell, riverside, resident):
    follower = UserFactory()
    services.follow(user=follower, kind="place", object_id=riverside.pk)
    tell(
        topic=Topic.IDEA_DECIDED,
        headline="Your idea is on the ballot",
        to=[resident.pk],
        public=False,
    )
    assert told(resident) == ["Your idea is on the ballot"]
    assert told(follower) == []


def test_an_address_not_yet_confirmed_gets_no_email_but_the_site_shows_the_news(tell, riverside):
    unconfirmed = UserFactory(unconfirmed=True)
    services.follow(user=unconfirmed, kind="place", object_id=riverside.pk)
    tell()
    assert told(unconfirmed) == ["The results of the Riverside vote are published"]
    assert mail.outbox == []
    assert Notification.objects.get(user=unconfirmed).email == Notification.Email.NONE


def test_the_demos_fictional_people_are_told_on_the_site_never_by_email(tell, riverside):
    fictional = UserFactory(is_demo_account=True)
    services.follow(user=fictional, kind="place", object_id=riverside.pk)
    tell()
    assert told(fictional) == ["The results of the Riverside vote are published"]
    assert mail.outbox == [] and not Email.objects.exists()


def test_someone_no_longer_active_is_not_told(tell, riverside):
    gone = UserFactory(is_active=False)
    services.follow(user=gone, kind="place", object_id=riverside.pk)
    tell()
    assert told(gone) == [] and mail.outbox == []


def test_never_means_no_email_while_the_site_still_shows_it(tell, riverside):
    person = UserFactory()
    services.follow(user=person, kind="place", object_id=riverside.pk)
    services.preferences_set(user=person, frequencies={Topic.RESULTS: Frequency.NEVER})
    tell()
    assert told(person) == ["The results of the Riverside vote are published"]
    assert mail.outbox == []


def test_a_daily_summary_waits_for_its_hour_and_lists_the_day_in_one_email(
    tell, riverside, settings
):
    settings.NOTIFICATIONS_DIGEST_HOUR = 7
    person = UserFactory()
    services.follow(user=person, kind="place", object_id=riverside.pk)
    services.preferences_set(user=person, frequencies={Topic.RESULTS: Frequency.DAILY})
    tell(headline="First news")
    tell(headline="Second news")
    assert mail.outbox == [], "nothing is emailed at once"
    digest = Digest.objects.get(user=person)
    assert timezone.localtime(digest.due_at).hour == 7 and digest.due_at > timezone.now()

    assert services.digests_send(now=digest.due_at - timedelta(minutes=1)) == 0
    assert services.digests_send(now=digest.due_at) == 1
    assert services.emails_send(now=digest.due_at) == 1
    [message] = mail.outbox
    assert message.subject == "Commonweal: 2 updates today"
    assert message.body.index("First news") < message.body.index("Second news")
    assert "List-Unsubscribe" in message.extra_headers
    assert set(Notification.objects.filter(user=person).values_list("email", flat=True)) == {
        Notification.Email.SENT
    }
    assert services.digests_send(now=digest.due_at + timedelta(days=1)) == 0, "sent once"


def test_choosing_never_stops_what_waits_for_the_summary(tell, riverside):
    person = UserFactory()
    services.follow(user=person, kind="place", object_id=riverside.pk)
    services.preferences_set(user=person, frequencies={Topic.RESULTS: Frequency.DAILY})
    tell()
    services.preferences_set(user=person, frequencies={Topic.RESULTS: Frequency.NEVER})
    assert services.digests_send(now=timezone.now() + timedelta(days=2)) == 0
    assert mail.outbox == []


def test_a_mail_server_that_fails_loses_nothing_the_email_is_tried_again(tell, riverside, settings):
    person = UserFactory()
    services.follow(user=person, kind="place", object_id=riverside.pk)
    settings.EMAIL_BACKEND = FAILING
    tell()
    assert mail.outbox == []
    email = Email.objects.get(user=person)
    assert email.sent_at is None and email.attempts == 1
    assert "Connection refused" in email.last_error
    waited = email.next_attempt_at - timezone.now()
    assert timedelta(minutes=4) < waited <= timedelta(minutes=5)

    # Still down at the next try: it waits longer.
    assert services.emails_send(now=email.next_attempt_at) == 0
    email.refresh_from_db()
    assert email.attempts == 2 and email.sent_at is None

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert services.emails_send(now=email.next_attempt_at - timedelta(seconds=1)) == 0
    done = services.send_all_due(now=email.next_attempt_at)
    assert done["sent"] == 1
    [message] = mail.outbox
    assert message.to == [person.email]
    email.refresh_from_db()
    assert email.sent_at is not None and email.attempts == 3 and email.last_error == ""


def test_retries_wait_longer_each_time_up_to_six_hours():
    waits = [services.retry_after(attempts) for attempts in range(1, 10)]
    assert waits[:4] == [timedelta(minutes=minutes) for minutes in (5, 10, 20, 40)]
    assert waits == sorted(waits) and waits[-1] == timedelta(hours=6)


def test_an_email_another_sender_has_claimed_is_not_sent_twice(tell, riverside, settings):
    person = UserFactory()
    services.follow(user=person, kind="place", object_id=riverside.pk)
    settings.EMAIL_BACKEND = FAILING
    tell()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    email = Email.objects.get()
    now = email.next_attempt_at
    # A sender claims it by moving its next try on, before it sends.
    Email.objects.filter(pk=email.pk).update(next_attempt_at=now + services.CLAIM)
    assert services.emails_send(now=now) == 0 and mail.outbox == []


def test_news_for_later_waits_until_it_is_due_and_is_told_once(tell, riverside):
    follower = UserFactory()
    services.follow(user=follower, kind="place", object_id=riverside.pk)
    later = timezone.now() + timedelta(hours=1)
    event = tell(due_at=later)
    assert told(follower) == []
    assert services.events_due_fan_out(now=later - timedelta(minutes=1)) == 0
    assert services.events_due_fan_out(now=later) == 1
    assert services.events_due_fan_out(now=later + timedelta(hours=1)) == 0
    assert told(follower) == [event.headline]


def test_scheduled_news_with_a_key_is_replaced_or_cancelled(tell):
    later = timezone.now() + timedelta(days=1)
    first = tell(due_at=later, key="thing:1:closing")
    second = tell(due_at=later + timedelta(hours=1), key="thing:1:closing")
    first.refresh_from_db()
    assert first.state == Event.State.CANCELLED and second.state == Event.State.WAITING
    assert services.cancel(key="thing:1:closing") == 1
    assert services.events_due_fan_out(now=later + timedelta(days=1)) == 0


def test_news_no_longer_true_when_it_comes_due_is_not_sent(tell, riverside, register_kind):
    register_kind(
        "closed_thing", place_id=lambda record: record.pk, still_due=lambda record, event: False
    )
    follower = UserFactory()
    services.follow(user=follower, kind="place", object_id=riverside.pk)
    event = tell(kind="closed_thing")
    event.refresh_from_db()
    assert event.state == Event.State.CANCELLED and told(follower) == []


def test_everyone_who_can_take_part_and_those_involved_are_told(tell, riverside, register_kind):
    can_take_part, involved, neither = UserFactory.create_batch(3)
    register_kind(
        "vote",
        place_id=lambda record: record.pk,
        involved=lambda record, event: [involved.pk],
        audience=lambda record, event: [can_take_part.pk],
    )
    tell(kind="vote", headline="Voting is open", for_everyone_who_can_take_part=True)
    assert told(can_take_part) == told(involved) == ["Voting is open"]
    assert told(neither) == []
    tell(kind="vote", headline="Results", public=False, to=[neither.pk])
    assert told(involved) == ["Voting is open"], "news that is not public reaches only those named"


def test_telling_more_people_takes_no_more_queries(tell, riverside, elsewhere):
    for place, people in ((riverside, 3), (elsewhere, 30)):
        for person in UserFactory.create_batch(people):
            services.follow(user=person, kind="place", object_id=place.pk)
    counts = []
    for place in (riverside, elsewhere):
        event = services.notify(
            topic=Topic.RESULTS, kind="place", record=place, headline="News", url="/"
        )
        with CaptureQueriesContext(connection) as queries:
            services.event_fan_out(event_id=event.pk)
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert Notification.objects.count() == 33


def test_following_and_stopping(riverside, stranger, draft_kind):
    assert services.follow(user=stranger, kind="place", object_id=riverside.pk) is True
    assert services.follow(user=stranger, kind="place", object_id=riverside.pk) is False
    assert Follow.objects.filter(user=stranger).count() == 1
    assert services.unfollow(user=stranger, kind="place", object_id=riverside.pk) is True
    assert services.unfollow(user=stranger, kind="place", object_id=riverside.pk) is False
    with pytest.raises(ValidationError):
        services.follow(user=stranger, kind="no_such_kind", object_id=riverside.pk)
    with pytest.raises(ValidationError):
        services.follow(user=stranger, kind="place", object_id=riverside.pk + 1000)
    with pytest.raises(ValidationError):
        services.follow(user=stranger, kind=draft_kind, object_id=riverside.pk)
    assert not Follow.objects.filter(user=stranger).exists()


def test_follows_move_to_another_record_without_doubling(riverside, ward, elsewhere):
    both, one = UserFactory.create_batch(2)
    for person in (both, one):
        services.follow(user=person, kind="place", object_id=ward.pk)
    services.follow(user=both, kind="place", object_id=elsewhere.pk)
    services.follows_move(kind="place", from_id=ward.pk, to_id=elsewhere.pk)
    assert sorted(
        Follow.objects.filter(object_id=elsewhere.pk).values_list("user_id", flat=True)
    ) == sorted([both.pk, one.pk])
    assert not Follow.objects.filter(object_id=ward.pk).exists()


def test_choices_saved_unchanged_change_nothing(stranger):
    assert services.preferences_set(user=stranger, frequencies=dict(DEFAULT_FREQUENCY)) == []
    assert not Preference.objects.exists()
    assert services.preferences_set(user=stranger, frequencies={Topic.PANEL: Frequency.DAILY}) == [
        Topic.PANEL
    ]
    assert services.preferences_set(user=stranger, frequencies={Topic.PANEL: Frequency.NOW}) == [
        Topic.PANEL
    ]
    assert not Preference.objects.exists(), "back to the default keeps no row"
    with pytest.raises(ValidationError):
        services.preferences_set(user=stranger, frequencies={Topic.PANEL: "hourly"})


def test_an_unsubscribe_address_is_signed_for_one_person_and_its_topics(stranger, resident):
    url = services.unsubscribe_url(stranger.pk, [Topic.RESULTS])
    token = url.rstrip("/").rsplit("/", 1)[1]
    assert services.unsubscribe_read(token) == (stranger, [Topic.RESULTS])
    for wrong in (
        token[:-2],
        token + "x",
        "not-a-token",
        token.replace(token[5], "A" if token[5] != "A" else "B"),
    ):
        with pytest.raises(ValidationError):
            services.unsubscribe_read(wrong)
    person, topics = services.unsubscribe(token=token)
    assert person == stranger and topics == [Topic.RESULTS]
    assert Preference.objects.get(user=stranger).frequency == Frequency.NEVER
    assert not Preference.objects.filter(user=resident).exists()


def test_the_daily_summary_goes_at_the_hour_chosen(settings):
    settings.NOTIFICATIONS_DIGEST_HOUR = 7
    before = timezone.make_aware(timezone.datetime(2026, 12, 6, 6, 59))
    after = timezone.make_aware(timezone.datetime(2026, 12, 6, 7, 0))
    assert services.next_digest_at(before) == after
    assert services.next_digest_at(after) == after + timedelta(days=1)


def test_a_whole_save_of_an_older_copy_of_a_person_keeps_their_unread_count(tell, riverside):
    person = UserFactory()
    services.follow(user=person, kind="place", object_id=riverside.pk)
    older_copy = type(person).objects.get(pk=person.pk)
    tell()
    older_copy.full_name = "A new name"
    older_copy.save()  # a form or the back office saving what it loaded before the news came
    person.refresh_from_db()
    assert person.full_name == "A new name" and person.unread_notifications == 1


def test_a_title_with_a_line_break_still_makes_a_one_line_subject(tell, riverside):
    person = UserFactory()
    services.follow(user=person, kind="place", object_id=riverside.pk)
    tell(headline="Results of the\nRiverside  vote")
    [message] = mail.outbox
    assert message.subject == "Results of the Riverside vote"


def test_a_persons_emails_go_with_their_account(tell, riverside, settings):
    person = UserFactory()
    services.follow(user=person, kind="place", object_id=riverside.pk)
    settings.EMAIL_BACKEND = FAILING
    tell()
    assert Email.objects.filter(to=person.email).exists()
    person.delete()
    assert not Email.objects.exists() and not Notification.objects.exists()


def test_a_sender_that_stopped_part_way_is_taken_up_later_and_tells_nobody_twice(
    tell, riverside, monkeypatch
):
    people = UserFactory.create_batch(5)
    for person in people:
        services.follow(user=person, kind="place", object_id=riverside.pk)
    monkeypatch.setattr(services, "CHUNK", 2)
    event = services.notify(
        topic=Topic.RESULTS, kind="place", record=riverside, headline="News", url="/"
    )
    started = timezone.now()
    # A sender claimed it and told the first batch, then its worker was killed.
    Event.objects.filter(pk=event.pk).update(state=Event.State.SENDING, started_at=started)
    services._tell_batch(event, sorted(p.pk for p in people)[:2], started, "body", started)

    assert services.event_fan_out(event_id=event.pk) == 0, "another sender leaves it alone a while"
    later = started + services.RESUME_AFTER + timedelta(minutes=1)
    assert services.events_due_fan_out(now=later) == 3
    assert Notification.objects.filter(event=event).count() == 5
    for person in people:
        person.refresh_from_db()
        assert person.unread_notifications == 1
    event.refresh_from_db()
    assert event.state == Event.State.DONE and event.told == 5
