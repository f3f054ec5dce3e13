"""A chance of being chosen, shown the same way on every page: as a percentage, "12.5%".

The API and the downloadable lottery keep the numbers (0.125): they are for checking, not reading.
"""

from django import template
from django.template.defaultfilters import floatformat
from django.utils.translation import gettext as _

register = template.Library()

# The solver's numbers carry rounding noise: nearer 0 or 1 than this, they are 0 or 1.
_NOISE = 1e-9


@register.filter
def chance(value) -> str:
    """``0.125`` as "12.5%", ``0.5`` as "50%"; a chance too small or too near certain to show
    to one decimal place says so ("less than 0.1%", "more than 99.9%") rather than round to 0% or
    100%. Empty for no number."""
    if value is None or value == "":
        return ""
    value = float(value)
    if value <= _NOISE:
        return _("%(percent)s%%") % {"percent": floatformat(0, 0)}
    if value >= 1 - _NOISE:
        return _("%(percent)s%%") % {"percent": floatformat(100, 0)}
    percent = value * 100
    if percent < 0.05:
        return _("less than %(percent)s%%") % {"percent": floatformat(0.1, 1)}
    if percent >= 99.95:
        return _("more than %(percent)s%%") % {"percent": floatformat(99.9, 1)}
    return _("%(percent)s%%") % {"percent": floatformat(percent, -1)}
