"""Included into the API's own namespace ("api"), before its catch-all: one module of routes for
each step of a competition."""

from django.urls import include, path

from commonweal.competitions import (
    api_urls_award,
    api_urls_bids,
    api_urls_evaluation,
    api_urls_opportunities,
    api_urls_questions,
)

urlpatterns = [
    path("", include(api_urls_opportunities.urlpatterns)),
    path("", include(api_urls_questions.urlpatterns)),
    path("", include(api_urls_bids.urlpatterns)),
    path("", include(api_urls_evaluation.urlpatterns)),
    path("", include(api_urls_award.urlpatterns)),
]
