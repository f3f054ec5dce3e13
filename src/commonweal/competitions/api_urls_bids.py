"""API routes: a bidder's own bid (see api_bids.py)."""

from django.urls import path

from commonweal.competitions import api_bids

urlpatterns = [
    path("opportunities/<int:pk>/bid/", api_bids.BidView.as_view(), name="opportunity-bid"),
    path(
        "opportunities/<int:pk>/bid/submit/",
        api_bids.BidSubmitView.as_view(),
        name="opportunity-bid-submit",
    ),
    path(
        "opportunities/<int:pk>/bid/withdraw/",
        api_bids.BidWithdrawView.as_view(),
        name="opportunity-bid-withdraw",
    ),
]
