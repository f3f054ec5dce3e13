"""Grants' disbursements in the 360Giving package: a grant agreement's paid claims, for a grant
from a grant round's decision and for one entered directly; valid against the 360Giving 1.4.3
schema; in `commonweal export 360giving` and /api/grants/360giving/."""

import datetime
import json
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from commonweal.agreements.models import Agreement
from commonweal.competitions import services_award, threesixty
from commonweal.competitions.models import GrantDecision
from commonweal.competitions.tests.fixtures_award import make_grant_round
from commonweal.payments import threesixty_grants
from commonweal.payments.models import Invoice
from commonweal.payments.tests.fixtures_opendata import *  # noqa: F403
from commonweal.payments.tests.fixtures_opendata import invoice

PAID = Invoice.Status.PAID


@pytest.fixture
def decided(plan, staff, bidders, closed):
    """A grant round's published decision: £9,500.50 to Harbour Housing Co-op."""
    round_, bids = make_grant_round(plan, staff, bidders, closed)
    services_award.grant_decide(
        actor=staff,
        bid=bids[0],
        awarded=True,
        amount=Decimal("9500.50"),
        reason="A strong plan with local volunteers.",
        planned_start=datetime.date(2027, 4, 1),
        planned_end=datetime.date(2028, 3, 31),
    )
    services_award.grant_decide(
        actor=staff, bid=bids[1], awarded=False, amount=None, reason="Outside the round's aims."
    )
    services_award.grant_round_award(actor=staff, opportunity=round_)
    return GrantDecision.objects.get(bid=bids[0])


def grant_agreement(place, commissioner, provider, **fields) -> Agreement:
    values = {
        "place": place,
        "kind": Agreement.Kind.GRANT,
        "title": "Community recovery grant",
        "commissioner": commissioner,
        "provider": provider,
        "value": Decimal("9500.50"),
        "starts_on": datetime.date(2027, 4, 1),
        "ends_on": datetime.date(2028, 3, 31),
        "original_ends_on": datetime.date(2028, 3, 31),
        "payment_profile": Agreement.PaymentProfile.ADVANCE,
    }
    values.update(fields)
    return Agreement.objects.create(**values)


def claims(agreement: Agreement) -> list[Invoice]:
    """£4,750.25 paid on 2 April 2027 and £2,000 on 1 August 2027; one approved but unpaid, one
    disputed: £6,750.25 disbursed."""
    first = invoice(
        agreement,
        "C-1",
        "4750.25",
        received_on=datetime.date(2027, 4, 1),
        status=PAID,
        paid_on=datetime.date(2027, 4, 2),
        paid_amount="4750.25",
    )
    second = invoice(
        agreement,
        "C-2",
        "2000.00",
        received_on=datetime.date(2027, 7, 20),
        status=PAID,
        paid_on=datetime.date(2027, 8, 1),
        paid_amount="2000.00",
    )
    invoice(
        agreement,
        "C-3",
        "1000.00",
        received_on=datetime.date(2027, 9, 1),
        status=Invoice.Status.APPROVED,
        approved_on=datetime.date(2027, 9, 5),
    )
    invoice(
        agreement,
        "C-4",
        "1750.00",
        received_on=datetime.date(2027, 10, 1),
        status=Invoice.Status.DISPUTED,
        disputed_on=datetime.date(2027, 10, 3),
        dispute_reason="No receipts for the volunteers' expenses",
    )
    return [first, second]


def test_a_paid_claim_is_a_disbursement_of_the_grant(
    decided, riverside, council, bidders, threesixty_schema
):
    agreement = grant_agreement(
        riverside,
        council,
        bidders[0],
        source=Agreement.Source.GRANT_DECISION,
        grant_decision=decided,
    )
    first, second = claims(agreement)
    data = threesixty.published_package()
    assert threesixty.validate(data) == []
    [grant] = data["grants"]
    assert grant["id"] == f"360G-commonweal-local-{decided.bid.opportunity.uid}-{decided.bid.pk}"
    assert grant["amountAwarded"] == 9500.5
    assert grant["amountDisbursed"] == 6750.25
    funder, recipient = threesixty.organisation_id(council), threesixty.organisation_id(bidders[0])
    assert grant["disbursementTransaction"] == [
        {
            "id": f"{grant['id']}-payment-{first.pk}",
            "transactionDate": "2027-04-02",
            "currency": "GBP",
            "value": 4750.25,
            "provider": funder,
            "recipient": recipient,
        },
        {
            "id": f"{grant['id']}-payment-{second.pk}",
            "transactionDate": "2027-08-01",
            "currency": "GBP",
            "value": 2000,
            "provider": funder,
            "recipient": recipient,
        },
    ]
    assert sum(t["value"] for t in grant["disbursementTransaction"]) == grant["amountDisbursed"]
    assert "receipts" not in json.dumps(data) and "C-4" not in json.dumps(data)


