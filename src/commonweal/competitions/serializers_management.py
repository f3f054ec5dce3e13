"""What the API sends and accepts for those who run an opportunity (every question with who asked,
the answer; the evaluation panel; the abnormally low bid reviews) and for a bidder's own people
(the explanation of a low price)."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from commonweal.competitions.models import Evaluator, LowBidReview, Question
from commonweal.competitions.services_questions import LONGEST_ANSWER, question_state

BIGGEST_ID = 2**63 - 1
LONGEST_REASON = 5000
LONGEST_EXPLANATION = 10000


@extend_schema_field({"type": "string", "enum": [choice.value for choice in Evaluator.Kind]})
class SeatKindField(serializers.ChoiceField):
    """officer or citizen, described in place (no shared enum named after "kind")."""


@extend_schema_field({"type": "string", "enum": [choice.value for choice in LowBidReview.Decision]})
class DecisionField(serializers.ChoiceField):
    """A low-bid review's decision, described in place."""


@extend_schema_field({"type": "string", "enum": ["accepted", "rejected"]})
class DecideField(serializers.ChoiceField):
    """accepted or rejected, described in place."""


# --- Questions -----------------------------------------------------------------------------------


class ManagedQuestionSerializer(serializers.ModelSerializer):
    """A question as those who run the opportunity see it: who asked, and for which organisation."""

    question = serializers.CharField(source="text", help_text=_("The question, as asked."))
    asked_by = serializers.SerializerMethodField(
        help_text=_("The name of the person who asked; null if their account is gone.")
    )
    organisation = serializers.IntegerField(
        source="asked_for_id", help_text=_("The number of the organisation they asked for.")
    )
    organisation_name = serializers.CharField(
        source="asked_for.name", help_text=_("The name of the organisation they asked for.")
    )
    state = serializers.SerializerMethodField(
        help_text=_(
            "waiting (for an answer), published (to everyone) or private (answered to the asker "
            "alone)."
        )
    )
    answer = serializers.CharField(help_text=_("The answer; empty while it waits."))
    published_at = serializers.DateTimeField(
        allow_null=True, help_text=_("When the answer was published to everyone; null if not.")
    )

    class Meta:
        model = Question
        fields = [
            "id",
            "question",
            "asked_by",
            "organisation",
            "organisation_name",
            "asked_at",
            "state",
            "answer",
            "published_at",
        ]
        read_only_fields = fields

    def get_asked_by(self, question: Question) -> str | None:
        return question.asked_by.full_name if question.asked_by else None

    def get_state(self, question: Question) -> str:
        return question_state(question)


class AnswerSerializer(serializers.Serializer):
    answer = serializers.CharField(
        max_length=LONGEST_ANSWER,
        help_text=_("The answer. Published, it is read by everyone, never saying who asked."),
        error_messages={
            "required": _("Give the answer."),
            "blank": _("Give the answer."),
            "max_length": _("An answer can be at most 10,000 characters."),
        },
    )
    publish = serializers.BooleanField(
        help_text=_(
            "true to publish the answer to everyone (interested providers are told); false to "
            "reply to the asker alone. A published answer cannot be made private again."
        ),
        error_messages={"required": _("Say whether to publish the answer (true or false).")},
    )


# --- The panel -----------------------------------------------------------------------------------


class ManagedPanelSeatSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text=_("The seat's number (to take it away)."))
    user = serializers.IntegerField(source="user_id", help_text=_("The person's number."))
    name = serializers.CharField(source="user.full_name", help_text=_("The person's name."))
    kind = serializers.CharField(
        help_text=_("officer (scores every criterion) or citizen (only those open to citizens)."),
    )
    conflicts_declared = serializers.SerializerMethodField(
        help_text=_("Whether they have declared their conflicts of interest.")
    )
    done = serializers.SerializerMethodField(
        help_text=_("Whether they have marked their scoring done.")
    )

    def get_conflicts_declared(self, seat: Evaluator) -> bool:
        return seat.conflicts_declared_at is not None

    def get_done(self, seat: Evaluator) -> bool:
        return seat.scores_submitted_at is not None


class ManagedPanelPersonSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text=_("The person's number (give it as user to add them)."))
    name = serializers.CharField(source="full_name", help_text=_("The person's name."))


class ManagedPanelSerializer(serializers.Serializer):
    seats = ManagedPanelSeatSerializer(many=True, help_text=_("Who is on the panel."))
    can_remove = serializers.BooleanField(
        help_text=_("Whether a seat can still be taken away (only before anybody has scored).")
    )
    eligible_officers = ManagedPanelPersonSerializer(
        many=True,
        help_text=_(
            "Staff with an evaluator's, commissioner's or procurement officer's role at one of the "
            "plan's agencies, not yet on the panel: they may hold an officer seat."
        ),
    )
    eligible_citizens = ManagedPanelPersonSerializer(
        many=True,
        help_text=_("The plan's citizen commissioners not yet on the panel: a citizen seat."),
    )


