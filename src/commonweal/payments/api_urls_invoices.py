"""API routes: invoices and schedules of payments (see api_invoices.py)."""

from django.urls import path

from commonweal.payments import api_invoices as api
from commonweal.payments.api_cash_flow import CashFlowView

urlpatterns = [
    path(
        "agreements/<int:pk>/invoices/",
        api.AgreementInvoicesView.as_view(),
        name="agreement-invoices",
    ),
    path("agreements/<int:pk>/schedule/", api.ScheduleView.as_view(), name="agreement-schedule"),
    path("invoices/<int:pk>/", api.InvoiceView.as_view(), name="invoice"),
    path("invoices/<int:pk>/dispute/", api.DisputeView.as_view(), name="invoice-dispute"),
    path("invoices/<int:pk>/resolve/", api.ResolveView.as_view(), name="invoice-resolve"),
    path("invoices/<int:pk>/approve/", api.ApproveView.as_view(), name="invoice-approve"),
    path("invoices/<int:pk>/pay/", api.PayView.as_view(), name="invoice-pay"),
    path("invoices/<int:pk>/correct/", api.CorrectView.as_view(), name="invoice-correct"),
    path("invoices/<int:pk>/waive/", api.WaiveView.as_view(), name="invoice-waive"),
    path("organisations/<slug:slug>/cash-flow/", CashFlowView.as_view(), name="cash-flow"),
]
