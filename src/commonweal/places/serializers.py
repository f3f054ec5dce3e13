"""What the API sends and accepts about places, and the field every app uses to name a place."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from commonweal.core.api.fields import choice_error
from commonweal.places.models import Place


class PlaceSlugField(serializers.SlugRelatedField):
    """A place, named by its short name (slug)."""

    default_error_messages = {
        "does_not_exist": _("There is no place with the short name “{value}”."),
        "invalid": _("Give a place by its short name, like riverside."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("slug_field", "slug")
        if not kwargs.get("read_only"):
            kwargs.setdefault("queryset", Place.objects.all())
        super().__init__(**kwargs)


class PlaceFilterSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(
        choices=Place.Kind.choices,
        required=False,
        help_text=_("Only places of this kind."),
        error_messages=choice_error(_("kind of place"), Place.Kind.choices),
    )
    parent = PlaceSlugField(
        required=False, help_text=_("Only places directly inside this place, by its short name.")
    )


class PlaceSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(
        source="get_kind_display", read_only=True, help_text=_("The kind of place, in words.")
    )
    parent = PlaceSlugField(
        read_only=True,
        allow_null=True,
        help_text=_("The short name of the place this one is part of."),
    )

    class Meta:
        model = Place
        fields = [
            "slug",
            "name",
            "kind",
            "kind_label",
            "parent",
            "gss_code",
            "description",
            "population",
            "is_fictional",
        ]
        read_only_fields = fields
        extra_kwargs = {
            "slug": {"help_text": _("Its short name, used in web addresses and in this API.")},
            "name": {"help_text": _("Its name.")},
            "kind": {"help_text": _("The kind of place, as a code.")},
            "population": {"help_text": _("How many people live there, if known.")},
        }
