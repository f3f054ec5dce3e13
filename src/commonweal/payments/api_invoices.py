"""The API's invoice endpoints, for both sides of an agreement only: its invoices (the provider's
people send them), one invoice, each step (the payer disputes, resolves, approves and pays; the
provider corrects and waives late payment charges), and its schedule of payments. Refusals are a
400 naming the field, as the pages show them."""

from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from commonweal.agreements import permissions as agreement_permissions
from commonweal.agreements.models import Agreement
from commonweal.core.api.pagination import ApiPagination
from commonweal.core.api.views import (
    FIELD_ERRORS,
    FORBIDDEN,
    NOT_SIGNED_IN,
    ApiViewMixin,
    not_found,
)
from commonweal.core.forms import ID_RANGE
from commonweal.organisations.models import Organisation
from commonweal.payments import permissions_invoices as permissions
from commonweal.payments import schedules, selectors_invoices, services_invoices
from commonweal.payments.models import Invoice, ScheduledPayment
from commonweal.payments.serializers_invoices import (
    ApproveSerializer,
    DisputeSerializer,
    InvoiceCorrectSerializer,
    InvoiceReceiveSerializer,
    InvoiceSerializer,
    PaySerializer,
    ScheduleCreateSerializer,
    ScheduledPaymentSerializer,
    WaiveSerializer,
)

TAGS = ["Paying on time"]
AGREEMENT_ID = OpenApiParameter(
    "id", OpenApiTypes.INT, OpenApiParameter.PATH, description=_("The agreement's number.")
)
INVOICE_ID = OpenApiParameter(
    "id", OpenApiTypes.INT, OpenApiParameter.PATH, description=_("The invoice's number.")
)


def _agreement(request, pk: int) -> Agreement:
    agreement = selectors_invoices.agreement_get(pk) if pk in ID_RANGE else None
    if agreement is None:
        raise NotFound(_g("There is no agreement with the number %(id)s.") % {"id": pk})
    if not permissions.can_see(request.user, agreement):
        raise PermissionDenied(_g("Only the agreement's two sides see its invoices."))
    return agreement


def _invoice(request, pk: int) -> Invoice:
    invoice = selectors_invoices.invoice_get(pk) if pk in ID_RANGE else None
    if invoice is None:
        raise NotFound(_g("There is no invoice with the number %(id)s.") % {"id": pk})
    if not permissions.can_see(request.user, invoice.agreement):
        raise PermissionDenied(_g("Only the agreement's two sides see its invoices."))
    return invoice


class AgreementInvoicesView(ApiViewMixin, generics.ListAPIView):
    serializer_class = InvoiceSerializer
    pagination_class = ApiPagination
    permission_classes = [IsAuthenticated]
    queryset = Invoice.objects.none()

    @extend_schema(
        summary=_("List an agreement's invoices"),
        description=_(
            "Every invoice on the agreement, the latest received first, corrected ones kept. For "
            "the agreement's two sides only. 50 to a page."
        ),
        parameters=[AGREEMENT_ID],
        responses={
            200: OpenApiResponse(
                InvoiceSerializer(many=True), description=_("A page of invoices.")
            ),
            401: NOT_SIGNED_IN,
            403: FORBIDDEN,
            404: not_found(
                _(
                    "There is no such agreement, or no page with that number: it is past the "
                    "last page. The first page always exists."
                )
            ),
        },
        tags=TAGS,
    )
    def get(self, request, *args, **kwargs):
        return self.list(request, *args, **kwargs)

    def get_queryset(self):
        return selectors_invoices.agreement_invoices(_agreement(self.request, self.kwargs["pk"]))

    @extend_schema(
        summary=_("Send an invoice"),
        description=_(
            "For the provider's people. Refused before the agreement starts, more than three "
            "months after it ends, from the future, or with the number of another live invoice "
            "on the agreement. It is due the agreement's payment terms after it was sent."
        ),
        parameters=[AGREEMENT_ID],
        request=InvoiceReceiveSerializer,
        responses={
            201: OpenApiResponse(InvoiceSerializer, description=_("The invoice.")),
            400: FIELD_ERRORS,
            401: NOT_SIGNED_IN,
            403: FORBIDDEN,
            404: not_found(_("There is no such agreement, scheduled payment or member.")),
        },
        tags=TAGS,
    )
    def post(self, request, pk: int):
        agreement = _agreement(request, pk)
        if not permissions.can_send(request.user, agreement):
            raise PermissionDenied(_g("Only the provider's people may send an invoice."))
        given = InvoiceReceiveSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        data = given.validated_data
        scheduled = None
        if data.get("scheduled"):
            scheduled = ScheduledPayment.objects.filter(
                pk=data["scheduled"], agreement=agreement
            ).first()
            if scheduled is None:
                raise NotFound(_g("There is no scheduled payment with that number here."))
        provider = None
        if data.get("provider"):
            provider = Organisation.objects.filter(
                pk__in=agreement_permissions.provider_ids(agreement) & {data["provider"]}
            ).first()
            if provider is None:
                raise NotFound(_g("There is no providing member with that number here."))
        made = services_invoices.invoice_receive(
            actor=request.user,
            agreement=agreement,
            number=data["number"],
            description=data["description"],
            amount=data["amount"],
            received_on=data["received_on"],
            scheduled=scheduled,
            provider=provider,
        )
        return Response(InvoiceSerializer(made).data, status=201)


