from django.urls import path

from commonweal.notifications import api

# Included into the API's own namespace ("api"), before its catch-all.
urlpatterns = [
    path("me/notifications/", api.NotificationListView.as_view(), name="notification-list"),
    path("me/notifications/read/", api.NotificationReadView.as_view(), name="notification-read"),
    path("me/follows/", api.FollowListView.as_view(), name="follow-list"),
    path(
        "me/follows/<slug:kind>/<int:object_id>/",
        api.FollowDetailView.as_view(),
        name="follow-detail",
    ),
    path("me/notification-choices/", api.ChoicesView.as_view(), name="notification-choices"),
]
