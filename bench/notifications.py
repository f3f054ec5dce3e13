"""Benchmark: telling a whole place at once, as when a round opens for a city.

Run:  .venv/bin/python bench/notifications.py [--people 1000,10000,50000] [--rounds 2]
      DATABASE_URL=postgres://postgres@127.0.0.1:5432/cw_notify_bench .venv/bin/python bench/notifications.py

It makes a throwaway test database (next to DATABASE_URL's, or SQLite in memory), with the largest
number of people asked for, each following one place. For each size it records one piece of news
about a place that many people follow and times the background task that tells them
(services.event_fan_out): their notifications, unread counts and emails, a batch at a time. Then it
times sending the emails written (services.emails_send, to Django's in-memory mail backend).

It prints, side by side, the seconds for each size, the time per 1,000 people, and that time's ratio
to the smallest size's: the work per person should not grow with the number told (a ratio near 1),
and nothing is held in one transaction for the whole of it. The better of --rounds runs is kept.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "commonweal.test_settings")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402


def people_following(place, count: int, start: int) -> None:
    from django.utils import timezone

    from commonweal.accounts.models import User
    from commonweal.notifications.models import Follow

    users = User.objects.bulk_create(
        [
            User(
                email=f"bench{start + n}@example.org",
                full_name=f"Person {start + n}",
                email_confirmed_at=timezone.now(),
            )
            for n in range(count)
        ],
        batch_size=2000,
    )
    Follow.objects.bulk_create(
        [Follow(user=user, kind="place", object_id=place.pk) for user in users], batch_size=2000
    )


def fan_out_seconds(place) -> tuple[float, float, int]:
    from django.core import mail

    from commonweal.notifications import services
    from commonweal.notifications.models import Email, Event
    from commonweal.notifications.topics import Topic

    # Written as notify() writes it, without the task notify() enqueues: that is what is timed.
    event = Event.objects.create(
        topic=Topic.ROUND_OPENS,
        kind="place",
        object_id=place.pk,
        place=place,
        headline="You can now vote in “Which needs first?”",
        body="Say which needs should come first.",
        url=place.get_absolute_url(),
    )
    started = time.perf_counter()
    told = services.event_fan_out(event_id=event.pk)
    told_seconds = time.perf_counter() - started
    mail.outbox = []
    started = time.perf_counter()
    sent = 0
    while batch := services.emails_send(limit=2000):
        sent += batch
    send_seconds = time.perf_counter() - started
    assert sent == told == len(mail.outbox), (sent, told, len(mail.outbox))
    Email.objects.all().delete()
    return told_seconds, send_seconds, told


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", default="1000,10000,50000")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    sizes = sorted(int(size) for size in args.people.split(","))

    from commonweal.notifications import services

    # Tasks run at once under the test settings: telling and sending are timed apart instead.
    services.emails_send_soon = lambda: None
    setup_test_environment()
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    from commonweal.testing.factories import LocalAuthorityFactory

    rows = []
    made = 0
    for size in sizes:
        place = LocalAuthorityFactory(name=f"Borough of {size}")
        people_following(place, size, made)
        made += size
        best = None
        for _round in range(args.rounds):
            told_s, send_s, told = fan_out_seconds(place)
            if best is None or told_s < best[0]:
                best = (told_s, send_s, told)
        rows.append((size, *best))

    base = rows[0][1] / rows[0][3] * 1000
    print(f"{'people':>8} {'told':>8} {'tell s':>8} {'per 1,000 s':>12} {'ratio':>6} {'send s':>8}")
    for size, told_s, send_s, told in rows:
        per_thousand = told_s / told * 1000
        print(
            f"{size:>8} {told:>8} {told_s:>8.2f} {per_thousand:>12.3f} "
            f"{per_thousand / base:>6.2f} {send_s:>8.2f}"
        )
    print(f"database: {connection.vendor}")


if __name__ == "__main__":
    main()
