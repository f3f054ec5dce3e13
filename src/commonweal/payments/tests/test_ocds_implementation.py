"""An agreement's payments and payment milestones as OCDS implementation releases: in its plan's
process when it came from an award, in a process of its own otherwise; valid against the OCDS
1.1.5 schema; only paid invoices, and nothing private."""

import datetime
import json
from decimal import Decimal
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import override_settings

from commonweal.accounts.roles import Role
from commonweal.agreements.models import Agreement
from commonweal.commissioning.ocds import party_id, plan_ocid
from commonweal.competitions import ocds_award
from commonweal.opendata import compile as ocds_compile
from commonweal.opendata.models import Release
from commonweal.opendata.schema import validate_release
from commonweal.payments import ocds_implementation
from commonweal.payments.models import Invoice, ScheduledPayment
from commonweal.payments.services_opendata import (
    implementation_publish,
    implementation_publish_after_payment,
)
from commonweal.payments.tests.fixtures_opendata import *  # noqa: F403
from commonweal.payments.tests.fixtures_opendata import invoice
from commonweal.testing.factories import RoleFactory, UserFactory

PAID = Invoice.Status.PAID


def a_year_of_invoices(agreement: Agreement) -> dict:
    """Two paid invoices (the second paid late, with £165.75 of interest and compensation), one
    disputed and one waiting; a milestone met by the first, one to come, and an instalment."""
    mobilised = ScheduledPayment.objects.create(
        agreement=agreement,
        kind=ScheduledPayment.Kind.MILESTONE,
        title="Service mobilised",
        due_on=datetime.date(2027, 11, 1),
        amount=Decimal("20000"),
    )
    review = ScheduledPayment.objects.create(
        agreement=agreement,
        kind=ScheduledPayment.Kind.MILESTONE,
        title="First year reviewed",
        due_on=datetime.date(2028, 10, 1),
        amount=Decimal("30000"),
    )
    ScheduledPayment.objects.create(
        agreement=agreement,
        kind=ScheduledPayment.Kind.INSTALMENT,
        title="December",
        due_on=datetime.date(2027, 12, 31),
        amount=Decimal("20000"),
    )
    first = invoice(
        agreement,
        "INV-1",
        "20000.00",
        received_on=datetime.date(2027, 11, 1),
        status=PAID,
        paid_on=datetime.date(2027, 11, 20),
        paid_amount="20000.00",
        scheduled=mobilised,
    )
    second = invoice(
        agreement,
        "INV-2",
        "20000.00",
        received_on=datetime.date(2027, 12, 1),
        status=PAID,
        paid_on=datetime.date(2028, 1, 15),
        paid_amount="20165.75",
    )
    invoice(
        agreement,
        "INV-3",
        "5000.00",
        received_on=datetime.date(2028, 1, 5),
        status=Invoice.Status.DISPUTED,
        disputed_on=datetime.date(2028, 1, 10),
        dispute_reason="Hours not delivered in the third week",
        description="Outreach to Mr Example at 1 Private Road",
    )
    invoice(agreement, "INV-4", "7500.00", received_on=datetime.date(2028, 2, 1))
    return {"first": first, "second": second, "mobilised": mobilised, "review": review}


