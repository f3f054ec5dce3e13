"""Public procurement rules: the Procurement Act 2023's thresholds and duties, and social value.

The day that matters for a threshold is the day the procurement commenced (a tender or transparency
notice published, or suppliers first contacted for a below-threshold contract); for a payment duty
it is the day the payment fell due. Every amount includes VAT, as the Act's do.

Jurisdictions: the Act's regime applies to contracting authorities in England, Wales and Northern
Ireland. Devolved Scottish authorities keep the Public Contracts (Scotland) Regulations 2015, so
these rules answer "does not apply in Scotland". Some duties are carved out for devolved Welsh
authorities, who follow the Procurement (Wales) Regulations 2024; the figures here are the Act's.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from commonweal.core.policy.dated import (
    ENGLAND_WALES_NORTHERN_IRELAND,
    Dated,
    Jurisdiction,
    Rule,
    in_force,
)

ACT = "https://www.legislation.gov.uk/ukpga/2023/54"
ACT_STARTS = date(2025, 2, 24)  # the Act's procurement regime began on 24 February 2025
ENGLAND_AND_NORTHERN_IRELAND = frozenset({Jurisdiction.ENGLAND, Jurisdiction.NORTHERN_IRELAND})
WALES = frozenset({Jurisdiction.WALES})


@dataclass(frozen=True)
class Thresholds:
    """Schedule 1's threshold amounts, in pounds including VAT: a contract of at least this
    estimated value is a public contract under the Act's full regime."""

    central_government_goods_services: Decimal  # row 11: goods, services to central government
    sub_central_goods_services: Decimal  # row 12: goods, services to other authorities
    works: Decimal  # row 10
    light_touch: Decimal  # row 8: light-touch services (health, social, education and others)
    utilities_goods_services: Decimal  # row 6
    utilities_light_touch: Decimal  # row 5
    defence_security_goods_services: Decimal  # row 3
    concession: Decimal  # row 9
    light_touch_concession: Decimal  # row 7


_UNTIL_2025 = Thresholds(
    central_government_goods_services=Decimal("139688"),
    sub_central_goods_services=Decimal("214904"),
    works=Decimal("5372609"),
    light_touch=Decimal("663540"),
    utilities_goods_services=Decimal("429809"),
    utilities_light_touch=Decimal("884720"),
    defence_security_goods_services=Decimal("429809"),
    concession=Decimal("5372609"),
    light_touch_concession=Decimal("5372609"),
)
_FROM_2026 = Thresholds(
    central_government_goods_services=Decimal("135018"),
    sub_central_goods_services=Decimal("207720"),
    works=Decimal("5193000"),
    light_touch=Decimal("663540"),
    utilities_goods_services=Decimal("415440"),
    utilities_light_touch=Decimal("884720"),
    defence_security_goods_services=Decimal("415440"),
    concession=Decimal("5193000"),
    light_touch_concession=Decimal("5372609"),
)

PROCUREMENT_THRESHOLDS: Rule[Thresholds] = Rule(
    "procurement_thresholds",
    "the Procurement Act 2023 thresholds",
    [
        Dated(
            starts=ACT_STARTS,
            value=_UNTIL_2025,
            applies_in=ENGLAND_WALES_NORTHERN_IRELAND,
            source=f"Procurement Act 2023, Schedule 1, {ACT}/schedule/1, as amended by The "
            "Procurement Act 2023 (Consequential and Other Amendments) Regulations 2025 "
            "(S.I. 2025/163), https://www.legislation.gov.uk/uksi/2025/163; for procurements "
            "commenced up to 31 December 2025.",
        ),
        Dated(
            starts=date(2026, 1, 1),
            value=_FROM_2026,
            applies_in=ENGLAND_AND_NORTHERN_IRELAND,
            source="The Procurement Act 2023 (Threshold Amounts) (Amendment) Regulations 2025 "
            "(S.I. 2025/1200), https://www.legislation.gov.uk/uksi/2025/1200/made, and PPN 023: "
            "2026 threshold amounts; for procurements commenced from 1 January 2026.",
        ),
        Dated(
            starts=date(2026, 1, 1),
            value=_FROM_2026,
            applies_in=WALES,
            source="The Procurement Act 2023 (Threshold Amounts) (Amendment) (Wales) Regulations "
            "2025, in force at 12.05 a.m. on 1 January 2026, and Welsh Procurement Policy Note "
            "(WPPN) 017: new thresholds, https://www.gov.wales/node/73436 (the same figures).",
        ),
    ],
)


