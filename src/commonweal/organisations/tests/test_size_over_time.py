"""An organisation's size band and SME status are worked out for a day, and stored ones kept true.

On 24 February 2025 the Procurement Act 2023 lowered the medium turnover limit from £50m to £44m
and the balance sheet limit from £43m to £38m: an organisation with 100 staff and a £45m turnover
was medium the day before and large from that day.
"""

from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from commonweal.accounts.roles import Role
from commonweal.core.models import AuditEntry
from commonweal.organisations import services
from commonweal.organisations.models import Organisation
from commonweal.organisations.services_classification import organisations_reclassify
from commonweal.testing.factories import OrganisationFactory, RoleFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def between(db):
    """100 staff and a £45m turnover: medium before 24 February 2025, large from it."""
    return OrganisationFactory(
        name="Between Limits Ltd",
        legal_form=Organisation.LegalForm.PRIVATE_COMPANY,
        headcount=100,
        annual_turnover=Decimal("45000000"),
    )


def stored_as_before_the_act(organisation: Organisation) -> None:
    """The row as it was stored when it was saved before 24 February 2025."""
    Organisation.objects.filter(pk=organisation.pk).update(size_band="medium", is_sme=True)


def test_the_size_band_and_sme_status_are_worked_out_for_the_day_asked(between):
    assert between.size_band_on(date(2025, 2, 23)) == "medium"
    assert between.is_sme_on(date(2025, 2, 23)) is True
    assert between.size_band_on(date(2025, 2, 24)) == "large"
    assert between.is_sme_on(date(2025, 2, 24)) is False


def test_a_balance_sheet_total_within_38_million_makes_it_an_sme_again(between):
    its_administrator = UserFactory()
    RoleFactory(user=its_administrator, organisation=between, role=Role.ADMINISTRATOR)
    services.organisation_update(
        actor=its_administrator, organisation=between, balance_sheet_total=Decimal("38000000")
    )
    between.refresh_from_db()
    assert between.balance_sheet_total == Decimal("38000000")
    assert between.size_band == "medium" and between.is_sme is True
    assert between.is_sme_on(date(2026, 1, 1)) is True


def test_reclassifying_mends_stored_values_left_over_from_old_rules_and_audits_it(between):
    stored_as_before_the_act(between)
    untouched = OrganisationFactory(headcount=4, annual_turnover=Decimal("80000"))
    before = AuditEntry.objects.filter(model="organisations.organisation").count()

    changed = organisations_reclassify()

    assert [organisation.pk for organisation in changed] == [between.pk]
    between.refresh_from_db()
    assert between.size_band == "large" and between.is_sme is False
    entry = AuditEntry.objects.filter(
        model="organisations.organisation", object_id=str(between.pk)
    ).latest("at")
    assert ("size_band", "medium", "large") in entry.changed_fields()
    assert "worked out again under the rules in force" in entry.reason
    assert AuditEntry.objects.filter(model="organisations.organisation").count() == before + 1
    untouched.refresh_from_db()
    assert untouched.size_band == "micro"

    # Run again: nothing is stale, nothing is written.
    assert organisations_reclassify() == []
    assert AuditEntry.objects.filter(model="organisations.organisation").count() == before + 1


def test_the_command_says_what_changed(between):
    stored_as_before_the_act(between)
    out = StringIO()
    call_command("organisations", "reclassify", stdout=out)
    assert "1 organisation's size or status changed:" in out.getvalue()
    assert "Between Limits Ltd" in out.getvalue()
    out = StringIO()
    call_command("organisations", "reclassify", stdout=out)
    assert "already up to date" in out.getvalue()


def test_the_directory_filters_on_the_mended_values(client, between):
    stored_as_before_the_act(between)
    url = reverse("organisations:list")
    assert "Between Limits Ltd" in client.get(url, {"size": "medium"}).content.decode()
    organisations_reclassify()
    assert "Between Limits Ltd" not in client.get(url, {"size": "medium"}).content.decode()
    assert "Between Limits Ltd" in client.get(url, {"size": "large"}).content.decode()


def test_the_profile_shows_todays_finding_even_over_a_stale_stored_value(client, between):
    stored_as_before_the_act(between)
    page = client.get(between.get_absolute_url()).content.decode()
    assert "<strong>Large</strong>" in page
    assert "above the medium limits of up to 249 staff" in page
    assert "Balance sheet total" in page


def test_the_api_gives_todays_finding_and_the_balance_sheet_total(client, between):
    stored_as_before_the_act(between)
    data = client.get(f"/api/organisations/{between.slug}/").json()
    assert data["size_band"] == "large" and data["is_sme"] is False
    assert data["balance_sheet_total"] is None
