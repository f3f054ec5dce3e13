"""Many organisations at once (``organisations_add_bulk``): checked, classified, with the places they
serve, one audit entry for them all, and nothing written when an identifier is taken."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from commonweal.core.models import AuditEntry
from commonweal.organisations import services
from commonweal.organisations.models import Organisation
from commonweal.testing.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def _row(name, org_id, riverside, **fields):
    return {
        "name": name,
        "slug": name.lower().replace(" ", "-"),
        "org_id": org_id,
        "legal_form": Organisation.LegalForm.CHARITY,
        "places_served": [riverside],
        **fields,
    }


def test_organisations_are_added_classified_and_audited_once(riverside):
    services.organisations_add_bulk(
        place=riverside,
        organisations=[
            _row(
                "Food Bank",
                "gb-chc-1900001",
                riverside,
                headcount=4,
                annual_turnover=Decimal(90000),
            ),
            _row("Youth Trust", "GB-CHC-1900002", riverside, asset_lock=True),
        ],
        reason="Imported from the local directory",
    )
    food_bank = Organisation.objects.get(slug="food-bank")
    assert food_bank.org_id == "GB-CHC-1900001" and food_bank.size_band == "micro"
    assert list(food_bank.places_served.all()) == [riverside]
    entry = AuditEntry.objects.get(action="organisations_import")
    assert entry.after["rows"]["organisations.organisation"] == 2


def test_an_import_bumps_the_organisations_stamp_so_pages_counting_them_are_built_again(riverside):
    from commonweal.core.models import PageStamp

    before = PageStamp.objects.filter(name="organisations").values_list("value", flat=True).first()
    services.organisations_add_bulk(
        place=riverside,
        organisations=[_row("Food Bank", "gb-chc-1900001", riverside)],
        reason="Imported from the local directory",
    )
    after = PageStamp.objects.get(name="organisations").value
    assert after != before


def test_a_taken_identifier_or_a_bad_one_stops_the_whole_import(riverside):
    OrganisationFactory(org_id="GB-CHC-1900003")
    for org_id in ("GB-CHC-1900003", "not an identifier"):
        with pytest.raises(ValidationError):
            services.organisations_add_bulk(
                place=riverside,
                organisations=[
                    _row("Fine", "GB-CHC-1900004", riverside),
                    _row("Other", org_id, riverside),
                ],
                reason="Import",
            )
    assert not Organisation.objects.filter(slug="fine").exists()
