"""The form renderer draws the plain widgets without their templates: the HTML must be Django's own,
byte for byte, whatever the value, attribute or label (quotes, markup, safe text, numbers, dates,
True and False attributes, groups of options, several chosen)."""

import datetime
from decimal import Decimal

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from commonweal.core.form_renderer import FastWidgetRenderer

DJANGO = DjangoTemplates()
FAST = FastWidgetRenderer()

ATTRS = [
    {},
    {"class": "govuk-input govuk-input--error", "aria-describedby": "id_a-hint id_a-error"},
    {"required": True, "disabled": False, "autocomplete": "email", "maxlength": 200},
    {"data-x": '"><script>alert(1)</script>', "title": mark_safe("<b>kept</b>")},
    {"id": "id_title", "inputmode": "numeric", "step": Decimal("0.01"), "min": 0},
]
VALUES = [
    None,
    "",
    "Plain words",
    "Quotes \" and ' and <tags> & ampersands",
    mark_safe("<em>safe</em>"),
    0,
    12345,
    Decimal("1234.50"),
    2.5,
    datetime.date(2026, 12, 6),
    True,
    False,
    gettext_lazy("Lazy words"),
]
INPUTS = [
    forms.TextInput,
    forms.EmailInput,
    forms.NumberInput,
    forms.URLInput,
    forms.PasswordInput,
    forms.HiddenInput,
    forms.DateInput,
    forms.DateTimeInput,
    forms.TimeInput,
    forms.CheckboxInput,
    forms.Textarea,
    forms.FileInput,
]
CHOICES = [
    [],
    [("", "Choose one"), ("1", "One"), ("2", 'Two "quoted" <b>')],
    [(1, 1), (2, gettext_lazy("Lazy")), (3, mark_safe("<i>safe</i>"))],
    [("Group A", [("a1", "A one"), ("a2", "A two")]), ("b", "B"), ("", [("c", "C")])],
]


def both(widget, name, value, attrs):
    return (
        widget.render(name, value, attrs=attrs, renderer=DJANGO),
        widget.render(name, value, attrs=attrs, renderer=FAST),
    )


@pytest.mark.parametrize("widget_class", INPUTS, ids=lambda w: w.__name__)
@pytest.mark.parametrize("attrs", ATTRS, ids=range(len(ATTRS)))
def test_inputs_text_areas_and_checkboxes_are_drawn_as_django_draws_them(widget_class, attrs):
    for value in VALUES:
        django, fast = both(widget_class(), 'field"<name>', value, attrs)
        assert fast == django, value


@pytest.mark.parametrize("multiple", [False, True])
@pytest.mark.parametrize("choices", CHOICES, ids=range(len(CHOICES)))
@pytest.mark.parametrize("attrs", ATTRS, ids=range(len(ATTRS)))
def test_selects_are_drawn_as_django_draws_them(multiple, choices, attrs):
    widget_class = forms.SelectMultiple if multiple else forms.Select
    for value in [None, "", "1", 1, "a2", ["1", "2"], ["a1", "c"], mark_safe("b")]:
        django, fast = both(widget_class(choices=choices), "choice", value, attrs)
        assert fast == django, value


def test_a_bound_form_with_errors_is_drawn_as_django_draws_it():
    class Form(forms.Form):
        title = forms.CharField(max_length=10)
        body = forms.CharField(widget=forms.Textarea)
        kind = forms.ChoiceField(choices=[("a", "A"), ("b", "B")])
        agree = forms.BooleanField()
        when = forms.DateField()

    data = {"title": "Far too long <for> this", "body": "", "kind": "x", "when": "not a date"}
    drawn = {
        renderer: [str(field) for field in Form(data, renderer=renderer)]
        for renderer in (DJANGO, FAST)
    }
    assert drawn[FAST] == drawn[DJANGO]


def test_other_templates_are_left_to_django():
    # Radio buttons draw from templates the renderer does not know: Django's own output.
    widget = forms.RadioSelect(choices=[("a", "A"), ("b", "B")])
    django, fast = both(widget, "pick", "a", {"class": "x"})
    assert fast == django and 'type="radio"' in fast


def test_the_site_uses_it(settings):
    from django.forms.renderers import get_default_renderer

    assert isinstance(get_default_renderer(), FastWidgetRenderer)
