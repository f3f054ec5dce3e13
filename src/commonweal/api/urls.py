"""The JSON API under /api/, its OpenAPI document and its documentation page."""

from django.urls import path, re_path

from commonweal.api import docs, views

app_name = "api"
urlpatterns = [
    path("", docs.docs, name="docs"),
    path("openapi.json", views.SchemaView.as_view(), name="schema"),
    path("me/", views.MeView.as_view(), name="me"),
    path("places/", views.PlaceListView.as_view(), name="place-list"),
    path("places/<slug:slug>/", views.PlaceDetailView.as_view(), name="place-detail"),
    path("organisations/", views.OrganisationListView.as_view(), name="organisation-list"),
    path("organisations/<slug:slug>/", views.OrganisationDetailView.as_view(), name="organisation-detail"),
    path("organisations/<slug:slug>/members/", views.OrganisationMembersView.as_view(), name="organisation-members"),
    # Last: anything else under /api/ is a JSON 404, never the HTML page.
    re_path(r"^(?P<unknown>.*)$", views.not_found, name="not-found"),
]
