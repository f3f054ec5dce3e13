"""The pages of payments (each step adds its routes here)."""

from django.urls import include, path

from commonweal.payments import urls_compliance, urls_invoices, urls_opendata

app_name = "payments"
urlpatterns: list = [
    path("", include(urls_invoices.urlpatterns)),
    path("", include(urls_compliance.urlpatterns)),
    path("", include(urls_opendata.urlpatterns)),
]
