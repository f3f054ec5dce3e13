"""The API route for importing existing contracts."""

from django.urls import path

from commonweal.agreements import api_import

urlpatterns = [
    path("agreements/import/", api_import.ContractsImportView.as_view(), name="agreements-import"),
]
