"""Pages: a provider's own bid (see views_bids.py), under /opportunities/<pk>/bid/."""

from django.urls import path

from commonweal.competitions import views_bids, views_bids_sections

urlpatterns = [
    path("<int:pk>/bid/", views_bids.bid, name="bid"),
    path("<int:pk>/bid/answers/<int:criterion_pk>/", views_bids.bid_answer, name="bid-answer"),
    path("<int:pk>/bid/documents/", views_bids.bid_documents, name="bid-documents"),
    path("<int:pk>/bid/submit/", views_bids.bid_submit, name="bid-submit"),
    path("<int:pk>/bid/receipt/", views_bids.bid_receipt, name="bid-receipt"),
    path("<int:pk>/bid/receipt/check/", views_bids.receipt_check, name="receipt-check"),
    path("<int:pk>/bid/withdraw/", views_bids.bid_withdraw, name="bid-withdraw"),
    path("<int:pk>/bid/<slug:section>/", views_bids_sections.bid_section, name="bid-section"),
]
