"""The API for a bidder's own bid: read it, replace what it holds (sealed whole), submit it,
withdraw it.

Only the bidder's own people reach it. "No such opportunity", "a draft opportunity" and "not your
bid" are the same 404, so nobody learns from it whether another organisation bid.
"""

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
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from commonweal.competitions import permissions, vault
from commonweal.competitions import selectors_bids as selectors
from commonweal.competitions import services_bids as services
from commonweal.competitions.models import Bid, Opportunity
from commonweal.competitions.serializers_bids import (
    BidContentSerializer,
    BidSerializer,
    content_data,
)
from commonweal.core.api.views import FIELD_ERRORS, NOT_SIGNED_IN, ApiViewMixin, not_found

TAGS = ["Bids"]
OPPORTUNITY_ID = OpenApiParameter(
    "id", OpenApiTypes.INT, OpenApiParameter.PATH, description=_("The opportunity's number.")
)
ORGANISATION = OpenApiParameter(
    "organisation",
    OpenApiTypes.INT,
    OpenApiParameter.QUERY,
    required=False,
    description=_("The number of the organisation you bid for, when you speak for several."),
)
NO_BID = not_found(
    _(
        "There is no such opportunity open to you, or no bid of yours for it (the same answer for "
        "each, so nothing is learnt about anyone else's)."
    )
)


def _not_found(pk: int) -> NotFound:
    return NotFound(_g("You have no bid for opportunity %(id)s.") % {"id": pk})


def _opportunity(request, pk: int) -> Opportunity:
    opportunity = (
        Opportunity.objects.select_related("plan", "social_value_framework").filter(pk=pk).first()
    )
    if opportunity is None or not permissions.can_view(request.user, opportunity):
        raise _not_found(pk)
    if opportunity.status == Opportunity.Status.DRAFT:
        raise _not_found(pk)
    return opportunity


def _organisation_id(request, pk: int) -> int | None:
    raw = request.query_params.get("organisation", "").strip()
    if not raw:
        return None
    try:
        return int(raw)
    except ValueError:
        raise _not_found(pk) from None


def own_bid(request, pk: int) -> Bid:
    """The caller's organisation's bid, or the one 404."""
    opportunity = _opportunity(request, pk)
    bid = selectors.own_bid(request.user, opportunity, _organisation_id(request, pk))
    if bid is None:
        raise _not_found(pk)
    bid.opportunity = opportunity
    return bid


def bid_data(bid: Bid) -> dict:
    _salt, content = vault.read_own(bid)
    return {
        "id": bid.pk,
        "opportunity": bid.opportunity_id,
        "organisation": {"id": bid.organisation.pk, "name": bid.organisation.name},
        "status": bid.status,
        "version": bid.version,
        "receipt": bid.receipt,
        "submitted_at": bid.submitted_at,
        "withdrawn_at": bid.withdrawn_at,
        "closes_at": bid.opportunity.closes_at,
        "content": content_data(bid, content),
        "documents": [
            dict(
                zip(
                    ("title", "name"),
                    vault.document_label(document, own=True),
                    strict=True,
                ),
                id=document.uid,
                size_band=document.size_band,
            )
            for document in selectors.bid_documents(bid)
        ],
        "missing": [
            {"text": gap.text, "section": gap.section, "criterion_id": gap.criterion_id}
            for gap in services.missing(bid.opportunity, bid, content)
        ],
    }


def _answer(bid: Bid, status: int = 200) -> Response:
    return Response(BidSerializer(bid_data(bid)).data, status=status)


_PUT = _(
    "Replaces everything the bid holds with what is sent, sealed whole (a field left out is set "
    "empty). Before the deadline, while the bid is not submitted (withdraw it first to change it). "
    "Starts the bid when your organisation has none yet (201). Sent unchanged, nothing changes. "
    "Answers over the opportunity's word limit, questions or measures that are not the "
    "opportunity's, and a way of bidding it does not take are refused with field errors; after the "
    "deadline, a 400 naming it."
)


