"""The pages of agreements (each step adds its routes here)."""

from django.urls import include, path

app_name = "agreements"
urlpatterns: list = [
    path("", include("commonweal.agreements.urls_agreements")),
    path("", include("commonweal.agreements.urls_import")),
    path("", include("commonweal.agreements.urls_alliance")),
]
