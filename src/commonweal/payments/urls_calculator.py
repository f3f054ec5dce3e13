"""The late-payment calculator: a page anyone can use, without an account."""

from django.urls import path

from commonweal.payments import views_calculator

app_name = "late_payment"
urlpatterns = [
    path("", views_calculator.calculator, name="calculator"),
]
