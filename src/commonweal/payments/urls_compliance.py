"""Pages: payment performance (see views_compliance.py)."""

from django.urls import path

from commonweal.payments import views_compliance as views

urlpatterns: list = [
    path("compliance/<slug:slug>/", views.report, name="compliance"),
    path("compliance/<slug:slug>/report.csv", views.report_csv, name="compliance-csv"),
    path("places/<slug:slug>/", views.place_record, name="place-record"),
]
