"""The Riverside demo place: complete enough to try every part of Commonweal, and clearly fictional."""

from datetime import date

import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.password_validation import validate_password
from django_otp.plugins.otp_totp.models import TOTPDevice

from commonweal.accounts.models import RoleAssignment, User
from commonweal.accounts.roles import Role
from commonweal.core import audit
from commonweal.core.models import AuditEntry
from commonweal.demo import data, selectors, services
from commonweal.organisations import identifiers
from commonweal.organisations.models import Organisation
from commonweal.places.models import Place
from commonweal.testing.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def riverside(demo_place):
    """The demo place, loaded once for this module (conftest.py)."""
    return demo_place


def _counts() -> dict[str, int]:
    return {
        "places": Place.objects.count(),
        "organisations": Organisation.objects.count(),
        "people": User.objects.count(),
        "roles": RoleAssignment.objects.count(),
        "devices": TOTPDevice.objects.count(),
        "audit entries": AuditEntry.objects.count(),
    }


def test_riverside_is_a_fictional_borough_of_england_with_wards_and_neighbourhoods(riverside):
    assert riverside.kind == Place.Kind.LOCAL_AUTHORITY
    assert riverside.parent.name == "England" and riverside.parent.kind == Place.Kind.COUNTRY
    wards = Place.objects.filter(parent=riverside, kind=Place.Kind.WARD)
    assert 8 <= wards.count() <= 12
    assert "Old Wharf" in {ward.name for ward in wards}
    neighbourhoods = Place.objects.filter(kind=Place.Kind.NEIGHBOURHOOD, parent__in=wards)
    assert neighbourhoods.count() >= 3
    assert riverside.population and all(ward.population for ward in wards)


def test_every_place_is_fictional_except_the_country_and_none_has_a_real_ons_code(riverside):
    for place in Place.objects.exclude(kind=Place.Kind.COUNTRY):
        assert place.is_fictional, place
        assert place.gss_code == "", place
    england = Place.objects.get(kind=Place.Kind.COUNTRY)
    assert england.gss_code == "E92000001" and not england.is_fictional


def test_there_are_thirty_organisations_of_every_legal_form_and_every_size(riverside):
    organisations = list(Organisation.objects.all())
    assert len(organisations) >= 30
    assert {org.legal_form for org in organisations} == set(Organisation.LegalForm.values)
    # Sizes as Commonweal's own classification finds them today, from headcount and turnover.
    sizes = {org.size_band_on(date.today()) for org in organisations}
    assert {"micro", "small", "medium", "large"} <= sizes
    assert {org.size_band for org in organisations} >= set(Organisation.SizeBand.values)


def test_the_market_mixes_vcse_and_private_providers(riverside):
    providers = Organisation.objects.exclude(legal_form=Organisation.LegalForm.PUBLIC_BODY)
    assert providers.filter(is_vcse=True).exists() and providers.filter(is_vcse=False).exists()
    assert providers.filter(is_sme=True).exists() and providers.filter(is_sme=False).exists()


def test_every_identifier_is_a_valid_org_id_and_every_record_passes_its_checks(riverside):
    for organisation in Organisation.objects.all():
        identifiers.parse(organisation.org_id)
        organisation.full_clean()


def test_the_council_the_nhs_trust_and_the_police_are_public_bodies(riverside):
    public = Organisation.objects.filter(legal_form=Organisation.LegalForm.PUBLIC_BODY)
    names = set(public.values_list("name", flat=True))
    assert {"Riverside Borough Council", "Riverside Health NHS Trust", "Riverside Police"} <= names
    assert identifiers.parse(public.get(name="Riverside Borough Council").org_id)[0] == "GB-LAE"
    assert identifiers.parse(public.get(name="Riverside Health NHS Trust").org_id)[0] == "GB-NHS"


def test_organisations_serve_riverside_and_its_wards(riverside):
    wards = Place.objects.filter(parent=riverside)
    serving_wards = Organisation.objects.filter(places_served__in=wards).distinct()
    assert serving_wards.count() >= 10
    assert Organisation.objects.filter(places_served=riverside).count() >= 10


def test_contact_details_use_reserved_example_domains(riverside):
    for organisation in Organisation.objects.all():
        domain = organisation.contact_email.rsplit("@", 1)[1]
        assert (
            domain == "riverside.example"
            or domain.endswith(".example")
            or domain.endswith("example.org")
        ), domain
    for user in User.objects.filter(is_demo_account=True):
        assert user.email.endswith("@riverside.example")


def test_there_is_a_demo_person_for_every_role_who_can_sign_in(riverside):
    for role in Role.values:
        user = User.objects.get(email=f"{role}@riverside.example")
        assert user.is_demo_account
        assert user.role_assignments.filter(role=role).exists()
        assert authenticate(email=user.email, password=data.DEMO_PASSWORD) == user


