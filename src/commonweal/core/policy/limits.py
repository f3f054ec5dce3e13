"""Rules of law and policy as dated data, held in one place.

A rule that changes with the law is a list of ``Dated`` values; ``in_force``
picks the one that applied on a given day. Add a new entry when the law
changes; never edit an old one, since past decisions were made under it.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Dated(Generic[T]):
    starts: date
    value: T
    source: str


class NoRuleInForce(LookupError):
    """No version of a rule applied on the date asked about."""


def in_force(rule: list[Dated[T]], on: date | None = None) -> Dated[T]:
    """The version of ``rule`` that applied on ``on`` (today by default)."""
    on = on or date.today()
    applicable = [entry for entry in rule if entry.starts <= on]
    if not applicable:
        raise NoRuleInForce(f"No version of this rule applied on {on.isoformat()}.")
    return max(applicable, key=lambda entry: entry.starts)


@dataclass(frozen=True)
class SizeBand:
    name: str  # micro, small, medium
    max_headcount: int  # fewer than or equal to
    max_turnover: Decimal  # pounds, less than or equal to


# Organisation size bands used across UK public procurement guidance: an
# organisation is in the smallest band whose headcount and turnover limits it
# meets; above every band it is large.
SIZE_BANDS: list[Dated[tuple[SizeBand, ...]]] = [
    Dated(
        starts=date(2005, 1, 1),
        value=(
            SizeBand("micro", 9, Decimal("2000000")),
            SizeBand("small", 49, Decimal("10000000")),
            SizeBand("medium", 249, Decimal("50000000")),
        ),
        source="UK government SME definition used in public procurement guidance "
        "(Commission Recommendation 2003/361/EC as applied in the UK): micro fewer than 10 staff "
        "and turnover up to £2m; small fewer than 50 and up to £10m; medium fewer than 250 and up to £50m.",
    ),
    Dated(
        starts=date(2025, 2, 24),
        value=(
            SizeBand("micro", 9, Decimal("2000000")),
            SizeBand("small", 49, Decimal("10000000")),
            SizeBand("medium", 249, Decimal("44000000")),
        ),
        source="Procurement Act 2023, section 123: a small or medium-sized enterprise has fewer than "
        "250 staff and a turnover of £44m or less. Micro and small bands as before.",
    ),
]

# A social enterprise reinvests at least this share of its profits in its
# social purpose (Social Enterprise UK's definition, used for VCSE status).
SOCIAL_ENTERPRISE_MIN_PROFIT_REINVESTED: list[Dated[Decimal]] = [
    Dated(
        starts=date(2012, 1, 1),
        value=Decimal("50"),
        source="Social Enterprise UK: a social enterprise reinvests or gives away at least half of its profits.",
    ),
]

# The largest uploaded file and the kinds of file accepted are deployment
# settings (UPLOAD_MAX_MB), not law, so they live in settings.py.

# The most people a citizens' panel's pool may hold, and the most columns a pool file may have.
# Commonweal's own limits, not law: pools come from invitation lotteries, where even national
# assemblies receive a few thousand replies, and each column is a fixed field or one of the
# panel's features. A file beyond them is refused with a plain message before any row is read.
PANEL_POOL_MAX_PEOPLE: list[Dated[int]] = [
    Dated(
        starts=date(2020, 1, 1),
        value=20_000,
        source="Commonweal's limit for a citizens' panel pool: several times the replies a national "
        "citizens' assembly's invitation lottery gets (a few thousand), and as many as a selection can use.",
    ),
]
PANEL_POOL_MAX_COLUMNS: list[Dated[int]] = [
    Dated(
        starts=date(2020, 1, 1),
        value=100,
        source="Commonweal's limit for a citizens' panel pool file: name, email and household, and one "
        "column for each of the panel's features, which are a handful in practice.",
    ),
]