@dataclass(frozen=True)
class BelowThresholdNotices:
    """A regulated below-threshold contract of at least this estimated value (pounds, including
    VAT) needs a below-threshold tender notice when advertised and a contract details notice."""

    central_government: Decimal
    other: Decimal


BELOW_THRESHOLD_NOTICES: Rule[BelowThresholdNotices] = Rule(
    "below_threshold_notices",
    "the below-threshold notice thresholds",
    [
        Dated(
            starts=ACT_STARTS,
            value=BelowThresholdNotices(
                central_government=Decimal("12000"), other=Decimal("30000")
            ),
            applies_in=ENGLAND_WALES_NORTHERN_IRELAND,
            source=f"Procurement Act 2023, Part 6 (below-threshold contracts), sections 84 to 88, "
            f"{ACT}/part/6: notices for a regulated below-threshold contract of not less than "
            "£12,000 (central government authority) or £30,000 (any other), including VAT.",
        ),
    ],
)

# Before entering into a public contract worth MORE than this, the authority sets and publishes
# at least three key performance indicators.
KPI_THRESHOLD: Rule[Decimal] = Rule(
    "kpi_threshold",
    "the contract value above which key performance indicators are required",
    [
        Dated(
            starts=ACT_STARTS,
            value=Decimal("5000000"),
            applies_in=ENGLAND_WALES_NORTHERN_IRELAND,
            source=f"Procurement Act 2023, section 52 (key performance indicators), "
            f"{ACT}/section/52: at least three KPIs for a public contract with an estimated "
            "value of more than £5 million.",
        ),
    ],
)
KPIS_REQUIRED_AT_LEAST = 3  # section 52(1), with KPI_THRESHOLD's source

# Every public contract is treated as providing that an invoice is paid within this many days.
PAYMENT_TERMS_DAYS: Rule[int] = Rule(
    "payment_terms_days",
    "the payment terms of a public contract",
    [
        Dated(
            starts=ACT_STARTS,
            value=30,
            applies_in=ENGLAND_WALES_NORTHERN_IRELAND,
            source=f"Procurement Act 2023, section 68 (implied payment terms in public contracts), "
            f"{ACT}/section/68: payment within 30 days of a valid invoice being received.",
        ),
    ],
)

# A public contract may be modified without a new procurement if the change to its value stays
# within this share of its value (all such changes added together), among other routes. Commonweal
# applies the goods and services figure to every agreement's value as GUIDANCE: its agreements are
# services, it does not know which are works (15%), and it does not model Schedule 8's other
# permitted modifications (unforeseeable circumstances and the rest), which need legal advice.
MODIFICATION_VALUE_LIMIT_PERCENT: Rule[Decimal] = Rule(
    "modification_value_limit_percent",
    "the largest change to a public contract's value without a new procurement, in percent",
    [
        Dated(
            starts=ACT_STARTS,
            value=Decimal("10"),
            applies_in=ENGLAND_WALES_NORTHERN_IRELAND,
            source=f"Procurement Act 2023, section 74 (modifying a public contract), "
            f"{ACT}/section/74: a below-threshold modification increases or decreases the "
            "estimated value by less than 10% for goods or services (15% for works), taken "
            "together with other such modifications, does not take the value over the threshold "
            "and does not materially change the scope; as summarised in 'Modification of "
            "contracts existing before the go-live date of the Procurement Act 2023', Local "
            "Government Lawyer, https://localgovernmentlawyer.co.uk/procurement-and-contracts/"
            "308-procurement-features/58711. Commonweal's guidance, not legal advice.",
        ),
    ],
)

# A payment MORE than this made under a public contract is published.
PAYMENT_PUBLICATION_THRESHOLD: Rule[Decimal] = Rule(
    "payment_publication_threshold",
    "the amount above which a payment under a public contract is published",
    [
        Dated(
            starts=ACT_STARTS,
            value=Decimal("30000"),
            applies_in=ENGLAND_WALES_NORTHERN_IRELAND,
            source=f"Procurement Act 2023, section 70 (information about payments under public "
            f"contracts), {ACT}/section/70: information about any payment of more than £30,000.",
        ),
    ],
)


