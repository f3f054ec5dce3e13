"""Quotas from population shares, and the default features offered for a new panel. Plain Python."""

import math
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

# Offered when a commissioner adds a feature; they can change the categories or add their own features.
DEFAULT_FEATURES: dict[str, tuple[str, list[str]]] = {
    "age-band": (_("Age band"), ["16 to 29", "30 to 44", "45 to 64", "65 and over"]),
    "sex": (_("Sex"), ["Female", "Male"]),
    "ethnicity": (
        _("Ethnicity"),
        [
            "Asian or Asian British",
            "Black, Black British, Caribbean or African",
            "Mixed or multiple ethnic groups",
            "White",
            "Other ethnic group",
        ],
    ),
    "disability": (_("Disability"), ["Disabled", "Not disabled"]),
    "ward": (_("Ward"), []),
    "housing-tenure": (
        _("Housing tenure"),
        ["Owns their home", "Social rent", "Private rent", "Other"],
    ),
}


def quotas_from_shares(
    size: int, shares: dict[str, Decimal], margin: int = 0
) -> dict[str, tuple[int, int]]:
    """Fewest and most seats for each category, from its share of the population in per cent.

    The fewest is the share of the seats rounded down, the most rounded up, each widened by
    ``margin`` seats (never below 0 or above the panel's size).
    """
    result = {}
    for name, percent in shares.items():
        exact = Decimal(size) * Decimal(percent) / Decimal(100)
        low, high = math.floor(exact), math.ceil(exact)
        result[name] = (max(0, low - margin), min(size, high + margin))
    return result
