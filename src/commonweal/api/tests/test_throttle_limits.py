"""The API's rate limits: a 429 says when to try again, the documentation says the limits, a token the
back office raised gets its own limit, and API_THROTTLE=off switches them off."""

import json
import os
import subprocess
import sys

import pytest
from django.core.cache import cache
from django.urls import reverse

from commonweal import settings as production
from commonweal.accounts.tokens import api_token_create, api_token_rate_set
from commonweal.api import schema
from commonweal.core.api.throttling import AnonRateThrottle, UserRateThrottle
from commonweal.testing.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = reverse("api:place-list")
SMALL = {"anon": "3/min", "user": "5/min"}


@pytest.fixture
def limits(monkeypatch):
    """Small limits, so a test reaches them quickly (the suite's settings switch them off)."""
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", SMALL)
    monkeypatch.setattr(UserRateThrottle, "THROTTLE_RATES", SMALL)
    cache.clear()
    yield
    cache.clear()


def calls(api, n, token=None) -> list:
    return [api.get(URL, token=token) for _ in range(n)]


def test_a_throttled_call_is_a_429_with_retry_after_in_whole_seconds_and_words(api, limits):
    answers = calls(api, 4)
    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    retry_after = answers[-1]["Retry-After"]
    assert retry_after.isdigit() and 1 <= int(retry_after) <= 60
    detail = answers[-1].json()["detail"]
    assert detail == f"Too many requests in a short time. Try again in {retry_after} seconds."


def test_a_signed_in_persons_limit_is_their_own(api, token_for, limits):
    key = token_for(UserFactory())
    assert [a.status_code for a in calls(api, 6, key)] == [200] * 5 + [429]
    # Someone else, with their own token, is not held back.
    assert api.get(URL, token=token_for(UserFactory())).status_code == 200


def test_a_token_the_back_office_raised_gets_its_limit_and_no_other_token_does(
    api, limits, back_office
):
    owner = UserFactory()
    raised, raised_key = api_token_create(user=owner, name="Dashboard")
    _usual, usual_key = api_token_create(user=owner, name="Script")
    api_token_rate_set(token=raised, rate_per_minute=8, actor=back_office)
    assert [a.status_code for a in calls(api, 9, raised_key)] == [200] * 8 + [429]
    # The owner's other token keeps the usual limit for a signed-in person.
    assert [a.status_code for a in calls(api, 6, usual_key)] == [200] * 5 + [429]


def test_switched_off_nothing_is_throttled(api, token_for, limits, settings):
    settings.API_THROTTLE = False
    key = token_for(UserFactory())
    assert {a.status_code for a in calls(api, 10)} == {200}
    assert {a.status_code for a in calls(api, 10, key)} == {200}


@pytest.mark.slow
def test_api_throttle_off_in_the_environment_switches_the_limits_off():
    def rates(value):
        env = {**os.environ, "API_THROTTLE": value, "COMMONWEAL_DEMO": "true"}
        code = (
            "import json; from commonweal import settings as s; "
            "print(json.dumps([s.API_THROTTLE, s.REST_FRAMEWORK['DEFAULT_THROTTLE_RATES']]))"
        )
        out = subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
        )
        return json.loads(out.stdout)

    assert rates("off") == [False, {"anon": None, "user": None}]
    assert rates("on") == [True, production.API_THROTTLE_RATES]


@pytest.fixture
def deployed_limits(monkeypatch):
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", production.API_THROTTLE_RATES)
    monkeypatch.setattr(UserRateThrottle, "THROTTLE_RATES", production.API_THROTTLE_RATES)
    schema._forget_built_schema()
    yield {scope: int(rate.split("/")[0]) for scope, rate in production.API_THROTTLE_RATES.items()}
    schema._forget_built_schema()


def test_the_document_and_the_docs_page_say_the_limits(client, deployed_limits):
    anon = f"{deployed_limits['anon']} requests a minute"
    user = f"{deployed_limits['user']} requests a minute"
    document = client.get(reverse("api:schema")).json()
    too_many = document["paths"]["/api/places/"]["get"]["responses"]["429"]["description"]
    assert anon in too_many and user in too_many and "higher limit" in too_many
    page = client.get(reverse("api:docs")).content.decode()
    assert anon in page and user in page and "higher limit" in page


def test_switched_off_the_docs_page_says_so(client, deployed_limits, settings):
    settings.API_THROTTLE = False
    page = client.get(reverse("api:docs")).content.decode()
    assert "switched the API&#x27;s rate limits off" in page
