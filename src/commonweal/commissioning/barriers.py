"""The barrier check: which proposed requirements would shut small or local providers out, who
they would shut out (by name), and what to do instead. Plain Python: no Django.

Legal figures come from ``core.policy`` for the day the procurement starts; the other figures
here are Commonweal's guidance, named as such, and every message says which is which.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal
from enum import StrEnum

from commonweal.commissioning.capacity import (
    STRETCH_SHARE,
    LotCapacity,
    Provider,
    annual_value,
    lot_capacity,
)
from commonweal.core.policy import (
    PAYMENT_TERMS_DAYS,
    SOCIAL_VALUE_MIN_WEIGHTING,
    TURNOVER_TEST_MAX_MULTIPLE,
    Jurisdiction,
    NoRuleInForce,
    in_force,
)
from commonweal.core.policy.procurement import ACT, ACT_STARTS
from commonweal.messages import (
    Message,
    gettext_noop,
    join_names,
    message,
    ngettext_noop,
    plural_message,
)

__all__ = [
    "BY_RESULTS_FIRST_PAYMENT_MONTHS",
    "CARRY_MONTHS_OF_TURNOVER",
    "EMPLOYERS_LIABILITY_GUIDE",
    "EXPERIENCE_MAX_YEARS",
    "INVESTMENT_MIN_MONTHS",
    "MOBILISATION_MIN_DAYS",
    "PRICE_WEIGHTING_MAX",
    "PROFESSIONAL_INDEMNITY_GUIDE",
    "PUBLIC_LIABILITY_GUIDE",
    "RULES",
    "Check",
    "Flag",
    "PaymentTerms",
    "Requirements",
    "RequirementsError",
    "check",
    "money",
]

# --- Commonweal's guidance (not law) ------------------------------------------------------------

# A price weighting above this share of the score lets a bidder win by pricing below cost and
# cutting the service later, which large firms can afford and small ones cannot.
PRICE_WEIGHTING_MAX = Decimal("50")
# The shortest contract in which an investor funding a provider has a realistic prospect of
# being repaid from what the contract pays: outcomes take time to show, and UK outcomes
# contracts with social investment have mostly run for three years or more.
INVESTMENT_MIN_MONTHS = 36
# The least time from award to the start of the service for a new provider to recruit and check
# staff, take on staff who transfer, and find premises.
MOBILISATION_MIN_DAYS = 60
# Insurance cover above these is more than most community services need, and costs a small
# provider more than it can justify before it wins the work. The levels standard policies for
# small organisations offer.
PUBLIC_LIABILITY_GUIDE = Decimal("5000000")
EMPLOYERS_LIABILITY_GUIDE = Decimal("10000000")
PROFESSIONAL_INDEMNITY_GUIDE = Decimal("2000000")
# Asking for more years of experience than this shuts out organisations newly set up, however
# experienced their people are.
EXPERIENCE_MAX_YEARS = 3
# Under payment by results, the months of delivery before the first results are measured and
# paid for.
BY_RESULTS_FIRST_PAYMENT_MONTHS = 6
# The most of one contract's unpaid costs a small provider can carry, in months of its own
# turnover. Small charities often aim to hold about three months' running costs in reserve (the
# Charity Commission asks trustees to set a reserves policy: CC19), and that must cover every
# risk they face, not one contract: a third of it is what one contract can fairly take. With
# monthly payment (a month's costs, then 30 days to pay) this matches STRETCH_SHARE: a lot of
# half a provider's turnover keeps about one month of its turnover unpaid.
CARRY_MONTHS_OF_TURNOVER = 1

MONTHS_IN_A_YEAR = 12
DAYS_IN_A_MONTH = 30  # to turn the payment terms' days into months of costs
QUARTER = 3

GOVERNMENT_OUTCOMES_LAB = "https://golab.bsg.ox.ac.uk/"
RESERVES_GUIDANCE = "https://www.gov.uk/government/publications/charities-and-reserves-cc19"
TUPE_INFORMATION = "https://www.legislation.gov.uk/uksi/2006/246/regulation/11"
PCR = "https://www.legislation.gov.uk/uksi/2015/102"
PCSR = "https://www.legislation.gov.uk/ssi/2015/446"


# --- Words for figures -------------------------------------------------------------------------


def money(amount: Decimal) -> str:
    """Pounds as people write them: "£1,234,567", or "£1,234.50" when there are pence."""
    pence = amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    sign = "-" if pence < 0 else ""
    if pence == pence.to_integral_value():
        return f"{sign}£{abs(pence):,.0f}"
    return f"{sign}£{abs(pence):,.2f}"


def percentage(value: Decimal) -> str:
    """A percentage as people write it: "10%", "12.5%"."""
    return f"{value.normalize():f}%"


def _whole(number: Decimal) -> int:
    # ngettext chooses a plural form by a whole number: 1.5 months reads as plural, as 2 does.
    return int(number.to_integral_value(rounding=ROUND_CEILING))


def months(number: Decimal) -> Message:
    shown = f"{number.normalize():f}"
    return plural_message(
        ngettext_noop("%(count)s month", "%(count)s months"), _whole(number), count=shown
    )


def days(number: int) -> Message:
    return plural_message(ngettext_noop("%(count)s day", "%(count)s days"), number, count=number)


def years(number: int) -> Message:
    return plural_message(ngettext_noop("%(count)s year", "%(count)s years"), number, count=number)


def count_of(number: int) -> Message:
    return plural_message(
        ngettext_noop("%(count)s provider", "%(count)s providers"), number, count=number
    )


_PLACES = {
    Jurisdiction.ENGLAND: gettext_noop("England"),
    Jurisdiction.WALES: gettext_noop("Wales"),
    Jurisdiction.SCOTLAND: gettext_noop("Scotland"),
    Jurisdiction.NORTHERN_IRELAND: gettext_noop("Northern Ireland"),
}


def place_name(place: Jurisdiction) -> Message:
    return message(_PLACES[place])


class PaymentTerms(StrEnum):
    IN_ADVANCE = "in_advance"
    MONTHLY_IN_ARREARS = "monthly_in_arrears"
    QUARTERLY_IN_ARREARS = "quarterly_in_arrears"
    BY_RESULTS = "by_results"


class RequirementsError(ValueError):
    """A requirement no contract could have; ``field`` names it, ``message`` says why."""

    def __init__(self, field: str, message: Message) -> None:
        self.field = field
        self.message = message
        super().__init__(str(message))


_NOT_NEGATIVE = {
    "minimum_turnover": gettext_noop("The minimum turnover must be £0 or more."),
    "public_liability": gettext_noop("Public liability insurance must be £0 or more."),
    "employers_liability": gettext_noop("Employers' liability insurance must be £0 or more."),
    "professional_indemnity": gettext_noop("Professional indemnity insurance must be £0 or more."),
    "lot_values": gettext_noop("The value of each lot must be £0 or more."),
}
_WEIGHT_RANGE = {
    "price_weighting": gettext_noop("The price weighting must be between %(least)s and %(most)s."),
    "social_value_weighting": gettext_noop(
        "The social value weighting must be between %(least)s and %(most)s."
    ),
}


def _money_field(field: str, amount: Decimal) -> None:
    if not amount.is_finite() or amount < 0:
        raise RequirementsError(field, message(_NOT_NEGATIVE[field]))


@dataclass(frozen=True)
class Requirements:
    """What a commissioner proposes to ask of bidders and how the contract would run."""

    minimum_turnover: Decimal | None  # pounds a year; None when no turnover test is set
    public_liability: Decimal | None  # pounds of cover asked; None when not asked
    employers_liability: Decimal | None
    professional_indemnity: Decimal | None
    accreditations: tuple[str, ...]  # asked for at the bid stage
    experience_years: int | None
    mobilisation_days: int | None  # from award to the start of the service
    payment_terms: PaymentTerms
    contract_months: int
    lot_values: tuple[Decimal, ...]  # each lot's total value over the contract; one if not split
    price_weighting: Decimal  # percent of the total score
    social_value_weighting: Decimal
    consortium_bids: bool  # bids from groups of providers accepted
    needs_investment: bool  # a provider needs investment to deliver it
    starts_on: date  # the day the procurement starts: the day the law is read for
    jurisdiction: Jurisdiction

    def __post_init__(self) -> None:
        for field in ("minimum_turnover", "public_liability", "employers_liability"):
            amount = getattr(self, field)
            if amount is not None:
                _money_field(field, amount)
        if self.professional_indemnity is not None:
            _money_field("professional_indemnity", self.professional_indemnity)
        lots = tuple(self.lot_values)
        if not lots:
            raise RequirementsError(
                "lot_values", message(gettext_noop("Give the value of at least one lot."))
            )
        for value in lots:
            _money_field("lot_values", value)
        object.__setattr__(self, "lot_values", lots)
        if self.contract_months < 1:
            raise RequirementsError(
                "contract_months", message(gettext_noop("The contract must last at least 1 month."))
            )
        if self.experience_years is not None and self.experience_years < 0:
            raise RequirementsError(
                "experience_years",
                message(gettext_noop("The years of experience asked must be 0 or more.")),
            )
        if self.mobilisation_days is not None and self.mobilisation_days < 0:
            raise RequirementsError(
                "mobilisation_days",
                message(gettext_noop("The mobilisation period must be 0 days or more.")),
            )
        for field, template in _WEIGHT_RANGE.items():
            weight = getattr(self, field)
            if not weight.is_finite() or not 0 <= weight <= 100:
                raise RequirementsError(
                    field,
                    message(
                        template,
                        least=percentage(Decimal(0)),
                        most=percentage(Decimal(100)),
                    ),
                )
        if self.price_weighting + self.social_value_weighting > 100:
            raise RequirementsError(
                "social_value_weighting",
                message(
                    gettext_noop(
                        "The price and social value weightings add up to %(total)s. Together "
                        "they must be %(most)s or less."
                    ),
                    total=percentage(self.price_weighting + self.social_value_weighting),
                    most=percentage(Decimal(100)),
                ),
            )
        try:
            object.__setattr__(self, "payment_terms", PaymentTerms(self.payment_terms))
        except ValueError:
            raise RequirementsError(
                "payment_terms", message(gettext_noop("Choose how the provider will be paid."))
            ) from None
        try:
            object.__setattr__(self, "jurisdiction", Jurisdiction(self.jurisdiction))
        except ValueError:
            raise RequirementsError(
                "jurisdiction",
                message(gettext_noop("Choose England, Wales, Scotland or Northern Ireland.")),
            ) from None
        names = tuple(name.strip() for name in self.accreditations if name.strip())
        object.__setattr__(self, "accreditations", names)

    @property
    def annual_lot_values(self) -> tuple[Decimal, ...]:
        """What each lot brings in a year."""
        return tuple(annual_value(value, self.contract_months) for value in self.lot_values)


@dataclass(frozen=True)
class Flag:
    """A requirement that would shut small or local providers out, and what to do instead."""

    rule: str  # the stable id of the rule (see RULES)
    requirement: str  # the Requirements field it is about
    reason: Message
    mitigation: Message
    # The providers in the place the data shows it would shut out, in name order; never a guess
    # where the data is missing (a provider with no turnover recorded is never listed).
    excluded: tuple[Provider, ...] = ()
    reference: str = ""  # the address of the law or guidance behind the rule
    lot: int | None = None  # for a rule about one lot of several: its number, from 1


@dataclass(frozen=True)
class Check:
    """One rule of the check, so a page can list every check made and why."""

    rule: str
    requirements: tuple[str, ...]  # the Requirements fields it reads
    title: Message
    why: Message
    guidance: bool  # True when its figure is Commonweal's guidance rather than law

    @property
    def id(self) -> str:
        return self.rule


RULES: tuple[Check, ...] = (
    Check(
        "turnover_test",
        ("minimum_turnover", "lot_values", "contract_months"),
        message(gettext_noop("A turnover test above what the contract needs")),
        message(
            gettext_noop(
                "The law and its guidance cap a turnover test at a multiple of what the contract "
                "is worth. A higher test asks for more than the work needs, and shuts out "
                "smaller providers who could deliver it."
            )
        ),
        guidance=False,
    ),
    Check(
        "lot_size",
        ("lot_values", "contract_months"),
        message(gettext_noop("A lot too big for local providers")),
        message(
            gettext_noop(
                "A lot worth more a year than %(share)s of a provider's turnover is a stretch for "
                "it: it would be most of its business."
            ),
            share=percentage(STRETCH_SHARE * 100),
        ),
        guidance=True,
    ),
    Check(
        "no_consortium",
        ("consortium_bids",),
        message(gettext_noop("Bids from groups of providers not accepted")),
        message(
            gettext_noop(
                "Providers too small to bid alone can often bid together, if groups may bid."
            )
        ),
        guidance=True,
    ),
    Check(
        "payment_in_arrears",
        ("payment_terms",),
        message(gettext_noop("Payment quarterly in arrears")),
        message(
            gettext_noop(
                "A provider paid every three months carries months of costs before it is paid, "
                "which small providers cannot fund."
            )
        ),
        guidance=True,
    ),
    Check(
        "payment_by_results",
        ("payment_terms",),
        message(gettext_noop("Payment by results only")),
        message(
            gettext_noop(
                "A provider paid only for results carries the cost of delivery until results are "
                "measured, which small providers cannot fund."
            )
        ),
        guidance=True,
    ),
    Check(
        "short_for_investment",
        ("needs_investment", "contract_months"),
        message(gettext_noop("A contract too short for the investment it needs")),
        message(
            gettext_noop(
                "An investor needs a realistic prospect of being repaid within the contract's term."
            )
        ),
        guidance=True,
    ),
    Check(
        "price_weighting",
        ("price_weighting",),
        message(gettext_noop("A price weighting that invites loss-leader bids")),
        message(
            gettext_noop(
                "When price carries most of the score, a bidder can win by pricing below cost, "
                "which only large firms can afford."
            )
        ),
        guidance=True,
    ),
    Check(
        "social_value_weighting",
        ("social_value_weighting",),
        message(gettext_noop("A social value weighting below the minimum")),
        message(
            gettext_noop(
                "Local and voluntary providers often bring the most social value; a small "
                "weighting barely counts it."
            )
        ),
        guidance=False,
    ),
    Check(
        "mobilisation",
        ("mobilisation_days",),
        message(gettext_noop("Too little time to get ready")),
        message(
            gettext_noop(
                "A new provider needs time to recruit, take on staff who transfer and find "
                "premises; a short start favours the current provider."
            )
        ),
        guidance=True,
    ),
    Check(
        "insurance",
        ("public_liability", "employers_liability", "professional_indemnity"),
        message(gettext_noop("Insurance above what is proportionate")),
        message(
            gettext_noop(
                "High levels of cover cost small providers more than they can justify before "
                "they win the work."
            )
        ),
        guidance=True,
    ),
    Check(
        "experience",
        ("experience_years",),
        message(gettext_noop("Years of experience that shut out new organisations")),
        message(
            gettext_noop(
                "New organisations, however experienced their people, cannot show years of "
                "their own."
            )
        ),
        guidance=True,
    ),
    Check(
        "accreditations",
        ("accreditations",),
        message(gettext_noop("Accreditations asked for at the bid stage")),
        message(
            gettext_noop(
                "Accreditation costs money and months; small providers rarely hold one before "
                "they have a contract that needs it."
            )
        ),
        guidance=True,
    ),
)


def _address(source: str) -> str:
    """The first web address in a rule's source."""
    found = re.search(r"https?://[^\s,;]+", source)
    return found.group(0).rstrip(".):") if found else ""