@dataclass(frozen=True)
class PaymentReporting:
    """When a contracting authority reports how promptly it paid (sections 69 and 70).

    ``period_ends``: the (month, day) on which each six-month reporting period ends, so periods run
    1 April to 30 September and 1 October to 31 March; the first runs from the day the duty began
    to the next of those ends. ``quarter_ends``: the ends of the quarters whose payments of more
    than PAYMENT_PUBLICATION_THRESHOLD are published. ``day_bands``: a payment is counted as made
    within day 1 to 30, day 31 to 60, or on day 61 or later, day 1 being the day after the invoice
    was received. ``publish_within_days``: the notice is due within this many days beginning with
    the period's (or quarter's) last day.
    """

    period_ends: tuple[tuple[int, int], ...]
    quarter_ends: tuple[tuple[int, int], ...]
    day_bands: tuple[int, ...]
    publish_within_days: int


_PAYMENT_REPORTING = PaymentReporting(
    period_ends=((3, 31), (9, 30)),
    quarter_ends=((3, 31), (6, 30), (9, 30), (12, 31)),
    day_bands=(30, 60),
    publish_within_days=30,
)
_PAYMENT_REPORTING_SOURCE = (
    f"Procurement Act 2023, section 69 (payments compliance notices), {ACT}/section/69: a notice "
    "within 30 days of the last day of each reporting period, the first ending with the 31 March "
    "or 30 September after the section came into force, then each successive six months; section "
    f"70 (information about payments under public contracts), {ACT}/section/70: payments of more "
    "than £30,000, within 30 days of the last day of the quarter they were made in (calendar "
    "quarters, as the Cabinet Office's guidance on contract payment information reads them: the "
    "first, 1 April to 30 June 2026). The Procurement Regulations 2024 (S.I. 2024/692), "
    "regulation 38, https://www.legislation.gov.uk/uksi/2024/692/regulation/38/made: the average "
    "days to pay and the share paid within day 1 to 30, 31 to 60 and 61 or later, day 1 being the "
    "day after the invoice day. "
)

# The payments compliance and payment publication duties, from the day section 69 began. Section 69
# does not apply to transferred Northern Ireland authorities, nor in Scotland: no version there.
PAYMENT_REPORTING: Rule[PaymentReporting] = Rule(
    "payment_reporting",
    "the payments compliance reporting periods",
    [
        Dated(
            starts=date(2026, 1, 1),
            value=_PAYMENT_REPORTING,
            applies_in=frozenset({Jurisdiction.ENGLAND}),
            source=_PAYMENT_REPORTING_SOURCE
            + "The Procurement Act 2023 (Commencement No. 4) Regulations 2025 (S.I. 2025/1316), "
            "https://www.legislation.gov.uk/uksi/2025/1316: section 69 in force on 1 January 2026 "
            "(so the first period is 1 January to 31 March 2026), section 70 on 1 April 2026.",
        ),
        Dated(
            starts=date(2026, 4, 1),
            value=_PAYMENT_REPORTING,
            applies_in=WALES,
            source=_PAYMENT_REPORTING_SOURCE
            + "The Procurement Act 2023 (Commencement No. 4) Regulations 2025 (S.I. 2025/1316): "
            "section 69 in force on 1 April 2026 for procurements regulated by the Welsh "
            "Ministers (the first period is 1 April to 30 September 2026).",
        ),
    ],
)


# Working days between the contract award notice and entering into the contract.
STANDSTILL_WORKING_DAYS: Rule[int] = Rule(
    "standstill_working_days",
    "the standstill period",
    [
        Dated(
            starts=ACT_STARTS,
            value=8,
            applies_in=ENGLAND_WALES_NORTHERN_IRELAND,
            source=f"Procurement Act 2023, section 51 (standstill periods on the award of "
            f"contracts), {ACT}/section/51: a mandatory standstill period of eight working days.",
        ),
    ],
)

