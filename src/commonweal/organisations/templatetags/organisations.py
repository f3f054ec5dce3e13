"""Template tags for the pages and lists that show organisations."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

register = template.Library()

_TAG = '<strong class="govuk-tag{}">{}</strong>'


@register.simple_tag
def organisation_tags(organisation) -> SafeString:
    """Its tags: "Public body", with "Awaiting verification" when the selectors found no live
    verification; for a provider VCSE, SME and its size. A tag rather than an included template: a list includes it
    for every row, and an include cost more than the rest of the row."""
    if organisation.is_public_body:
        tags = format_html(_TAG, "", gettext("Public body"))
        if getattr(organisation, "live_verifications", None) == []:
            tags += format_html(" " + _TAG, " govuk-tag--yellow", gettext("Awaiting verification"))
        return tags
    parts = []
    if organisation.is_vcse:
        parts.append(format_html(_TAG + " ", " govuk-tag--green", gettext("VCSE")))
    if organisation.is_sme:
        parts.append(format_html(_TAG + " ", " govuk-tag--turquoise", gettext("SME")))
    if organisation.size_band:
        parts.append(format_html(_TAG, " govuk-tag--grey", organisation.get_size_band_display()))
    return mark_safe("".join(parts))  # each part made safe by format_html
