"""The JSON API under /api/: each app's routes (its api_urls.py), the OpenAPI document and the docs page."""

from django.urls import include, path, re_path

from commonweal.api import docs, views

app_name = "api"
urlpatterns = [
    path("", docs.docs, name="docs"),
    path("openapi.json", views.SchemaView.as_view(), name="schema"),
    # Each app's endpoints (its api.py), in the order the document has always listed them.
    path("", include("commonweal.accounts.api_urls")),
    path("", include("commonweal.notifications.api_urls")),
    path("", include("commonweal.places.api_urls")),
    path("", include("commonweal.organisations.api_urls")),
    path("", include("commonweal.needs.api_urls")),
    path("", include("commonweal.codesign.api_urls")),
    path("", include("commonweal.priorities.api_urls")),
    path("", include("commonweal.outcomes.api_urls")),
    path("", include("commonweal.core.api.urls")),
    path("", include("commonweal.participation.api_urls")),
    path("", include("commonweal.panels.api_urls")),
    path("", include("commonweal.commissioning.api_urls")),
    path("", include("commonweal.competitions.api_urls")),
    path("", include("commonweal.agreements.api_urls")),
    path("", include("commonweal.payments.api_urls")),
    path("", include("commonweal.opendata.api_urls")),
    # Last: anything else under /api/ is a JSON 404, never the HTML page.
    re_path(r"^(?P<unknown>.*)$", views.not_found, name="not-found"),
]