@extend_schema_view(
    get=extend_schema(
        summary=_("Get your bid"),
        description=_(
            "Your organisation's bid for the opportunity: its state, everything it holds, its "
            "documents' names, and what it still needs before it can be submitted. Only your own "
            "organisation's people see it."
        ),
        parameters=[OPPORTUNITY_ID, ORGANISATION],
        responses={
            200: OpenApiResponse(BidSerializer, description=_("Your bid.")),
            401: NOT_SIGNED_IN,
            404: NO_BID,
        },
        tags=TAGS,
    ),
    put=extend_schema(
        summary=_("Save your bid"),
        description=_PUT,
        parameters=[OPPORTUNITY_ID, ORGANISATION],
        request=BidContentSerializer,
        responses={
            200: OpenApiResponse(BidSerializer, description=_("Saved (or unchanged).")),
            201: OpenApiResponse(BidSerializer, description=_("Started and saved.")),
            400: FIELD_ERRORS,
            401: NOT_SIGNED_IN,
            404: NO_BID,
        },
        tags=TAGS,
    ),
)
class BidView(ApiViewMixin, generics.GenericAPIView):
    serializer_class = BidSerializer
    queryset = Bid.objects.none()
    permission_classes = [IsAuthenticated]
    http_method_names = ["get", "put", "head", "options"]

    def get(self, request, pk: int):
        return _answer(own_bid(request, pk))

    def put(self, request, pk: int):
        opportunity = _opportunity(request, pk)
        organisation_id = _organisation_id(request, pk)
        bid = selectors.own_bid(request.user, opportunity, organisation_id)
        created = False
        if bid is None:
            organisation = selectors.bidder_choice(request.user, organisation_id)
            if organisation is None:
                if organisation_id is None and permissions.bidder_organisations(request.user):
                    raise ValidationError(
                        {
                            "organisation": [
                                _g(
                                    "Choose the organisation you bid for: ?organisation=<its number>."
                                )
                            ]
                        }
                    )
                raise _not_found(pk)
            bid = services.bid_start(
                actor=request.user, opportunity=opportunity, organisation=organisation
            )
            created = True
        bid.opportunity = opportunity
        measures = (
            list(opportunity.social_value_framework.measures.values_list("pk", flat=True))
            if opportunity.social_value_framework_id
            else []
        )
        given = BidContentSerializer(
            data=request.data,
            context={
                "opportunity": opportunity,
                "questions": services.answered_questions(opportunity),
                "measure_ids": measures,
            },
        )
        given.is_valid(raise_exception=True)
        content = given.content()
        bid = services.bid_save(
            actor=request.user,
            bid=bid,
            change=lambda _old: content,
            form=given.validated_data["form"],
        )
        return _answer(bid, 201 if created else 200)


@extend_schema_view(
    post=extend_schema(
        summary=_("Submit your bid"),
        description=_(
            "Submits the bid as it is saved, before the deadline by the database's clock, once it "
            "is complete (every question answered, a price or the grant asked for, conflicts "
            "declared). Answers with the bid and its receipt: keep the receipt, to check after "
            "opening that your bid was opened as you sent it. Refused with a 400 saying why: "
            "incomplete (what is missing), already submitted, or after the deadline (naming it)."
        ),
        parameters=[OPPORTUNITY_ID, ORGANISATION],
        request=None,
        responses={
            200: OpenApiResponse(BidSerializer, description=_("Submitted, with its receipt.")),
            400: FIELD_ERRORS,
            401: NOT_SIGNED_IN,
            404: NO_BID,
        },
        tags=TAGS,
    )
)
class BidSubmitView(ApiViewMixin, generics.GenericAPIView):
    serializer_class = BidSerializer
    queryset = Bid.objects.none()
    permission_classes = [IsAuthenticated]

    def post(self, request, pk: int):
        bid = own_bid(request, pk)
        submitted = services.bid_submit(actor=request.user, bid=bid)
        submitted.opportunity = bid.opportunity
        return _answer(submitted)


@extend_schema_view(
    post=extend_schema(
        summary=_("Withdraw your bid"),
        description=_(
            "Withdraws a submitted bid, before the deadline. What it holds is kept, to change and "
            "submit again (with a new receipt). After the deadline, a 400 naming it."
        ),
        parameters=[OPPORTUNITY_ID, ORGANISATION],
        request=None,
        responses={
            200: OpenApiResponse(BidSerializer, description=_("Withdrawn.")),
            400: FIELD_ERRORS,
            401: NOT_SIGNED_IN,
            404: NO_BID,
        },
        tags=TAGS,
    )
)
class BidWithdrawView(ApiViewMixin, generics.GenericAPIView):
    serializer_class = BidSerializer
    queryset = Bid.objects.none()
    permission_classes = [IsAuthenticated]

    def post(self, request, pk: int):
        bid = own_bid(request, pk)
        withdrawn = services.bid_withdraw(actor=request.user, bid=bid)
        withdrawn.opportunity = bid.opportunity
        return _answer(withdrawn)
