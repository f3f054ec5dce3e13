"""What the API sends and accepts about clarification questions. A published question carries its
words, its answer and when it was published: never who asked, nor when."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from commonweal.competitions.models import Question
from commonweal.competitions.services_questions import LONGEST_QUESTION


class PublishedQuestionSerializer(serializers.ModelSerializer):
    question = serializers.CharField(source="text", help_text=_("The question, as asked."))
    answer = serializers.CharField(help_text=_("The answer, published to everyone."))
    published_at = serializers.DateTimeField(help_text=_("When the answer was published."))

    class Meta:
        model = Question
        fields = ["id", "question", "answer", "published_at"]
        read_only_fields = fields


class AskSerializer(serializers.Serializer):
    question = serializers.CharField(
        max_length=LONGEST_QUESTION,
        help_text=_(
            "Your question. Its answer is published to everyone without saying who asked: do not "
            "name your organisation in it."
        ),
        error_messages={
            "required": _("Give your question."),
            "blank": _("Give your question."),
            "max_length": _("A question can be at most 2,000 characters."),
        },
    )
    organisation = serializers.IntegerField(
        required=False,
        min_value=1,
        help_text=_(
            "The number of the organisation you ask for. Needed only when you speak for more "
            "than one."
        ),
        error_messages={"invalid": _("Give the organisation's number.")},
    )


class AskedQuestionSerializer(serializers.ModelSerializer):
    """A question as its asker sees it."""

    question = serializers.CharField(source="text", help_text=_("The question, as asked."))
    status = serializers.SerializerMethodField(
        help_text=_(
            "waiting (for an answer), published (to everyone) or private (answered to the asker "
            "alone)."
        )
    )

    class Meta:
        model = Question
        fields = ["id", "question", "status", "asked_at"]
        read_only_fields = fields

    def get_status(self, question: Question) -> str:
        from commonweal.competitions.services_questions import question_state

        return question_state(question)
