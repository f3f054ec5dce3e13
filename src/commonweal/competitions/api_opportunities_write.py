"""The API's writes to opportunities, for those who run the plan they come from: starting a draft,
changing it, its criteria tree, publishing and cancelling.

Who may: a person signed in (else 401) who may manage the opportunity's plan. For anybody else a
draft is the same 404 as an opportunity that does not exist, and a published one a 403; a plan they
may not manage is the same 404 as no plan. The services (services_opportunities.py) hold the rules
and audit every write; their refusals come back as 400s with field errors."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch
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
from rest_framework.exceptions import NotAuthenticated, NotFound, PermissionDenied
from rest_framework.response import Response

from commonweal.commissioning import selectors as plan_selectors
from commonweal.competitions import api_opportunities as read
from commonweal.competitions import permissions
from commonweal.competitions import selectors_opportunities as selectors
from commonweal.competitions import services_opportunities as services
from commonweal.competitions.models import Criterion, Opportunity
from commonweal.competitions.serializers_opportunities import OpportunityDetailSerializer
from commonweal.competitions.serializers_opportunities_write import (
    CancelSerializer,
    CriterionAnswerSerializer,
    CriterionWriteSerializer,
    OpportunityCreateSerializer,
    OpportunityWriteSerializer,
    PublishedSerializer,
)
from commonweal.core.api.views import (
    FIELD_ERRORS,
    FORBIDDEN,
    NOT_SIGNED_IN,
    ApiViewMixin,
    not_found,
    record_id,
)
from commonweal.core.forms import ID_RANGE

TAGS = read.TAGS
OPPORTUNITY_ID = record_id(_("The opportunity's number."))
CRITERION_ID = OpenApiParameter(
    "criterion_pk",
    OpenApiTypes.INT,
    OpenApiParameter.PATH,
    description=_("The criterion's number."),
)
NO_PLAN = not_found(
    _("There is no plan with that number, or you may not start a competition from it.")
)
NO_CRITERION = not_found(
    _(
        "There is no opportunity with that number (or it is a draft you cannot see), or no "
        "criterion with that number in it."
    )
)
ONLY_RUNNERS = _(
    "For the people running the opportunity's plan. To anybody else a draft is the same 404 as no "
    "opportunity, and a published one is a 403."
)


def managed_opportunity_for(request, pk: int) -> Opportunity:
    """The opportunity, for those who run it: 401 for nobody signed in; the same 404 as none for a
    draft they may not see; a 403 for a published one they may not change."""
    if not request.user.is_authenticated:
        raise NotAuthenticated
    opportunity = selectors.opportunity_get(pk) if pk in ID_RANGE else None
    if opportunity is None or not permissions.can_view(request.user, opportunity):
        raise NotFound(_g("There is no opportunity with the number %(id)s.") % {"id": pk})
    if not permissions.can_manage(request.user, opportunity):
        raise PermissionDenied(_g("Only the people running this opportunity's plan can change it."))
    return opportunity


def detailed(opportunity: Opportunity, context: dict) -> dict:
    """The opportunity as the detail endpoint gives it, read afresh with its criteria and documents."""
    opportunity = (
        Opportunity.objects.select_related("plan__place", "lot")
        .prefetch_related(
            Prefetch("criteria", queryset=Criterion.objects.order_by("part", "position", "id")),
            "documents",
        )
        .get(pk=opportunity.pk)
    )
    return OpportunityDetailSerializer(opportunity, context=context).data


def _field_error(name: str, message: str) -> DjangoValidationError:
    return DjangoValidationError({name: [message]})


def _service_fields(opportunity_plan, validated: dict) -> dict:
    """The checked input as the service takes it: the social value measures by number found among
    the plan's, and the scale as plain points."""
    fields = {
        name: value
        for name, value in validated.items()
        if name in services.FIELDS and name != "social_value_framework"
    }
    if "scale" in fields:
        fields["scale"] = [
            {"score": point["score"], "descriptor": point["descriptor"]}
            for point in fields["scale"]
        ]
    if "social_value_framework" in validated:
        number = validated["social_value_framework"]
        framework = None
        if number is not None:
            framework = services.frameworks_for(opportunity_plan).filter(pk=number).first()
            if framework is None:
                raise _field_error(
                    "social_value_framework", _g("Choose measures for this place, or open ones")
                )
        fields["social_value_framework"] = framework
    return fields


_START = _(
    "For the people running a published plan: start a tender (by the plan's route to market, for "
    "the whole plan or one of its lots) or a grant round, as a draft nobody else can see. Give the "
    "title, what it is for, the timetable and the three weights (quality, social value and price, "
    "adding up to 100); the value of a lot's tender is the lot's unless given. Dates are ISO "
    "date-times, money decimal strings. A plan the caller may not manage is the same 404 as no "
    "plan. Answers with the new draft."
)


