"""Rules of law and policy as dated data, held in one place. Plain Python: no Django.

A rule is a ``Rule`` of ``Dated`` versions; ``in_force(rule, on, jurisdiction)`` picks the version
that applied on the legally relevant day. Add a new version when the law changes; never edit an old
one, since past decisions were made under it. Each version cites its source beside it.

- ``dated``: Rule, Dated, Jurisdiction, in_force, history, and the checks run when a table loads.
- ``organisations``: size bands and the SME test, the social enterprise profit share.
- ``procurement``: Procurement Act 2023 thresholds, notices, KPIs, payment terms, standstill,
  minimum social value weighting, the largest turnover test a buyer may ask for, the payments
  compliance reporting periods.
- ``late_payment``: Bank of England base rate, the late-payment reference rate, statutory
  interest and fixed compensation.
- ``living_wage``: the Real Living Wage, UK and London.
- ``service_contracts``: contracts reserved to public service mutuals, the NHS Provider Selection
  Regime for health care.
- ``limits``: Commonweal's own limits (not law).

Officers add versions of the base rate and the Real Living Wage in the back office
(``core.models.PolicyEntry``); the Django side plugs them in with ``set_officer_entries``.
"""

from commonweal.core.policy.dated import (
    ENGLAND_WALES_NORTHERN_IRELAND,
    RULES,
    UK,
    Dated,
    Jurisdiction,
    JurisdictionRequired,
    NoRuleInForce,
    Rule,
    RuleError,
    RuleTableError,
    UnknownJurisdiction,
    history,
    in_force,
    set_officer_entries,
)
from commonweal.core.policy.late_payment import (
    BANK_RATE,
    LATE_PAYMENT_COMPENSATION,
    LATE_PAYMENT_INTEREST_MARGIN,
    ReferenceRate,
    fixed_compensation,
    reference_rate,
    statutory_interest,
)
from commonweal.core.policy.limits import PANEL_POOL_MAX_COLUMNS, PANEL_POOL_MAX_PEOPLE
from commonweal.core.policy.living_wage import (
    REAL_LIVING_WAGE,
    LivingWage,
    living_wage_announced,
    living_wage_expected,
)
from commonweal.core.policy.organisations import (
    SIZE_BANDS,
    SOCIAL_ENTERPRISE_MIN_PROFIT_REINVESTED,
    SizeBand,
    SizeRules,
)
from commonweal.core.policy.procurement import (
    BELOW_THRESHOLD_NOTICES,
    KPI_THRESHOLD,
    KPIS_REQUIRED_AT_LEAST,
    MODIFICATION_VALUE_LIMIT_PERCENT,
    PAYMENT_PUBLICATION_THRESHOLD,
    PAYMENT_REPORTING,
    PAYMENT_TERMS_DAYS,
    PROCUREMENT_THRESHOLDS,
    SOCIAL_VALUE_MIN_WEIGHTING,
    STANDSTILL_WORKING_DAYS,
    TURNOVER_TEST_MAX_MULTIPLE,
    PaymentReporting,
    Thresholds,
    below_threshold_notice_needed,
    kpis_required,
    payment_published,
)
from commonweal.core.policy.service_contracts import (
    PROVIDER_SELECTION_REGIME,
    RESERVED_MUTUAL_CONTRACTS,
    ProviderSelectionRegime,
    ReservedMutualContracts,
    provider_selection_regime_in_force,
)

__all__ = [
    "BANK_RATE",
    "BELOW_THRESHOLD_NOTICES",
    "ENGLAND_WALES_NORTHERN_IRELAND",
    "KPIS_REQUIRED_AT_LEAST",
    "KPI_THRESHOLD",
    "LATE_PAYMENT_COMPENSATION",
    "LATE_PAYMENT_INTEREST_MARGIN",
    "MODIFICATION_VALUE_LIMIT_PERCENT",
    "PANEL_POOL_MAX_COLUMNS",
    "PANEL_POOL_MAX_PEOPLE",
    "PAYMENT_PUBLICATION_THRESHOLD",
    "PAYMENT_REPORTING",
    "PAYMENT_TERMS_DAYS",
    "PROCUREMENT_THRESHOLDS",
    "PROVIDER_SELECTION_REGIME",
    "REAL_LIVING_WAGE",
    "RESERVED_MUTUAL_CONTRACTS",
    "RULES",
    "SIZE_BANDS",
    "SOCIAL_ENTERPRISE_MIN_PROFIT_REINVESTED",
    "SOCIAL_VALUE_MIN_WEIGHTING",
    "STANDSTILL_WORKING_DAYS",
    "TURNOVER_TEST_MAX_MULTIPLE",
    "UK",
    "Dated",
    "Jurisdiction",
    "JurisdictionRequired",
    "LivingWage",
    "NoRuleInForce",
    "PaymentReporting",
    "ProviderSelectionRegime",
    "ReferenceRate",
    "ReservedMutualContracts",
    "Rule",
    "RuleError",
    "RuleTableError",
    "SizeBand",
    "SizeRules",
    "Thresholds",
    "UnknownJurisdiction",
    "below_threshold_notice_needed",
    "fixed_compensation",
    "history",
    "in_force",
    "kpis_required",
    "living_wage_announced",
    "living_wage_expected",
    "payment_published",
    "provider_selection_regime_in_force",
    "reference_rate",
    "set_officer_entries",
    "statutory_interest",
]