class ManagedPanelAddSerializer(serializers.Serializer):
    user = serializers.IntegerField(
        min_value=1,
        max_value=BIGGEST_ID,
        help_text=_("The number of the person to add."),
        error_messages={
            "required": _("Give the number of the person to add."),
            "invalid": _("Give the number of the person to add."),
            "min_value": _("There is nobody with that number."),
            "max_value": _("There is nobody with that number."),
        },
    )
    kind = SeatKindField(
        choices=Evaluator.Kind.choices,
        help_text=_(
            "officer (staff at one of the plan's agencies) or citizen (one of the plan's citizen "
            "commissioners)."
        ),
        error_messages={
            "required": _("Say which seat: officer or citizen."),
            "invalid_choice": _("Choose officer or citizen."),
        },
    )


# --- Low bids ------------------------------------------------------------------------------------


class LowBidFlagSerializer(serializers.Serializer):
    test = serializers.CharField(help_text=_("Which test flagged the price."))
    price = serializers.CharField(help_text=_("The bid's price."))
    compared_with = serializers.CharField(help_text=_("What the price was compared with."))
    gap_percent = serializers.CharField(help_text=_("How far below, in per cent."))
    reason = serializers.CharField(help_text=_("Why it is flagged, in plain English."))
    ask = serializers.CharField(help_text=_("What the bidder is asked to explain."))
    law = serializers.CharField(help_text=_("The law that applies."))


class LowBidReviewSerializer(serializers.Serializer):
    bid = serializers.IntegerField(source="bid_id", help_text=_("The bid's number."))
    bidder = serializers.CharField(source="bid.organisation.name", help_text=_("The bidder."))
    flags = serializers.SerializerMethodField(help_text=_("Each test that flagged the price."))
    asked = serializers.SerializerMethodField(
        help_text=_("Whether the bidder has been asked to explain.")
    )
    asked_at = serializers.DateTimeField(
        source="explanation_requested_at", allow_null=True, help_text=_("When it was asked.")
    )
    explanation = serializers.CharField(help_text=_("The bidder's explanation; empty if none."))
    explained_at = serializers.DateTimeField(
        allow_null=True, help_text=_("When the bidder explained.")
    )
    decision = DecisionField(
        choices=LowBidReview.Decision.choices,
        help_text=_("pending, accepted (the price stands) or rejected (the bid is excluded)."),
    )
    reason = serializers.CharField(help_text=_("Why it was decided so; empty while pending."))
    decided_at = serializers.DateTimeField(allow_null=True, help_text=_("When it was decided."))

    @extend_schema_field(LowBidFlagSerializer(many=True))
    def get_flags(self, review: LowBidReview) -> list[dict]:
        keys = ("test", "price", "compared_with", "gap_percent", "reason", "ask", "law")
        return LowBidFlagSerializer(
            [{key: str(flag.get(key, "")) for key in keys} for flag in review.flags or []],
            many=True,
        ).data

    def get_asked(self, review: LowBidReview) -> bool:
        return review.explanation_requested_at is not None


class LowBidCheckSerializer(serializers.Serializer):
    flagged = serializers.IntegerField(help_text=_("How many bids this check newly flagged."))
    reviews = LowBidReviewSerializer(many=True, help_text=_("The reviews it opened."))


class LowBidDecideSerializer(serializers.Serializer):
    decision = DecideField(
        choices=[LowBidReview.Decision.ACCEPTED, LowBidReview.Decision.REJECTED],
        help_text=_(
            "accepted (the explanation is satisfactory) or rejected (the bid is excluded; only "
            "once the bidder was asked to explain)."
        ),
        error_messages={
            "required": _("Choose to accept or reject the bid."),
            "invalid_choice": _("Choose accepted or rejected."),
        },
    )
    reason = serializers.CharField(
        max_length=LONGEST_REASON,
        help_text=_("Why."),
        error_messages={
            "required": _("Say why."),
            "blank": _("Say why."),
            "max_length": _("The reason can be at most 5,000 characters."),
        },
    )


class LowBidExplainSerializer(serializers.Serializer):
    explanation = serializers.CharField(
        max_length=LONGEST_EXPLANATION,
        help_text=_("How you will deliver the whole service for your price."),
        error_messages={
            "required": _("Explain how you will deliver for this price."),
            "blank": _("Explain how you will deliver for this price."),
            "max_length": _("The explanation can be at most 10,000 characters."),
        },
    )


class LowBidExplainedSerializer(serializers.Serializer):
    """The review as the bidder's own people see it: what they are asked, and what they said."""

    bid = serializers.IntegerField(source="bid_id", help_text=_("Your bid's number."))
    asks = serializers.SerializerMethodField(help_text=_("What you are asked to explain."))
    explanation = serializers.CharField(help_text=_("Your explanation."))
    explained_at = serializers.DateTimeField(allow_null=True, help_text=_("When you explained."))
    decided = serializers.SerializerMethodField(
        help_text=_("Whether a decision has been made (the explanation can no longer change).")
    )

    def get_asks(self, review: LowBidReview) -> list[str]:
        return [str(flag.get("ask", "")) for flag in review.flags or [] if flag.get("ask")]

    def get_decided(self, review: LowBidReview) -> bool:
        return review.decision != LowBidReview.Decision.PENDING