class InvoiceView(ApiViewMixin, generics.GenericAPIView):
    serializer_class = InvoiceSerializer
    permission_classes = [IsAuthenticated]
    queryset = Invoice.objects.none()

    @extend_schema(
        summary=_("Get an invoice"),
        description=_(
            "One invoice: its days, status, dispute, payment, late payment interest and "
            "compensation (stored when paid) and waiver. For the agreement's two sides only."
        ),
        parameters=[INVOICE_ID],
        responses={
            200: OpenApiResponse(InvoiceSerializer, description=_("The invoice.")),
            401: NOT_SIGNED_IN,
            403: FORBIDDEN,
            404: not_found(_("There is no such invoice.")),
        },
        tags=TAGS,
    )
    def get(self, request, pk: int):
        return Response(InvoiceSerializer(_invoice(request, pk)).data)


def _step_view(name, *, summary, description, request_serializer, allowed, run, status=200):
    """An endpoint for one step on an invoice: checked input, the service, the invoice after."""

    class StepView(ApiViewMixin, generics.GenericAPIView):
        serializer_class = InvoiceSerializer
        permission_classes = [IsAuthenticated]
        queryset = Invoice.objects.none()

        @extend_schema(
            summary=summary,
            description=description,
            parameters=[INVOICE_ID],
            request=request_serializer,
            responses={
                status: OpenApiResponse(InvoiceSerializer, description=_("The invoice after.")),
                400: FIELD_ERRORS,
                401: NOT_SIGNED_IN,
                403: FORBIDDEN,
                404: not_found(_("There is no such invoice.")),
            },
            tags=TAGS,
            operation_id=f"invoice_{name}",
        )
        def post(self, request, pk: int):
            invoice = _invoice(request, pk)
            if not allowed(request.user, invoice.agreement):
                raise PermissionDenied(_g("This step is for the other side of the agreement."))
            data = {}
            if request_serializer is not None:
                given = request_serializer(data=request.data)
                given.is_valid(raise_exception=True)
                data = dict(given.validated_data)
            result = run(request.user, invoice, data)
            after = result if isinstance(result, Invoice) else result.invoice
            return Response(InvoiceSerializer(after).data, status=status)

    StepView.__name__ = StepView.__qualname__ = f"Invoice{name.title()}View"
    return StepView


