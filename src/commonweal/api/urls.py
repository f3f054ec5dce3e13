"""The JSON API under /api/, its OpenAPI document and its documentation page."""

from django.urls import include, path, re_path

from commonweal.api import audit, docs, views, views_cycle

app_name = "api"
urlpatterns = [
    path("", docs.docs, name="docs"),
    path("openapi.json", views.SchemaView.as_view(), name="schema"),
    path("me/", views.MeView.as_view(), name="me"),
    path("places/", views.PlaceListView.as_view(), name="place-list"),
    path("places/<slug:slug>/", views.PlaceDetailView.as_view(), name="place-detail"),
    path("organisations/", views.OrganisationListView.as_view(), name="organisation-list"),
    path(
        "organisations/<slug:slug>/",
        views.OrganisationDetailView.as_view(),
        name="organisation-detail",
    ),
    path(
        "organisations/<slug:slug>/members/",
        views.OrganisationMembersView.as_view(),
        name="organisation-members",
    ),
    path("needs/", views_cycle.NeedListView.as_view(), name="need-list"),
    path("needs/<int:pk>/", views_cycle.NeedDetailView.as_view(), name="need-detail"),
    path("needs/<int:pk>/evidence/", views_cycle.NeedEvidenceView.as_view(), name="need-evidence"),
    path("sessions/", views_cycle.SessionListView.as_view(), name="session-list"),
    path("sessions/<int:pk>/", views_cycle.SessionDetailView.as_view(), name="session-detail"),
    path("rounds/", views_cycle.RoundListView.as_view(), name="round-list"),
    path("rounds/<int:pk>/", views_cycle.RoundDetailView.as_view(), name="round-detail"),
    path("frameworks/", views_cycle.FrameworkListView.as_view(), name="framework-list"),
    path(
        "frameworks/<slug:slug>/",
        views_cycle.FrameworkDetailView.as_view(),
        name="framework-detail",
    ),
    path("audit/checkpoints/", audit.AuditCheckpointListView.as_view(), name="audit-checkpoints"),
    path("", include("commonweal.participation.api_urls")),
    path("", include("commonweal.panels.api_urls")),
    # Last: anything else under /api/ is a JSON 404, never the HTML page.
    re_path(r"^(?P<unknown>.*)$", views.not_found, name="not-found"),
]
