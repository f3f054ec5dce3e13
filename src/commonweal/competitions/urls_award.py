"""Pages: award (see views_award.py)."""

from django.urls import path

from commonweal.competitions import views_award as views

urlpatterns: list = [
    path("<int:pk>/award/", views.award, name="award"),
    path("<int:pk>/award/decide/", views.award_decide, name="award-decide"),
    path("<int:pk>/award/contract/", views.contract_details, name="contract-details"),
    path("<int:pk>/award/assessment/<int:bid_pk>/", views.assessment, name="assessment"),
    path("<int:pk>/grant-decisions/", views.grant_decisions, name="grant-decisions"),
    path("<int:pk>/grant-decisions/<int:bid_pk>/", views.grant_decide, name="grant-decide"),
]
