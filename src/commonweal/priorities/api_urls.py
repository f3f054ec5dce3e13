from django.urls import path

from commonweal.priorities import api

# Included into the API's own namespace ("api"), before its catch-all.
urlpatterns = [
    path("rounds/", api.RoundListView.as_view(), name="round-list"),
    path("rounds/<int:pk>/", api.RoundDetailView.as_view(), name="round-detail"),
]
