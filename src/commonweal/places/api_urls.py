from django.urls import path

from commonweal.places import api

# Included into the API's own namespace ("api"), before its catch-all.
urlpatterns = [
    path("places/", api.PlaceListView.as_view(), name="place-list"),
    path("places/<slug:slug>/", api.PlaceDetailView.as_view(), name="place-detail"),
]