def test_an_awarded_contracts_payments_join_its_plans_process(
    agreement_from_award, awarded, plan, council, bidders, staff
):
    made = a_year_of_invoices(agreement_from_award)
    done = implementation_publish(agreement=agreement_from_award, actor=staff)
    assert done.release is not None and done.why_not == ""
    data = done.release.data
    assert validate_release(data) == []
    opportunity = awarded.opportunity
    assert data["ocid"] == plan_ocid(plan)
    assert data["tag"] == ["implementation"]
    contract_release = Release.objects.get(ocid=data["ocid"], tags=["awardUpdate", "contract"])
    assert data["contracts"][0]["id"] == contract_release.data["contracts"][0]["id"]
    assert data["contracts"][0]["id"] == ocds_award.contract_id(opportunity)
    assert data["contracts"][0]["awardID"] == ocds_award.award_id(opportunity)
    council_id, harbour_id = party_id(council), party_id(bidders[0])
    implementation = data["contracts"][0]["implementation"]
    assert implementation["transactions"] == [
        {
            "id": f"payment-{made['first'].pk}",
            "date": "2027-11-20T00:00:00Z",
            "value": {"amount": 20000, "currency": "GBP"},
            "payer": {"id": council_id, "name": council.name},
            "payee": {"id": harbour_id, "name": bidders[0].name},
        },
        {
            "id": f"payment-{made['second'].pk}",
            "date": "2028-01-15T00:00:00Z",
            "value": {"amount": 20165.75, "currency": "GBP"},
            "payer": {"id": council_id, "name": council.name},
            "payee": {"id": harbour_id, "name": bidders[0].name},
        },
    ]
    total = sum(Decimal(str(t["value"]["amount"])) for t in implementation["transactions"])
    assert total == Decimal("40165.75")  # what was paid: the disputed and waiting ones are not
    assert implementation["milestones"] == [
        {
            "id": f"milestone-{made['mobilised'].pk}",
            "title": "Service mobilised",
            "type": "financing",
            "dueDate": "2027-11-01T00:00:00Z",
            "status": "met",
            "dateModified": "2027-11-20T00:00:00Z",
            "dateMet": "2027-11-20T00:00:00Z",
        },
        {
            "id": f"milestone-{made['review'].pk}",
            "title": "First year reviewed",
            "type": "financing",
            "dueDate": "2028-10-01T00:00:00Z",
            "status": "scheduled",
        },
    ]
    # Each party named keeps the roles it had in the process (the merge replaces roles whole).
    roles = {party["id"]: party["roles"] for party in data["parties"]}
    assert roles == {
        council_id: ["buyer", "procuringEntity", "funder", "payer"],
        harbour_id: ["supplier", "payee"],
    }
    compiled = ocds_compile.record_for(data["ocid"])["compiledRelease"]
    # The contract release's own fields stay as it published them (pending: it starts later).
    assert compiled["contracts"][0]["status"] == "pending"
    assert compiled["contracts"][0]["value"] == {"amount": 1000000, "currency": "GBP"}
    assert compiled["contracts"][0]["implementation"] == implementation
    assert compiled["tender"]["title"] == opportunity.title


def test_nothing_private_is_published(agreement_from_award, staff):
    a_year_of_invoices(agreement_from_award)
    done = implementation_publish(agreement=agreement_from_award, actor=staff)
    text = json.dumps(done.release.data)
    for private in ("Hours not delivered", "Private Road", "INV-", "Services,"):
        assert private not in text


def test_publishing_again_with_nothing_new_changes_nothing_then_an_update(
    agreement_from_award, staff
):
    made = a_year_of_invoices(agreement_from_award)
    implementation_publish(agreement=agreement_from_award, actor=staff)
    before = Release.objects.count()
    again = implementation_publish(agreement=agreement_from_award, actor=staff)
    assert again.release is None and "Nothing has been paid" in again.why_not
    assert Release.objects.count() == before
    third = invoice(
        agreement_from_award,
        "INV-5",
        "20000.00",
        received_on=datetime.date(2028, 2, 1),
        status=PAID,
        paid_on=datetime.date(2028, 2, 20),
        paid_amount="20000.00",
    )
    assert implementation_publish_after_payment(invoice=third, actor=staff) == ""
    newest = Release.objects.order_by("-pk").first().data
    assert newest["tag"] == ["implementationUpdate"]
    assert [t["id"] for t in newest["contracts"][0]["implementation"]["transactions"]] == [
        f"payment-{made['first'].pk}",
        f"payment-{made['second'].pk}",
        f"payment-{third.pk}",
    ]


def test_an_awarded_contract_with_nothing_paid_or_planned_publishes_nothing(
    agreement_from_award, staff
):
    before = Release.objects.count()
    done = implementation_publish(agreement=agreement_from_award, actor=staff)
    assert done.release is None
    assert Release.objects.count() == before


def test_a_contract_entered_directly_is_a_process_of_its_own(
    direct_agreement, council, bidders, staff, ocds_schema
):
    paid = invoice(
        direct_agreement,
        "D-1",
        "6666.67",
        received_on=datetime.date(2027, 5, 1),
        status=PAID,
        paid_on=datetime.date(2027, 5, 28),
        paid_amount="6666.67",
    )
    invoice(direct_agreement, "D-2", "6666.67", received_on=datetime.date(2027, 6, 1))
    data = implementation_publish(agreement=direct_agreement, actor=staff).release.data
    assert validate_release(data) == []
    ocid = f"ocds-commonweal-local-agreement-{direct_agreement.pk}"
    assert data["ocid"] == ocid
    assert data["tag"] == ["award", "contract", "implementation"]
    assert data["awards"][0]["id"] == f"{ocid}-award"
    assert data["awards"][0]["value"] == {"amount": 240000, "currency": "GBP"}
    assert data["contracts"][0]["id"] == f"{ocid}-contract"
    assert data["contracts"][0]["awardID"] == f"{ocid}-award"
    assert data["contracts"][0]["period"] == {
        "startDate": "2027-04-01T00:00:00Z",
        "endDate": "2030-03-31T00:00:00Z",
    }
    transactions = data["contracts"][0]["implementation"]["transactions"]
    assert [(t["id"], t["value"]["amount"]) for t in transactions] == [
        (f"payment-{paid.pk}", 6666.67)
    ]
    roles = {party["name"]: party["roles"] for party in data["parties"]}
    assert roles == {council.name: ["buyer", "payer"], bidders[1].name: ["supplier", "payee"]}
    # Ended, it is published again as terminated.
    Agreement.objects.filter(pk=direct_agreement.pk).update(status=Agreement.Status.ENDED)
    direct_agreement.refresh_from_db()
    update = implementation_publish(agreement=direct_agreement, actor=staff).release.data
    assert update["tag"] == ["awardUpdate", "contractUpdate", "implementationUpdate"]
    assert update["contracts"][0]["status"] == "terminated"
    assert validate_release(update) == []


