"""An organisation's inherent social value facts, and what follows from them.

Size band, VCSE status and SME status are derived from facts the organisation
gives (legal form, asset lock, dividend cap, profits reinvested, headcount,
turnover, balance sheet total), never typed in, and each comes with the reason in
plain words. The rules in force on the day that matters (``core.policy``'s size
rules and social enterprise profit share) are passed in by the caller, so this
module imports neither Django nor any app.
"""

from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

# Legal forms, by their stored code.
CHARITY = "charity"
CIO = "cio"
CIC = "cic"
COOPERATIVE = "cooperative"
COMMUNITY_BENEFIT_SOCIETY = "community_benefit_society"
COMPANY_LIMITED_BY_GUARANTEE = "company_limited_by_guarantee"
PRIVATE_COMPANY = "private_company"
PLC = "plc"
PUBLIC_BODY = "public_body"
PUBLIC_SERVICE_MUTUAL = "public_service_mutual"
UNINCORPORATED_ASSOCIATION = "unincorporated_association"

# Forms that by law cannot hand their assets or profits to private owners.
NOT_FOR_PRIVATE_PROFIT = {
    CHARITY: "it is a registered charity",
    CIO: "it is a charitable incorporated organisation",
    CIC: "it is a community interest company, with a statutory asset lock",
    COMMUNITY_BENEFIT_SOCIETY: "it is a community benefit society, run for the benefit of the community",
    UNINCORPORATED_ASSOCIATION: "it is a voluntary or community group (an unincorporated association)",
}
# Forms that are social enterprises when they reinvest most of their profits.
MEMBER_OR_MISSION_LED = {
    COOPERATIVE,
    COMPANY_LIMITED_BY_GUARANTEE,
    PUBLIC_SERVICE_MUTUAL,
    PRIVATE_COMPANY,
}


@dataclass(frozen=True)
class Facts:
    legal_form: str
    asset_lock: bool = False
    dividend_cap_percent: Decimal | None = None
    profits_reinvested_percent: Decimal | None = None
    headcount: int | None = None
    annual_turnover: Decimal | None = None
    balance_sheet_total: Decimal | None = None


@dataclass(frozen=True)
class Finding:
    value: bool | str | None
    reason: str


class Band(Protocol):
    """A size band's limits (``core.policy.SizeBand``)."""

    @property
    def name(self) -> str: ...

    @property
    def max_headcount(self) -> int: ...

    @property
    def max_turnover(self) -> Decimal: ...

    @property
    def max_balance_sheet_total(self) -> Decimal: ...


class SizeRules(Protocol):
    """The size rules in force (``core.policy.SizeRules``): bands smallest first, and the test that
    places an organisation in one (True, False, or None when the figures needed are missing)."""

    @property
    def bands(self) -> tuple[Band, ...]: ...

    @property
    def sme_limit(self) -> Band: ...

    def test(
        self,
        band: Band,
        headcount: int | None,
        turnover: Decimal | None,
        balance_sheet_total: Decimal | None,
    ) -> bool | None: ...


def _figures(facts: Facts) -> str:
    parts = [f"{facts.headcount} staff"]
    if facts.annual_turnover is not None:
        parts.append(f"a turnover of £{facts.annual_turnover:,.0f}")
    if facts.balance_sheet_total is not None:
        parts.append(f"a balance sheet total of £{facts.balance_sheet_total:,.0f}")
    return ", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else parts[0]


def _limits(band: Band) -> str:
    return (
        f"up to {band.max_headcount} staff and a turnover up to £{band.max_turnover:,.0f} "
        f"or a balance sheet total up to £{band.max_balance_sheet_total:,.0f}"
    )


NOT_KNOWN = "Not known until the organisation gives its headcount and turnover."


def size_band(facts: Facts, rules: SizeRules) -> Finding:
    """micro, small, medium or large under ``rules``; None when the figures needed are missing."""
    if facts.legal_form == PUBLIC_BODY:
        return Finding(None, "Size bands apply to suppliers, not public bodies.")
    for band in rules.bands:
        within = rules.test(band, facts.headcount, facts.annual_turnover, facts.balance_sheet_total)
        if within is None:
            return Finding(None, NOT_KNOWN)
        if within:
            return Finding(
                band.name, f"{_figures(facts)}: within the {band.name} limits of {_limits(band)}."
            )
    limit = rules.sme_limit
    reason = f"{_figures(facts)}: above the {limit.name} limits of {_limits(limit)}."
    if facts.balance_sheet_total is None:
        reason += (
            " It has not given its balance sheet total, which could place it in a smaller band."
        )
    return Finding("large", reason)


def is_sme(facts: Facts, rules: SizeRules) -> Finding:
    """A small or medium-sized enterprise under ``rules``: within the medium limits."""
    band = size_band(facts, rules)
    if band.value is None:
        return Finding(None, band.reason)
    if band.value == "large":
        return Finding(False, "It is a large organisation. " + band.reason)
    return Finding(True, f"It is {band.value} sized. " + band.reason)


def is_vcse(facts: Facts, min_profit_reinvested: Decimal) -> Finding:
    """Voluntary, community or social enterprise: purpose before private profit.

    ``min_profit_reinvested`` is the social enterprise profit share in force (a percentage)."""
    if facts.legal_form == PUBLIC_BODY:
        return Finding(False, "It is a public body.")
    if facts.legal_form in NOT_FOR_PRIVATE_PROFIT:
        return Finding(True, f"Yes: {NOT_FOR_PRIVATE_PROFIT[facts.legal_form]}.")
    if facts.asset_lock:
        return Finding(True, "Yes: its assets are locked for its social purpose.")
    threshold = min_profit_reinvested
    reinvested = facts.profits_reinvested_percent
    if (
        facts.legal_form in MEMBER_OR_MISSION_LED
        and reinvested is not None
        and reinvested >= threshold
    ):
        if facts.legal_form == PRIVATE_COMPANY and facts.dividend_cap_percent is None:
            return Finding(
                False,
                f"No: it reinvests {reinvested}% of its profits but, as a private company without an asset lock "
                "or a cap on dividends, its owners may take the rest.",
            )
        return Finding(
            True,
            f"Yes: a social enterprise that reinvests {reinvested}% of its profits (at least {threshold}%).",
        )
    if reinvested is None:
        return Finding(
            False, "No: it has no asset lock and has not said how much of its profit it reinvests."
        )
    return Finding(
        False,
        f"No: it has no asset lock and reinvests {reinvested}% of its profits, less than {threshold}%.",
    )
