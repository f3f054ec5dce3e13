"""The API's citizens' panel endpoints: the list, one panel and its pool.

Public: size, features and quotas, status, a summary of the published lottery, the draw seed and
the drawn pool numbers; the pool, 50 to a page, by anonymous pool number with each person's
chance. Staff for the panel's place also get names and contacts, in the pool's pages only, so one
panel's answer is the same size whatever the size of its pool.
"""

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import generics, serializers
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.response import Response

from commonweal.core.api.fields import ChoiceLabelField, PageAddressField
from commonweal.core.api.pagination import ApiPagination
from commonweal.core.api.views import (
    FIELD_ERRORS,
    FORBIDDEN,
    ApiViewMixin,
    not_found,
    valid_filters,
)
from commonweal.needs.models import Need
from commonweal.panels import permissions, selectors
from commonweal.panels.models import Panel
from commonweal.places.serializers import PlaceSlugField


class PanelFilterSerializer(serializers.Serializer):
    place = PlaceSlugField(
        required=False, help_text=_("Only panels for this place, by its short name.")
    )
    status = serializers.ChoiceField(
        choices=Panel.Status.choices,
        required=False,
        help_text=_("Only panels with this status, as a code."),
        error_messages={
            "invalid_choice": _("Give a status as one of: %(codes)s.")
            % {"codes": ", ".join(Panel.Status.values)}
        },
    )


class CategorySerializer(serializers.Serializer):
    name = serializers.CharField(help_text=_("The category, like Female or 16 to 29."))
    min_seats = serializers.IntegerField(help_text=_("The fewest seats for people in it."))
    max_seats = serializers.IntegerField(help_text=_("The most seats for people in it."))


class FeatureSerializer(serializers.Serializer):
    name = serializers.CharField(help_text=_("The feature, like Age band."))
    categories = CategorySerializer(many=True, help_text=_("Its categories and their quotas."))


class PanelSerializer(serializers.ModelSerializer):
    place = PlaceSlugField(read_only=True, help_text=_("The short name of the place it is for."))
    status_label = ChoiceLabelField(
        Panel.Status.choices, source="status", help_text=_("Its status, in words.")
    )
    # Newest first, as a need's default order has always sent them.
    needs = serializers.PrimaryKeyRelatedField(
        many=True, read_only=True, help_text=_("The numbers of its needs.")
    )
    web_address = PageAddressField("panels:panel", help_text=_("Its page on this site."))

    class Meta:
        model = Panel
        fields = [
            "id",
            "title",
            "description",
            "place",
            "size",
            "one_per_household",
            "status",
            "status_label",
            "needs",
            "web_address",
        ]
        read_only_fields = fields
        extra_kwargs = {
            "status": {
                "help_text": _("Its status, as a code: %(codes)s.")
                % {"codes": ", ".join(Panel.Status.values)}
            }
        }


class SelectionSerializer(serializers.Serializer):
    method = serializers.CharField(help_text=_("How the chances were worked out."))
    maximin = serializers.FloatField(
        help_text=_(
            "The lowest chance of anyone who can be chosen, as a number from 0 to 1 (the pages "
            "show 0.125 as 12.5 per cent)."
        )
    )
    stages_completed = serializers.IntegerField(
        help_text=_("How many leximin refinement stages were done.")
    )
    refinement_finished = serializers.BooleanField(
        help_text=_("Whether refinement finished within the time limit.")
    )
    panel_count = serializers.IntegerField(
        help_text=_("How many possible panels the lottery draws from.")
    )


class DrawSerializer(serializers.Serializer):
    seed = serializers.CharField(help_text=_("The seed entered at the public draw meeting."))
    entered_at = serializers.DateTimeField(help_text=_("When it was entered."))
    drawn = serializers.ListField(
        child=serializers.IntegerField(), help_text=_("The drawn pool numbers.")
    )
    quotas_met = serializers.BooleanField(help_text=_("Whether the drawn panel meets every quota."))


class PoolSummarySerializer(serializers.Serializer):
    count = serializers.IntegerField(help_text=_("How many people are in the pool."))
    address = serializers.CharField(
        help_text=_(
            "Where this API lists them, 50 to a page, with each person's chance of being chosen."
        )
    )


