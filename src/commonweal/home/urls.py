"""The home app's pages, under the URL names they have always had.

They are gathered into other apps' namespaces by the top-level ``commonweal/urls.py``, so that
links, settings, bookmarks and tests keep working: ``core:home`` (/), ``core:dashboard``
(/dashboard/) and ``places:detail`` (/places/<slug>/, which ``Place.get_absolute_url`` uses).
"""

from django.urls import path

from commonweal.home import views

# Included under the "core" namespace, at the site's root.
core_urlpatterns = [
    path("", views.home, name="home"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("take-part/", views.take_part, name="take-part"),
]

# Included under the "places" namespace, after the places app's own list of places.
places_urlpatterns = [
    path("<slug:slug>/", views.place_detail, name="detail"),
]