def _law(requirements: Requirements, *, act: str, pcr: str = "", scotland: str = "") -> str:
    """The address of the law that governs the procurement: the Act, the 2015 Regulations
    before it, or Scotland's own Regulations."""
    if requirements.jurisdiction is Jurisdiction.SCOTLAND:
        return scotland
    return act if requirements.starts_on >= ACT_STARTS else pcr


def _named(providers: Iterable[Provider]) -> tuple[Provider, ...]:
    return tuple(sorted(providers, key=lambda provider: (provider.name, provider.id)))


def _lot_name(number: int, of: int) -> Message:
    if of == 1:
        return message(gettext_noop("The contract"))
    return message(gettext_noop("Lot %(number)s"), number=number)


def check(requirements: Requirements, providers: Iterable[Provider]) -> tuple[Flag, ...]:
    """Every requirement that would shut small or local providers out, in the order of RULES."""
    in_place = tuple(providers)
    annuals = requirements.annual_lot_values
    capacities = tuple(lot_capacity(value, in_place) for value in annuals)
    flags: list[Flag] = []
    flags += _turnover_test(requirements, in_place)
    flags += _lot_size(requirements, capacities)
    flags += _no_consortium(requirements, capacities)
    flags += _payment(requirements, capacities)
    flags += _short_for_investment(requirements)
    flags += _price_weighting(requirements)
    flags += _social_value_weighting(requirements)
    flags += _mobilisation(requirements)
    flags += _insurance(requirements)
    flags += _experience(requirements)
    flags += _accreditations(requirements)
    return tuple(flags)


