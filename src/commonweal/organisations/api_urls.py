from django.urls import path

from commonweal.organisations import api

# Included into the API's own namespace ("api"), before its catch-all.
urlpatterns = [
    path("organisations/", api.OrganisationListView.as_view(), name="organisation-list"),
    path(
        "organisations/<slug:slug>/",
        api.OrganisationDetailView.as_view(),
        name="organisation-detail",
    ),
    path(
        "organisations/<slug:slug>/members/",
        api.OrganisationMembersView.as_view(),
        name="organisation-members",
    ),
]
