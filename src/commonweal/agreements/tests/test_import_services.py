"""Importing existing contracts (services_import.py): all or nothing, references never doubled,
providers found or reported, one bulk entry in the audit trail, and who may."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from commonweal.accounts.roles import Role
from commonweal.agreements.contracts_csv import ContractProblems
from commonweal.agreements.models import Agreement
from commonweal.agreements.services_import import contracts_import, may_import
from commonweal.core.models import AuditEntry
from commonweal.organisations.models import Organisation
from commonweal.testing.factories import OrganisationFactory, PublicBodyFactory, RoleFactory

HEADER = "reference,title,provider,kind,value,starts,ends,payment_terms_days,payment_profile\n"
TODAY = timezone.localdate()
NEXT_YEAR = (TODAY + datetime.timedelta(days=365)).isoformat()


def good_file(provider) -> bytes:
    return (
        HEADER
        + f'RBC-1,Night shelter,{provider.org_id},contract,"£420,000",2024-04-01,{NEXT_YEAR},30,monthly\n'
        + "RBC-2,Winter shelter,Harbour Housing Co-op,grant,85000,01/11/2020,31/03/2021,,advance\n"
    ).encode()


def problems(**kwargs) -> list[str]:
    with pytest.raises(ContractProblems) as raised:
        contracts_import(**kwargs)
    return [str(problem) for problem in raised.value.problems]


def test_a_good_file_imports_every_row_in_force_or_ended(riverside, council, staff, provider):
    imported = contracts_import(
        actor=staff, place=riverside, commissioner=council, data=good_file(provider)
    )
    assert imported.count == 2
    shelter, winter = Agreement.objects.filter(commissioner=council).order_by("reference")
    assert (shelter.reference, shelter.title, shelter.provider, shelter.kind) == (
        "RBC-1",
        "Night shelter",
        provider,
        Agreement.Kind.CONTRACT,
    )
    assert shelter.value == Decimal("420000.00") and shelter.place == riverside
    assert shelter.source == Agreement.Source.IMPORT and shelter.status == Agreement.Status.LIVE
    assert shelter.starts_on == datetime.date(2024, 4, 1)
    assert shelter.original_ends_on == shelter.ends_on
    assert shelter.payment_profile == "monthly_arrears" and shelter.created_by == staff
    # Ended before today: in the list as ended, so its history is there but nothing is owed on it.
    assert winter.kind == Agreement.Kind.GRANT and winter.status == Agreement.Status.ENDED
    assert winter.payment_profile == "advance" and winter.payment_terms_days == 30


def test_the_import_is_one_entry_in_the_audit_trail(riverside, council, staff, provider):
    before = AuditEntry.objects.count()
    contracts_import(actor=staff, place=riverside, commissioner=council, data=good_file(provider))
    entry = AuditEntry.objects.order_by("-id").first()
    assert AuditEntry.objects.count() == before + 1
    assert entry.action == "agreements_import"
    assert entry.model == "organisations.organisation" and entry.object_id == str(council.pk)
    assert entry.actor == staff
    # Each agreement saved as a draft, put in force, then marked as imported (and ended): one
    # entry for all, counting every write, with a digest of them.
    assert entry.after["rows"]["agreements.agreement"] >= 2
    assert len(entry.after["digest"]) == 64


def test_one_bad_row_imports_nothing_and_the_report_lists_every_problem(
    riverside, council, staff, provider
):
    data = good_file(provider) + b"RBC-3,Outreach,Nobody Known,,260000,2025-04-01,2025-03-01,,\n"
    assert problems(actor=staff, place=riverside, commissioner=council, data=data) == [
        "Row 4: the end date is before the start date"
    ]
    data = good_file(provider) + b"RBC-3,Outreach,Nobody Known,,260000,2025-04-01,2026-03-01,,\n"
    assert problems(actor=staff, place=riverside, commissioner=council, data=data) == [
        "Row 4: no organisation on Commonweal is called “Nobody Known”. Check the name as the "
        "organisation's page spells it, or write its identifier; if it is not on Commonweal, ask "
        "the provider to register it (or the back office to add it), then import the file again"
    ]
    assert not Agreement.objects.exists()


def test_a_reference_already_used_is_reported_and_nothing_is_doubled(
    riverside, council, staff, provider, contract
):
    contract.reference = "RBC-2"
    contract.save()
    assert problems(
        actor=staff, place=riverside, commissioner=council, data=good_file(provider)
    ) == [
        "Row 3: Riverside Council already has an agreement with the reference “RBC-2” "
        "(“Housing-led recovery service”). Remove the row, or give it its own reference"
    ]
    assert list(Agreement.objects.all()) == [contract]


def test_importing_the_same_file_twice_reports_every_row_the_second_time(
    riverside, council, staff, provider
):
    contracts_import(actor=staff, place=riverside, commissioner=council, data=good_file(provider))
    found = problems(actor=staff, place=riverside, commissioner=council, data=good_file(provider))
    assert [line[:6] for line in found] == ["Row 2:", "Row 3:"]
    assert Agreement.objects.count() == 2


def test_another_body_may_use_the_same_reference(riverside, council, staff, provider, back_office):
    other = PublicBodyFactory(name="Riverside NHS Trust")
    other.places_served.add(riverside)
    contracts_import(actor=staff, place=riverside, commissioner=council, data=good_file(provider))
    imported = contracts_import(
        actor=back_office, place=riverside, commissioner=other, data=good_file(provider)
    )
    assert imported.count == 2


def test_providers_by_number_by_name_and_the_ones_that_cannot_be_told_apart(
    riverside, council, staff
):
    charity = OrganisationFactory(name="Riverside Food Bank", org_id="GB-CHC-1098765")
    company = OrganisationFactory(
        name="Clean Start Ltd",
        org_id="GB-COH-01234567",
        legal_form=Organisation.LegalForm.PRIVATE_COMPANY,
    )
    OrganisationFactory(name="Hope House")
    OrganisationFactory(name="hope house")
    data = (
        HEADER
        + "A,Food,1098765,grant,10,2025-04-01,2026-04-01,,\n"
        + "B,Cleaning,01234567,,10,2025-04-01,2026-04-01,,\n"
        + "C,Cleaning,riverside food bank,,10,2025-04-01,2026-04-01,,\n"
    ).encode()
    contracts_import(actor=staff, place=riverside, commissioner=council, data=data)
    assert dict(Agreement.objects.values_list("reference", "provider")) == {
        "A": charity.pk,
        "B": company.pk,
        "C": charity.pk,
    }
    data = (
        HEADER
        + "D,Hope,Hope House,,10,2025-04-01,2026-04-01,,\n"
        + "E,Ghost,GB-CHC-1999999,,10,2025-04-01,2026-04-01,,\n"
        + f"F,Self,{council.org_id},,10,2025-04-01,2026-04-01,,\n"
    ).encode()
    assert problems(actor=staff, place=riverside, commissioner=council, data=data) == [
        "Row 2: more than one organisation on Commonweal is called “Hope House”. Write its "
        "identifier instead, like GB-CHC-1123456 or GB-COH-01234567",
        "Row 3: no organisation on Commonweal has the identifier GB-CHC-1999999. Ask the provider "
        "to register its organisation (or the back office to add it), then import the file again",
        f"Row 4: the provider “{council.org_id}” is the commissioner itself. Name the organisation "
        "that provides the service",
    ]


def test_a_contract_over_the_kpi_threshold_is_refused_by_the_agreement_rules(
    riverside, council, staff, provider
):
    """Entered like any agreement (services_agreements.agreement_create): a contract over £5
    million that started under the Act goes live only with three published KPIs."""
    data = (HEADER + f"BIG,Big,{provider.org_id},,6000000,2025-04-01,{NEXT_YEAR},,\n").encode()
    found = problems(actor=staff, place=riverside, commissioner=council, data=data)
    assert len(found) == 1 and found[0].startswith("Row 2: A contract worth more than")
    assert not Agreement.objects.exists()


def test_a_file_that_is_not_text_is_reported(riverside, council, staff):
    assert problems(actor=staff, place=riverside, commissioner=council, data=b"\x00\x81\x8d") == [
        "Save the file as CSV UTF-8 in Excel: File, Save as, CSV UTF-8"
    ]


@pytest.mark.parametrize(
    "who, may",
    [
        ("staff", True),
        ("back_office", True),
        ("resident", False),
        ("stranger", False),
        ("self_made", False),
        ("provider_person", False),
        ("other_staff", False),
    ],
)
def test_who_may_import(request, riverside, council, provider, who, may):
    person = request.getfixturevalue(who)
    assert may_import(person, riverside, council) is may
    if not may:
        with pytest.raises(PermissionDenied):
            contracts_import(
                actor=person, place=riverside, commissioner=council, data=good_file(provider)
            )
        assert not Agreement.objects.exists()


def test_staff_of_one_body_may_not_import_for_another_in_the_same_place(
    riverside, council, provider
):
    trust = PublicBodyFactory(name="Riverside NHS Trust")
    trust.places_served.add(riverside)
    nurse = RoleFactory(organisation=trust, role=Role.COMMISSIONER).user
    assert may_import(nurse, riverside, trust)
    assert not may_import(nurse, riverside, council)
    with pytest.raises(PermissionDenied):
        contracts_import(
            actor=nurse, place=riverside, commissioner=council, data=good_file(provider)
        )