def _turnover_test(requirements: Requirements, providers: tuple[Provider, ...]) -> list[Flag]:
    asked = requirements.minimum_turnover
    if asked is None:
        return []
    try:
        rule = in_force(
            TURNOVER_TEST_MAX_MULTIPLE, requirements.starts_on, requirements.jurisdiction
        )
    except NoRuleInForce:
        return []  # before any cap was set, there is nothing to measure the test against
    # A yearly turnover is a year's income, so it is measured against a year of the lot (for a
    # contract of a year or less, its whole value, as the regulations read). Where the lots
    # differ, one test for all is measured against the smallest, which it must also fit.
    smallest = min(requirements.annual_lot_values)
    ceiling = rule.value * smallest
    if asked <= ceiling:
        return []
    several = len(requirements.lot_values) > 1
    if several:
        reason = gettext_noop(
            "You ask for a yearly turnover of at least %(asked)s. The smallest lot is worth "
            "%(annual)s a year, so a test of more than %(ceiling)s (%(multiple)s times that) asks "
            "for more than that lot needs. It shuts out smaller providers who could deliver it."
        )
        mitigation = gettext_noop(
            "Lower the turnover test to what each lot needs: %(ceiling)s or less for the smallest "
            "lot. Or check financial standing another way, such as a bank reference."
        )
    else:
        reason = gettext_noop(
            "You ask for a yearly turnover of at least %(asked)s. The contract is worth "
            "%(annual)s a year, so a test of more than %(ceiling)s (%(multiple)s times that) asks "
            "for more than the contract needs. It shuts out smaller providers who could deliver "
            "it."
        )
        mitigation = gettext_noop(
            "Lower the turnover test to what the contract needs: %(ceiling)s or less. Or check "
            "financial standing another way, such as a bank reference."
        )
    figures = {
        "asked": money(asked),
        "annual": money(smallest),
        "ceiling": money(ceiling),
        "multiple": f"{rule.value.normalize():f}",
    }
    excluded = [
        provider
        for provider in providers
        if provider.annual_turnover is not None and provider.annual_turnover < asked
    ]
    return [
        Flag(
            rule="turnover_test",
            requirement="minimum_turnover",
            reason=message(reason, **figures),
            mitigation=message(mitigation, ceiling=figures["ceiling"]),
            excluded=_named(excluded),
            reference=_address(rule.source),
        )
    ]


