"""The API's agreement endpoints: the list (as the page: live and ended ones for everyone, drafts
for their parties), one agreement with what hangs off it, entering one, and recording a variation.
A draft the caller may not see is the same 404 as one that does not exist."""

from django.db.models import Prefetch
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import generics
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.permissions import IsAuthenticatedOrReadOnly
from rest_framework.response import Response

from commonweal.agreements import permissions, selectors, services_agreements, services_variations
from commonweal.agreements.models import Agreement, Member
from commonweal.agreements.serializers_agreements import (
    AgreementCreateSerializer,
    AgreementDetailSerializer,
    AgreementFilterSerializer,
    AgreementSerializer,
    VariationSerializer,
    VariationWriteSerializer,
)
from commonweal.core.api.pagination import ApiPagination
from commonweal.core.api.views import (
    FIELD_ERRORS,
    FORBIDDEN,
    NOT_SIGNED_IN,
    ApiViewMixin,
    not_found,
    record_id,
    valid_filters,
)
from commonweal.core.forms import ID_RANGE

TAGS = ["Agreements"]
NO_AGREEMENT = not_found(
    _("There is no agreement with that number, or it is a draft you cannot see.")
)
AGREEMENT_ID = record_id(_("The agreement's number."))


def agreement_for(request, pk: int) -> Agreement:
    agreement = selectors.agreement_get(pk) if pk in ID_RANGE else None
    if agreement is None or not permissions.can_view(request.user, agreement):
        raise NotFound(_g("There is no agreement with the number %(id)s.") % {"id": pk})
    return agreement


def _detail(agreement: Agreement) -> dict:
    full = (
        Agreement.objects.select_related("place", "commissioner", "provider")
        .prefetch_related(
            "kpis",
            "break_points",
            "variations",
            "assets",
            Prefetch("members", queryset=Member.objects.select_related("organisation")),
        )
        .get(pk=agreement.pk)
    )
    return AgreementDetailSerializer(full).data


@extend_schema_view(
    get=extend_schema(
        summary=_("List agreements"),
        description=_(
            "Agreements in force or ended, for everyone, and the drafts the caller runs or speaks "
            "for; newest first, 50 to a page. Narrow them by place (with the places inside it), "
            "kind, status, part of a provider's name, or an organisation's agreements."
        ),
        parameters=[AgreementFilterSerializer],
        responses={
            200: OpenApiResponse(
                AgreementSerializer(many=True), description=_("A page of agreements.")
            ),
            400: FIELD_ERRORS,
        },
        tags=TAGS,
    ),
    post=extend_schema(
        summary=_("Enter an agreement"),
        description=_(
            "For place staff of the commissioner (or, for a subcontract, the strategic partner's "
            "people). Entered as a draft. Refused, with the reason on its field: an end on or "
            "before the start; payment terms longer than the law allows a public contract (30 "
            "days), or than the partnership's for a subcontract; an outcomes contract without "
            "its rate card."
        ),
        request=AgreementCreateSerializer,
        responses={
            201: OpenApiResponse(AgreementDetailSerializer, description=_("Entered.")),
            400: FIELD_ERRORS,
            401: NOT_SIGNED_IN,
            403: FORBIDDEN,
        },
        tags=TAGS,
    ),
)
class AgreementListView(ApiViewMixin, generics.ListCreateAPIView):
    serializer_class = AgreementSerializer
    pagination_class = ApiPagination
    permission_classes = [IsAuthenticatedOrReadOnly]
    queryset = Agreement.objects.none()

    def get_queryset(self):
        given = valid_filters(AgreementFilterSerializer, self.request)
        organisation = given.get("organisation")
        return selectors.agreement_list(
            self.request.user,
            selectors.Filters(
                place=given.get("place"),
                kind=given.get("kind", ""),
                status=given.get("status", ""),
                provider=given.get("provider", ""),
                organisation=organisation.pk if organisation else None,
            ),
        )

    def create(self, request, *args, **kwargs):
        given = AgreementCreateSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        data = dict(given.validated_data)
        kind = data.pop("kind")
        members = data.pop("members", None)
        kpis = data.pop("kpis", None)
        parent_pk = data.pop("parent", None)
        if kind == Agreement.Kind.SUBCONTRACT:
            parent = (
                selectors.agreement_get(parent_pk)
                if isinstance(parent_pk, int) and parent_pk in ID_RANGE
                else None
            )
            if parent is None or not permissions.can_view(request.user, parent):
                raise NotFound(_g("There is no strategic partnership with that number."))
            data["parent"] = parent
        elif not permissions.can_create(request.user):
            raise PermissionDenied(_g("Only place staff may enter an agreement."))
        agreement = services_agreements.agreement_create(
            actor=request.user, kind=kind, members=members, kpis=kpis, **data
        )
        return Response(_detail(agreement), status=201)


@extend_schema_view(
    get=extend_schema(
        summary=_("Get an agreement"),
        description=_(
            "What it is, who, how long, its value and payment terms, its KPIs, break points, "
            "changes with their reasons (oldest first), transferred assets, an alliance's members "
            "and an outcomes contract's rate card."
        ),
        parameters=[AGREEMENT_ID],
        responses={
            200: OpenApiResponse(AgreementDetailSerializer, description=_("The agreement.")),
            404: NO_AGREEMENT,
        },
        tags=TAGS,
    )
)
class AgreementDetailView(ApiViewMixin, generics.GenericAPIView):
    serializer_class = AgreementDetailSerializer
    queryset = Agreement.objects.none()

    def get(self, request, pk: int):
        return Response(_detail(agreement_for(request, pk)))


@extend_schema_view(
    post=extend_schema(
        summary=_("Record a change to an agreement"),
        description=_(
            "For those who run an agreement in force. Give the kind, the reason and what changes: "
            "ends_on (extension), value (change of value), summary (what is delivered), "
            "payment_terms_days, payment_profile or conditions (terms). Refused with the reason: "
            "an extension past the most agreed, a value more than 10% above the first agreed (the "
            "Procurement Act 2023's below-threshold modification; guidance), terms longer than "
            "the law's, or nothing changing."
        ),
        parameters=[AGREEMENT_ID],
        request=VariationWriteSerializer,
        responses={
            201: OpenApiResponse(VariationSerializer, description=_("The change, recorded.")),
            400: FIELD_ERRORS,
            401: NOT_SIGNED_IN,
            403: FORBIDDEN,
            404: NO_AGREEMENT,
        },
        tags=TAGS,
    )
)
class VariationCreateView(ApiViewMixin, generics.GenericAPIView):
    serializer_class = VariationWriteSerializer
    permission_classes = [IsAuthenticatedOrReadOnly]
    queryset = Agreement.objects.none()

    def post(self, request, pk: int):
        agreement = agreement_for(request, pk)
        if not permissions.can_manage(request.user, agreement):
            raise PermissionDenied(_g("Only those who run this agreement may change it."))
        given = VariationWriteSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        data = dict(given.validated_data)
        kind = data.pop("kind")
        reason = data.pop("reason")
        variation = services_variations.agreement_vary(
            actor=request.user, agreement=agreement, kind=kind, reason=reason, changes=data
        )
        return Response(VariationSerializer(variation).data, status=201)
