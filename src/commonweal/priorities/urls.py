from django.urls import path

from commonweal.priorities import views

app_name = "priorities"
urlpatterns = [
    path("", views.round_list, name="list"),
    path("new/", views.round_create_place, name="create-place"),
    path("new/<int:place_pk>/", views.round_create, name="create"),
    path("<int:pk>/", views.round_detail, name="round"),
    path("<int:pk>/edit/", views.round_edit, name="edit"),
    path("<int:pk>/delete/", views.round_delete, name="delete"),
    path("<int:pk>/vote/", views.round_vote, name="vote"),
    path("<int:pk>/open/", views.round_status, {"action": "open"}, name="open"),
    path("<int:pk>/close/", views.round_status, {"action": "close"}, name="close"),
    path("<int:pk>/publish/", views.round_status, {"action": "publish"}, name="publish"),
    path("<int:pk>/prioritise/", views.round_prioritise, name="prioritise"),
]