def test_the_releases_are_in_the_api(direct_agreement, staff, api, ocds_schema):
    release = implementation_publish(agreement=direct_agreement, actor=staff).release
    listed = api.get("/api/ocds/releases/").json()
    ids = [each["id"] for each in listed.get("releases", listed.get("results", []))]
    assert release.release_id in ids or release.release_id in json.dumps(listed)
    record = api.get(f"/api/ocds/records/{release.ocid}/")
    assert record.status_code == 200


def test_an_agreement_being_set_up_is_not_published(direct_agreement, staff, ocds_schema):
    Agreement.objects.filter(pk=direct_agreement.pk).update(status=Agreement.Status.DRAFT)
    direct_agreement.refresh_from_db()
    with pytest.raises(ValidationError, match="still being set up"):
        implementation_publish(agreement=direct_agreement, actor=staff)
    assert not Release.objects.exists()


@pytest.mark.parametrize("who", ["stranger", "resident", "other_staff"])
def test_only_those_who_run_it_may_publish(direct_agreement, who, request, ocds_schema):
    with pytest.raises(ValidationError, match="Only those who run or pay"):
        implementation_publish(agreement=direct_agreement, actor=request.getfixturevalue(who))
    assert not Release.objects.exists()


def test_the_back_office_may_publish(direct_agreement, back_office, ocds_schema):
    assert implementation_publish(agreement=direct_agreement, actor=back_office).release


def test_the_finance_officer_who_pays_publishes_after_a_payment(
    direct_agreement, council, ocds_schema
):
    officer = UserFactory(full_name="Fran Finance")
    RoleFactory(user=officer, organisation=council, role=Role.FINANCE_OFFICER)
    paid = invoice(
        direct_agreement,
        "D-1",
        "100.00",
        received_on=datetime.date(2027, 5, 1),
        status=PAID,
        paid_on=datetime.date(2027, 5, 2),
        paid_amount="100.00",
    )
    assert implementation_publish_after_payment(invoice=paid, actor=officer) == ""
    assert Release.objects.get().published_by_id == officer.pk


def test_a_release_that_breaks_the_schema_is_never_stored(
    direct_agreement, staff, monkeypatch, ocds_schema
):
    monkeypatch.setattr(ocds_implementation, "_day", lambda day: "the first of the month")
    with pytest.raises(ValidationError) as raised:
        implementation_publish(agreement=direct_agreement, actor=staff)
    assert "breaks the OCDS standard, so nothing was published" in raised.value.messages[0]
    assert not Release.objects.exists()
    # After a payment the payment stands: the problem is said, nothing is published.
    paid = invoice(
        direct_agreement,
        "D-1",
        "100.00",
        received_on=datetime.date(2027, 5, 1),
        status=PAID,
        paid_on=datetime.date(2027, 5, 2),
        paid_amount="100.00",
    )
    assert "breaks the OCDS standard" in implementation_publish_after_payment(
        invoice=paid, actor=staff
    )
    assert not Release.objects.exists()


def test_without_the_schema_the_open_data_waits(direct_agreement, staff, tmp_path):
    with override_settings(OCDS_SCHEMA_DIR=str(tmp_path)):
        done = implementation_publish(agreement=direct_agreement, actor=staff)
    assert done.release is None
    assert done.why_not.startswith("The open data waits")
    assert not Release.objects.exists()


def test_the_command_publishes_what_changed(direct_agreement, agreement_from_award, ocds_schema):
    a_year_of_invoices(agreement_from_award)
    out = StringIO()
    call_command("publish_implementation", "--all", stdout=out)
    assert "Published 2 releases." in out.getvalue()
    out = StringIO()
    call_command("publish_implementation", "--agreement", str(direct_agreement.pk), stdout=out)
    assert "Nothing has been paid" in out.getvalue()
    assert "Published 0 releases." in out.getvalue()
