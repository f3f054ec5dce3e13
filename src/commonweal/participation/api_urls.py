from django.urls import path

from commonweal.participation import api

# Included into the API's own namespace ("api"), before its catch-all.
urlpatterns = [
    path("budgets/", api.BudgetRoundListView.as_view(), name="budget-list"),
    path("budgets/<int:pk>/", api.BudgetRoundDetailView.as_view(), name="budget-detail"),
    path("budgets/<int:pk>/projects/", api.ProjectListView.as_view(), name="budget-projects"),
    path("budgets/<int:pk>/my-ballot/", api.MyBallotView.as_view(), name="budget-my-ballot"),
    path("budgets/<int:pk>/results/", api.ResultsView.as_view(), name="budget-results"),
]
