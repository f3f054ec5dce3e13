from django.urls import path

from commonweal.places import views

app_name = "places"
urlpatterns = [
    path("", views.place_list, name="list"),
    path("<slug:slug>/", views.place_detail, name="detail"),
]
