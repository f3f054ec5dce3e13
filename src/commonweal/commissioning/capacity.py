"""The market's capacity: which providers in a place could bid for a lot, alone or together, and
where current spend goes. Plain Python: no Django.

The pages pass providers in from ``organisations.Organisation`` as :class:`Provider` values, so
these rules never touch the database.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

__all__ = [
    "STRETCH_SHARE",
    "LotCapacity",
    "Provider",
    "SpendShare",
    "annual_value",
    "lot_capacity",
    "percent",
    "spend_shares",
]

PENNY = Decimal("0.01")
TENTH = Decimal("0.1")
MONTHS_IN_A_YEAR = 12

# A lot whose yearly value is more than this share of a provider's yearly turnover is a stretch
# for it: the contract would be most of its business, it would need to grow fast to deliver it,
# and a buyer checking its financial standing would think it too dependent on one contract.
# Commonweal's guidance, not law (the mirror of the turnover test a buyer may set, at most twice
# a contract's value: core.policy.TURNOVER_TEST_MAX_MULTIPLE).
STRETCH_SHARE = Decimal("0.5")


@dataclass(frozen=True)
class Provider:
    """A provider in the place, as the pages pass it in from ``organisations.Organisation``."""

    id: int
    name: str
    annual_turnover: Decimal | None  # pounds a year; None when none is recorded
    size_band: str  # "micro", "small", "medium", "large", or "" when not known
    is_sme: bool
    is_vcse: bool
    legal_form: str


def annual_value(total_value: Decimal, months: int) -> Decimal:
    """What a lot worth ``total_value`` over ``months`` brings in a year, to the penny.

    A lot of a year or less brings its whole value within one year; a longer one brings an even
    twelfth of its value each month.
    """
    if months < 1:
        raise ValueError("A contract lasts at least 1 month.")
    if total_value < 0:
        raise ValueError("A lot's value cannot be negative.")
    if months <= MONTHS_IN_A_YEAR:
        return total_value.quantize(PENNY, rounding=ROUND_HALF_UP)
    return (total_value * MONTHS_IN_A_YEAR / months).quantize(PENNY, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class LotCapacity:
    """Who in the place could bid for a lot of this yearly value, on their turnover."""

    annual_value: Decimal
    can_bid: tuple[Provider, ...]  # the lot is within STRETCH_SHARE of their turnover
    stretch: tuple[Provider, ...]  # above that share, but not above their whole turnover
    too_small: tuple[Provider, ...]  # the lot is worth more a year than their whole turnover
    unknown: tuple[Provider, ...]  # no turnover recorded: we cannot tell
    # The fewest providers who cannot bid alone (largest turnover first) whose turnovers
    # together carry the lot within STRETCH_SHARE; empty if there is no such group.
    consortium: tuple[Provider, ...]
    consortium_possible: bool

    @property
    def cannot_bid_alone(self) -> tuple[Provider, ...]:
        """Providers whose turnover is known and too small to carry the lot alone."""
        return self.stretch + self.too_small


def _by_turnover(provider: Provider) -> tuple[Decimal, str, int]:
    # Largest turnover first; the same turnover in name order, so the answer never depends on
    # the order the providers came in.
    return (-(provider.annual_turnover or Decimal(0)), provider.name, provider.id)


def _by_name(provider: Provider) -> tuple[str, int]:
    return (provider.name, provider.id)


def lot_capacity(annual_value: Decimal, providers: Iterable[Provider]) -> LotCapacity:
    """Sort the providers by whether they could bid for a lot of this yearly value."""
    if annual_value < 0:
        raise ValueError("A lot's value cannot be negative.")
    can_bid: list[Provider] = []
    stretch: list[Provider] = []
    too_small: list[Provider] = []
    unknown: list[Provider] = []
    for provider in providers:
        turnover = provider.annual_turnover
        if turnover is None:
            unknown.append(provider)
        elif annual_value <= turnover * STRETCH_SHARE:
            can_bid.append(provider)
        elif annual_value <= turnover:
            stretch.append(provider)
        else:
            too_small.append(provider)
    consortium = _smallest_group(annual_value, stretch + too_small)
    return LotCapacity(
        annual_value=annual_value,
        can_bid=tuple(sorted(can_bid, key=_by_name)),
        stretch=tuple(sorted(stretch, key=_by_name)),
        too_small=tuple(sorted(too_small, key=_by_name)),
        unknown=tuple(sorted(unknown, key=_by_name)),
        consortium=consortium,
        consortium_possible=bool(consortium),
    )


def _smallest_group(annual_value: Decimal, alone_too_small: list[Provider]) -> tuple[Provider, ...]:
    """The fewest of these providers whose turnovers together carry the lot within STRETCH_SHARE.

    Taking the largest turnovers first reaches any total in the fewest steps, so the first group
    that is enough is a smallest one.
    """
    group: list[Provider] = []
    together = Decimal(0)
    for provider in sorted(alone_too_small, key=_by_turnover):
        group.append(provider)
        together += provider.annual_turnover or Decimal(0)
        if annual_value <= together * STRETCH_SHARE:
            return tuple(group)
    return ()


def percent(part: Decimal, total: Decimal) -> Decimal | None:
    """``part`` as a percentage of ``total``, to one decimal place; None when the total is 0."""
    if total == 0:
        return None
    return (part * 100 / total).quantize(TENTH, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class SpendShare:
    """Where current spend goes: to VCSE organisations, to SMEs, by size band and legal form."""

    total: Decimal  # pounds a year
    vcse: Decimal
    sme: Decimal
    vcse_share: Decimal | None  # percent, one decimal place; None when the total is 0
    sme_share: Decimal | None
    # Pounds a year by size band ("" where the band is not known) and by legal form, largest
    # first (the same amount in name order).
    by_size_band: dict[str, Decimal]
    by_legal_form: dict[str, Decimal]


def _largest_first(amounts: dict[str, Decimal]) -> dict[str, Decimal]:
    return dict(sorted(amounts.items(), key=lambda item: (-item[1], item[0])))


def spend_shares(contracts: Iterable[tuple[Provider, Decimal]]) -> SpendShare:
    """Add up current spend (each contract's yearly value, with its provider) by kind of provider."""
    total = vcse = sme = Decimal(0)
    by_size_band: dict[str, Decimal] = {}
    by_legal_form: dict[str, Decimal] = {}
    for provider, amount in contracts:
        if amount < 0:
            raise ValueError(f"The spend with {provider.name} cannot be negative.")
        total += amount
        if provider.is_vcse:
            vcse += amount
        if provider.is_sme:
            sme += amount
        band = provider.size_band
        by_size_band[band] = by_size_band.get(band, Decimal(0)) + amount
        form = provider.legal_form
        by_legal_form[form] = by_legal_form.get(form, Decimal(0)) + amount
    return SpendShare(
        total=total,
        vcse=vcse,
        sme=sme,
        vcse_share=percent(vcse, total),
        sme_share=percent(sme, total),
        by_size_band=_largest_first(by_size_band),
        by_legal_form=_largest_first(by_legal_form),
    )
