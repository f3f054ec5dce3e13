"""Pages: invoices, the schedule of payments and a provider's cash flow (see views_invoices.py)."""

from django.urls import path

from commonweal.payments import views_invoices as views

urlpatterns: list = [
    path("agreements/<int:pk>/invoices/", views.agreement_invoices, name="agreement-invoices"),
    path("agreements/<int:pk>/invoices/new/", views.invoice_new, name="invoice-new"),
    path("agreements/<int:pk>/schedule/", views.schedule, name="schedule"),
    path("invoices/<int:pk>/", views.invoice, name="invoice"),
    path("invoices/<int:pk>/dispute/", views.invoice_dispute, name="invoice-dispute"),
    path("invoices/<int:pk>/resolve/", views.invoice_resolve, name="invoice-resolve"),
    path("invoices/<int:pk>/approve/", views.invoice_approve, name="invoice-approve"),
    path("invoices/<int:pk>/pay/", views.invoice_pay, name="invoice-pay"),
    path("invoices/<int:pk>/correct/", views.invoice_correct, name="invoice-correct"),
    path("invoices/<int:pk>/waive/", views.late_payment_waive, name="invoice-waive"),
    path("providers/<slug:slug>/cash-flow/", views.provider_cash_flow, name="cash-flow"),
]