class PoolPersonSerializer(serializers.Serializer):
    number = serializers.IntegerField(help_text=_("Their anonymous pool number."))
    probability = serializers.FloatField(
        allow_null=True,
        help_text=_(
            "Their published chance of being chosen, as a number from 0 to 1 (the pages show 0.125 "
            "as 12.5 per cent); null until the lottery is worked out, or if they joined the pool "
            "after it was."
        ),
    )
    drawn = serializers.BooleanField(help_text=_("Whether the public draw chose them."))
    name = serializers.CharField(
        allow_null=True,
        help_text=_("Their name: only for staff running the panel; null for everyone else."),
    )
    email = serializers.CharField(
        allow_null=True,
        help_text=_(
            "Their email address, or an empty string if none was given: only for staff running "
            "the panel; null for everyone else."
        ),
    )
    household = serializers.CharField(
        allow_null=True,
        help_text=_(
            "Their household, or an empty string if none was given: only for staff running the "
            "panel; null for everyone else."
        ),
    )
    values = serializers.DictField(
        child=serializers.CharField(),
        allow_null=True,
        help_text=_(
            "Their category for each feature: only for staff running the panel; null for "
            "everyone else."
        ),
    )


class PanelDetailSerializer(PanelSerializer):
    """One panel, the same size whatever the size of its pool: the pool itself is a list of its own."""

    features = serializers.SerializerMethodField(help_text=_("The features and their quotas."))
    selection = serializers.SerializerMethodField(
        help_text=_(
            "The published lottery; null until one is worked out. Each person's chance is in the "
            "pool's list."
        )
    )
    draw = serializers.SerializerMethodField(help_text=_("The public draw; null until it is made."))
    pool = serializers.SerializerMethodField(
        help_text=_("How many people are in the pool, and where to list them.")
    )

    class Meta(PanelSerializer.Meta):
        fields = PanelSerializer.Meta.fields + ["features", "selection", "draw", "pool"]
        read_only_fields = fields

    @extend_schema_field(FeatureSerializer(many=True))
    def get_features(self, panel):
        return [
            {
                "name": feature.name,
                "categories": [
                    {
                        "name": c.name,
                        "min_seats": c.min_seats,
                        "max_seats": panel.size if c.max_seats is None else c.max_seats,
                    }
                    for c in feature.categories.all()
                ],
            }
            for feature in selectors.features(panel)
        ]

    @extend_schema_field(SelectionSerializer(allow_null=True))
    def get_selection(self, panel):
        run = self.context["run"]
        if run is None:
            return None
        return {
            "method": run.method,
            "maximin": run.maximin,
            "stages_completed": run.stages_completed,
            "refinement_finished": run.refinement_finished,
            "panel_count": selectors.lottery_panel_count(run),
        }

    @extend_schema_field(DrawSerializer(allow_null=True))
    def get_draw(self, panel):
        draw = self.context["draw"]
        if draw is None:
            return None
        return {
            "seed": draw.seed,
            "entered_at": draw.entered_at,
            "drawn": draw.drawn,
            "quotas_met": not draw.problems,
        }

    @extend_schema_field(PoolSummarySerializer)
    def get_pool(self, panel):
        return {
            "count": selectors.pool_count(panel),
            "address": reverse("api:panel-pool", kwargs={"pk": panel.pk}),
        }


def _panel_or_refusal(request, pk: int) -> Panel:
    """The panel, if this person may see it: a 404 for an unknown number, a 403 for a draft."""
    panel = selectors.panel_get(pk)
    if panel is None:
        raise NotFound(_g("There is no panel with the number %(id)s.") % {"id": pk})
    if not permissions.can_view(request.user, panel):
        raise PermissionDenied
    return panel


