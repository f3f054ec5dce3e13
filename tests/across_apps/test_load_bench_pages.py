"""The load benchmark's list of pages (bench/load_pages.py) cannot rot: every URL is in it or left out
for a reason, and every page it drives answers 200 to the person it drives it as, signed in the way
the benchmark signs people in. Nothing here is timed (timings live in bench/load.py)."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

import load_pages

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    from commonweal.demo import services

    services.demo_load()


def test_every_url_is_driven_or_left_out_for_a_reason():
    names = set(load_pages.url_names())
    assert load_pages.unlisted() == []
    assert not set(load_pages.DRIVEN) & set(load_pages.NOT_DRIVEN)
    # Nothing listed that no longer exists.
    assert set(load_pages.DRIVEN) - names == set()
    assert set(load_pages.NOT_DRIVEN) - names == set()


def test_every_driven_page_answers_200_to_the_person_it_is_driven_as(demo, client):
    targets = load_pages.targets()
    roles = {target.role for target in targets}
    # Every kind of person the benchmark signs in as, and the public.
    assert roles == {load_pages.ANONYMOUS, load_pages.TOKEN, *load_pages.PEOPLE}
    assert {target.name for target in targets} == set(load_pages.DRIVEN)
    headers = load_pages.credentials(roles)
    failures = []
    for target in targets:
        client.cookies.clear()
        extra = {}
        for header, value in headers[target.role].items():
            if header == "Cookie":
                name, _equals, key = value.partition("=")
                client.cookies[name] = key
            else:
                extra["HTTP_" + header.upper().replace("-", "_")] = value
        response = client.get(target.path, **extra)
        if response.status_code != 200:
            failures.append(f"{target.label} {target.path}: {response.status_code}")
    assert failures == []


def test_a_person_signed_in_by_the_benchmark_is_who_it_says(demo, client):
    """The made-up session is a real sign-in, past the second factor for staff."""
    from django.conf import settings
    from django.urls import reverse

    commissioner = load_pages.person(load_pages.COMMISSIONER)
    assert commissioner.needs_two_factor
    client.cookies[settings.SESSION_COOKIE_NAME] = load_pages.session_key_for(commissioner)
    response = client.get(reverse("api:me"))
    assert response.status_code == 200
    assert response.json()["email"] == commissioner.email
