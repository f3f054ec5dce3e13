"""Limits on signing in, signing up and asking for links: counted before anything is checked, atomically,
per email address and per network address."""

import threading
from datetime import timedelta

import pytest
from django.contrib.auth.signals import user_login_failed
from django.core import mail
from django.db import connection
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from commonweal.accounts import throttle
from commonweal.accounts.models import User
from commonweal.testing.factories import UserFactory

SIGN_IN = reverse("accounts:sign-in")
SIGN_UP = reverse("accounts:sign-up")
RESET = reverse("accounts:password-reset")
PASSWORD = "correct horse battery staple"
TOO_MANY = "You have tried to sign in too many times"


def _signed_in(client) -> bool:
    return "_auth_user_id" in client.session


@pytest.fixture
def clock(monkeypatch):
    """The throttle's clock, moved on by the test: ``clock.move(minutes=15)``."""

    class Clock:
        def __init__(self):
            self.now = timezone.now()

        def __call__(self):
            return self.now

        def move(self, **delta):
            self.now += timedelta(**delta)

    clock = Clock()
    monkeypatch.setattr(throttle, "clock", clock)
    return clock


@pytest.mark.django_db(transaction=True)
def test_sixty_wrong_passwords_at_once_get_no_more_than_the_limit_checked(clock):
    if connection.vendor != "postgresql":
        pytest.skip(
            "Needs PostgreSQL: SQLite's in-memory test database cannot take 60 writers at once."
        )
    UserFactory(email="sam@example.org")
    allowed = throttle.limit(throttle.SIGN_IN, "email").attempts
    checked = []
    lock = threading.Lock()

    def count_check(sender, credentials, request=None, **kwargs):
        with lock:
            checked.append(credentials.get("email"))

    user_login_failed.connect(count_check)
    start = threading.Barrier(60)
    answers = []

    def guess(n: int) -> None:
        try:
            client = Client()
            start.wait()
            page = client.post(
                SIGN_IN, {"email": "sam@example.org", "password": f"guess {n}"}
            ).content.decode()
            with lock:
                answers.append(page)
        finally:
            connection.close()

    threads = [threading.Thread(target=guess, args=(n,)) for n in range(60)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        user_login_failed.disconnect(count_check)

    assert len(answers) == 60
    assert len(checked) <= allowed
    assert sum(TOO_MANY in page for page in answers) >= 60 - allowed
    # Now even the right password is refused, with a plain message, until the window ends.
    client = Client()
    page = client.post(SIGN_IN, {"email": "sam@example.org", "password": PASSWORD}).content.decode()
    assert TOO_MANY in page and "Wait 15 minutes" in page
    assert not _signed_in(client)
    # A minute before the window ends, still refused; once it has ended, the right password works.
    clock.move(minutes=14)
    page = client.post(SIGN_IN, {"email": "sam@example.org", "password": PASSWORD}).content.decode()
    assert TOO_MANY in page and not _signed_in(client)
    clock.move(minutes=1)
    client.post(SIGN_IN, {"email": "sam@example.org", "password": PASSWORD})
    assert _signed_in(client)


@pytest.mark.django_db
def test_once_the_window_has_ended_the_right_password_works_again(client, clock):
    UserFactory(email="sam@example.org", password=PASSWORD)
    for _ in range(throttle.limit(throttle.SIGN_IN, "email").attempts):
        client.post(SIGN_IN, {"email": "sam@example.org", "password": "guess"})
    clock.move(minutes=14, seconds=59)
    page = client.post(SIGN_IN, {"email": "sam@example.org", "password": PASSWORD}).content.decode()
    assert TOO_MANY in page and not _signed_in(client)
    clock.move(seconds=1)
    client.post(SIGN_IN, {"email": "sam@example.org", "password": PASSWORD})
    assert _signed_in(client)


@pytest.mark.django_db
def test_the_right_password_is_not_checked_once_the_limit_is_reached(client):
    UserFactory(email="sam@example.org")
    checked = []
    user_login_failed.connect(
        lambda sender, credentials, **kw: checked.append(1), weak=False, dispatch_uid="t"
    )
    try:
        for _ in range(throttle.limit(throttle.SIGN_IN, "email").attempts + 5):
            client.post(SIGN_IN, {"email": "sam@example.org", "password": "guess"})
    finally:
        user_login_failed.disconnect(dispatch_uid="t")
    assert len(checked) == throttle.limit(throttle.SIGN_IN, "email").attempts


@pytest.mark.django_db
@override_settings(
    ATTEMPT_LIMITS={
        **throttle.settings.ATTEMPT_LIMITS,
        "sign-in": {"email": (10, 15), "network": (3, 15)},
    }
)
def test_one_network_trying_many_addresses_is_limited_too(client):
    UserFactory(email="sam@example.org")
    for n in range(3):
        client.post(
            SIGN_IN,
            {"email": f"person{n}@example.org", "password": "guess"},
            REMOTE_ADDR="203.0.113.5",
        )
    page = client.post(
        SIGN_IN, {"email": "sam@example.org", "password": PASSWORD}, REMOTE_ADDR="203.0.113.5"
    ).content.decode()
    assert TOO_MANY in page and not _signed_in(client)
    # Someone else, elsewhere, signs in as usual.
    other = Client()
    other.post(
        SIGN_IN, {"email": "sam@example.org", "password": PASSWORD}, REMOTE_ADDR="198.51.100.9"
    )
    assert _signed_in(other)


@pytest.mark.django_db
@override_settings(
    BEHIND_PROXY=0,
    ATTEMPT_LIMITS={
        **throttle.settings.ATTEMPT_LIMITS,
        "sign-in": {"email": (10, 15), "network": (3, 15)},
    },
)
def test_a_made_up_forwarded_header_does_not_escape_the_network_limit(client):
    for n in range(3):
        client.post(
            SIGN_IN,
            {"email": f"person{n}@example.org", "password": "guess"},
            REMOTE_ADDR="203.0.113.5",
            HTTP_X_FORWARDED_FOR=f"10.0.0.{n}",
        )
    page = client.post(
        SIGN_IN,
        {"email": "new@example.org", "password": "guess"},
        REMOTE_ADDR="203.0.113.5",
        HTTP_X_FORWARDED_FOR="10.9.9.9",
    ).content.decode()
    assert TOO_MANY in page


@pytest.mark.django_db
@override_settings(
    ATTEMPT_LIMITS={
        **throttle.settings.ATTEMPT_LIMITS,
        "sign-up": {"email": (10, 60), "network": (2, 60)},
    }
)
def test_sign_ups_from_one_network_are_limited(client):
    def sign_up(n):
        return Client().post(
            SIGN_UP,
            {
                "full_name": f"Person {n}",
                "email": f"new{n}@example.org",
                "password1": "marigold tugboat quilt",
                "password2": "marigold tugboat quilt",
            },
            REMOTE_ADDR="203.0.113.5",
        )

    assert sign_up(1).status_code == 302 and sign_up(2).status_code == 302
    page = sign_up(3).content.decode()
    assert "You have tried to make too many accounts" in page and "Wait 60 minutes" in page
    assert not User.objects.filter(email="new3@example.org").exists()


@pytest.mark.django_db
@override_settings(
    ATTEMPT_LIMITS={
        **throttle.settings.ATTEMPT_LIMITS,
        "password-reset": {"email": (2, 60), "network": (20, 60)},
    }
)
def test_reset_links_for_one_address_are_limited(client):
    UserFactory(email="ruth@example.org")
    for _ in range(2):
        assert client.post(RESET, {"email": "ruth@example.org"}).status_code == 302
    page = client.post(RESET, {"email": "ruth@example.org"}).content.decode()
    assert "You have asked for too many links" in page
    assert len(mail.outbox) == 2
