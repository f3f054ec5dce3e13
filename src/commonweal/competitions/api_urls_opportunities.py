"""API routes: opportunities (see api_opportunities.py)."""

from django.urls import path

from commonweal.competitions import api_opportunities as api
from commonweal.competitions import api_opportunities_write as write

urlpatterns = [
    # The list and one opportunity, with starting a draft (POST) and changing it (PATCH).
    path("opportunities/", write.OpportunityListStartView.as_view(), name="opportunity-list"),
    path(
        "opportunities/<int:pk>/",
        write.OpportunityDetailChangeView.as_view(),
        name="opportunity-detail",
    ),
    path(
        "opportunities/<int:pk>/interest/", api.InterestView.as_view(), name="opportunity-interest"
    ),
    path(
        "opportunities/<int:pk>/criteria/",
        write.CriterionListView.as_view(),
        name="opportunity-criteria",
    ),
    path(
        "opportunities/<int:pk>/criteria/<int:criterion_pk>/",
        write.CriterionDetailView.as_view(),
        name="opportunity-criterion",
    ),
    path(
        "opportunities/<int:pk>/publish/", write.PublishView.as_view(), name="opportunity-publish"
    ),
    path("opportunities/<int:pk>/cancel/", write.CancelView.as_view(), name="opportunity-cancel"),
]
