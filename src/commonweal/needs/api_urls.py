from django.urls import path

from commonweal.needs import api

# Included into the API's own namespace ("api"), before its catch-all.
urlpatterns = [
    path("needs/", api.NeedListView.as_view(), name="need-list"),
    path("needs/<int:pk>/", api.NeedDetailView.as_view(), name="need-detail"),
    path("needs/<int:pk>/evidence/", api.NeedEvidenceView.as_view(), name="need-evidence"),
]
