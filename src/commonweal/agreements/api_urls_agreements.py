"""API routes: agreements themselves (see api_agreements.py)."""

from django.urls import path

from commonweal.agreements import api_agreements as api

urlpatterns = [
    path("agreements/", api.AgreementListView.as_view(), name="agreement-list"),
    path("agreements/<int:pk>/", api.AgreementDetailView.as_view(), name="agreement-detail"),
    path(
        "agreements/<int:pk>/variations/",
        api.VariationCreateView.as_view(),
        name="agreement-variations",
    ),
]
