"""The base form's plain messages."""

from django import forms

from commonweal.core.forms import PlainForm


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
