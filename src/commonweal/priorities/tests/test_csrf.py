"""Every form that changes something is refused without its CSRF token."""

import pytest
from django.test import Client
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY

from commonweal.needs.models import StatusChange
from commonweal.priorities.models import PriorityRound
from commonweal.priorities.tests.conftest import cast_ballots
from commonweal.testing.factories import UserFactory, confirmed_totp_device

pytestmark = pytest.mark.django_db


def strict_client(user) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    if user.needs_two_factor:
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = confirmed_totp_device(user).persistent_id
        session.save()
    return client


def test_posts_without_a_token_are_refused(staff, make_round, riverside, council, needs):
    draft = make_round(status=PriorityRound.Status.DRAFT)
    published = make_round(status=PriorityRound.Status.PUBLISHED, closes_in_days=-1)
    client = strict_client(staff)
    posts = [
        (reverse("priorities:create", kwargs={"place_pk": riverside.pk}), {"title": "X"}),
        (reverse("priorities:open", kwargs={"pk": draft.pk}), {"reason": "Go"}),
        (
            reverse("priorities:prioritise", kwargs={"pk": published.pk}),
            {"needs": [needs[0].pk], "reason": "Go"},
        ),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 403, url
    draft.refresh_from_db()
    assert draft.status == PriorityRound.Status.DRAFT
    assert PriorityRound.objects.count() == 2
    assert not StatusChange.objects.exists()


def test_a_vote_without_a_token_is_refused(make_round, needs):
    round_ = make_round(eligibility=PriorityRound.Eligibility.SIGNED_IN)
    response = strict_client(UserFactory()).post(
        reverse("priorities:vote", kwargs={"pk": round_.pk}), {"needs": [needs[0].pk]}
    )
    assert response.status_code == 403
    assert not cast_ballots().exists()
