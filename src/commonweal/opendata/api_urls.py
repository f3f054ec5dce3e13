from django.urls import path

from commonweal.opendata import api

# Included into the API's own namespace ("api"), before its catch-all.
urlpatterns = [
    path("ocds/releases/", api.ReleaseListView.as_view(), name="ocds-release-list"),
    path(
        "ocds/releases/<str:release_id>/",
        api.ReleaseDetailView.as_view(),
        name="ocds-release-detail",
    ),
    path("ocds/records/<str:ocid>/", api.RecordDetailView.as_view(), name="ocds-record-detail"),
]
