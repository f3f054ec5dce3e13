"""The API's late-payment calculator: what a late payment adds to an invoice, for anyone, without a
token. The same answer as `commonweal late-payment --json`; nothing is stored."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import generics
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from commonweal.core.api.views import FIELD_ERRORS, ApiViewMixin, valid_filters
from commonweal.payments.late_payment import as_json
from commonweal.payments.serializers_calculator import (
    LatePaymentQuerySerializer,
    LatePaymentSerializer,
)

TAGS = ["Paying on time"]


@extend_schema_view(
    get=extend_schema(
        summary=_("Work out a late payment"),
        description=_(
            "What the Late Payment of Commercial Debts (Interest) Act 1998 adds to an invoice paid "
            "late: the days late, the reference rate (Bank Rate on the 31 December or 30 June "
            "before interest started to run, fixed for the whole debt) and its date, statutory "
            "interest at the reference rate plus 8% (simple, by the day), the fixed compensation "
            "for the size of the debt, and the total owed, with the sources of the rules. Money "
            "and rates are text with their decimal places. Without paid, it works out what is "
            "owed today. A payment on or before the day it was due, an amount of 0 or less, or a "
            "debt older than the rules held is a 400 saying why. It is not legal advice."
        ),
        parameters=[LatePaymentQuerySerializer],
        responses={
            200: OpenApiResponse(LatePaymentSerializer, description=_("What is owed.")),
            400: FIELD_ERRORS,
        },
        tags=TAGS,
    )
)
class LatePaymentView(ApiViewMixin, generics.GenericAPIView):
    serializer_class = LatePaymentSerializer
    permission_classes = [AllowAny]

    def get(self, request):
        result = valid_filters(LatePaymentQuerySerializer, request)["result"]
        return Response(LatePaymentSerializer(as_json(result)).data)
