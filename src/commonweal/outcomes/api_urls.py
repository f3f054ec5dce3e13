from django.urls import path

from commonweal.outcomes import api

# Included into the API's own namespace ("api"), before its catch-all.
urlpatterns = [
    path("frameworks/", api.FrameworkListView.as_view(), name="framework-list"),
    path("frameworks/<slug:slug>/", api.FrameworkDetailView.as_view(), name="framework-detail"),
]
