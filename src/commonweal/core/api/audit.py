"""The audit trail's signed checkpoints, public: anyone may list them, nobody may change them."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import generics, serializers
from rest_framework.permissions import AllowAny

from commonweal.core import audit_checkpoints, audit_keys
from commonweal.core.api.pagination import ApiPagination
from commonweal.core.api.views import FIELD_ERRORS, ApiViewMixin
from commonweal.core.models import AuditCheckpoint


class AuditCheckpointSerializer(serializers.Serializer):
    seq = serializers.IntegerField(help_text=_("How many entries the trail held."))
    hash = serializers.CharField(help_text=_("The newest entry's hash, 64 hexadecimal digits."))
    at = serializers.CharField(
        help_text=_("When it was signed, in UTC, as 2027-01-31T09:30:00.000000Z.")
    )
    origin = serializers.CharField(help_text=_("The trail's name, signed with it."))
    key_id = serializers.CharField(
        help_text=_("The first 16 hexadecimal digits of the SHA-256 of the public key.")
    )
    signature = serializers.CharField(
        help_text=_("The Ed25519 signature of signed_text, in base64.")
    )
    signed_text = serializers.CharField(
        help_text=_("What was signed: origin, seq, hash and at, one to a line.")
    )
    public_key = serializers.CharField(
        allow_null=True,
        help_text=_(
            "The Ed25519 public key that checks the signature (32 bytes, base64); null if it was signed with "
            "an earlier key."
        ),
    )

    def to_representation(self, checkpoint: AuditCheckpoint) -> dict:
        current = audit_keys.key_id()
        data = audit_checkpoints.as_dict(checkpoint)
        data["public_key"] = (
            audit_keys.public_key_base64() if checkpoint.key_id == current else None
        )
        return data


@extend_schema_view(
    get=extend_schema(
        summary=_("List the audit trail's checkpoints"),
        description=_(
            "Signed checkpoints of the audit trail, newest first, 50 to a page. Save them: "
            "`commonweal audit verify --checkpoint FILE` checks the live trail against one, as JSON as given "
            "here. Public: no sign-in needed."
        ),
        responses={
            200: OpenApiResponse(
                AuditCheckpointSerializer(many=True), description=_("A page of checkpoints.")
            ),
            400: FIELD_ERRORS,
        },
        tags=["Audit trail"],
    )
)
class AuditCheckpointListView(ApiViewMixin, generics.ListAPIView):
    serializer_class = AuditCheckpointSerializer
    pagination_class = ApiPagination
    permission_classes = [AllowAny]
    queryset = AuditCheckpoint.objects.none()

    def get_queryset(self):
        return audit_checkpoints.checkpoint_list()
