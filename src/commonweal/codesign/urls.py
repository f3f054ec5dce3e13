from django.urls import path

from commonweal.codesign.views import links, log, people, sessions

app_name = "codesign"
urlpatterns = [
    path("", sessions.session_list, name="list"),
    path("sessions/new/", sessions.session_create, name="create"),
    path("sessions/<int:pk>/", sessions.session_detail, name="session"),
    path("sessions/<int:pk>/edit/", sessions.session_edit, name="edit"),
    path("sessions/<int:pk>/participants/", people.session_participants, name="participants"),
    path(
        "sessions/<int:pk>/participants/<int:participant_id>/remove/",
        people.participant_remove,
        name="participant-remove",
    ),
    path("sessions/<int:pk>/decisions/new/", people.decision_record, name="decision-record"),
    path("sessions/<int:pk>/links/", links.session_links, name="links"),
    path(
        "sessions/<int:pk>/links/needs/<int:need_id>/remove/", links.need_unlink, name="need-unlink"
    ),
    path(
        "sessions/<int:pk>/links/outcomes/<int:outcome_id>/remove/",
        links.outcome_unlink,
        name="outcome-unlink",
    ),
    path("<slug:place_slug>/you-said-we-did/", log.you_said_we_did, name="you-said-we-did"),
]
