"""API routes: opportunities (see api_opportunities.py)."""

from django.urls import path

from commonweal.competitions import api_opportunities as api

urlpatterns = [
    path("opportunities/", api.OpportunityListView.as_view(), name="opportunity-list"),
    path("opportunities/<int:pk>/", api.OpportunityDetailView.as_view(), name="opportunity-detail"),
    path(
        "opportunities/<int:pk>/interest/", api.InterestView.as_view(), name="opportunity-interest"
    ),
]
