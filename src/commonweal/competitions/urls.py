"""The pages of tenders and grant rounds, one module of routes for each step (each owns its views)."""

from django.urls import include, path

from commonweal.competitions import (
    urls_award,
    urls_bids,
    urls_evaluation,
    urls_opportunities,
    urls_questions,
)

app_name = "competitions"
urlpatterns = [
    path("", include(urls_opportunities.urlpatterns)),
    path("", include(urls_questions.urlpatterns)),
    path("", include(urls_bids.urlpatterns)),
    path("", include(urls_evaluation.urlpatterns)),
    path("", include(urls_award.urlpatterns)),
]
