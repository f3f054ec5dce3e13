"""The error pages: in our style, and the 500 page without a database or context."""

import pytest
from django.test import RequestFactory

from commonweal.core import views

pytestmark = pytest.mark.django_db


def test_unknown_page_is_a_404_in_our_style(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_error_pages_render_without_a_database_or_context():
    request = RequestFactory().get("/")
    response = views.server_error(request)
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in response.content.decode()
    assert "Crown" not in response.content.decode()