def test_a_grant_with_nothing_paid_has_no_disbursements(
    decided, riverside, council, bidders, threesixty_schema
):
    grant_agreement(
        riverside,
        council,
        bidders[0],
        source=Agreement.Source.GRANT_DECISION,
        grant_decision=decided,
    )
    [grant] = threesixty.published_package()["grants"]
    assert "amountDisbursed" not in grant and "disbursementTransaction" not in grant


def test_a_grant_agreement_entered_directly_is_a_grant_with_its_disbursements(
    riverside, council, bidders, threesixty_schema
):
    agreement = grant_agreement(
        riverside,
        council,
        bidders[1],
        title="Warm spaces grant",
        summary="Keeping the community hall open and warm this winter.",
    )
    grant_agreement(riverside, council, bidders[2], status=Agreement.Status.DRAFT)
    grant_agreement(riverside, council, bidders[2], kind=Agreement.Kind.CONTRACT)
    first, second = claims(agreement)
    data = threesixty.published_package()
    assert threesixty.validate(data) == []
    [grant] = data["grants"]
    assert grant["id"] == f"360G-commonweal-local-agreement-{agreement.pk}"
    assert grant["title"] == "Warm spaces grant"
    assert grant["description"] == "Keeping the community hall open and warm this winter."
    assert grant["amountAwarded"] == 9500.5
    assert grant["awardDate"] == "2027-04-01"
    assert grant["plannedDates"] == [{"startDate": "2027-04-01", "endDate": "2028-03-31"}]
    assert grant["recipientOrganization"][0]["name"] == bidders[1].name
    assert grant["fundingOrganization"][0]["name"] == council.name
    assert grant["amountDisbursed"] == 6750.25
    assert [t["id"] for t in grant["disbursementTransaction"]] == [
        f"{grant['id']}-payment-{first.pk}",
        f"{grant['id']}-payment-{second.pk}",
    ]


def test_the_export_and_the_api_carry_the_disbursements(
    decided, riverside, council, bidders, api, tmp_path, threesixty_schema
):
    agreement = grant_agreement(
        riverside,
        council,
        bidders[0],
        source=Agreement.Source.GRANT_DECISION,
        grant_decision=decided,
    )
    claims(agreement)
    path = tmp_path / "grants.json"
    call_command("export", "360giving", "--out", str(path), stdout=StringIO())
    written = json.loads(path.read_text())
    assert written["grants"][0]["amountDisbursed"] == 6750.25
    body = api.get("/api/grants/360giving/").json()
    assert body["grants"][0]["amountDisbursed"] == 6750.25
    assert threesixty.validate(body) == []


def test_the_disbursements_are_read_in_a_fixed_number_of_queries(
    decided, riverside, council, bidders, django_assert_max_num_queries, threesixty_schema
):
    agreement = grant_agreement(
        riverside,
        council,
        bidders[0],
        source=Agreement.Source.GRANT_DECISION,
        grant_decision=decided,
    )
    claims(agreement)
    for n in range(3):
        direct = grant_agreement(riverside, council, bidders[1], title=f"Grant {n}")
        claims(direct)
    # The decisions, their agreements and claims, the direct grants and theirs: 5 reads.
    with django_assert_max_num_queries(5):
        data = threesixty.published_package()
    assert len(data["grants"]) == 4


def test_payments_registers_its_disbursements_with_the_grant_package():
    assert threesixty_grants.EXTENSION in threesixty.extensions()
