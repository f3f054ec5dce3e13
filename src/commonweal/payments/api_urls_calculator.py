"""API routes: the late-payment calculator (see api_calculator.py)."""

from django.urls import path

from commonweal.payments import api_calculator as api

urlpatterns = [
    path("late-payment/", api.LatePaymentView.as_view(), name="late-payment"),
]
