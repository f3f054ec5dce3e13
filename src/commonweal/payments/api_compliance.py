"""The API's payment performance endpoints: a payer's payments compliance report (its staff and the
back office), its figures per agreement and its payments over the threshold, a page at a time; and a
place's public record (how promptly each buyer paid, what was bought). Never an invoice's details in
the public record."""

from django.utils import timezone
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics
from rest_framework.exceptions import NotAuthenticated, NotFound, PermissionDenied
from rest_framework.response import Response

from commonweal.core.api.pagination import ApiPagination
from commonweal.core.api.views import (
    FIELD_ERRORS,
    FORBIDDEN,
    NOT_SIGNED_IN,
    SLUG,
    ApiViewMixin,
    not_found,
    valid_filters,
)
from commonweal.organisations.models import Organisation
from commonweal.payments import compliance
from commonweal.payments import selectors_compliance as selectors
from commonweal.payments.models import Invoice
from commonweal.payments.permissions_compliance import can_see_report
from commonweal.payments.serializers_compliance import (
    AgreementFiguresSerializer,
    LargePaymentSerializer,
    PeriodFilterSerializer,
    PlaceAgreementSerializer,
    PlaceRecordSerializer,
    ReportSerializer,
)
from commonweal.places.models import Place

TAGS = ["Payment performance"]
REPORT_ANSWERS = {
    400: FIELD_ERRORS,
    401: NOT_SIGNED_IN,
    403: FORBIDDEN,
    404: not_found(_("There is no organisation with that short name.")),
}
PAST_THE_LAST_PAGE = _(
    "or no page with that number: it is past the last page. The first page always exists."
)
REPORT_PAGE_ANSWERS = {
    **REPORT_ANSWERS,
    404: not_found(
        _("There is no organisation with that short name, %(page)s") % {"page": PAST_THE_LAST_PAGE}
    ),
}


def _report(request, slug: str) -> selectors.Report:
    commissioner = Organisation.objects.filter(slug=slug).first()
    if commissioner is None:
        raise NotFound(
            _g("There is no organisation with the short name “%(slug)s”.") % {"slug": slug}
        )
    if not request.user.is_authenticated:
        raise NotAuthenticated
    if not can_see_report(request.user, commissioner):
        raise PermissionDenied(_g("Only the payer's own staff may read its compliance report."))
    day = valid_filters(PeriodFilterSerializer, request).get("period") or timezone.localdate()
    period, jurisdiction = selectors.report_period(day, commissioner)
    return selectors.compliance_report(commissioner, period, jurisdiction)


class ReportView(ApiViewMixin, generics.GenericAPIView):
    serializer_class = ReportSerializer
    queryset = Invoice.objects.none()

    @extend_schema(
        summary=_("Get a payer's payments compliance report"),
        description=_(
            "For one six-month reporting period (1 April to 30 September, 1 October to 31 March; "
            "the first from the day the duty began): the share of payments made within day 1 to "
            "30, 31 to 60 and 61 or later, the average days to pay, the same per kind of provider, "
            "the invoices that fell due and were not paid in the period, and the quarters' "
            "payments over the publication threshold. For the payer's own staff and the back office."
        ),
        parameters=[SLUG, PeriodFilterSerializer],
        responses={
            200: OpenApiResponse(ReportSerializer, description=_("The report.")),
            **REPORT_ANSWERS,
        },
        tags=TAGS,
    )
    def get(self, request, slug: str):
        return Response(ReportSerializer(_report(request, slug)).data)


class ReportAgreementsView(ApiViewMixin, generics.ListAPIView):
    serializer_class = AgreementFiguresSerializer
    pagination_class = ApiPagination
    queryset = Invoice.objects.none()

    @extend_schema(
        summary=_("List a payer's payment figures per agreement"),
        description=_(
            "The agreements with a payment in the reporting period, the most paid first, each "
            "with its figures. 50 to a page. For the payer's own staff and the back office."
        ),
        parameters=[SLUG, PeriodFilterSerializer],
        responses={
            200: OpenApiResponse(
                AgreementFiguresSerializer(many=True), description=_("A page of agreements.")
            ),
            **REPORT_PAGE_ANSWERS,
        },
        tags=TAGS,
    )
    def get(self, request, *args, **kwargs):
        made = _report(request, kwargs["slug"])
        page = self.paginate_queryset(made.by_agreement)
        return self.get_paginated_response(
            AgreementFiguresSerializer(selectors.agreement_rows(page), many=True).data
        )