@extend_schema_view(
    get=extend_schema(
        summary=_("List citizens' panels"),
        description=_(
            "Citizens' panels, newest first, 50 to a page. Drafts are shown only to staff running them."
        ),
        parameters=[PanelFilterSerializer],
        responses={
            200: OpenApiResponse(PanelSerializer(many=True), description=_("A page of panels.")),
            400: FIELD_ERRORS,
        },
        tags=["Panels"],
    )
)
class PanelListView(ApiViewMixin, generics.ListAPIView):
    serializer_class = PanelSerializer
    pagination_class = ApiPagination
    queryset = Panel.objects.none()

    def get_queryset(self):
        filters = valid_filters(PanelFilterSerializer, self.request)
        # Only the needs' numbers, in their default order (newest first).
        panels = selectors.panel_list(self.request.user).prefetch_related(
            Prefetch("needs", queryset=Need.objects.only("pk"))
        )
        if "place" in filters:
            panels = panels.filter(place=filters["place"])
        if "status" in filters:
            panels = panels.filter(status=filters["status"])
        return panels


# A pool member's row as staff read it; everyone else reads the number alone.
POOL_COLUMNS = ("number", "name", "email", "household", "values")

PANEL_NUMBER = OpenApiParameter(
    "id", OpenApiTypes.INT, OpenApiParameter.PATH, description=_("The panel's number.")
)


@extend_schema_view(
    get=extend_schema(
        summary=_("Get a citizens' panel"),
        description=_(
            "One panel: its seats, features and quotas, status, a summary of the published lottery, the "
            "draw seed and the drawn pool numbers, and how many people are in the pool. The pool itself, "
            "with each person's chance of being chosen, is listed by its own operation."
        ),
        parameters=[PANEL_NUMBER],
        responses={
            200: OpenApiResponse(PanelDetailSerializer, description=_("The panel.")),
            403: FORBIDDEN,
            404: not_found(_("There is no panel with that number.")),
        },
        tags=["Panels"],
    )
)
class PanelDetailView(ApiViewMixin, generics.GenericAPIView):
    serializer_class = PanelDetailSerializer
    queryset = Panel.objects.none()
    pagination_class = None

    def get(self, request, pk: int):
        panel = _panel_or_refusal(request, pk)
        draw = selectors.draw_summary(panel)
        context = {
            **self.get_serializer_context(),
            "draw": draw,
            "run": selectors.run_chosen_summary(panel, draw),
        }
        return Response(PanelDetailSerializer(panel, context=context).data)


@extend_schema_view(
    get=extend_schema(
        summary=_("List the pool of a citizens' panel"),
        description=_(
            "The people who volunteered for one panel, by pool number, 50 to a page: each person's "
            "anonymous number, their published chance of being chosen and whether the public draw "
            "chose them. Names, contacts, households and categories are only for staff running the "
            "panel, and null for everyone else."
        ),
        parameters=[PANEL_NUMBER],
        responses={
            200: OpenApiResponse(
                PoolPersonSerializer(many=True), description=_("A page of the pool.")
            ),
            403: FORBIDDEN,
            404: not_found(
                _(
                    "There is no panel with that number, or no page with that number: it is past "
                    "the last page. The first page always exists."
                )
            ),
        },
        tags=["Panels"],
    )
)
class PanelPoolView(ApiViewMixin, generics.ListAPIView):
    serializer_class = PoolPersonSerializer
    pagination_class = ApiPagination
    queryset = Panel.objects.none()

    def list(self, request, pk: int):
        panel = _panel_or_refusal(request, pk)
        staff = permissions.can_see_personal_data(request.user, panel)
        # Plain rows, not Volunteers: only what this person may see is read.
        page = self.paginate_queryset(
            selectors.pool(panel).values(*(POOL_COLUMNS if staff else ("number",)))
        )
        draw = selectors.draw_summary(panel)
        chances = selectors.chances_by_number(selectors.run_chosen_summary(panel, draw))
        drawn = {int(number) for number in (draw.drawn if draw else [])}
        rows = [
            {
                "number": person["number"],
                "probability": chances.get(person["number"]),
                "drawn": person["number"] in drawn,
                **{field: person.get(field) for field in POOL_COLUMNS[1:]},
            }
            for person in page
        ]
        return self.get_paginated_response(PoolPersonSerializer(rows, many=True).data)
