"""The register's filters and page of needs are kept in the pages cache (core/pagecache.py) for
everyone who asks the same: each change that moves what the page shows is seen at once, a search by
words is never kept, and nothing personal is kept."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from commonweal.needs import services
from commonweal.needs.tests.conftest import raise_need
from commonweal.testing.factories import UserFactory

pytestmark = pytest.mark.django_db

REGISTER = reverse("needs:list")


def needs_queried(client, path: str = REGISTER) -> bool:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return any('FROM "needs_need"' in query["sql"] for query in captured.captured_queries)


@pytest.fixture
def need(raiser, ward):
    return raise_need(raiser, ward, title="Nowhere to meet")


def test_the_same_page_is_not_built_twice(client, need):
    assert needs_queried(client)
    assert not needs_queried(client)
    assert needs_queried(client, REGISTER + "?sort=supported")  # another query, its own page


def test_a_search_by_words_is_built_each_time(client, need):
    path = REGISTER + "?q=meet"
    assert needs_queried(client, path) and needs_queried(client, path)
    assert "Nowhere to meet" in client.get(path).content.decode()


def test_a_new_need_a_changed_title_and_a_supporter_show_at_once(client, need, raiser, ward):
    client.get(REGISTER)
    raise_need(raiser, ward, title="No bus after six")
    assert "No bus after six" in client.get(REGISTER).content.decode()
    services.need_update(need=need, actor=raiser, reason="Clearer", title="Nowhere warm to meet")
    assert "Nowhere warm to meet" in client.get(REGISTER).content.decode()
    assert "0 people say this affects them" in client.get(REGISTER).content.decode()
    neighbour = UserFactory(full_name="Nia Neighbour")
    services.need_support(need=need, user=neighbour)
    page = client.get(REGISTER).content.decode()
    assert "1 person says this affects them" in page
    services.need_unsupport(need=need, user=neighbour)
    assert "0 people say this affects them" in client.get(REGISTER + "").content.decode()


def test_what_is_only_for_the_person_is_never_kept(client, sign_in, need, raiser):
    sign_in(raiser)
    mine = client.get(REGISTER).content.decode()
    assert "Raise a need" in mine  # a confirmed email may raise one
    client.logout()
    theirs = client.get(REGISTER).content.decode()
    assert "Raise a need" not in theirs and "Nowhere to meet" in theirs
