"""What the budgeting API sends and accepts."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from commonweal.core.api.fields import ChoiceLabelField, PageAddressField
from commonweal.participation.models import BudgetRound, Project


class BudgetRoundSerializer(serializers.ModelSerializer):
    place = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, help_text=_("The short name of the place it is for.")
    )
    status = serializers.CharField(
        read_only=True,
        help_text=_("Its phase, as a code: proposals, review, voting, closed or published."),
    )
    status_label = ChoiceLabelField(
        BudgetRound.Status.choices, source="status", help_text=_("Its phase, in words.")
    )
    budget = serializers.DecimalField(
        max_digits=14, decimal_places=2, read_only=True, help_text=_("The budget in pounds.")
    )
    ballot_type = serializers.CharField(
        read_only=True,
        help_text=_("How people vote, as a code: approval, cumulative, ranked or choose_one."),
    )
    verification = serializers.CharField(
        read_only=True,
        help_text=_("How voters are checked, as a code: resident, list, code or officer."),
    )
    rule = serializers.CharField(
        read_only=True, help_text=_("How votes are counted, as a code: mes or greedy.")
    )
    web_address = PageAddressField("participation:round", help_text=_("Its page on this site."))

    class Meta:
        model = BudgetRound
        fields = [
            "id",
            "title",
            "description",
            "place",
            "status",
            "status_label",
            "budget",
            "proposals_open",
            "review_from",
            "voting_opens",
            "voting_closes",
            "results_by",
            "minimum_age",
            "verification",
            "ballot_type",
            "min_projects",
            "max_projects",
            "within_budget",
            "points_total",
            "points_max_per_project",
            "ranks",
            "rule",
            "web_address",
        ]
        read_only_fields = fields


class BudgetProjectSerializer(serializers.ModelSerializer):
    cost = serializers.DecimalField(
        max_digits=14,
        decimal_places=2,
        read_only=True,
        help_text=_("What it would cost, in pounds."),
    )
    status = serializers.CharField(
        read_only=True, help_text=_("proposed, accepted (on the ballot) or rejected.")
    )
    review_reason = serializers.CharField(
        read_only=True, help_text=_("Why it was accepted or rejected.")
    )
    needs = serializers.PrimaryKeyRelatedField(
        many=True, read_only=True, help_text=_("The numbers of the needs it would meet.")
    )

    class Meta:
        model = Project
        fields = ["id", "title", "description", "cost", "status", "review_reason", "needs"]
        read_only_fields = fields


class BudgetBallotSerializer(serializers.Serializer):
    projects = serializers.DictField(
        child=serializers.IntegerField(
            min_value=0,
            error_messages={
                "invalid": _("Give each project a whole number: 1, its points or its rank."),
                "min_value": _("Points and ranks cannot be less than zero."),
            },
        ),
        help_text=_(
            "Project number to your mark: 1 for each project you choose (approval, choose one), the points you "
            "give (cumulative) or its rank, 1 first (ranked)."
        ),
    )
    age_confirmed = serializers.BooleanField(
        help_text=_("true to confirm you are old enough to vote in this round.")
    )


class BudgetProjectResultSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text=_("The project's number."))
    title = serializers.CharField(help_text=_("The project's title."))
    cost = serializers.DecimalField(
        max_digits=14, decimal_places=2, help_text=_("Its cost in pounds.")
    )
    votes = serializers.IntegerField(
        help_text=_("Ballots supporting it (points, for cumulative ballots).")
    )
    funded = serializers.BooleanField(help_text=_("Whether it is funded."))
    explanation = serializers.ListField(
        child=serializers.CharField(),
        help_text=_(
            "Plain sentences: who paid what for a funded project, or why it was not funded."
        ),
    )


class BudgetResultsSerializer(serializers.Serializer):
    rule = serializers.CharField(help_text=_("The rule used: mes or greedy."))
    satisfaction = serializers.CharField(help_text=_("The satisfaction measure used."))
    completion = serializers.CharField(
        help_text=_("How unspent money was used: none, add1 or add1-greedy.")
    )
    ballots = serializers.IntegerField(help_text=_("How many ballots were counted."))
    spent = serializers.DecimalField(
        max_digits=14, decimal_places=2, help_text=_("The cost of the funded projects.")
    )
    counted_at = serializers.DateTimeField(help_text=_("When the votes were counted."))
    engine_version = serializers.CharField(help_text=_("The version of the counting engine."))
    ejr = serializers.CharField(
        help_text=_("Whether the result is fair to groups of voters (EJR), in words.")
    )
    projects = BudgetProjectResultSerializer(
        many=True, help_text=_("Funded projects first, in the order chosen.")
    )
