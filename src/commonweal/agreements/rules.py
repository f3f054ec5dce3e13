"""The rules an agreement's terms are checked against, plain Python (no Django): which kinds are
public contracts for the payment and KPI duties, months added to a day, and the value a change may
reach without a new procurement. The figures themselves come from core.policy."""

import calendar
import datetime
from decimal import Decimal

CONTRACT = "contract"
GRANT = "grant"
ALLIANCE = "alliance"
STRATEGIC_PARTNERSHIP = "strategic_partnership"
OUTCOMES_CONTRACT = "outcomes_contract"
SUBCONTRACT = "subcontract"

# The Procurement Act 2023 implies 30-day payment terms into public contracts (section 68) and
# into the subcontracts under them (section 73). A grant is not a public contract: it buys no
# goods, services or works for the funder, so its payment profile (often in advance) is agreed
# with the grant holder, and no cap applies. Every other kind here is a public contract, or a
# subcontract under one.
PAYMENT_TERMS_KINDS = frozenset(
    {CONTRACT, ALLIANCE, STRATEGIC_PARTNERSHIP, OUTCOMES_CONTRACT, SUBCONTRACT}
)
# Published KPIs (section 52) are the contracting authority's duty for its own public contracts:
# not for a grant, nor for a partner's subcontract (the partner is no contracting authority).
KPI_KINDS = frozenset({CONTRACT, ALLIANCE, STRATEGIC_PARTNERSHIP, OUTCOMES_CONTRACT})
# A change of value beyond the safe harbour needs a new procurement: public contracts only.
MODIFICATION_LIMIT_KINDS = KPI_KINDS


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` later (the month's last day when it is shorter: 31 January and one
    month is 28 or 29 February)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def latest_end(original_ends_on: datetime.date, max_extension_months: int) -> datetime.date:
    """The latest day an agreement may be extended to."""
    return add_months(original_ends_on, max_extension_months)


def largest_value(initial: Decimal, limit_percent: Decimal) -> Decimal:
    """The most the value may reach by changes of value alone, to the penny (rounded down)."""
    most = initial * (Decimal(100) + limit_percent) / Decimal(100)
    return most.quantize(Decimal("0.01"), rounding="ROUND_DOWN")
