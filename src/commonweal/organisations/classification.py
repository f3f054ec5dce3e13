"""An organisation's inherent social value facts, and what follows from them.

Size band, VCSE status and SME status are derived from facts the organisation
gives (legal form, asset lock, dividend cap, profits reinvested, headcount,
turnover), never typed in, and each comes with the reason in plain words.
Plain Python, importable without Django.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from commonweal.core.policy import SIZE_BANDS, SOCIAL_ENTERPRISE_MIN_PROFIT_REINVESTED, in_force

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


@dataclass(frozen=True)
class Finding:
    value: bool | str | None
    reason: str


def size_band(facts: Facts, on: date | None = None) -> Finding:
    """micro, small, medium or large; None when headcount or turnover is not known."""
    if facts.legal_form == PUBLIC_BODY:
        return Finding(None, "Size bands apply to suppliers, not public bodies.")
    if facts.headcount is None or facts.annual_turnover is None:
        return Finding(None, "Not known until the organisation gives its headcount and turnover.")
    for band in in_force(SIZE_BANDS, on).value:
        if facts.headcount <= band.max_headcount and facts.annual_turnover <= band.max_turnover:
            return Finding(
                band.name,
                f"{facts.headcount} staff and a turnover of £{facts.annual_turnover:,.0f}: within the {band.name} "
                f"limits of up to {band.max_headcount} staff and £{band.max_turnover:,.0f}.",
            )
    return Finding(
        "large",
        f"{facts.headcount} staff and a turnover of £{facts.annual_turnover:,.0f}: above the medium limits.",
    )


def is_sme(facts: Facts, on: date | None = None) -> Finding:
    band = size_band(facts, on)
    if band.value is None:
        return Finding(None, band.reason)
    if band.value == "large":
        return Finding(False, "It is a large organisation. " + band.reason)
    return Finding(True, f"It is {band.value} sized. " + band.reason)


def is_vcse(facts: Facts, on: date | None = None) -> Finding:
    """Voluntary, community or social enterprise: purpose before private profit."""
    if facts.legal_form == PUBLIC_BODY:
        return Finding(False, "It is a public body.")
    if facts.legal_form in NOT_FOR_PRIVATE_PROFIT:
        return Finding(True, f"Yes: {NOT_FOR_PRIVATE_PROFIT[facts.legal_form]}.")
    if facts.asset_lock:
        return Finding(True, "Yes: its assets are locked for its social purpose.")
    threshold = in_force(SOCIAL_ENTERPRISE_MIN_PROFIT_REINVESTED, on).value
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
