"""Whole pages kept for people who are not signed in (core/responsecache.py): served again without
the view, stale as soon as anything recorded changes, and never kept for or served to anyone signed in."""

import pytest
from django.test import Client
from django.urls import reverse

from commonweal.places.models import Place

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _switched_on(settings):
    settings.ANONYMOUS_CACHE_SECONDS = 60


@pytest.fixture
def place_page(riverside):
    return reverse("places:detail", kwargs={"slug": riverside.slug})


def _rename(place: Place, name: str, capture) -> None:
    """A recorded change, committed: the audit trail's sealer moves its head."""
    with capture(execute=True):
        place.name = name
        place.save()


def test_the_next_visitor_gets_the_same_page_without_the_view(
    client, place_page, django_assert_num_queries
):
    first = client.get(place_page)
    assert first.status_code == 200 and "Riverside" in first.content.decode()
    with django_assert_num_queries(1):  # the trail's head and the stamps, nothing else
        again = Client().get(place_page)
    assert again.status_code == 200
    assert again.content == first.content
    assert again["Content-Type"] == first["Content-Type"]
    # The headers added around every answer are there on a kept page too.
    assert again["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert again["X-Frame-Options"] == first["X-Frame-Options"] == "DENY"
    assert again["Content-Language"] == first["Content-Language"] == "en-gb"


def test_a_recorded_change_shows_to_the_next_visitor(
    client, riverside, place_page, django_capture_on_commit_callbacks
):
    client.get(place_page)
    _rename(riverside, "Riverside Borough", django_capture_on_commit_callbacks)
    assert "Riverside Borough" in client.get(place_page).content.decode()


def test_a_change_not_recorded_shows_when_the_kept_page_runs_out(client, riverside, place_page):
    from django.core.cache import caches

    client.get(place_page)
    Place.objects.filter(pk=riverside.pk).update(name="Quietly renamed")  # no signals, no entry
    assert "Quietly renamed" not in client.get(place_page).content.decode()
    caches["responses"].clear()  # what ANONYMOUS_CACHE_SECONDS does at the latest
    assert "Quietly renamed" in client.get(place_page).content.decode()


def test_a_signed_in_person_never_gets_a_kept_page_nor_leaves_one(
    client, sign_in, resident, place_page, django_assert_max_num_queries
):
    mine = sign_in(resident).get(place_page).content.decode()
    assert "Rita Resident" in mine or "Sign out" in mine
    anonymous = Client()
    public = anonymous.get(place_page).content.decode()
    assert "Sign out" not in public and "Rita Resident" not in public
    # Kept now; the signed-in person still gets their own page.
    again = client.get(place_page).content.decode()
    assert "Sign out" in again and again != public


def test_a_page_a_signed_in_person_saw_is_built_again_for_the_first_visitor(
    client, sign_in, resident, place_page, django_assert_max_num_queries
):
    sign_in(resident).get(place_page)
    queries = _queries_for(Client(), place_page)
    assert queries > 1  # nothing was kept from the signed-in person's page


def _queries_for(client: Client, path: str, **headers) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, **headers)
    assert response.status_code == 200
    return len(captured)


def test_a_page_with_a_form_is_never_kept():
    page = reverse("accounts:sign-in")
    for _ in range(2):
        response = Client().get(page)
        assert response.status_code == 200
        assert "csrftoken" in response.cookies  # each visitor gets their own form token


def test_each_address_is_a_page_of_its_own(client, place_page):
    client.get(place_page)
    assert _queries_for(Client(), place_page) == 1
    assert _queries_for(Client(), place_page + "?page=2") > 1


def test_each_language_is_a_page_of_its_own(rf, place_page):
    from commonweal.core.responsecache import _key

    english, welsh = rf.get(place_page), rf.get(place_page)
    english.LANGUAGE_CODE, welsh.LANGUAGE_CODE = "en-gb", "cy"
    assert _key(english) != _key(welsh)


def test_someone_with_a_message_waiting_gets_the_page_built_for_them(client, place_page):
    client.get(place_page)
    waiting = Client()
    waiting.cookies["messages"] = "anything"
    assert _queries_for(waiting, place_page) > 1


def test_the_api_is_never_kept(client, riverside):
    path = reverse("api:place-list")
    client.get(path)
    Place.objects.filter(pk=riverside.pk).update(name="Quietly renamed")
    assert "Quietly renamed" in Client().get(path).content.decode()


def test_switched_off_nothing_is_kept(settings, client, place_page):
    settings.ANONYMOUS_CACHE_SECONDS = 0
    client.get(place_page)
    assert _queries_for(Client(), place_page) > 1


def test_an_answer_too_big_to_keep_is_built_each_time(monkeypatch, client, place_page):
    from django.core.cache import caches

    from commonweal.core import responsecache

    size = len(client.get(place_page).content)
    caches["responses"].clear()
    monkeypatch.setattr(responsecache, "LARGEST", size - 1)
    client.get(place_page)
    assert _queries_for(Client(), place_page) > 1