DisputeView = _step_view(
    "dispute",
    summary=_("Dispute an invoice"),
    description=_(
        "For the payer's side. Says what is disputed and the day the provider was told. It does "
        "not stop late payment interest on a valid invoice."
    ),
    request_serializer=DisputeSerializer,
    allowed=permissions.can_pay,
    run=lambda user, invoice, data: services_invoices.invoice_dispute(
        actor=user, invoice=invoice, **data
    ),
)
ResolveView = _step_view(
    "resolve",
    summary=_("Resolve a dispute"),
    description=_("For the payer's side: the invoice waits for approval again."),
    request_serializer=None,
    allowed=permissions.can_pay,
    run=lambda user, invoice, data: services_invoices.invoice_resolve(actor=user, invoice=invoice),
)
ApproveView = _step_view(
    "approve",
    summary=_("Approve an invoice for payment"),
    description=_("For the payer's side; not while it is disputed."),
    request_serializer=ApproveSerializer,
    allowed=permissions.can_pay,
    run=lambda user, invoice, data: services_invoices.invoice_approve(
        actor=user, invoice=invoice, **data
    ),
)
PayView = _step_view(
    "pay",
    summary=_("Record an invoice's payment"),
    description=_(
        "For the payer's side. Refused above what is due (the amount, with late payment interest "
        "and compensation unless the provider waived them) or below the invoice's amount. Stores "
        "the days to pay, whether it was late, and the interest and compensation."
    ),
    request_serializer=PaySerializer,
    allowed=permissions.can_pay,
    run=lambda user, invoice, data: services_invoices.invoice_pay(
        actor=user, invoice=invoice, **data
    ),
)
CorrectView = _step_view(
    "correct",
    summary=_("Correct an invoice"),
    description=_(
        "For the provider's people, before it is paid: a new invoice replaces it, and it is kept, "
        "marked as corrected. The new one is due from the day it was sent."
    ),
    request_serializer=InvoiceCorrectSerializer,
    allowed=permissions.can_send,
    run=lambda user, invoice, data: services_invoices.invoice_correct(
        actor=user, invoice=invoice, **data
    ),
    status=201,
)
WaiveView = _step_view(
    "waive",
    summary=_("Waive late payment charges"),
    description=_(
        "For the provider's people only (the charges are theirs to claim), with a reason."
    ),
    request_serializer=WaiveSerializer,
    allowed=permissions.can_send,
    run=lambda user, invoice, data: services_invoices.late_payment_waive(
        actor=user, invoice=invoice, **data
    ),
)


class ScheduleView(ApiViewMixin, generics.GenericAPIView):
    serializer_class = ScheduledPaymentSerializer
    permission_classes = [IsAuthenticated]
    queryset = ScheduledPayment.objects.none()

    @extend_schema(
        summary=_("Get an agreement's schedule of payments"),
        description=_("Every payment the agreement's schedule says is due. For both sides."),
        parameters=[AGREEMENT_ID],
        responses={
            200: OpenApiResponse(
                ScheduledPaymentSerializer(many=True), description=_("The payments.")
            ),
            401: NOT_SIGNED_IN,
            403: FORBIDDEN,
            404: not_found(_("There is no such agreement.")),
        },
        tags=TAGS,
    )
    def get(self, request, pk: int):
        agreement = _agreement(request, pk)
        rows = selectors_invoices.schedule_of(agreement)
        return Response(ScheduledPaymentSerializer(rows, many=True).data)

    @extend_schema(
        summary=_("Work out an agreement's schedule of payments"),
        description=_(
            "For those who run the agreement: from its value, dates and payment profile, to the "
            "penny. Milestones are needed when it is paid by milestone. Replaces a schedule no "
            "invoice claims yet."
        ),
        parameters=[AGREEMENT_ID],
        request=ScheduleCreateSerializer,
        responses={
            201: OpenApiResponse(
                ScheduledPaymentSerializer(many=True), description=_("The payments.")
            ),
            400: FIELD_ERRORS,
            401: NOT_SIGNED_IN,
            403: FORBIDDEN,
            404: not_found(_("There is no such agreement.")),
        },
        tags=TAGS,
    )
    def post(self, request, pk: int):
        agreement = _agreement(request, pk)
        if not agreement_permissions.can_manage(request.user, agreement):
            raise PermissionDenied(_g("Only those who run this agreement may set its schedule."))
        given = ScheduleCreateSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        milestones = [
            schedules.Milestone(row["title"], row["reached_on"], row["weight"])
            for row in given.validated_data.get("milestones", [])
        ]
        made = services_invoices.schedule_create(
            actor=request.user, agreement=agreement, milestones=milestones or None
        )
        return Response(ScheduledPaymentSerializer(made, many=True).data, status=201)
