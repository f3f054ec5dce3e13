"""Pages: evaluation (see views_evaluation.py)."""

from django.urls import path

from commonweal.competitions import views_evaluation as views

urlpatterns: list = [
    path("<int:pk>/evaluation/", views.evaluation, name="evaluation"),
    path("<int:pk>/evaluation/panel/", views.evaluators, name="evaluators"),
    path("<int:pk>/evaluation/conflicts/", views.conflicts, name="conflicts"),
    path("<int:pk>/evaluation/bids/<int:bid_pk>/", views.score, name="score"),
    path(
        "<int:pk>/evaluation/bids/<int:bid_pk>/documents/<int:document_pk>/",
        views.bid_document,
        name="bid-document",
    ),
    path("<int:pk>/evaluation/moderation/", views.moderation, name="moderation"),
    path(
        "<int:pk>/evaluation/moderation/<int:bid_pk>/<int:criterion_pk>/",
        views.moderate,
        name="moderate",
    ),
    path("<int:pk>/evaluation/results/", views.results_page, name="results"),
    path("<int:pk>/evaluation/low-bids/", views.low_bids_page, name="low-bids"),
    path("<int:pk>/evaluation/low-bids/<int:bid_pk>/", views.low_bid_decide, name="low-bid-decide"),
    path(
        "<int:pk>/low-bid-explanation/<int:bid_pk>/", views.low_bid_explain, name="low-bid-explain"
    ),
]
