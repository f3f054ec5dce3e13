"""Agreements with payments, for the open data tests (imported by name into each test module).

The OCDS and 360Giving schemas are read where the settings find them (by default the shared data
beside the project); without them the tests that need them skip, saying why, and under CI=true
they fail instead (as opendata's and competitions' own tests do).

- ``awarded``: a tender from the shared test world's plan, awarded to Harbour Housing Co-op for
  £1,000,000 (a contract from 1 October 2027 to 30 September 2032), with its OCDS contract
  release published as competitions publishes it; ``agreement_from_award``: the contract.
- ``direct_agreement``: a contract entered directly (no award, no plan), £240,000 from 1 April
  2027 to 31 March 2030, with Riverside Recovery.
- ``invoice(agreement, number, amount, ...)``: an invoice in the state given.
"""

import datetime
import os
from decimal import Decimal

import pytest
from django.utils import timezone

from commonweal.agreements.models import Agreement
from commonweal.competitions import ocds_award, threesixty
from commonweal.competitions.content import BidContent
from commonweal.competitions.models import Award, Bid, Opportunity
from commonweal.competitions.tests.conftest import bidders, closed, make_opportunity, plan
from commonweal.opendata import schema
from commonweal.opendata.services import release_publish
from commonweal.payments.models import Invoice, ProviderKind, ScheduledPayment

__all__ = [
    "agreement_from_award",
    "awarded",
    "bidders",
    "closed",
    "direct_agreement",
    "invoice",
    "ocds_schema",
    "plan",
    "threesixty_schema",
]


def missing(message: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(message + ", but CI=true: these tests must run in CI")
    pytest.skip(message)


@pytest.fixture
def ocds_schema():
    try:
        return schema.schema_dir()
    except schema.SchemaUnavailable as error:
        missing(f"The OCDS schema is not installed ({error})")


@pytest.fixture
def threesixty_schema():
    try:
        return threesixty.schema_dir()
    except threesixty.SchemaUnavailable as error:
        missing(f"The 360Giving schema is not installed ({error})")


@pytest.fixture
def awarded(plan, staff, bidders, ocds_schema):
    opportunity = make_opportunity(plan, created_by=staff)
    Opportunity.objects.filter(pk=opportunity.pk).update(status=Opportunity.Status.AWARDED)
    bid = Bid.objects.create(opportunity=opportunity, organisation=bidders[0])
    award = Award.objects.create(
        opportunity=opportunity,
        bid=bid,
        value=Decimal("1000000"),
        reason="The most advantageous tender.",
        decided_by=staff,
        contract_signed_on=datetime.date(2027, 9, 1),
        contract_starts_on=datetime.date(2027, 10, 1),
        contract_ends_on=datetime.date(2032, 9, 30),
    )
    suppliers = ocds_award.supplier_parties(award, BidContent(), [])
    release_publish(
        data=ocds_award.contract_release(award, suppliers, when=timezone.now()), actor=staff
    )
    return award


@pytest.fixture
def agreement_from_award(awarded, riverside, council, bidders, plan, staff):
    return Agreement.objects.create(
        place=riverside,
        kind=Agreement.Kind.CONTRACT,
        source=Agreement.Source.AWARD,
        title="Housing-led recovery service",
        commissioner=council,
        provider=bidders[0],
        plan=plan,
        award=awarded,
        value=Decimal("1000000"),
        starts_on=datetime.date(2027, 10, 1),
        ends_on=datetime.date(2032, 9, 30),
        original_ends_on=datetime.date(2032, 9, 30),
        created_by=staff,
    )


@pytest.fixture
def direct_agreement(riverside, council, bidders, staff):
    return Agreement.objects.create(
        place=riverside,
        kind=Agreement.Kind.CONTRACT,
        source=Agreement.Source.DIRECT,
        title="Day centre for people in recovery",
        summary="A day centre open six days a week.",
        commissioner=council,
        provider=bidders[1],
        value=Decimal("240000"),
        starts_on=datetime.date(2027, 4, 1),
        ends_on=datetime.date(2030, 3, 31),
        original_ends_on=datetime.date(2030, 3, 31),
        created_by=staff,
    )


def invoice(
    agreement: Agreement,
    number: str,
    amount: str,
    *,
    received_on: datetime.date,
    status: str = Invoice.Status.RECEIVED,
    paid_on: datetime.date | None = None,
    paid_amount: str | None = None,
    scheduled: ScheduledPayment | None = None,
    **more,
) -> Invoice:
    assert agreement.provider is not None
    return Invoice.objects.create(
        agreement=agreement,
        commissioner=agreement.commissioner,
        provider=agreement.provider,
        provider_kind=ProviderKind.VCSE,
        number=number,
        description=more.pop("description", f"Services, invoice {number}"),
        amount=Decimal(amount),
        received_on=received_on,
        due_on=received_on + datetime.timedelta(days=30),
        status=status,
        paid_on=paid_on,
        paid_amount=Decimal(paid_amount) if paid_amount is not None else None,
        scheduled=scheduled,
        **more,
    )
