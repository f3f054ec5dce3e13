from django.urls import path

from commonweal.commissioning import api

# Included into the API's own namespace ("api"), before its catch-all. The advisor's and the
# design pages' endpoints (api_advisor.py, api_design.py) add their own routes under plans/.
urlpatterns = [
    path("plans/", api.PlanListView.as_view(), name="plan-list"),
    path("plans/<int:pk>/", api.PlanDetailView.as_view(), name="plan-detail"),
]