@extend_schema_view(
    post=extend_schema(
        summary=_("Start an opportunity from a plan"),
        description=_START,
        request=OpportunityCreateSerializer,
        responses={
            201: OpenApiResponse(
                OpportunityDetailSerializer, description=_("Started. The new draft.")
            ),
            400: FIELD_ERRORS,
            401: NOT_SIGNED_IN,
            404: NO_PLAN,
        },
        tags=TAGS,
    )
)
class OpportunityListStartView(read.OpportunityListView):
    """The list (read.OpportunityListView), and starting a draft."""

    def post(self, request):
        if not request.user.is_authenticated:
            raise NotAuthenticated
        given = OpportunityCreateSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        data = given.validated_data
        plan = plan_selectors.plan_get(data["plan"]) if data["plan"] in ID_RANGE else None
        if plan is None or not permissions.can_create(request.user, plan):
            raise NotFound(_g("There is no plan with the number %(id)s.") % {"id": data["plan"]})
        lot = None
        if data.get("lot") is not None:
            lot = plan.lots.filter(pk=data["lot"]).first() if data["lot"] in ID_RANGE else None
            if lot is None:
                raise _field_error("lot", _g("Choose one of this plan's lots"))
        opportunity = services.opportunity_create(
            actor=request.user,
            plan=plan,
            kind=data["kind"],
            lot=lot,
            **_service_fields(plan, data),
        )
        return Response(detailed(opportunity, self.get_serializer_context()), status=201)


@extend_schema_view(
    patch=extend_schema(
        summary=_("Change a draft opportunity"),
        description=_(
            "Send only the fields to change (the same as when starting one, without plan, kind "
            "and lot). Sent unchanged, nothing is written. Only a draft can change: once published, "
            "providers are bidding on what it says, and the answer is a 400 saying so. "
        )
        + ONLY_RUNNERS,
        parameters=[OPPORTUNITY_ID],
        request=OpportunityWriteSerializer,
        responses={
            200: OpenApiResponse(
                OpportunityDetailSerializer, description=_("Changed (or unchanged). The draft.")
            ),
            400: FIELD_ERRORS,
            401: NOT_SIGNED_IN,
            403: FORBIDDEN,
            404: read.NO_OPPORTUNITY,
        },
        tags=TAGS,
    )
)
class OpportunityDetailChangeView(read.OpportunityDetailView):
    """One opportunity (read.OpportunityDetailView), and changing a draft."""

    def patch(self, request, pk: int):
        opportunity = managed_opportunity_for(request, pk)
        given = OpportunityWriteSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        services.opportunity_update(
            actor=request.user,
            opportunity=opportunity,
            **_service_fields(opportunity.plan, given.validated_data),
        )
        return Response(detailed(opportunity, self.get_serializer_context()))


def _parent(opportunity: Opportunity, validated: dict) -> dict:
    """The fields for the service, with the parent found among the opportunity's criteria."""
    fields = dict(validated)
    if fields.get("parent") is not None:
        number = fields["parent"]
        parent = (
            Criterion.objects.filter(opportunity=opportunity, pk=number).first()
            if number in ID_RANGE
            else None
        )
        if parent is None:
            raise _field_error("parent", _g("Choose a criterion of this opportunity"))
        fields["parent"] = parent
    return fields


def criterion_for(opportunity: Opportunity, pk: int) -> Criterion:
    criterion = (
        Criterion.objects.filter(opportunity=opportunity, pk=pk).first() if pk in ID_RANGE else None
    )
    if criterion is None:
        raise NotFound(_g("There is no criterion with the number %(id)s here.") % {"id": pk})
    criterion.opportunity = opportunity
    return criterion


_TREE = _(
    "The criteria tree: groups and the questions under them, in the quality or social value part, "
    "each with its weight (per cent of its part, or of the group it sits under). A child takes its "
    "parent's part. Only a draft's tree changes (a 400 says so for one published). "
)


@extend_schema_view(
    post=extend_schema(
        summary=_("Add a criterion to a draft opportunity"),
        description=_TREE
        + _("Give its title and part (or its parent). Answers with the new criterion. ")
        + ONLY_RUNNERS,
        parameters=[OPPORTUNITY_ID],
        request=CriterionWriteSerializer,
        responses={
            201: OpenApiResponse(CriterionAnswerSerializer, description=_("Added. The criterion.")),
            400: FIELD_ERRORS,
            401: NOT_SIGNED_IN,
            403: FORBIDDEN,
            404: read.NO_OPPORTUNITY,
        },
        tags=TAGS,
    )
)
class CriterionListView(ApiViewMixin, generics.GenericAPIView):
    serializer_class = CriterionWriteSerializer
    queryset = Criterion.objects.none()

    def post(self, request, pk: int):
        opportunity = managed_opportunity_for(request, pk)
        given = CriterionWriteSerializer(data=request.data, adding=True)
        given.is_valid(raise_exception=True)
        criterion = services.criterion_save(
            actor=request.user,
            opportunity=opportunity,
            **_parent(opportunity, given.validated_data),
        )
        return Response(CriterionAnswerSerializer(criterion).data, status=201)


