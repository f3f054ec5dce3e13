"""The OpenAPI document is built once per process and kept; clients revalidate it with its ETag."""

import pytest
from django.urls import reverse
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer2

from commonweal.api import schema

pytestmark = pytest.mark.django_db

URL = reverse("api:schema")


@pytest.fixture
def builds(monkeypatch):
    """How many times drf-spectacular's generator builds the document (it still builds it for real)."""
    calls = []
    real = SchemaGenerator.get_schema

    def counting(self, *args, **kwargs):
        calls.append(1)
        return real(self, *args, **kwargs)

    schema._forget_built_schema()
    monkeypatch.setattr(SchemaGenerator, "get_schema", counting)
    yield calls
    schema._forget_built_schema()


def test_two_requests_get_the_same_document_built_once(client, builds):
    first = client.get(URL)
    second = client.get(URL)
    assert first.status_code == second.status_code == 200
    assert first.content == second.content
    assert first["ETag"] == second["ETag"]
    # The docs page reads the same kept document.
    assert client.get(reverse("api:docs")).status_code == 200
    assert len(builds) == 1


def test_the_etag_is_strong_and_sending_it_back_is_a_304_with_no_body(client, builds):
    first = client.get(URL)
    etag = first["ETag"]
    assert etag.startswith('"') and not etag.startswith("W/")
    again = client.get(URL, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag


def test_an_old_etag_gets_the_whole_document(client, builds):
    response = client.get(URL, HTTP_IF_NONE_MATCH='"an-older-deploy"')
    assert response.status_code == 200
    assert response.content.startswith(b"{")


def test_the_kept_document_is_byte_for_byte_what_the_generator_writes(client, builds):
    served = client.get(URL).content
    fresh = SchemaGenerator().get_schema(request=None, public=True)
    renderer = OpenApiJsonRenderer2()
    assert served == renderer.render(fresh, renderer.media_type, {})


def test_a_changed_setting_builds_it_again(client, builds, settings):
    client.get(URL)
    settings.API_DOCS_EXAMPLE = "changed"  # any setting: the document depends on code and settings
    client.get(URL)
    assert len(builds) == 2


def test_the_docs_page_is_written_once_for_each_address(client, builds, monkeypatch):
    from commonweal.api import docs

    written = []
    real = docs.operations

    def counting(schema_):
        written.append(1)
        return real(schema_)

    monkeypatch.setattr(docs, "operations", counting)
    page = reverse("api:docs")
    first = client.get(page).content.decode()
    assert client.get(page).content.decode() == first
    assert len(written) == 1
    assert "http://testserver/api/me/" in first  # the curl example uses the site's own address
    elsewhere = client.get(page, HTTP_HOST="localhost").content.decode()
    assert "http://localhost/api/me/" in elsewhere
    assert len(written) == 2