# The most a minimum yearly turnover test may ask, as a multiple of the contract's value (of
# each lot's, where the contract is split). The Public Contracts Regulations 2015 set the cap
# in law; Scotland keeps its own 2015 Regulations, so this rule applies there too. The
# Procurement Act 2023 sets no multiple: its conditions of participation must be proportionate
# to the contract's nature, complexity and cost, and Commonweal keeps the regulations' figure as
# its measure of proportionate, as the NHS Provider Selection Regime still does in law.
TURNOVER_TEST_MAX_MULTIPLE: Rule[Decimal] = Rule(
    "turnover_test_max_multiple",
    "the largest minimum turnover a buyer may ask for, as a multiple of the contract's value",
    [
        Dated(
            starts=date(2015, 2, 26),
            value=Decimal("2"),
            applies_in=ENGLAND_WALES_NORTHERN_IRELAND,
            source="The Public Contracts Regulations 2015 (S.I. 2015/102), regulation 58(9), "
            "https://www.legislation.gov.uk/uksi/2015/102/regulation/58: the minimum yearly "
            "turnover asked shall not exceed two times the estimated contract value, except in "
            "duly justified cases; for each lot, where the contract is split (58(11)). In force "
            "from 26 February 2015.",
        ),
        Dated(
            starts=date(2016, 4, 18),
            value=Decimal("2"),
            applies_in=frozenset({Jurisdiction.SCOTLAND}),
            source="The Public Contracts (Scotland) Regulations 2015 (S.S.I. 2015/446), regulation "
            "58(9), https://www.legislation.gov.uk/ssi/2015/446/regulation/58: the minimum yearly "
            "turnover asked shall not exceed two times the estimated contract value, except in "
            "duly justified cases. In force from 18 April 2016.",
        ),
        Dated(
            starts=ACT_STARTS,
            value=Decimal("2"),
            applies_in=ENGLAND_WALES_NORTHERN_IRELAND,
            source=f"Procurement Act 2023, section 22 (conditions of participation), "
            f"{ACT}/section/22: conditions must be a proportionate means of ensuring a supplier's "
            "capacity, having regard to the nature, complexity and cost of the contract; the Act "
            "sets no multiple. Commonweal's guidance keeps the two times of the 2015 Regulations, "
            "which the Health Care Services (Provider Selection Regime) Regulations 2023 keep in "
            "law for NHS health care (S.I. 2023/1348, Schedule 16, paragraph 3(3), "
            "https://www.legislation.gov.uk/uksi/2023/1348/schedule/16/paragraph/3/made).",
        ),
    ],
)

# The least weight social value may carry in the award criteria, as a percentage of the total.
# Procurement policy notes bind central government departments, their executive agencies and
# non-departmental public bodies. Northern Ireland's Department of Finance sets the same minimum
# for its public bodies. Commonweal holds no minimum weighting for Wales or Scotland, whose own
# policy asks for social value without setting one here.
SOCIAL_VALUE_MIN_WEIGHTING: Rule[Decimal] = Rule(
    "social_value_min_weighting",
    "the minimum weighting of social value",
    [
        Dated(
            starts=date(2021, 1, 1),
            value=Decimal("10"),
            applies_in=frozenset({Jurisdiction.ENGLAND}),
            source="PPN 06/20: taking account of social value in the award of central government "
            "contracts, https://www.gov.uk/government/publications/procurement-policy-note-0620-"
            "taking-account-of-social-value-in-the-award-of-central-government-contracts: a "
            "minimum weighting of 10% of the total score, from 1 January 2021.",
        ),
        Dated(
            starts=date(2022, 6, 1),
            value=Decimal("10"),
            applies_in=frozenset({Jurisdiction.NORTHERN_IRELAND}),
            source="Department of Finance (Northern Ireland), PPN 01/21: scoring social value, "
            "https://www.finance-ni.gov.uk/node/52522: from 1 June 2022 tenders must give at least "
            "10% of the total award criteria to social value (procurements at or above the "
            "thresholds). The Executive's planned rise to 20% needs its approval: add a version "
            "when it is made.",
        ),
        Dated(
            starts=ACT_STARTS,
            value=Decimal("10"),
            applies_in=frozenset({Jurisdiction.ENGLAND}),
            source="PPN 002: taking account of social value in the award of contracts, "
            "https://www.gov.uk/government/publications/ppn-002-taking-account-of-social-value-in-"
            "the-award-of-contracts: a minimum weighting of 10% of the total score, replacing "
            "PPN 06/20 from 24 February 2025.",
        ),
    ],
)


def kpis_required(
    estimated_value: Decimal, commenced: date, jurisdiction: Jurisdiction | str
) -> bool:
    """Whether a public contract of this estimated value needs key performance indicators."""
    return estimated_value > in_force(KPI_THRESHOLD, commenced, jurisdiction).value


def payment_published(amount: Decimal, paid: date, jurisdiction: Jurisdiction | str) -> bool:
    """Whether a payment of this amount under a public contract must be published."""
    return amount > in_force(PAYMENT_PUBLICATION_THRESHOLD, paid, jurisdiction).value


def below_threshold_notice_needed(
    estimated_value: Decimal,
    commenced: date,
    jurisdiction: Jurisdiction | str,
    *,
    central_government: bool,
) -> bool:
    """Whether a regulated below-threshold contract of this value needs notices."""
    limits = in_force(BELOW_THRESHOLD_NOTICES, commenced, jurisdiction).value
    return estimated_value >= (limits.central_government if central_government else limits.other)