def _lot_size(requirements: Requirements, capacities: tuple[LotCapacity, ...]) -> list[Flag]:
    flags = []
    reference = _law(
        requirements,
        act=f"{ACT}/section/18",
        pcr=f"{PCR}/regulation/46",
        scotland=f"{PCSR}/regulation/46",
    )
    for number, capacity in enumerate(capacities, start=1):
        excluded = capacity.cannot_bid_alone
        if not excluded:
            continue
        reason = message(
            gettext_noop(
                "%(lot)s is worth %(annual)s a year. That is more than %(share)s of the yearly "
                "turnover of %(providers)s in the place, so it is too big for them to take on "
                "alone."
            ),
            lot=_lot_name(number, len(capacities)),
            annual=money(capacity.annual_value),
            share=percentage(STRETCH_SHARE * 100),
            providers=count_of(len(excluded)),
        )
        if requirements.consortium_bids:
            mitigation = message(
                gettext_noop(
                    "Split the work into smaller lots, by area, by group of people or by part of "
                    "the service."
                )
            )
        else:
            mitigation = message(
                gettext_noop(
                    "Split the work into smaller lots, by area, by group of people or by part of "
                    "the service, and accept bids from groups of providers."
                )
            )
        flags.append(
            Flag(
                rule="lot_size",
                requirement="lot_values",
                reason=reason,
                mitigation=mitigation,
                excluded=_named(excluded),
                reference=reference,
                lot=number if len(capacities) > 1 else None,
            )
        )
    return flags


