"""Template tags that render Django forms (and the pagination component's links) as GOV.UK Design
System components."""

from django import template
from django.forms import BoundField
from django.template.defaulttags import querystring
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from commonweal.core.forms import DATE_PARTS, parts_of

register = template.Library()

_INPUT_CLASS = {
    "textarea": "govuk-textarea",
    "select": "govuk-select",
    "clearablefile": "govuk-file-upload",
    "file": "govuk-file-upload",
}
_ERROR_CLASS = {
    "govuk-input": "govuk-input--error",
    "govuk-textarea": "govuk-textarea--error",
    "govuk-select": "govuk-select--error",
    "govuk-file-upload": "govuk-file-upload--error",
}
_CHOICE_WIDGETS = {"radioselect", "checkboxselectmultiple"}
_DATE_WIDGET = "daymonthyear"  # core.forms.DayMonthYearWidget: the GOV.UK date input
_DATE_PART_LABELS = {"day": _("Day"), "month": _("Month"), "year": _("Year")}


def _described_by(field: BoundField) -> str:
    ids = []
    if field.help_text:
        ids.append(f"{field.auto_id}-hint")
    if field.errors:
        ids.append(f"{field.auto_id}-error")
    return " ".join(ids)


@register.simple_tag
def govuk_field(
    field: BoundField, label_size: str = "", classes: str = "", autocomplete: str = ""
) -> str:
    """One form field with its label, hint and error message, in GOV.UK style."""
    widget_type = field.widget_type
    context = {
        "field": field,
        "widget_type": widget_type,
        "label_size": label_size,
        "described_by": _described_by(field),
        "optional": _said_optional(field, widget_type),
    }
    if widget_type == _DATE_WIDGET:
        context["parts"] = _date_parts(field)
        return render_to_string("includes/field_date.html", context)
    if widget_type == "checkbox":
        attrs = {"class": "govuk-checkboxes__input"}
    elif widget_type in _CHOICE_WIDGETS:
        # Number the options after leaving out the empty one, so the first is
        # always "-0", where the error summary's link points.
        choices = [(value, label) for value, label in field.field.choices if value != ""]
        context["options"] = [
            {
                "value": value,
                "label": label,
                "checked": str(value) in _selected(field),
                "id": f"{field.auto_id}-{index}",
            }
            for index, (value, label) in enumerate(choices)
        ]
        return render_to_string("includes/field_choices.html", context)
    else:
        base = _INPUT_CLASS.get(widget_type, "govuk-input")
        css = (
            [base] + ([_ERROR_CLASS[base]] if field.errors else []) + ([classes] if classes else [])
        )
        attrs = {"class": " ".join(css)}
        if widget_type == "number":
            attrs["inputmode"] = "numeric"
    if context["described_by"]:
        attrs["aria-describedby"] = context["described_by"]
    if autocomplete:
        attrs["autocomplete"] = autocomplete
    context["widget"] = field.as_widget(attrs=attrs)
    return render_to_string("includes/field.html", context)


def _said_optional(field: BoundField, widget_type: str) -> bool:
    """Whether the label ends "(optional)": a field a person may leave empty, unless it is one box
    of a question asked around it (a ballot's boxes, one for each project: at least one must be
    filled, and the question's hint says the rest may be left empty; ``part_of_one_question``)."""
    return (
        not field.field.required
        and widget_type != "hidden"
        and not getattr(field.field, "part_of_one_question", False)
    )


def _date_parts(field: BoundField) -> list[dict]:
    """The day, month and year boxes of a date field, with what was typed or is held, and which
    to mark: those the error names, or all three."""
    values = parts_of(field.value())
    marked = (field.field.error_parts or DATE_PARTS) if field.errors else ()
    return [
        {
            "id": f"{field.auto_id}-{part}",
            "name": f"{field.html_name}-{part}",
            "label": _DATE_PART_LABELS[part],
            "value": value,
            "width": 4 if part == "year" else 2,
            "error": part in marked,
        }
        for part, value in zip(DATE_PARTS, values, strict=True)
    ]


def _selected(field: BoundField) -> set[str]:
    value = field.value()
    if value is None:
        return set()
    if isinstance(value, (list, tuple, set)):
        return {str(v) for v in value}
    return {str(value)}


@register.simple_tag
def govuk_fields(form) -> str:
    """Every visible field of a form, in order."""
    # Each field is rendered safe; joining them makes a plain string again.
    return mark_safe("".join(govuk_field(field) for field in form.visible_fields()))


@register.filter
def error_anchor(form, name: str) -> str:
    """The id an error summary link should jump to for a field's error."""
    if name == "__all__" or name not in form.fields:
        return "main-content"
    field = form[name]
    if field.widget_type in _CHOICE_WIDGETS:
        return f"{field.auto_id}-0"
    if field.widget_type == _DATE_WIDGET:
        parts = field.field.error_parts or DATE_PARTS
        return f"{field.auto_id}-{parts[0]}"
    return field.auto_id


@register.simple_tag(takes_context=True)
def page_link(context, number: int) -> str:
    """This page's query string with the list's page set to ``number``: the ``page`` parameter, or
    the ``page_param`` a list has of its own where one page shows two lists; the rest is kept."""
    return querystring(context, **{context.get("page_param") or "page": number})
