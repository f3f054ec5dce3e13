"""The API of an alliance's governance, on the same rules as its pages (permissions_alliance.py):
members and decisions are public wherever the alliance is; the risk register and pain and gain
are for its parties; the leadership team's people and those who run it record decisions, risks and
pain and gain; those who run it change the members. An alliance you cannot see (or any other kind
of agreement) is a 404; one you may see but not do this to, a 403."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import path
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import generics
from rest_framework.exceptions import NotAuthenticated, NotFound, PermissionDenied, ValidationError
from rest_framework.permissions import IsAuthenticated, IsAuthenticatedOrReadOnly
from rest_framework.response import Response

from commonweal.agreements import permissions_alliance as may
from commonweal.agreements import selectors_alliance as selectors
from commonweal.agreements import services_alliance as services
from commonweal.agreements.models import Agreement, Decision, Member, PainGainYear, Risk
from commonweal.agreements.serializers_alliance import (
    AllianceDecisionRecordSerializer,
    AllianceDecisionSerializer,
    AllianceMemberAddSerializer,
    AllianceMemberChangeSerializer,
    AllianceMemberSerializer,
    AllianceRiskChangeSerializer,
    AllianceRiskSerializer,
    AllianceRiskWriteSerializer,
    PainGainRecordSerializer,
    PainGainYearSerializer,
)
from commonweal.core.api.pagination import ApiPagination
from commonweal.core.api.views import (
    FIELD_ERRORS,
    FORBIDDEN,
    NOT_SIGNED_IN,
    ApiViewMixin,
    not_found,
)
from commonweal.organisations.models import Organisation

TAGS = ["Alliances"]
AGREEMENT_ID = OpenApiParameter(
    "id", OpenApiTypes.INT, OpenApiParameter.PATH, description=_("The alliance's number.")
)
MEMBER_ID = OpenApiParameter(
    "member_pk", OpenApiTypes.INT, OpenApiParameter.PATH, description=_("The member's number.")
)
RISK_ID = OpenApiParameter(
    "risk_pk", OpenApiTypes.INT, OpenApiParameter.PATH, description=_("The risk's number.")
)
NO_ALLIANCE = not_found(
    _("There is no alliance with that number, or it is being set up and you cannot see it.")
)
NO_PAGE = not_found(
    _(
        "There is no alliance with that number (or you cannot see it), or no page with that "
        "number: it is past the last page. The first page always exists."
    )
)
NO_MEMBER = not_found(
    _("There is no alliance with that number, or no member with that number in it.")
)
NO_RISK = not_found(_("There is no alliance with that number, or no risk with that number in it."))


def _alliance(request, pk: int) -> Agreement:
    agreement = selectors.alliance_get(pk)
    if agreement is None or not may.can_see_decisions(request.user, agreement):
        raise NotFound(_g("There is no alliance with the number %(id)s.") % {"id": pk})
    return agreement


def _allowed(request, allowed: bool, why: str) -> None:
    if not request.user.is_authenticated:
        raise NotAuthenticated()
    if not allowed:
        raise PermissionDenied(why)


def _refused(error: DjangoValidationError) -> ValidationError:
    """A service's refusal as a 400 with field errors (one not about a field under
    non_field_errors)."""
    if hasattr(error, "error_dict"):
        return ValidationError(
            {
                ("non_field_errors" if name == "__all__" else name): list(messages)
                for name, messages in error.message_dict.items()
            }
        )
    return ValidationError({"non_field_errors": error.messages})


def _member(agreement: Agreement, pk: int | None, field: str) -> Member | None:
    if pk is None:
        return None
    member = selectors.member_get(agreement, pk)
    if member is None:
        raise ValidationError({field: [_g("This alliance has no member with that number.")]})
    return member


# --- Members --------------------------------------------------------------------------------------


@extend_schema_view(
    get=extend_schema(
        summary=_("List an alliance's members"),
        description=_(
            "Everyone may read who is in an alliance and who sits on its leadership team. Each "
            "member's share of pain and gain is given to the alliance's parties only (null for "
            "anyone else)."
        ),
        parameters=[AGREEMENT_ID],
        responses={
            200: OpenApiResponse(
                AllianceMemberSerializer(many=True), description=_("The members.")
            ),
            404: NO_ALLIANCE,
        },
        tags=TAGS,
    ),
    post=extend_schema(
        summary=_("Add a member to an alliance"),
        description=_(
            "For those who run the alliance. The shares may not add up to more than 100. "
            "Answers with the member."
        ),
        parameters=[AGREEMENT_ID],
        request=AllianceMemberAddSerializer,
        responses={
            201: OpenApiResponse(AllianceMemberSerializer, description=_("Added.")),
            400: FIELD_ERRORS,
            401: NOT_SIGNED_IN,
            403: FORBIDDEN,
            404: NO_ALLIANCE,
        },
        tags=TAGS,
    ),
)
class MembersView(ApiViewMixin, generics.GenericAPIView):
    serializer_class = AllianceMemberSerializer
    permission_classes = [IsAuthenticatedOrReadOnly]

    def get(self, request, pk: int):
        agreement = _alliance(request, pk)
        parties = may.can_see_register(request.user, agreement)
        rows = selectors.members(agreement)
        return Response(
            AllianceMemberSerializer(rows, many=True, context={"parties": parties}).data
        )

    def post(self, request, pk: int):
        agreement = _alliance(request, pk)
        _allowed(
            request,
            may.can_manage_members(request.user, agreement),
            _g("Only those who run this alliance can change its members."),
        )
        given = AllianceMemberAddSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        chosen = given.validated_data["organisation"]
        organisation = (
            Organisation.objects.filter(pk=chosen).first() if selectors.fits(chosen) else None
        )
        if organisation is None:
            raise ValidationError(
                {"organisation": [_g("There is no organisation with that number.")]}
            )
        try:
            member = services.member_add(
                actor=request.user,
                agreement=agreement,
                organisation=organisation,
                share=given.validated_data["share"],
                on_leadership_team=given.validated_data["on_leadership_team"],
            )
        except DjangoValidationError as error:
            raise _refused(error) from None
        return Response(
            AllianceMemberSerializer(member, context={"parties": True}).data, status=201
        )


@extend_schema_view(
    patch=extend_schema(
        summary=_("Change an alliance member's share or seat"),
        description=_(
            "For those who run the alliance. Give the share, the seat on the leadership team, or "
            "both. Sent unchanged, nothing is written."
        ),
        parameters=[AGREEMENT_ID, MEMBER_ID],
        request=AllianceMemberChangeSerializer,
        responses={
            200: OpenApiResponse(AllianceMemberSerializer, description=_("Changed.")),
            400: FIELD_ERRORS,
            401: NOT_SIGNED_IN,
            403: FORBIDDEN,
            404: NO_MEMBER,
        },
        tags=TAGS,
    ),
    delete=extend_schema(
        summary=_("Take a member out of an alliance"),
        description=_(
            "For those who run the alliance. Never the commissioner, nor a member whose "
            "agreement to a decision is on record (a 400 says so)."
        ),
        parameters=[AGREEMENT_ID, MEMBER_ID],
        responses={
            204: OpenApiResponse(description=_("Taken out.")),
            400: FIELD_ERRORS,
            401: NOT_SIGNED_IN,
            403: FORBIDDEN,
            404: NO_MEMBER,
        },
        tags=TAGS,
    ),
)
class MemberView(ApiViewMixin, generics.GenericAPIView):
    serializer_class = AllianceMemberChangeSerializer
    permission_classes = [IsAuthenticated]
    http_method_names = ["patch", "delete", "options"]

    def _member(self, request, pk: int, member_pk: int) -> Member:
        agreement = _alliance(request, pk)
        _allowed(
            request,
            may.can_manage_members(request.user, agreement),
            _g("Only those who run this alliance can change its members."),
        )
        member = selectors.member_get(agreement, member_pk)
        if member is None:
            raise NotFound(_g("This alliance has no member with that number."))
        return member

    def patch(self, request, pk: int, member_pk: int):
        member = self._member(request, pk, member_pk)
        given = AllianceMemberChangeSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        data = given.validated_data
        try:
            member = services.member_change(
                actor=request.user,
                member=member,
                share=data.get("share", member.share),
                on_leadership_team=data.get("on_leadership_team", member.on_leadership_team),
            )
        except DjangoValidationError as error:
            raise _refused(error) from None
        return Response(AllianceMemberSerializer(member, context={"parties": True}).data)

    def delete(self, request, pk: int, member_pk: int):
        member = self._member(request, pk, member_pk)
        try:
            services.member_remove(actor=request.user, member=member)
        except DjangoValidationError as error:
            raise _refused(error) from None
        return Response(status=204)


# --- Decisions ------------------------------------------------------------------------------------


@extend_schema_view(
    get=extend_schema(
        summary=_("List an alliance's decisions"),
        description=_(
            "Everyone may read them: each decision of the leadership team with who agreed, when, "
            "the rule used and how it serves the alliance's principle. Newest first, 50 to a page."
        ),
        parameters=[AGREEMENT_ID],
        responses={
            200: OpenApiResponse(
                AllianceDecisionSerializer(many=True), description=_("A page of decisions.")
            ),
            404: NO_PAGE,
        },
        tags=TAGS,
    ),
    post=extend_schema(
        summary=_("Record a decision of an alliance's leadership team"),
        description=_(
            "For the people of an organisation on the leadership team and those who run the "
            "alliance. Refused (400, under agreed_by) without the agreement the alliance's rule "
            "needs, naming who has not agreed; refused without saying how it serves the "
            "principle. Once recorded it is public and cannot be changed."
        ),
        parameters=[AGREEMENT_ID],
        request=AllianceDecisionRecordSerializer,
        responses={
            201: OpenApiResponse(AllianceDecisionSerializer, description=_("Recorded.")),
            400: FIELD_ERRORS,
            401: NOT_SIGNED_IN,
            403: FORBIDDEN,
            404: NO_ALLIANCE,
        },
        tags=TAGS,
    ),
)
class DecisionsView(ApiViewMixin, generics.ListAPIView):
    serializer_class = AllianceDecisionSerializer
    pagination_class = ApiPagination
    permission_classes = [IsAuthenticatedOrReadOnly]
    queryset = Decision.objects.none()

    def get_queryset(self):
        return selectors.decisions(_alliance(self.request, self.kwargs["pk"]))

    def post(self, request, pk: int):
        agreement = _alliance(request, pk)
        _allowed(
            request,
            may.can_govern(request.user, agreement),
            _g(
                "Only the leadership team's people and those who run the alliance record decisions."
            ),
        )
        given = AllianceDecisionRecordSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        data = given.validated_data
        agreed = selectors.members_by_pk(agreement, data["agreed_by"])
        if len(agreed) != len(set(data["agreed_by"])):
            raise ValidationError(
                {"agreed_by": [_g("Give the numbers of members of this alliance.")]}
            )
        try:
            decision = services.decision_record(
                actor=request.user,
                agreement=agreement,
                subject=data["subject"],
                decision=data["decision"],
                principle_test=data["principle_test"],
                agreed_by=agreed,
                decided_on=data["decided_on"],
            )
        except DjangoValidationError as error:
            raise _refused(error) from None
        return Response(
            AllianceDecisionSerializer(selectors.decisions(agreement).get(pk=decision.pk)).data,
            status=201,
        )


# --- Risks ----------------------------------------------------------------------------------------


def _register(request, pk: int) -> Agreement:
    agreement = _alliance(request, pk)
    _allowed(
        request,
        may.can_see_register(request.user, agreement),
        _g("Only the alliance's members and those who run it see its risks and pain and gain."),
    )
    return agreement


@extend_schema_view(
    get=extend_schema(
        summary=_("List an alliance's risk register"),
        description=_(
            "For the alliance's parties only (its members' people and those who run it): open "
            "risks first, the likeliest and most harmful first, 50 to a page."
        ),
        parameters=[AGREEMENT_ID],
        responses={
            200: OpenApiResponse(
                AllianceRiskSerializer(many=True), description=_("A page of risks.")
            ),
            401: NOT_SIGNED_IN,
            403: FORBIDDEN,
            404: NO_PAGE,
        },
        tags=TAGS,
    ),
    post=extend_schema(
        summary=_("Add a risk to an alliance's register"),
        description=_(
            "For the people of an organisation on the leadership team and those who run the "
            "alliance."
        ),
        parameters=[AGREEMENT_ID],
        request=AllianceRiskWriteSerializer,
        responses={
            201: OpenApiResponse(AllianceRiskSerializer, description=_("Added.")),
            400: FIELD_ERRORS,
            401: NOT_SIGNED_IN,
            403: FORBIDDEN,
            404: NO_ALLIANCE,
        },
        tags=TAGS,
    ),
)
class RisksView(ApiViewMixin, generics.ListAPIView):
    serializer_class = AllianceRiskSerializer
    pagination_class = ApiPagination
    permission_classes = [IsAuthenticated]
    queryset = Risk.objects.none()

    def get_queryset(self):
        return selectors.risks(_register(self.request, self.kwargs["pk"]))

    def post(self, request, pk: int):
        agreement = _alliance(request, pk)
        _allowed(
            request,
            may.can_govern(request.user, agreement),
            _g("Only the leadership team's people and those who run the alliance add risks."),
        )
        given = AllianceRiskWriteSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        data = given.validated_data
        try:
            risk = services.risk_add(
                actor=request.user,
                agreement=agreement,
                title=data["title"],
                likelihood=data["likelihood"],
                impact=data["impact"],
                owner=_member(agreement, data.get("owner"), "owner"),
                mitigation=data["mitigation"],
            )
        except DjangoValidationError as error:
            raise _refused(error) from None
        return Response(AllianceRiskSerializer(risk).data, status=201)


@extend_schema_view(
    patch=extend_schema(
        summary=_("Change or close a risk"),
        description=_(
            "For the people of an organisation on the leadership team and those who run the "
            "alliance. Give what changes; status closed closes it (it stays on the register). A "
            "closed risk cannot be changed. Sent unchanged, nothing is written."
        ),
        parameters=[AGREEMENT_ID, RISK_ID],
        request=AllianceRiskChangeSerializer,
        responses={
            200: OpenApiResponse(AllianceRiskSerializer, description=_("Changed.")),
            400: FIELD_ERRORS,
            401: NOT_SIGNED_IN,
            403: FORBIDDEN,
            404: NO_RISK,
        },
        tags=TAGS,
    ),
)
class RiskView(ApiViewMixin, generics.GenericAPIView):
    serializer_class = AllianceRiskChangeSerializer
    permission_classes = [IsAuthenticated]
    http_method_names = ["patch", "options"]

    def patch(self, request, pk: int, risk_pk: int):
        agreement = _alliance(request, pk)
        _allowed(
            request,
            may.can_govern(request.user, agreement),
            _g("Only the leadership team's people and those who run the alliance change risks."),
        )
        risk = selectors.risk_get(agreement, risk_pk)
        if risk is None:
            raise NotFound(_g("This alliance has no risk with that number."))
        given = AllianceRiskChangeSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        data = given.validated_data
        owner = _member(agreement, data["owner"], "owner") if "owner" in data else risk.owner
        try:
            fields = {name for name in data if name != "status"}
            if fields:
                risk = services.risk_update(
                    actor=request.user,
                    risk=risk,
                    title=data.get("title", risk.title),
                    likelihood=data.get("likelihood", risk.likelihood),
                    impact=data.get("impact", risk.impact),
                    owner=owner,
                    mitigation=data.get("mitigation", risk.mitigation),
                )
            if data.get("status") == Risk.Status.CLOSED and services.risk_is_open(risk):
                risk = services.risk_close(actor=request.user, risk=risk)
            elif data.get("status") == Risk.Status.OPEN and not services.risk_is_open(risk):
                raise DjangoValidationError(
                    {"status": _g("A closed risk stays closed. Add a new one if it has come back.")}
                )
        except DjangoValidationError as error:
            raise _refused(error) from None
        return Response(AllianceRiskSerializer(selectors.risk_get(agreement, risk.pk)).data)


# --- Pain and gain --------------------------------------------------------------------------------


@extend_schema_view(
    get=extend_schema(
        summary=_("List an alliance's years of pain and gain"),
        description=_(
            "For the alliance's parties only: each year's actual cost, the pain or gain shared "
            "after any cap or collar, each member's share and the arithmetic in words. Newest "
            "first, 50 to a page."
        ),
        parameters=[AGREEMENT_ID],
        responses={
            200: OpenApiResponse(
                PainGainYearSerializer(many=True), description=_("A page of years.")
            ),
            401: NOT_SIGNED_IN,
            403: FORBIDDEN,
            404: NO_PAGE,
        },
        tags=TAGS,
    ),
    post=extend_schema(
        summary=_("Record a year's actual cost and share its pain or gain"),
        description=_(
            "For the people of an organisation on the leadership team and those who run the "
            "alliance. Works out each member's share against the target cost, with the gain cap "
            "or pain collar, to the penny (largest remainder), and keeps it. A year is recorded "
            "once; the members' shares must add up to 100."
        ),
        parameters=[AGREEMENT_ID],
        request=PainGainRecordSerializer,
        responses={
            201: OpenApiResponse(PainGainYearSerializer, description=_("Recorded.")),
            400: FIELD_ERRORS,
            401: NOT_SIGNED_IN,
            403: FORBIDDEN,
            404: NO_ALLIANCE,
        },
        tags=TAGS,
    ),
)
class PainGainView(ApiViewMixin, generics.ListAPIView):
    serializer_class = PainGainYearSerializer
    pagination_class = ApiPagination
    permission_classes = [IsAuthenticated]
    queryset = PainGainYear.objects.none()

    def get_queryset(self):
        return selectors.pain_gain_years(_register(self.request, self.kwargs["pk"]))

    def post(self, request, pk: int):
        agreement = _alliance(request, pk)
        _allowed(
            request,
            may.can_govern(request.user, agreement),
            _g("Only the leadership team's people and those who run the alliance record this."),
        )
        given = PainGainRecordSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        try:
            year = services.pain_gain_record(
                actor=request.user, agreement=agreement, **given.validated_data
            )
        except DjangoValidationError as error:
            raise _refused(error) from None
        return Response(PainGainYearSerializer(year).data, status=201)


urlpatterns = [
    path("agreements/<int:pk>/members/", MembersView.as_view(), name="alliance-members"),
    path(
        "agreements/<int:pk>/members/<int:member_pk>/",
        MemberView.as_view(),
        name="alliance-member",
    ),
    path("agreements/<int:pk>/decisions/", DecisionsView.as_view(), name="alliance-decisions"),
    path("agreements/<int:pk>/risks/", RisksView.as_view(), name="alliance-risks"),
    path("agreements/<int:pk>/risks/<int:risk_pk>/", RiskView.as_view(), name="alliance-risk"),
    path("agreements/<int:pk>/pain-and-gain/", PainGainView.as_view(), name="alliance-pain-gain"),
]