def _no_consortium(requirements: Requirements, capacities: tuple[LotCapacity, ...]) -> list[Flag]:
    if requirements.consortium_bids:
        return []
    reference = _law(
        requirements,
        act=f"{ACT}/section/12",
        pcr=f"{PCR}/regulation/19",
        scotland=f"{PCSR}/regulation/19",
    )
    flags = []
    for number, capacity in enumerate(capacities, start=1):
        if not capacity.consortium_possible:
            continue
        group = _named(capacity.consortium)
        flags.append(
            Flag(
                rule="no_consortium",
                requirement="consortium_bids",
                reason=message(
                    gettext_noop(
                        "%(lot)s is too big for %(names)s to take on alone, but together they "
                        "could. You do not accept bids from groups of providers, so they cannot "
                        "bid."
                    ),
                    lot=_lot_name(number, len(capacities)),
                    names=join_names([provider.name for provider in group]),
                ),
                mitigation=message(
                    gettext_noop(
                        "Accept bids from groups of providers (a consortium, or a lead provider "
                        "with partners), and say so in the tender notice."
                    )
                ),
                excluded=group,
                reference=reference,
                lot=number if len(capacities) > 1 else None,
            )
        )
    return flags


_WAIT = {
    (PaymentTerms.QUARTERLY_IN_ARREARS, True): gettext_noop(
        "You pay every 3 months in arrears, and an invoice may be paid %(days)s after it "
        "arrives, so a provider carries about %(wait)s of costs before it is first paid: "
        "%(carried)s on %(where)s."
    ),
    (PaymentTerms.QUARTERLY_IN_ARREARS, False): gettext_noop(
        "You pay every 3 months in arrears, so a provider carries at least %(wait)s of costs "
        "before it is first paid: %(carried)s on %(where)s."
    ),
    (PaymentTerms.BY_RESULTS, True): gettext_noop(
        "You pay only for results, which are rarely measured before %(first)s of delivery "
        "(Commonweal's guidance), and an invoice may be paid %(days)s after it arrives. So a "
        "provider carries about %(wait)s of costs before it is first paid: %(carried)s on "
        "%(where)s."
    ),
    (PaymentTerms.BY_RESULTS, False): gettext_noop(
        "You pay only for results, which are rarely measured before %(first)s of delivery "
        "(Commonweal's guidance). So a provider carries at least %(wait)s of costs before it is "
        "first paid: %(carried)s on %(where)s."
    ),
}


