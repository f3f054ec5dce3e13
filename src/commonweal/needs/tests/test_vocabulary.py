"""The controlled vocabulary is seeded, and administrators extend it and take terms out of use."""

import pytest
from django.urls import reverse

from commonweal.needs.models import Term

pytestmark = pytest.mark.django_db

OUTCOME_AREAS = [
    "Arts, heritage, sport and faith",
    "Citizenship and community",
    "Conservation of the natural environment",
    "Employment, education and training",
    "Family, friends and relationships",
    "Housing and local facilities",
    "Income and financial inclusion",
    "Mental health and wellbeing",
    "Physical health",
]


def names(vocabulary):
    return list(
        Term.objects.filter(vocabulary=vocabulary)
        .order_by("position")
        .values_list("name", flat=True)
    )


def test_the_nine_outcome_areas_are_seeded_in_order():
    assert names("outcome_area") == OUTCOME_AREAS


def test_groups_and_agencies_are_seeded():
    groups = names("beneficiary_group")
    for group in (
        "People who are homeless",
        "People who misuse substances",
        "Care leavers",
        "Older people",
        "People leaving prison",
        "Children in care",
        "Young people at risk of exploitation",
    ):
        assert group in groups
    assert names("agency") == [
        "Housing",
        "Health",
        "Adult social care",
        "Children's services",
        "Police",
        "Probation",
        "DWP",
        "Voluntary sector",
    ]


def test_the_back_office_adds_a_term_and_it_is_offered_when_raising(sign_in):
    from commonweal.testing.factories import UserFactory

    admin = UserFactory(is_staff=True, is_superuser=True)
    client = sign_in(admin)
    response = client.post(
        reverse("admin:needs_term_add"),
        {
            "vocabulary": "beneficiary_group",
            "name": "Gypsy, Roma and Traveller communities",
            "slug": "gypsy-roma-traveller",
            "description": "",
            "is_active": "on",
            "position": "30",
        },
    )
    assert response.status_code == 302
    assert (
        "Gypsy, Roma and Traveller communities"
        in client.get(reverse("needs:raise")).content.decode()
    )


def test_a_term_taken_out_of_use_is_no_longer_offered(sign_in):
    from commonweal.testing.factories import UserFactory

    term = Term.objects.get(slug="physical-health")
    admin = UserFactory(is_staff=True, is_superuser=True)
    client = sign_in(admin)
    response = client.post(
        reverse("admin:needs_term_changelist"),
        {
            "action": "deactivate",
            "_selected_action": [term.pk],
        },
    )
    assert response.status_code == 302
    term.refresh_from_db()
    assert not term.is_active
    assert "Physical health" not in client.get(reverse("needs:raise")).content.decode()


@pytest.mark.django_db(transaction=True)
def test_the_vocabulary_is_back_after_a_transactional_test_empties_the_database():
    """A transactional test ends by flushing every table, and any test may run next on that
    database (the workers steal tests from each other). The flush must leave the seeded vocabulary
    behind, or a later test finds no outcome areas (this failed CI on PostgreSQL)."""
    from django.core.management import call_command

    # What pytest-django does at the end of every transactional test.
    call_command("flush", verbosity=0, interactive=False)
    assert names("outcome_area") == OUTCOME_AREAS
    assert "Housing" in names("agency")
