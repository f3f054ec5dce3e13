"""Included into the API's own namespace ("api"), before its catch-all: one module of routes for
each part of paying on time."""

from django.urls import include, path

from commonweal.payments import api_urls_calculator, api_urls_compliance, api_urls_invoices

urlpatterns = [
    path("", include(api_urls_calculator.urlpatterns)),
    path("", include(api_urls_compliance.urlpatterns)),
    path("", include(api_urls_invoices.urlpatterns)),
]
