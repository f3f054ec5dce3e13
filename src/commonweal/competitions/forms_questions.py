"""Forms for clarification questions: a provider asks one; those who run the opportunity answer."""

from django import forms
from django.utils.translation import gettext_lazy as _

from commonweal.competitions.services_questions import LONGEST_ANSWER, LONGEST_QUESTION
from commonweal.core.forms import PlainForm
from commonweal.organisations.models import Organisation

PUBLISH, PRIVATE = "publish", "private"


class AskForm(PlainForm):
    """The question, and which organisation it is asked for when the person speaks for several."""

    organisation = forms.TypedChoiceField(
        label=_("Who is asking"),
        help_text=_("Other providers never see who asked."),
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose the organisation you are asking for"),
            "invalid_choice": _("Choose the organisation you are asking for"),
        },
    )
    text = forms.CharField(
        label=_("Your question"),
        help_text=_(
            "The answer will be published to everyone, without saying who asked. Do not put your "
            "organisation's name or anything that identifies you in the question."
        ),
        max_length=LONGEST_QUESTION,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Enter your question")},
    )

    def __init__(self, *args, organisations: list[Organisation], **kwargs):
        super().__init__(*args, **kwargs)
        self.organisations = {org.pk: org for org in organisations}
        field = self.fields["organisation"]
        field.choices = [(org.pk, org.name) for org in organisations]
        if len(organisations) == 1:
            field.required = False
            field.widget = forms.HiddenInput()
            self.initial.setdefault("organisation", organisations[0].pk)

    def clean_organisation(self):
        chosen = self.cleaned_data.get("organisation")
        if len(self.organisations) == 1 and chosen in (None, ""):
            return next(iter(self.organisations.values()))
        return self.organisations.get(chosen)


class AnswerForm(PlainForm):
    answer = forms.CharField(
        label=_("Your answer"),
        max_length=LONGEST_ANSWER,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": _("Enter the answer")},
    )
    publish = forms.ChoiceField(
        label=_("Who sees the answer"),
        choices=[
            (PUBLISH, _("Publish it to everyone, with the question, without saying who asked")),
            (
                PRIVATE,
                _(
                    "Reply to the asker alone, and do not publish it (for example, the question "
                    "gave away the asker's commercial secrets)"
                ),
            ),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose who sees the answer"),
            "invalid_choice": _("Choose who sees the answer"),
        },
    )
