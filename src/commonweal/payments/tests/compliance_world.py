"""Agreements and paid invoices made straight with the ORM for the compliance tests, with
``days_to_pay`` and ``paid_late`` set as the paying service sets them."""

import datetime
import itertools
from decimal import Decimal

from commonweal.agreements.models import Agreement
from commonweal.payments.models import Invoice, ProviderKind

_numbers = itertools.count(1)


def make_agreement(
    place, commissioner, provider, *, title="Housing support", value="120000", **extra
):
    fields = {
        "place": place,
        "commissioner": commissioner,
        "provider": provider,
        "kind": Agreement.Kind.CONTRACT,
        "status": Agreement.Status.LIVE,
        "title": title,
        "value": Decimal(value),
        "starts_on": datetime.date(2025, 4, 1),
        "ends_on": datetime.date(2030, 3, 31),
        "original_ends_on": datetime.date(2030, 3, 31),
        **extra,
    }
    return Agreement.objects.create(**fields)


def make_paid(
    agreement,
    *,
    received: datetime.date,
    days: int,
    amount="1000",
    kind=ProviderKind.SME,
    terms: int = 30,
) -> Invoice:
    """An invoice received on ``received`` and paid ``days`` days later in full."""
    paid_on = received + datetime.timedelta(days=days)
    due_on = received + datetime.timedelta(days=terms)
    return Invoice.objects.create(
        agreement=agreement,
        commissioner=agreement.commissioner,
        provider=agreement.provider,
        provider_kind=kind,
        number=f"INV-{next(_numbers)}",
        description="Services for the month",
        amount=Decimal(amount),
        received_on=received,
        due_on=due_on,
        status=Invoice.Status.PAID,
        approved_on=paid_on,
        paid_on=paid_on,
        paid_amount=Decimal(amount),
        days_to_pay=days,
        paid_late=paid_on > due_on,
    )


def make_unpaid(agreement, *, received: datetime.date, amount="1000", terms: int = 30) -> Invoice:
    return Invoice.objects.create(
        agreement=agreement,
        commissioner=agreement.commissioner,
        provider=agreement.provider,
        provider_kind=ProviderKind.SME,
        number=f"INV-{next(_numbers)}",
        description="Services for the month",
        amount=Decimal(amount),
        received_on=received,
        due_on=received + datetime.timedelta(days=terms),
    )