def test_public_body_roles_are_held_at_the_council(riverside):
    for role in (Role.COMMISSIONER, Role.PROCUREMENT_OFFICER, Role.FINANCE_OFFICER):
        assignment = RoleAssignment.objects.get(user__email=f"{role}@riverside.example", role=role)
        assert assignment.organisation.name == "Riverside Borough Council"


def test_the_back_office_verified_the_public_bodies_for_the_borough_with_evidence(riverside):
    from commonweal.organisations import place_staff

    back_office = User.objects.get(email="backoffice@riverside.example")
    bodies = Organisation.objects.filter(legal_form=Organisation.LegalForm.PUBLIC_BODY)
    # The council, the NHS trust, the police, and the council's homes company that pools money into
    # the commissioning demo's alliance (data_commissioning.py).
    assert bodies.count() == 4
    for body in bodies:
        verification = body.verifications.get()
        assert verification.place == riverside and verification.verified_by == back_office
        assert verification.evidence and verification.revoked_at is None
    ward = Place.objects.get(slug="riverside-old-wharf")
    for role in (Role.COMMISSIONER, Role.PROCUREMENT_OFFICER, Role.ADMINISTRATOR):
        person = User.objects.get(email=f"{role}@riverside.example")
        assert place_staff.is_place_staff(person, ward) is (
            role != Role.ADMINISTRATOR
        )  # the demo administrator runs a charity
    services.demo_load()  # loading again verifies nothing twice
    assert sum(body.verifications.count() for body in bodies) == 4


def test_there_is_a_back_office_superuser(riverside):
    superuser = User.objects.get(email="backoffice@riverside.example")
    assert superuser.is_superuser and superuser.is_staff and superuser.is_demo_account
    assert authenticate(email=superuser.email, password=data.DEMO_PASSWORD) == superuser


def test_the_demo_password_passes_the_password_rules_for_every_demo_person(riverside):
    for user in User.objects.filter(is_demo_account=True):
        validate_password(data.DEMO_PASSWORD, user)


def test_demo_people_whose_roles_need_two_factor_have_a_confirmed_authenticator(riverside):
    needing = [user for user in User.objects.filter(is_demo_account=True) if user.needs_two_factor]
    assert {user.email for user in needing} >= {
        "commissioner@riverside.example",
        "administrator@riverside.example",
        "backoffice@riverside.example",
    }
    for user in needing:
        assert TOTPDevice.objects.filter(user=user, confirmed=True).exists(), user.email
    resident = User.objects.get(email="resident@riverside.example")
    assert not resident.needs_two_factor


def test_loading_is_recorded_in_the_audit_trail_and_the_trail_verifies(riverside):
    council = Organisation.objects.get(name="Riverside Borough Council")
    entry = AuditEntry.objects.get(
        model="organisations.organisation", object_id=str(council.pk), action="create"
    )
    assert entry.reason == "Demo place loaded"
    assert audit.verify_chain().intact


def test_loading_again_changes_nothing(riverside):
    before = _counts()
    services.demo_load()
    assert _counts() == before


def test_loading_again_puts_back_what_was_changed(riverside):
    shelter = Organisation.objects.get(slug="riverside-night-shelter")
    shelter.name = "Renamed"
    shelter.save()
    services.demo_load()
    shelter.refresh_from_db()
    assert shelter.name == "Riverside Night Shelter"


def test_reset_wipes_everything_and_loads_the_demo_again(riverside):
    loaded = _counts()
    stranger = UserFactory(email="someone@example.org")
    OrganisationFactory(name="Not in the demo")

    services.demo_load(reset=True)

    assert not User.objects.filter(pk=stranger.pk).exists()
    assert not Organisation.objects.filter(name="Not in the demo").exists()
    after = _counts()
    assert {key: after[key] for key in ("places", "organisations", "people", "roles")} == {
        key: loaded[key] for key in ("places", "organisations", "people", "roles")
    }
    assert audit.verify_chain().intact


def test_sign_ins_list_one_person_per_role_then_the_back_office(riverside):
    rows = selectors.demo_sign_ins()
    emails = [row.email for row in rows]
    # One person per role, and after the citizen commissioner a member of the demo's citizens' panel.
    panel_member = [row for row in rows if row.email.startswith("panel.volunteer")]
    assert len(panel_member) == 1 and panel_member[0].role == "Citizen commissioner"
    emails.remove(panel_member[0].email)
    # And a row for each role a person holds as well (the night shelter's worker runs its account).
    for local_part, role, _where in data.MORE_ROLES:
        also = [row for row in rows if row.email == data.email(local_part)][1:]
        assert [row.role for row in also] == [Role(role).label]
        del emails[len(emails) - 1 - emails[::-1].index(also[0].email)]
    assert emails == [f"{role}@riverside.example" for role in Role.values] + [
        "backoffice@riverside.example"
    ]
    assert {row.password for row in rows} == {data.DEMO_PASSWORD}
    assert rows[0].where == "Riverside Borough Council"
    table = selectors.sign_in_table(rows)
    assert "commissioner@riverside.example" in table and data.DEMO_PASSWORD in table
