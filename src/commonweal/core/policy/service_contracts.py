"""Rules for buying public services beyond the thresholds: contracts reserved to public service
mutuals (Procurement Act 2023, section 33) and the NHS Provider Selection Regime for health care.

The day that matters is the day the procurement commenced, as for the thresholds.
"""

from dataclasses import dataclass
from datetime import date

from commonweal.core.policy.dated import (
    ENGLAND_WALES_NORTHERN_IRELAND,
    Dated,
    Jurisdiction,
    NoRuleInForce,
    Rule,
    in_force,
)
from commonweal.core.policy.procurement import ACT, ACT_STARTS

PSR = "https://www.legislation.gov.uk/uksi/2023/1348"
PSR_STARTS = date(2024, 1, 1)  # regulation 1(1): in force on 1 January 2024


@dataclass(frozen=True)
class ReservedMutualContracts:
    """Section 33's limits on reserving a light touch contract to public service mutuals."""

    max_term_years: int  # 33(1)(b): the contract's maximum term is this many years or less
    previous_award_years: int  # 33(5): no comparable reserved contract in this many years before


RESERVED_MUTUAL_CONTRACTS: Rule[ReservedMutualContracts] = Rule(
    "reserved_mutual_contracts",
    "the limits on contracts reserved to public service mutuals",
    [
        Dated(
            starts=ACT_STARTS,
            value=ReservedMutualContracts(max_term_years=5, previous_award_years=3),
            applies_in=ENGLAND_WALES_NORTHERN_IRELAND,
            source=f"Procurement Act 2023, section 33 (reserving contracts to public service "
            f"mutuals), {ACT}/section/33: a contract for reservable light touch services with a "
            "maximum term of five years or less (33(1)); a qualifying public service mutual has not "
            "entered into a comparable contract (same kind of services, same authority, reserved "
            "under the section) in the three years ending with the award (33(5), 33(7)).",
        ),
    ],
)


@dataclass(frozen=True)
class ProviderSelectionRegime:
    """The Provider Selection Regime's figures."""

    standstill_working_days: int  # regulation 12(3): representations until the end of this day


PROVIDER_SELECTION_REGIME: Rule[ProviderSelectionRegime] = Rule(
    "provider_selection_regime",
    "the Provider Selection Regime for health care services",
    [
        Dated(
            starts=PSR_STARTS,
            value=ProviderSelectionRegime(standstill_working_days=8),
            applies_in=frozenset({Jurisdiction.ENGLAND}),
            source=f"The Health Care Services (Provider Selection Regime) Regulations 2023 "
            f"(S.I. 2023/1348), {PSR}: in force on 1 January 2024 and applying in relation to "
            "England only (regulation 1); after a notice of intention to award under Direct Award "
            "Process C, the Most Suitable Provider Process or the Competitive Process, providers "
            "may make representations until midnight at the end of the 8th working day "
            f"(regulation 12, {PSR}/regulation/12/made). The Procurement Act 2023 does not apply "
            "to regulated health procurement (The Procurement Regulations 2024, regulation 43, "
            "https://www.legislation.gov.uk/uksi/2024/692/regulation/43).",
        ),
    ],
)


def provider_selection_regime_in_force(on: date, jurisdiction: Jurisdiction | str) -> bool:
    """Whether the Provider Selection Regime applied on the day, where the buyer is."""
    try:
        in_force(PROVIDER_SELECTION_REGIME, on, jurisdiction)
    except NoRuleInForce:
        return False
    return True
