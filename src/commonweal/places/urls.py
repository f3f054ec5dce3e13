from django.urls import path

from commonweal.places import views

# The "places" namespace also holds a place's own page (places:detail), which gathers from the
# apps above places and so is the home app's: commonweal/urls.py adds it here.
app_name = "places"
urlpatterns = [
    path("", views.place_list, name="list"),
]
