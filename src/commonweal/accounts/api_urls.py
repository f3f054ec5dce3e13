from django.urls import path

from commonweal.accounts import api

# Included into the API's own namespace ("api"), before its catch-all.
urlpatterns = [
    path("me/", api.MeView.as_view(), name="me"),
]
