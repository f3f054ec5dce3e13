"""Officers add new versions of the base rate and the Real Living Wage in the back office.

Who may: staff with the "add dated rule entry" permission. Who may not: anyone else, including a
person who made their own account and organisation. Every entry is audited, checked before it is
saved, never changed afterwards, and read by in_force beside the built-in versions.
"""

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from commonweal.core import policy
from commonweal.core.models import AuditEntry, PolicyEntry
from commonweal.core.policy_entries import policy_entry_add
from commonweal.testing.factories import OrganisationFactory, RoleFactory, UserFactory

pytestmark = pytest.mark.django_db
ADD = reverse("admin:core_policyentry_add")
BOE = "https://www.bankofengland.co.uk/monetary-policy-summary-and-minutes/2026/may-2026"
LWF = "https://www.livingwage.org.uk/what-real-living-wage"


@pytest.fixture
def officer(db):
    user = UserFactory(full_name="Olu Officer", is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(codename__in=["add_policyentry", "view_policyentry"])
    )
    return user


def base_rate(**overrides) -> dict:
    return {
        "rule": "bank_rate",
        "starts": "2026-05-07",
        "rate": "3.50",
        "london_rate": "",
        "pay_by": "",
        "source_url": BOE,
        **overrides,
    }


def living_wage(**overrides) -> dict:
    return {
        "rule": "real_living_wage",
        "starts": "2026-10-21",
        "rate": "14.00",
        "london_rate": "15.40",
        "pay_by": "2027-05-01",
        "source_url": LWF,
        **overrides,
    }


def entries_and_audit() -> tuple[int, int]:
    return (
        PolicyEntry.objects.count(),
        AuditEntry.objects.filter(model="core.policyentry").count(),
    )


def test_an_officer_adds_a_base_rate_that_in_force_and_the_reference_rate_then_use(
    sign_in, officer
):
    response = sign_in(officer).post(ADD, base_rate())
    assert response.status_code == 302, response.content.decode()
    entry = PolicyEntry.objects.get()
    assert (entry.rate, entry.entered_by) == (Decimal("3.50"), officer)

    assert policy.in_force(policy.BANK_RATE, date(2026, 5, 6)).value == Decimal("3.75")
    version = policy.in_force(policy.BANK_RATE, date(2026, 5, 7))
    assert version.value == Decimal("3.50")
    assert BOE in version.source and "Olu Officer" in version.source
    # Interest starting from 1 July 2026 is fixed by the rate on 30 June 2026: 3.5% + 8%.
    assert policy.reference_rate(date(2026, 7, 1)).statutory_interest_rate == Decimal("11.50")

    audit_entry = AuditEntry.objects.get(model="core.policyentry", action="create")
    assert audit_entry.actor_id == officer.pk
    assert audit_entry.after["rate"] == "3.50" and audit_entry.after["source_url"] == BOE


def test_an_officer_adds_a_real_living_wage_with_its_london_rate_and_deadline(sign_in, officer):
    assert sign_in(officer).post(ADD, living_wage()).status_code == 302
    announced = policy.living_wage_announced(date(2026, 10, 21)).value
    assert (announced.uk, announced.london) == (Decimal("14.00"), Decimal("15.40"))
    assert policy.living_wage_expected(date(2027, 4, 30)).value.uk == Decimal("13.45")
    assert policy.living_wage_expected(date(2027, 5, 1)).value.uk == Decimal("14.00")


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        (base_rate(london_rate="4.00"), "Leave the London rate empty for the base rate."),
        (base_rate(rate="120"), "Enter the base rate as a percentage from 0 to 100"),
        (living_wage(london_rate=""), "Enter the London rate too"),
        (living_wage(london_rate="13.00"), "The London rate is never less than the UK rate."),
        (living_wage(pay_by=""), "Enter the day employers must pay the new rates by."),
        (living_wage(pay_by="2026-10-01"), "Employers pay the new rates after they are announced"),
        (
            base_rate(starts="2025-12-18"),
            "A version of this rule already starts on 18 December 2025",
        ),
        (
            base_rate(starts="2025-06-01"),
            "The newest version starts on 18 December 2025. A version starting earlier changes",
        ),
        (base_rate(source_url=""), "This field is required."),
    ],
)
def test_a_wrong_entry_is_refused_with_a_clear_message_and_nothing_is_written(
    sign_in, officer, answers, message
):
    response = sign_in(officer).post(ADD, answers)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert entries_and_audit() == (0, 0)


def test_an_earlier_day_is_taken_only_when_the_officer_says_it_corrects_the_record(
    sign_in, officer
):
    client = sign_in(officer)
    answers = base_rate(starts="2025-06-01", rate="4.10", corrects_history="on")
    assert client.post(ADD, answers).status_code == 302
    assert PolicyEntry.objects.get().corrects_history is True
    assert policy.in_force(policy.BANK_RATE, date(2025, 6, 1)).value == Decimal("4.10")


def test_an_entry_is_never_changed_once_added(sign_in, officer):
    client = sign_in(officer)
    client.post(ADD, base_rate())
    entry = PolicyEntry.objects.get()
    change = reverse("admin:core_policyentry_change", args=[entry.pk])
    assert client.post(change, base_rate(rate="9.99")).status_code == 403
    entry.refresh_from_db()
    assert entry.rate == Decimal("3.50")


def test_an_entry_that_has_started_cannot_be_deleted_even_by_a_superuser(sign_in, officer):
    superuser = UserFactory(is_staff=True, is_superuser=True)
    entry = policy_entry_add(
        actor=officer,
        rule="bank_rate",
        starts=date(2026, 1, 8),
        rate=Decimal("3.60"),
        source_url=BOE,
    )
    delete = reverse("admin:core_policyentry_delete", args=[entry.pk])
    assert sign_in(superuser).post(delete, {"post": "yes"}).status_code == 403
    assert PolicyEntry.objects.filter(pk=entry.pk).exists()


def test_staff_without_the_permission_may_not_add(sign_in, back_office):
    client = sign_in(back_office)
    assert client.get(ADD).status_code == 403
    assert client.post(ADD, base_rate()).status_code == 403
    assert entries_and_audit() == (0, 0)


def test_a_person_who_made_their_own_account_and_organisation_may_not_add(sign_in, stranger):
    # As registering does: the organisation, with them as its administrator.
    organisation = OrganisationFactory(name="Stella's Social Enterprise")
    RoleFactory(user=stranger, organisation=organisation, role="administrator")
    client = sign_in(stranger)
    for response in (client.get(ADD), client.post(ADD, base_rate())):
        assert response.status_code == 302
        assert response.url.startswith(reverse("admin:login"))
    assert entries_and_audit() == (0, 0)


def test_a_signed_in_person_who_is_not_staff_may_not_add_even_through_the_service(
    sign_in, stranger
):
    client = sign_in(stranger)
    assert client.post(ADD, living_wage()).status_code == 302
    with pytest.raises(PermissionError):
        policy_entry_add(
            actor=stranger,
            rule="bank_rate",
            starts=date(2026, 5, 7),
            rate=Decimal("3.50"),
            source_url=BOE,
        )
    assert entries_and_audit() == (0, 0)


def test_the_back_office_lists_the_entries(sign_in, officer):
    client = sign_in(officer)
    client.post(ADD, base_rate())
    page = client.get(reverse("admin:core_policyentry_changelist")).content.decode()
    assert "Bank of England base rate" in page and "3.50" in page
