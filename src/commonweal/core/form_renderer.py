"""Django's form renderer, with the plain widgets drawn in Python.

Django draws every widget from a template: an input includes a template for its attributes,
which loops over them; a select includes one template per option. On a commissioner's form of
twenty fields that was two thirds of the page's time (21 of 30 ms for setting up a community
budget). This renderer draws the same HTML, byte for byte, for the widgets Commonweal's forms use
(inputs of every type, checkboxes, text areas, selects and their options) with string building, and
hands every other template (the back office's widgets, radio and checkbox lists) to Django's own
renderer. ``core/tests/test_form_renderer.py`` holds it to Django's output for each.

Escaping follows the templates': every name, value and label goes through ``conditional_escape``
(text already marked safe is left as it is, as the ``stringformat`` filter leaves it).
"""

from django.forms.renderers import DjangoTemplates
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, SafeString, mark_safe

_WIDGETS = "django/forms/widgets/"
# The templates that are only '{% include "django/forms/widgets/input.html" %}'.
_INPUTS = frozenset(
    f"{_WIDGETS}{name}.html"
    for name in (
        "input",
        "checkbox",
        "color",
        "date",
        "datetime",
        "email",
        "file",
        "hidden",
        "number",
        "password",
        "search",
        "tel",
        "text",
        "time",
        "url",
    )
)
_TEXTAREA = f"{_WIDGETS}textarea.html"
_SELECT = f"{_WIDGETS}select.html"
_OPTION = f"{_WIDGETS}select_option.html"


def _formatted(value) -> str:
    """``{{ value|stringformat:'s' }}``: the value as text, escaped unless already safe."""
    return conditional_escape(value if isinstance(value, SafeData) else "%s" % (value,))


def _shown(value) -> str:
    """``{{ value }}``: localised as a template shows a number or date, then escaped."""
    if not isinstance(value, str):
        value = localize(value)
        if not isinstance(value, str):
            value = str(value)
    return conditional_escape(value)


def _attrs(attrs: dict) -> str:
    """``django/forms/widgets/attrs.html``: ``True`` gives the bare name, ``False`` leaves it out."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            parts.append(f" {_shown(name)}")
        else:
            parts.append(f' {_shown(name)}="{_formatted(value)}"')
    return "".join(parts)


def _input(widget: dict) -> str:
    value = "" if widget["value"] is None else f' value="{_formatted(widget["value"])}"'
    return (
        f'<input type="{_shown(widget["type"])}" name="{_shown(widget["name"])}"{value}'
        f"{_attrs(widget['attrs'])}>"
    )


def _textarea(widget: dict) -> str:
    value = _shown(widget["value"]) if widget["value"] else ""
    return (
        f'<textarea name="{_shown(widget["name"])}"{_attrs(widget["attrs"])}>\n{value}</textarea>'
    )


def _option(option: dict) -> str:
    return (
        f'<option value="{_formatted(option["value"])}"{_attrs(option["attrs"])}>'
        f"{_shown(option['label'])}</option>\n"
    )


class FastWidgetRenderer(DjangoTemplates):
    """Django's default form renderer; the plain widgets are drawn without their templates."""

    def render(self, template_name, context, request=None):
        widget = context.get("widget") if isinstance(context, dict) else None
        if widget is not None:
            if template_name in _INPUTS:
                return mark_safe(_input(widget))
            if template_name == _TEXTAREA:
                return mark_safe(_textarea(widget))
            if template_name == _SELECT and all(
                option["template_name"] == _OPTION
                for _group, options, _index in widget["optgroups"]
                for option in options
            ):
                return mark_safe(self._select(widget).strip())
        return super().render(template_name, context, request=request)

    @staticmethod
    def _select(widget: dict) -> SafeString:
        parts = [f'<select name="{_shown(widget["name"])}"{_attrs(widget["attrs"])}>']
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(f'\n  <optgroup label="{_shown(group_name)}">')
            for option in options:
                parts.append(f"\n  {_option(option)}")
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return mark_safe("".join(parts))
