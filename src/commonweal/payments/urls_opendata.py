"""Pages: publishing an agreement's payments as open data (see views_opendata.py)."""

from django.urls import path

from commonweal.payments import views_opendata as views

urlpatterns: list = [
    path(
        "agreements/<int:pk>/open-data/publish/",
        views.implementation_publish,
        name="implementation-publish",
    ),
]
