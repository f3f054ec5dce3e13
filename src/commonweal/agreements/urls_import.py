"""Importing existing contracts from a CSV file, and the template file."""

from django.urls import path

from commonweal.agreements import views_import

urlpatterns = [
    path("import/", views_import.contracts_import, name="import"),
    path("import/template.csv", views_import.contracts_template, name="import-template"),
]
