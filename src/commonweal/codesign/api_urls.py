from django.urls import path

from commonweal.codesign import api

# Included into the API's own namespace ("api"), before its catch-all.
urlpatterns = [
    path("sessions/", api.SessionListView.as_view(), name="session-list"),
    path("sessions/<int:pk>/", api.SessionDetailView.as_view(), name="session-detail"),
]