def _payment(requirements: Requirements, capacities: tuple[LotCapacity, ...]) -> list[Flag]:
    terms = requirements.payment_terms
    if terms is PaymentTerms.QUARTERLY_IN_ARREARS:
        rule, unpaid = "payment_in_arrears", QUARTER
        mitigation = gettext_noop(
            "Pay monthly in arrears, and pay in advance for setting up the service."
        )
    elif terms is PaymentTerms.BY_RESULTS:
        rule, unpaid = "payment_by_results", BY_RESULTS_FIRST_PAYMENT_MONTHS
        mitigation = gettext_noop(
            "Pay part of the price monthly for delivering the service and the rest for results, "
            "and pay in advance for setting up the service."
        )
    else:
        return []
    try:
        law = in_force(PAYMENT_TERMS_DAYS, requirements.starts_on, requirements.jurisdiction)
        pay_days: int | None = law.value
        reference = _address(law.source)
    except NoRuleInForce:
        # No payment terms in law for this procurement: count only the months before the
        # invoice, never a guess at how long paying it takes.
        pay_days, reference = None, RESERVES_GUIDANCE
    # The working capital: the months of costs a provider pays out before its first payment
    # (the months the invoice covers, then the days it may wait to be paid), times the lot's
    # cost a month. The least any bidder must carry is the smallest lot's.
    wait = Decimal(unpaid) + Decimal(pay_days or 0) / DAYS_IN_A_MONTH
    smallest = min(range(len(requirements.lot_values)), key=requirements.lot_values.__getitem__)
    monthly_cost = requirements.lot_values[smallest] / requirements.contract_months
    carried = (monthly_cost * wait).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    # A provider can carry CARRY_MONTHS_OF_TURNOVER of its turnover, so the turnover it needs:
    needed = carried * MONTHS_IN_A_YEAR / CARRY_MONTHS_OF_TURNOVER
    # Those shut out by the payment terms, not by the lot's size: they could take on the lot on
    # their turnover, but not carry its costs until they are paid.
    excluded = [
        provider
        for provider in capacities[smallest].can_bid
        if provider.annual_turnover is not None and provider.annual_turnover < needed
    ]
    where = (
        message(gettext_noop("the smallest lot"))
        if len(requirements.lot_values) > 1
        else message(gettext_noop("this contract"))
    )
    cost = message(
        _WAIT[terms, pay_days is not None],
        wait=months(wait),
        carried=money(carried),
        where=where,
        first=months(Decimal(BY_RESULTS_FIRST_PAYMENT_MONTHS)),
        **({"days": days(pay_days)} if pay_days is not None else {}),
    )
    carry = message(
        gettext_noop(
            "A small provider can rarely carry more than %(carry)s of its own turnover "
            "(Commonweal's guidance), so one with a yearly turnover below %(needed)s cannot "
            "fund it."
        ),
        carry=months(Decimal(CARRY_MONTHS_OF_TURNOVER)),
        needed=money(needed),
    )
    return [
        Flag(
            rule=rule,
            requirement="payment_terms",
            reason=message(gettext_noop("%(cost)s %(carry)s"), cost=cost, carry=carry),
            mitigation=message(mitigation),
            excluded=_named(excluded),
            reference=reference,
        )
    ]


