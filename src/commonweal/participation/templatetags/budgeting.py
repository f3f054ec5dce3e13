"""Template filters for budgeting pages."""

from django import template

from commonweal.participation.pb.explain import format_money

register = template.Library()


@register.filter
def pounds(value) -> str:
    """``£9,600`` for whole pounds, ``£45.20`` otherwise."""
    if value is None or value == "":
        return ""
    return format_money(value)
