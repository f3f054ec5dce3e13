"""What the evaluation API reads and writes: an evaluator's own declarations and scores, the
scores side by side for moderation, and the result."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers


class EvaluationBidderSerializer(serializers.Serializer):
    organisation = serializers.IntegerField(help_text=_("The bidder's organisation number."))
    name = serializers.CharField(help_text=_("The bidder's name."))
    conflict = serializers.BooleanField(
        allow_null=True, help_text=_("Whether you declared a conflict; null before you declare.")
    )
    details = serializers.CharField(help_text=_("What the conflict is."))


class EvaluationConflictsSerializer(serializers.Serializer):
    declared = serializers.BooleanField(help_text=_("Whether you have declared for every bidder."))
    bidders = EvaluationBidderSerializer(many=True)


class EvaluationDeclarationSerializer(serializers.Serializer):
    organisation = serializers.IntegerField(
        min_value=1, max_value=2**63 - 1, help_text=_("The bidder's organisation number.")
    )
    conflict = serializers.BooleanField(help_text=_("Whether you have a conflict with it."))
    details = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=5000,
        default="",
        help_text=_("What the conflict is (required when conflict is true)."),
    )


class EvaluationDeclareSerializer(serializers.Serializer):
    declarations = EvaluationDeclarationSerializer(many=True, max_length=1000)


class EvaluationScoreSerializer(serializers.Serializer):
    bid = serializers.IntegerField(help_text=_("The bid's number."))
    bidder = serializers.CharField(help_text=_("The bidder's name."))
    criterion = serializers.IntegerField(help_text=_("The criterion's number."))
    title = serializers.CharField(help_text=_("The criterion's title."))
    score = serializers.DecimalField(
        max_digits=6, decimal_places=2, allow_null=True, help_text=_("The score; null if not yet.")
    )
    passed = serializers.BooleanField(
        allow_null=True, help_text=_("For a pass or fail criterion, whether it passes.")
    )
    reason = serializers.CharField(help_text=_("Why."))


class EvaluationMyScoresSerializer(serializers.Serializer):
    done = serializers.BooleanField(help_text=_("Whether you have marked your scoring done."))
    scale = serializers.ListField(
        child=serializers.DecimalField(max_digits=6, decimal_places=2),
        help_text=_("The scores allowed."),
    )
    scores = EvaluationScoreSerializer(
        many=True, help_text=_("Every score you give, given or not.")
    )


class EvaluationScoreInputSerializer(serializers.Serializer):
    bid = serializers.IntegerField(min_value=1, max_value=2**63 - 1)
    criterion = serializers.IntegerField(min_value=1, max_value=2**63 - 1)
    score = serializers.DecimalField(
        max_digits=6,
        decimal_places=2,
        required=False,
        allow_null=True,
        default=None,
        help_text=_("A score on the scale (not for a pass or fail criterion)."),
    )
    passed = serializers.BooleanField(
        required=False,
        allow_null=True,
        default=None,
        help_text=_("For a pass or fail criterion: whether it passes."),
    )
    reason = serializers.CharField(max_length=5000, help_text=_("Why."))


class EvaluationPanelScoreSerializer(serializers.Serializer):
    evaluator = serializers.CharField(help_text=_("The evaluator's name."))
    score = serializers.DecimalField(max_digits=6, decimal_places=2)
    passed = serializers.BooleanField(allow_null=True)
    reason = serializers.CharField()


class EvaluationAgreedSerializer(serializers.Serializer):
    score = serializers.DecimalField(max_digits=6, decimal_places=2)
    passed = serializers.BooleanField(allow_null=True)
    reason = serializers.CharField()


class EvaluationModerationCellSerializer(serializers.Serializer):
    bid = serializers.IntegerField()
    bidder = serializers.CharField()
    criterion = serializers.IntegerField()
    title = serializers.CharField()
    scores = EvaluationPanelScoreSerializer(many=True)
    agreed = EvaluationAgreedSerializer(allow_null=True)


class EvaluationModerationSerializer(serializers.Serializer):
    open = serializers.BooleanField(
        help_text=_("Whether every evaluator is done, so the scores can be seen.")
    )
    waiting_for = serializers.ListField(
        child=serializers.CharField(), help_text=_("The evaluators not yet done.")
    )
    cells = EvaluationModerationCellSerializer(many=True)


class EvaluationAgreeInputSerializer(EvaluationScoreInputSerializer):
    pass


class EvaluationResultLineSerializer(serializers.Serializer):
    bid = serializers.IntegerField(source="bid_id")
    name = serializers.CharField()
    price = serializers.DecimalField(max_digits=14, decimal_places=2)
    quality = serializers.DecimalField(max_digits=8, decimal_places=2)
    social_value = serializers.DecimalField(max_digits=8, decimal_places=2)
    price_points = serializers.DecimalField(max_digits=8, decimal_places=2)
    total = serializers.DecimalField(max_digits=8, decimal_places=2)
    rank = serializers.IntegerField(allow_null=True)
    failed = serializers.ListField(child=serializers.CharField())
    lines = serializers.ListField(child=serializers.CharField())


class EvaluationSensitivitySerializer(serializers.Serializer):
    message = serializers.CharField()
    changes_winner = serializers.BooleanField()


class EvaluationOutcomeSerializer(serializers.Serializer):
    summary = serializers.CharField()
    explanation = serializers.CharField(help_text=_("The price formula in plain English."))
    winner = serializers.CharField(allow_null=True, help_text=_("The winning bid's number."))
    results = EvaluationResultLineSerializer(many=True)
    sensitivity = EvaluationSensitivitySerializer(many=True)
    rank_reversals = serializers.ListField(child=serializers.CharField())


class EvaluationFlagSerializer(serializers.Serializer):
    bidder = serializers.CharField()
    reason = serializers.CharField()


class EvaluationSocialValueSerializer(serializers.Serializer):
    bidder = serializers.CharField()
    total = serializers.DecimalField(max_digits=16, decimal_places=2)
    per_pound = serializers.DecimalField(max_digits=10, decimal_places=4)
    reasons = serializers.ListField(child=serializers.CharField())
    flags = serializers.ListField(child=serializers.CharField())


class EvaluationInherentSerializer(serializers.Serializer):
    bidder = serializers.CharField()
    score = serializers.DecimalField(max_digits=8, decimal_places=2)
    out_of = serializers.DecimalField(max_digits=8, decimal_places=2)
    share = serializers.DecimalField(max_digits=5, decimal_places=2)
    reasons = serializers.ListField(child=serializers.CharField())


class EvaluationExcludedSerializer(serializers.Serializer):
    bidder = serializers.CharField()
    why = serializers.CharField()


class EvaluationResultsSerializer(serializers.Serializer):
    final = serializers.BooleanField()
    missing = serializers.ListField(
        child=serializers.CharField(), help_text=_("Why the result is not final yet.")
    )
    evaluation = EvaluationOutcomeSerializer(allow_null=True)
    excluded = EvaluationExcludedSerializer(many=True)
    flags = EvaluationFlagSerializer(many=True)
    social_value = EvaluationSocialValueSerializer(many=True)
    inherent = EvaluationInherentSerializer(many=True)