@extend_schema_view(
    patch=extend_schema(
        summary=_("Change a criterion of a draft opportunity"),
        description=_TREE
        + _(
            "Send only the fields to change; moving it under another parent moves its children "
            "with it. Sent unchanged, nothing is written. "
        )
        + ONLY_RUNNERS,
        parameters=[OPPORTUNITY_ID, CRITERION_ID],
        request=CriterionWriteSerializer,
        responses={
            200: OpenApiResponse(
                CriterionAnswerSerializer, description=_("Changed (or unchanged). The criterion.")
            ),
            400: FIELD_ERRORS,
            401: NOT_SIGNED_IN,
            403: FORBIDDEN,
            404: NO_CRITERION,
        },
        tags=TAGS,
    ),
    delete=extend_schema(
        summary=_("Remove a criterion from a draft opportunity"),
        description=_TREE + _("Removes it and everything under it. ") + ONLY_RUNNERS,
        parameters=[OPPORTUNITY_ID, CRITERION_ID],
        request=None,
        responses={
            204: OpenApiResponse(description=_("Removed, with everything under it.")),
            400: FIELD_ERRORS,
            401: NOT_SIGNED_IN,
            403: FORBIDDEN,
            404: NO_CRITERION,
        },
        tags=TAGS,
    ),
)
class CriterionDetailView(ApiViewMixin, generics.GenericAPIView):
    serializer_class = CriterionWriteSerializer
    queryset = Criterion.objects.none()
    http_method_names = ["patch", "delete", "options"]

    def patch(self, request, pk: int, criterion_pk: int):
        opportunity = managed_opportunity_for(request, pk)
        criterion = criterion_for(opportunity, criterion_pk)
        given = CriterionWriteSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        criterion = services.criterion_save(
            actor=request.user,
            opportunity=opportunity,
            criterion=criterion,
            **_parent(opportunity, given.validated_data),
        )
        return Response(CriterionAnswerSerializer(criterion).data)

    def delete(self, request, pk: int, criterion_pk: int):
        opportunity = managed_opportunity_for(request, pk)
        criterion = criterion_for(opportunity, criterion_pk)
        services.criterion_remove(actor=request.user, criterion=criterion)
        return Response(status=204)


@extend_schema_view(
    post=extend_schema(
        summary=_("Publish an opportunity"),
        description=_(
            "Opens a draft for bids: everyone can see it, and followers of it, its plan and its "
            "place are told. Its open data (an OCDS tender release) is published with it, or waits "
            "when the OCDS schema is not installed here: the answer says which. A 400 says why it "
            "cannot be published yet (the weights do not add up to 100, no question, the closing "
            "date has passed, the plan is not published). "
        )
        + ONLY_RUNNERS,
        parameters=[OPPORTUNITY_ID],
        request=None,
        responses={
            200: OpenApiResponse(
                PublishedSerializer,
                description=_("Published. The opportunity, and whether its open data waits."),
            ),
            400: FIELD_ERRORS,
            401: NOT_SIGNED_IN,
            403: FORBIDDEN,
            404: read.NO_OPPORTUNITY,
        },
        tags=TAGS,
    )
)
class PublishView(ApiViewMixin, generics.GenericAPIView):
    serializer_class = PublishedSerializer
    queryset = Opportunity.objects.none()

    def post(self, request, pk: int):
        opportunity = managed_opportunity_for(request, pk)
        released = services.opportunity_publish(actor=request.user, opportunity=opportunity)
        waiting = services.release_waiting_because() if released is None else ""
        return Response(
            {
                "opportunity": detailed(opportunity, self.get_serializer_context()),
                "open_data_waiting": released is None,
                "open_data_waiting_because": waiting,
            }
        )


@extend_schema_view(
    post=extend_schema(
        summary=_("Cancel an opportunity"),
        description=_(
            "Cancels a draft, or a published opportunity not yet awarded, saying why. Interested "
            "providers and followers are told, and a published one's open data says it is "
            "cancelled. One already awarded or cancelled is a 400. "
        )
        + ONLY_RUNNERS,
        parameters=[OPPORTUNITY_ID],
        request=CancelSerializer,
        responses={
            200: OpenApiResponse(
                OpportunityDetailSerializer, description=_("Cancelled. The opportunity.")
            ),
            400: FIELD_ERRORS,
            401: NOT_SIGNED_IN,
            403: FORBIDDEN,
            404: read.NO_OPPORTUNITY,
        },
        tags=TAGS,
    )
)
class CancelView(ApiViewMixin, generics.GenericAPIView):
    serializer_class = CancelSerializer
    queryset = Opportunity.objects.none()

    def post(self, request, pk: int):
        opportunity = managed_opportunity_for(request, pk)
        given = CancelSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        services.opportunity_cancel(
            actor=request.user, opportunity=opportunity, reason=given.validated_data["reason"]
        )
        return Response(detailed(opportunity, self.get_serializer_context()))
