"""Every form of every app, walked: a number out of range is refused in plain words, never Django's
own ("Ensure this value is greater than or equal to 0."), and no label says "(optional)" itself (the
field's template adds it to every field a person may leave empty). A new form is found by itself."""

import importlib

import pytest
from django import forms
from django.apps import apps
from django.core.validators import MaxValueValidator, MinValueValidator, StepValueValidator
from django.urls import get_resolver

RANGE_VALIDATORS = (MinValueValidator, MaxValueValidator, StepValueValidator)


def _import_every_form() -> None:
    for config in apps.get_app_configs():
        if not config.name.startswith("commonweal."):
            continue
        for module in ("forms", "choosers", "admin"):
            try:
                importlib.import_module(f"{config.name}.{module}")
            except ModuleNotFoundError as error:
                if error.name != f"{config.name}.{module}":
                    raise
    get_resolver().url_patterns  # every view, and any form a view module defines  # noqa: B018


def every_form_class() -> list[type[forms.BaseForm]]:
    _import_every_form()
    found, waiting = set(), [forms.BaseForm]
    while waiting:
        for subclass in waiting.pop().__subclasses__():
            if subclass not in found:
                found.add(subclass)
                waiting.append(subclass)
    return sorted(
        (
            form_class
            for form_class in found
            if form_class.__module__.startswith("commonweal.")
            and ".tests" not in form_class.__module__
            and not form_class.__module__.startswith("commonweal.testing")
        ),
        key=lambda form_class: f"{form_class.__module__}.{form_class.__qualname__}",
    )


def made_plainly(form_class) -> forms.BaseForm:
    """The form as a page makes it; one that needs what a page gives it (a round, a place) with
    just the fields it declares, each as the page has it."""
    try:
        return form_class()
    except TypeError:
        form = form_class.__new__(form_class)
        forms.BaseForm.__init__(form)
        return form


def test_the_walk_finds_the_forms_of_every_app():
    modules = {form_class.__module__.split(".")[1] for form_class in every_form_class()}
    assert {
        "accounts",
        "organisations",
        "needs",
        "outcomes",
        "codesign",
        "priorities",
        "participation",
        "panels",
    } <= modules


@pytest.mark.django_db
def test_every_number_out_of_range_is_refused_in_plain_words():
    unplain = []
    for form_class in every_form_class():
        form = made_plainly(form_class)
        if hasattr(form, "full_clean"):
            form.full_clean()  # the plain messages a form gives its fields before it checks them
        for name, field in form.fields.items():
            for validator in field.validators:
                if not isinstance(validator, RANGE_VALIDATORS):
                    continue
                message = str(field.error_messages.get(validator.code, ""))
                if not message or message.startswith("Ensure"):
                    unplain.append(f"{form_class.__module__}.{form_class.__qualname__}.{name}")
    assert unplain == []


@pytest.mark.django_db
def test_no_label_says_optional_itself():
    # includes/field.html, field_choices.html and field_date.html add "(optional)" to every field
    # that is not required: a label saying it too reads "(optional) (optional)".
    saying = [
        f"{form_class.__module__}.{form_class.__qualname__}.{name}"
        for form_class in every_form_class()
        for name, field in made_plainly(form_class).fields.items()
        if "optional" in str(field.label or "").lower()
    ]
    assert saying == []
