"""The API's cash-flow endpoint: a provider's own view of what it is owed (the page at
payments:cash-flow, as data). For the provider's own people and the back office only."""

import datetime
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from commonweal.agreements import permissions as agreement_permissions
from commonweal.core.api.views import FORBIDDEN, NOT_SIGNED_IN, ApiViewMixin, not_found
from commonweal.core.policy.dated import NoRuleInForce
from commonweal.core.policy.late_payment import reference_rate
from commonweal.organisations.models import Organisation
from commonweal.payments import selectors_invoices
from commonweal.payments.serializers_cash_flow import CashFlowSerializer

SLUG = OpenApiParameter(
    "slug",
    OpenApiTypes.STR,
    OpenApiParameter.PATH,
    description=_("The provider's short name, as in its page's address."),
)


def statutory_rate_on(day: datetime.date) -> Decimal | None:
    """The statutory late payment rate for a debt falling due on ``day``: what money waiting
    costs a provider, by default."""
    try:
        return reference_rate(day).statutory_interest_rate
    except NoRuleInForce:
        return None


class CashFlowView(ApiViewMixin, generics.GenericAPIView):
    serializer_class = CashFlowSerializer
    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary=_("A provider's cash flow"),
        description=_(
            "What the provider is owed, soonest due first: each unpaid invoice with the day it is "
            "due and, when it is late, the days late and the interest and compensation to today; "
            "the totals; and, for its latest agreements in force, how long each pound waits under "
            "its payment profile against paying in advance, monthly or quarterly, and what that "
            "costs at the statutory late payment rate. For the provider's own people and the back "
            "office."
        ),
        parameters=[SLUG],
        responses={
            200: OpenApiResponse(CashFlowSerializer, description=_("The provider's cash flow.")),
            401: NOT_SIGNED_IN,
            403: FORBIDDEN,
            404: not_found(_("There is no organisation with that short name.")),
        },
        tags=["Paying on time"],
    )
    def get(self, request, *args, **kwargs):
        organisation = Organisation.objects.filter(slug=kwargs["slug"]).first()
        if organisation is None:
            raise NotFound(_g("There is no organisation with that short name."))
        if not (
            request.user.is_staff
            or organisation.pk in agreement_permissions.speaks_for_ids(request.user)
        ):
            raise PermissionDenied(_g("Only the provider's own people see its cash flow."))
        today = timezone.localdate()
        rate = statutory_rate_on(today)
        owed = selectors_invoices.provider_owed(organisation, today)
        late = [row for row in owed if row.charges.days_late > 0]
        data = {
            "today": today,
            "owed_total": sum((row.invoice.amount for row in owed), Decimal(0)),
            "late_total": sum((row.invoice.amount for row in late), Decimal(0)),
            "charges_total": sum((row.charges.total for row in late), Decimal(0)),
            "rate": rate,
            "owed": owed,
            "comparisons": selectors_invoices.profile_comparisons(organisation, rate),
        }
        return Response(CashFlowSerializer(data).data)
