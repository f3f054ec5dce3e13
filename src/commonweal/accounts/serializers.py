"""What the API sends about people: the signed-in person and the roles people hold."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from commonweal.accounts.models import RoleAssignment
from commonweal.places.serializers import PlaceSlugField


class RoleSerializer(serializers.ModelSerializer):
    role_label = serializers.CharField(
        source="get_role_display", read_only=True, help_text=_("The role, in words.")
    )
    organisation = serializers.SlugRelatedField(
        slug_field="slug",
        read_only=True,
        allow_null=True,
        help_text=_("The short name of the organisation it is held for, if any."),
    )
    place = PlaceSlugField(
        read_only=True,
        allow_null=True,
        help_text=_("The short name of the place it is held for, if any."),
    )

    class Meta:
        model = RoleAssignment
        fields = ["role", "role_label", "organisation", "place", "granted_at"]
        read_only_fields = fields


class MeSerializer(serializers.Serializer):
    name = serializers.CharField(source="user.full_name", read_only=True)
    email = serializers.EmailField(source="user.email", read_only=True)
    roles = RoleSerializer(many=True, read_only=True)


# A role someone holds for an organisation, in its members list. (No docstring: it would change
# the OpenAPI document, which takes a serializer's docstring as its description.)
class MemberRoleSerializer(serializers.ModelSerializer):
    role_label = serializers.CharField(
        source="get_role_display", read_only=True, help_text=_("The role, in words.")
    )

    class Meta:
        model = RoleAssignment
        fields = ["role", "role_label", "granted_at"]
        read_only_fields = fields
