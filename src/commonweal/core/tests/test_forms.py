"""The base form's plain messages."""

import pytest
from django import forms
from django.contrib.auth.models import Group

from commonweal.core.forms import ModelMultipleChoiceField, PlainForm


class Example(PlainForm):
    title = forms.CharField(label="title of the round", max_length=200)
    reason = forms.CharField(
        label="Reason", max_length=10, error_messages={"max_length": "Keep it short"}
    )
    code = forms.CharField(label="Code")


def test_a_text_over_its_limit_says_so_in_plain_words():
    form = Example({"title": "x" * 1201, "reason": "fine", "code": "ok"})
    assert not form.is_valid()
    assert form.errors["title"] == ["Title of the round must be 200 characters or fewer"]


def test_a_field_keeps_its_own_message_and_fields_without_a_limit_are_untouched():
    form = Example({"title": "fine", "reason": "far too long a reason", "code": "y" * 5000})
    assert not form.is_valid()
    assert form.errors == {"reason": ["Keep it short"]}


def test_large_limits_are_written_with_commas():
    class Big(PlainForm):
        text = forms.CharField(label="Story", max_length=5000)

    form = Big({"text": "z" * 5001})
    assert not form.is_valid()
    assert form.errors["text"] == ["Story must be 5,000 characters or fewer"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "sent", [str(2**63), str(2**70), str(-(2**63) - 1), "99999999999999999999999"]
)
def test_an_id_no_row_can_have_is_a_wrong_choice_not_a_crash(sent):
    # SQLite cannot take a number past 64 bits in the IN (...) Django checks several choices with:
    # a form that chooses several rows refuses it like any other id that is not on the list.
    group = Group.objects.create(name="Readers")

    class Choose(PlainForm):
        groups = ModelMultipleChoiceField(queryset=Group.objects.all())

    form = Choose({"groups": [str(group.pk), sent]})
    assert not form.is_valid()
    assert form.errors["groups"] == [f"“{sent}” is not a valid value."]
    assert Choose({"groups": [str(group.pk)]}).is_valid()
    form = Choose({"groups": [str(group.pk), str(2**63 - 1)]})
    assert not form.is_valid()  # within range but no such row: Django's own refusal
    assert "not one of the available choices" in form.errors["groups"][0]


@pytest.mark.django_db
@pytest.mark.parametrize("several", [False, True])
def test_a_choice_field_reads_its_rows_as_one_list_with_django_s_choices(several):
    """The same choices, values and labels as Django's field draws, in one query and without a
    cursor held on the server (PostgreSQL's DECLARE, which Django's iterator() opens)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from commonweal.core.forms import ModelChoiceField

    for name in ("Readers", "Authors", "Editors"):
        Group.objects.create(name=name)
    groups = Group.objects.order_by("name")
    ours = (ModelMultipleChoiceField if several else ModelChoiceField)(queryset=groups)
    django_s = (forms.ModelMultipleChoiceField if several else forms.ModelChoiceField)(
        queryset=groups
    )
    with CaptureQueriesContext(connection) as queries:
        choices = [(str(value), label) for value, label in ours.choices]
    assert choices == [(str(value), label) for value, label in django_s.choices]
    assert [label for _value, label in choices] == (
        ["Authors", "Editors", "Readers"]
        if several
        else ["---------", "Authors", "Editors", "Readers"]
    )
    assert len(queries) == 1 and "DECLARE" not in queries[0]["sql"]
    # A row added since is offered the next time the choices are drawn.
    Group.objects.create(name="Archivists")
    assert [label for _value, label in ours.choices][-4] == "Archivists"


class Numbers(PlainForm):
    minimum_age = forms.IntegerField(label="Minimum age to vote", min_value=0, max_value=120)
    budget = forms.DecimalField(label="Budget in pounds", min_value=1, max_value=10_000_000)
    cap = forms.DecimalField(label="Dividend cap (%)", required=False, max_value=100)
    seats = forms.IntegerField(
        label="Seats", min_value=1, error_messages={"min_value": "A panel needs at least 1 seat"}
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Added after the form is made, as a ballot adds a box for each project.
        self.fields["points"] = forms.IntegerField(label="Points for the park", min_value=0)


@pytest.mark.parametrize(
    ("sent", "errors"),
    [
        (
            {"minimum_age": "-1", "budget": "0", "cap": "101", "points": "-3"},
            {
                "minimum_age": ["Minimum age to vote must be 0 or more"],
                "budget": ["Budget in pounds must be 1 or more"],
                "cap": ["Dividend cap (%) must be 100 or less"],
                "points": ["Points for the park must be 0 or more"],
            },
        ),
        (
            {"minimum_age": "121", "budget": "20000000"},
            {
                "minimum_age": ["Minimum age to vote must be 120 or less"],
                "budget": ["Budget in pounds must be 10,000,000 or less"],
            },
        ),
    ],
)
def test_a_number_out_of_its_range_says_so_in_plain_words_from_its_label(sent, errors):
    form = Numbers({"seats": "1", "points": "0", **sent})
    assert not form.is_valid()
    assert form.errors == errors


def test_a_number_keeps_its_own_message():
    form = Numbers({"minimum_age": "16", "budget": "5", "seats": "0", "points": "1"})
    assert form.errors == {"seats": ["A panel needs at least 1 seat"]}


@pytest.mark.django_db
def test_a_model_form_gets_the_plain_messages_too():
    from django.contrib.auth.models import Permission

    from commonweal.core.forms import PlainMessages

    class Named(PlainMessages, forms.ModelForm):
        class Meta:
            model = Permission
            fields = ["name"]

    form = Named({"name": "x" * 300})
    assert form.errors == {"name": ["Name must be 255 characters or fewer"]}
