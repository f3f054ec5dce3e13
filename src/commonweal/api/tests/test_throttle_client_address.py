"""The API's anonymous limit counts each real client, however many X-Forwarded-For values it makes up."""

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse

from commonweal import settings as production
from commonweal.core.api.throttling import AnonRateThrottle

pytestmark = pytest.mark.django_db

URL = reverse("api:place-list")
PRODUCTION_RATE = production.API_THROTTLE_RATES["anon"]  # "120/min"


@pytest.fixture(autouse=True)
def anonymous_limit(monkeypatch):
    """The deployed anonymous rate (the suite's settings turn limits off), with a fresh count."""
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": PRODUCTION_RATE})
    cache.clear()
    yield int(PRODUCTION_RATE.split("/")[0])
    cache.clear()


@override_settings(BEHIND_PROXY=0)
def test_made_up_forwarded_headers_from_one_address_still_hit_the_limit(client, anonymous_limit):
    statuses = [
        client.get(
            URL, REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR=f"10.{n // 250}.{n % 250}.1"
        ).status_code
        for n in range(400)
    ]
    assert statuses[:anonymous_limit] == [200] * anonymous_limit
    assert set(statuses[anonymous_limit:]) == {429}


@override_settings(BEHIND_PROXY=1)
def test_behind_one_proxy_two_real_clients_are_told_apart_and_cannot_spoof_past_it(
    client, anonymous_limit
):
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    # The first client uses up its allowance, making up a new address at the front of the header each time.
    spoofing = [
        client.get(URL, HTTP_X_FORWARDED_FOR=f"192.0.2.{n % 250}, 203.0.113.5", **proxy).status_code
        for n in range(anonymous_limit + 5)
    ]
    assert spoofing[:anonymous_limit] == [200] * anonymous_limit
    assert set(spoofing[anonymous_limit:]) == {429}
    # Another real client behind the same proxy is not held back by the first.
    assert client.get(URL, HTTP_X_FORWARDED_FOR="203.0.113.6", **proxy).status_code == 200
