from django.urls import include, path

from commonweal.commissioning import api, api_advisor, api_design

# Included into the API's own namespace ("api"), before its catch-all. The advisor's and the
# design pages' endpoints (api_advisor.py, api_design.py) have their own routes under plans/.
urlpatterns = [
    path("plans/", api.PlanListView.as_view(), name="plan-list"),
    path("plans/<int:pk>/", api.PlanDetailView.as_view(), name="plan-detail"),
    path("plans/", include(api_advisor.urlpatterns)),
    path("plans/", include(api_design.urlpatterns)),
]