def _short_for_investment(requirements: Requirements) -> list[Flag]:
    if not requirements.needs_investment or requirements.contract_months >= INVESTMENT_MIN_MONTHS:
        return []
    shortest = months(Decimal(INVESTMENT_MIN_MONTHS))
    return [
        Flag(
            rule="short_for_investment",
            requirement="contract_months",
            reason=message(
                gettext_noop(
                    "A provider needs investment to deliver this, and the contract lasts "
                    "%(length)s. An investor is repaid from what the contract pays; in less than "
                    "%(shortest)s there is no realistic prospect of that (Commonweal's "
                    "guidance), so only providers with money of their own can bid."
                ),
                length=months(Decimal(requirements.contract_months)),
                shortest=shortest,
            ),
            mitigation=message(
                gettext_noop(
                    "Make the contract at least %(shortest)s long, so an investor has a realistic "
                    "prospect of being repaid within its term."
                ),
                shortest=shortest,
            ),
            reference=GOVERNMENT_OUTCOMES_LAB,
        )
    ]


def _price_weighting(requirements: Requirements) -> list[Flag]:
    if requirements.price_weighting <= PRICE_WEIGHTING_MAX:
        return []
    limit = percentage(PRICE_WEIGHTING_MAX)
    return [
        Flag(
            rule="price_weighting",
            requirement="price_weighting",
            reason=message(
                gettext_noop(
                    "Price carries %(weight)s of the score. Above %(limit)s (Commonweal's "
                    "guidance), a bidder can win by pricing below cost and cutting the service "
                    "later. Small and local providers cannot run a contract at a loss to win it."
                ),
                weight=percentage(requirements.price_weighting),
                limit=limit,
            ),
            mitigation=message(
                gettext_noop(
                    "Lower the price weighting to %(limit)s or less, and give the rest to quality "
                    "and social value. Check any tender whose price looks abnormally low before "
                    "you award."
                ),
                limit=limit,
            ),
            reference=_law(
                requirements,
                act=f"{ACT}/section/19",  # s.19(3)(d) and (4): abnormally low tenders
                pcr=f"{PCR}/regulation/69",
                scotland=f"{PCSR}/regulation/69",
            ),
        )
    ]


def _social_value_weighting(requirements: Requirements) -> list[Flag]:
    place = requirements.jurisdiction
    as_guidance = False
    try:
        rule = in_force(SOCIAL_VALUE_MIN_WEIGHTING, requirements.starts_on, place)
    except NoRuleInForce:
        # Where no minimum is set (Wales, Scotland), England's is a fair guide: the same
        # weighting counts social value the same way, and the message says it is guidance.
        try:
            rule = in_force(
                SOCIAL_VALUE_MIN_WEIGHTING, requirements.starts_on, Jurisdiction.ENGLAND
            )
        except NoRuleInForce:
            return []
        as_guidance = place is not Jurisdiction.ENGLAND
    minimum = rule.value
    weight = requirements.social_value_weighting
    if weight >= minimum:
        return []
    figures = {"weight": percentage(weight), "minimum": percentage(minimum)}
    if as_guidance:
        reason = message(
            gettext_noop(
                "Social value carries %(weight)s of the score. %(place)s sets no minimum, so "
                "Commonweal uses England's minimum of %(minimum)s as guidance. Local and "
                "voluntary providers often bring the most social value, and a weighting this "
                "small barely counts it."
            ),
            place=place_name(place),
            **figures,
        )
    else:
        reason = message(
            gettext_noop(
                "Social value carries %(weight)s of the score, below the minimum of %(minimum)s "
                "in %(place)s's policy. Local and voluntary providers often bring the most "
                "social value, and a weighting this small barely counts it."
            ),
            place=place_name(place),
            **figures,
        )
    return [
        Flag(
            rule="social_value_weighting",
            requirement="social_value_weighting",
            reason=reason,
            mitigation=message(
                gettext_noop(
                    "Raise the social value weighting to at least %(minimum)s, and ask for social "
                    "value the contract can deliver in the place."
                ),
                minimum=figures["minimum"],
            ),
            reference=_address(rule.source),
        )
    ]