class ReportLargePaymentsView(ApiViewMixin, generics.ListAPIView):
    serializer_class = LargePaymentSerializer
    pagination_class = ApiPagination
    queryset = Invoice.objects.none()

    @extend_schema(
        summary=_("List a payer's payments over the publication threshold"),
        description=_(
            "Each payment of more than the threshold (£30,000) made in the reporting period, the "
            "earliest first: what section 70 of the Procurement Act 2023 asks to be published "
            "each quarter. 50 to a page. For the payer's own staff and the back office."
        ),
        parameters=[SLUG, PeriodFilterSerializer],
        responses={
            200: OpenApiResponse(
                LargePaymentSerializer(many=True), description=_("A page of payments.")
            ),
            **REPORT_PAGE_ANSWERS,
        },
        tags=TAGS,
    )
    def get(self, request, *args, **kwargs):
        made = _report(request, kwargs["slug"])
        page = self.paginate_queryset(made.large_payments)
        return self.get_paginated_response(LargePaymentSerializer(page, many=True).data)


def _place(slug: str) -> Place:
    place = Place.objects.select_related("parent").filter(slug=slug).first()
    if place is None:
        raise NotFound(_g("There is no place with the short name “%(slug)s”.") % {"slug": slug})
    return place


PLACE_ANSWERS = {400: FIELD_ERRORS, 404: not_found(_("There is no place with that short name."))}


class PlaceRecordView(ApiViewMixin, generics.GenericAPIView):
    serializer_class = PlaceRecordSerializer
    queryset = Invoice.objects.none()

    @extend_schema(
        summary=_("Get how promptly buyers paid in a place"),
        description=_(
            "For the agreements in force or ended in the place and the places inside it: how "
            "promptly each buyer paid in one reporting period. Public."
        ),
        parameters=[SLUG, PeriodFilterSerializer],
        responses={
            200: OpenApiResponse(PlaceRecordSerializer, description=_("The record.")),
            **PLACE_ANSWERS,
        },
        tags=TAGS,
    )
    def get(self, request, slug: str):
        place = _place(slug)
        day = valid_filters(PeriodFilterSerializer, request).get("period") or timezone.localdate()
        jurisdiction = selectors.place_jurisdiction([place.pk])
        period = compliance.reporting_period(day, jurisdiction)
        payers = selectors.place_payers(place, period, jurisdiction)
        return Response(
            PlaceRecordSerializer({"place": place, "period": period, "payers": payers}).data
        )


class PlaceAgreementsView(ApiViewMixin, generics.ListAPIView):
    serializer_class = PlaceAgreementSerializer
    pagination_class = ApiPagination
    queryset = Invoice.objects.none()

    @extend_schema(
        summary=_("List what was bought in a place"),
        description=_(
            "The agreements in force or ended in the place and the places inside it, the latest "
            "to start first: what, from whom, for how long, its value and how promptly it has been "
            "paid. 50 to a page. Public."
        ),
        parameters=[SLUG],
        responses={
            200: OpenApiResponse(
                PlaceAgreementSerializer(many=True), description=_("A page of agreements.")
            ),
            404: not_found(
                _("There is no place with that short name, %(page)s") % {"page": PAST_THE_LAST_PAGE}
            ),
        },
        tags=TAGS,
    )
    def get(self, request, *args, **kwargs):
        place = _place(kwargs["slug"])
        page = self.paginate_queryset(selectors.place_agreements(place))
        jurisdiction = selectors.place_jurisdiction([place.pk])
        bands = compliance.reporting_rules(timezone.localdate(), jurisdiction).day_bands
        figures = selectors.agreement_figures([a.pk for a in page], bands)
        rows = [{"agreement": a, "figures": figures.get(a.pk, compliance.NO_FIGURES)} for a in page]
        return self.get_paginated_response(PlaceAgreementSerializer(rows, many=True).data)
