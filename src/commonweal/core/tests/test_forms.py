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