def _mobilisation(requirements: Requirements) -> list[Flag]:
    given = requirements.mobilisation_days
    if given is None or given >= MOBILISATION_MIN_DAYS:
        return []
    least = days(MOBILISATION_MIN_DAYS)
    return [
        Flag(
            rule="mobilisation",
            requirement="mobilisation_days",
            reason=message(
                gettext_noop(
                    "You allow %(given)s from award to the start of the service. A new provider "
                    "must recruit and check staff, take on staff who transfer from the current "
                    "provider, and find premises. In less than %(least)s (Commonweal's guidance) "
                    "only the current provider, or a large firm with staff to spare, can be "
                    "ready."
                ),
                given=days(given),
                least=least,
            ),
            mitigation=message(
                gettext_noop("Allow at least %(least)s from award to the start of the service."),
                least=least,
            ),
            reference=TUPE_INFORMATION,
        )
    ]


_INSURANCE = (
    ("public_liability", gettext_noop("public liability"), PUBLIC_LIABILITY_GUIDE),
    ("employers_liability", gettext_noop("employers' liability"), EMPLOYERS_LIABILITY_GUIDE),
    (
        "professional_indemnity",
        gettext_noop("professional indemnity"),
        PROFESSIONAL_INDEMNITY_GUIDE,
    ),
)


def _insurance(requirements: Requirements) -> list[Flag]:
    reference = _law(requirements, act=f"{ACT}/section/22")
    flags = []
    for field, kind, guide in _INSURANCE:
        asked = getattr(requirements, field)
        if asked is None or asked <= guide:
            continue
        flags.append(
            Flag(
                rule="insurance",
                requirement=field,
                reason=message(
                    gettext_noop(
                        "You ask for %(kind)s insurance of %(asked)s. That is more than "
                        "%(guide)s, the level most community services need (Commonweal's "
                        "guidance, not law). Higher cover costs a small provider more than it can "
                        "justify before it wins the work."
                    ),
                    kind=message(kind),
                    asked=money(asked),
                    guide=money(guide),
                ),
                mitigation=message(
                    gettext_noop(
                        "Ask for %(guide)s, or what the contract's risks need, and accept a "
                        "promise to have the cover from the start of the contract rather than "
                        "when bidding."
                    ),
                    guide=money(guide),
                ),
                reference=reference,
            )
        )
    return flags


def _experience(requirements: Requirements) -> list[Flag]:
    asked = requirements.experience_years
    if asked is None or asked <= EXPERIENCE_MAX_YEARS:
        return []
    limit = years(EXPERIENCE_MAX_YEARS)
    return [
        Flag(
            rule="experience",
            requirement="experience_years",
            reason=message(
                gettext_noop(
                    "You ask for %(asked)s of experience. Asking for more than %(limit)s "
                    "(Commonweal's guidance) shuts out new organisations, such as a social "
                    "enterprise or co-operative set up by people with long experience of the "
                    "work."
                ),
                asked=years(asked),
                limit=limit,
            ),
            mitigation=message(
                gettext_noop(
                    "Ask for %(limit)s or less, and accept the relevant experience of the "
                    "organisation's staff, founders or partners."
                ),
                limit=limit,
            ),
            reference=_law(requirements, act=f"{ACT}/section/12"),
        )
    ]


def _accreditations(requirements: Requirements) -> list[Flag]:
    names = requirements.accreditations
    if not names:
        return []
    return [
        Flag(
            rule="accreditations",
            requirement="accreditations",
            reason=message(
                gettext_noop(
                    "You ask bidders to hold %(names)s when they bid. Accreditation costs money "
                    "and months of work, so small providers rarely hold one before they have a "
                    "contract that needs it."
                ),
                names=join_names(list(names)),
            ),
            mitigation=message(
                gettext_noop(
                    "Ask for the accreditations by the start of the contract, and accept bidders "
                    "who are working towards them."
                )
            ),
            reference=_law(requirements, act=f"{ACT}/section/22"),
        )
    ]
