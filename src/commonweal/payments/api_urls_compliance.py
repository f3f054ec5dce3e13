"""API routes: payment performance (see api_compliance.py)."""

from django.urls import path

from commonweal.payments import api_compliance as api

urlpatterns = [
    path(
        "organisations/<slug:slug>/payment-compliance/",
        api.ReportView.as_view(),
        name="payment-compliance",
    ),
    path(
        "organisations/<slug:slug>/payment-compliance/agreements/",
        api.ReportAgreementsView.as_view(),
        name="payment-compliance-agreements",
    ),
    path(
        "organisations/<slug:slug>/payment-compliance/large-payments/",
        api.ReportLargePaymentsView.as_view(),
        name="payment-compliance-large-payments",
    ),
    path(
        "places/<slug:slug>/payment-record/",
        api.PlaceRecordView.as_view(),
        name="place-payment-record",
    ),
    path(
        "places/<slug:slug>/payment-record/agreements/",
        api.PlaceAgreementsView.as_view(),
        name="place-payment-record-agreements",
    ),
]
