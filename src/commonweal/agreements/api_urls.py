"""Included into the API's own namespace ("api"), before its catch-all: one module of routes for
each step of an agreement."""

from django.urls import include, path

from commonweal.agreements import api_urls_agreements, api_urls_alliance, api_urls_import

urlpatterns = [
    path("", include(api_urls_agreements.urlpatterns)),
    path("", include(api_urls_import.urlpatterns)),
    path("", include(api_urls_alliance.urlpatterns)),
]
