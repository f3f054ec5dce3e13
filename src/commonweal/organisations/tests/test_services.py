"""The organisation services: what they change, what they refuse, and what the audit trail records."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from commonweal.accounts.models import RoleAssignment
from commonweal.accounts.roles import Role
from commonweal.core.models import AuditEntry
from commonweal.organisations import services
from commonweal.organisations.models import Organisation, OrganisationDocument
from commonweal.organisations.tests import samples
from commonweal.testing.factories import (
    OrganisationFactory,
    PublicBodyFactory,
    RoleFactory,
    UserFactory,
    WardFactory,
)

pytestmark = pytest.mark.django_db


def register(actor, **overrides):
    fields = {
        "name": "Northbank Youth Club",
        "org_id": "gb-chc-1234567",
        "legal_form": Organisation.LegalForm.CHARITY,
    }
    return services.organisation_register(actor=actor, **{**fields, **overrides})


class TestRegister:
    def test_the_person_registering_becomes_its_administrator(self, stranger):
        ward = WardFactory()
        organisation = register(
            stranger, places_served=[ward], headcount=4, annual_turnover=Decimal("80000")
        )
        assert organisation.org_id == "GB-CHC-1234567"
        assert list(organisation.places_served.all()) == [ward]
        assert organisation.size_band == "micro" and organisation.is_vcse and organisation.is_sme
        assert RoleAssignment.objects.filter(
            user=stranger, organisation=organisation, role=Role.ADMINISTRATOR
        ).exists()
        assert stranger.needs_two_factor

    def test_slugs_are_unique_and_never_clash_with_the_register_page(self, stranger):
        first = register(stranger, org_id="GB-CHC-1000001")
        second = register(stranger, org_id="GB-CHC-1000002")
        odd = register(stranger, name="Register", org_id="GB-CHC-1000003")
        assert first.slug == "northbank-youth-club"
        assert second.slug == "northbank-youth-club-2"
        assert odd.slug == "register-2"

    def test_a_name_with_no_letters_still_gets_a_slug(self, stranger):
        assert register(stranger, name="!!!").slug == "organisation"

    def test_a_duplicate_identifier_is_refused_and_nothing_is_created(self, stranger):
        OrganisationFactory(org_id="GB-CHC-1234567")
        with pytest.raises(ValidationError) as error:
            register(stranger)
        assert error.value.message_dict["org_id"] == [
            "An organisation with this identifier is already on Commonweal."
        ]
        assert not RoleAssignment.objects.filter(user=stranger).exists()

    def test_an_invalid_identifier_is_refused_with_the_registers_rule(self, stranger):
        with pytest.raises(ValidationError) as error:
            register(stranger, org_id="GB-COH-123")
        assert "Companies House" in error.value.message_dict["org_id"][0]

    def test_registering_is_audited_with_actor_and_reason(self, stranger):
        organisation = register(stranger)
        created = AuditEntry.objects.get(
            model="organisations.organisation", object_id=str(organisation.pk), action="create"
        )
        assert created.actor_id == stranger.pk
        assert created.reason == "Added the organisation to Commonweal"
        role = AuditEntry.objects.get(model="accounts.roleassignment", action="create")
        assert role.actor_id == stranger.pk and role.after["role"] == "administrator"


class TestUpdate:
    def test_changes_are_saved_derived_facts_recomputed_and_audited(self, provider, administrator):
        services.organisation_update(
            organisation=provider,
            actor=administrator,
            reason="New accounts filed",
            headcount=300,
            annual_turnover=Decimal("60000000"),
        )
        provider.refresh_from_db()
        assert provider.size_band == "large" and provider.is_sme is False
        entry = AuditEntry.objects.filter(
            model="organisations.organisation", object_id=str(provider.pk)
        ).last()
        assert entry.actor_id == administrator.pk and entry.reason == "New accounts filed"
        assert ("headcount", 12, 300) in entry.changed_fields()

    def test_the_same_details_sent_again_change_nothing(self, provider, administrator):
        """The edit form submitted unchanged: "when its record last changed" stays, nothing is recorded."""
        provider.refresh_from_db()
        updated_at, entries = provider.updated_at, AuditEntry.objects.count()
        services.organisation_update(
            organisation=provider,
            actor=administrator,
            places_served=list(provider.places_served.all()),
            **{name: getattr(provider, name) for name in services.EDITABLE_FIELDS},
        )
        provider.refresh_from_db()
        assert provider.updated_at == updated_at
        assert AuditEntry.objects.count() == entries

    def test_places_served_are_replaced(self, provider, administrator):
        old, new = WardFactory(), WardFactory()
        provider.places_served.add(old)
        services.organisation_update(
            organisation=provider, actor=administrator, places_served=[new]
        )
        assert list(provider.places_served.all()) == [new]

    def test_invalid_fields_raise_field_errors_and_change_nothing(self, provider, administrator):
        with pytest.raises(ValidationError) as error:
            services.organisation_update(
                organisation=provider,
                actor=administrator,
                name="",
                profits_reinvested_percent=Decimal("120"),
            )
        assert set(error.value.message_dict) == {"name", "profits_reinvested_percent"}
        assert provider.name == "Riverside Food Bank"
        provider.refresh_from_db()
        assert provider.name == "Riverside Food Bank"

    def test_fields_that_are_derived_or_unknown_cannot_be_set(self, provider, administrator):
        with pytest.raises(TypeError, match="is_vcse"):
            services.organisation_update(organisation=provider, actor=administrator, is_vcse=True)

    def test_a_public_body_with_commissioners_cannot_stop_being_one(self, administrator):
        council = PublicBodyFactory()
        RoleFactory(organisation=council, role=Role.COMMISSIONER)
        with pytest.raises(ValidationError) as error:
            services.organisation_update(
                organisation=council,
                actor=administrator,
                legal_form=Organisation.LegalForm.CHARITY,
                headcount=3,
                annual_turnover=Decimal("1"),
            )
        assert "legal_form" in error.value.message_dict
        council.refresh_from_db()
        assert council.is_public_body


class TestMembers:
    def test_an_existing_user_is_given_a_role_by_email(self, provider, administrator):
        person = UserFactory(email="jo@example.org")
        assignment = services.organisation_member_add(
            organisation=provider,
            actor=administrator,
            email=" JO@example.org ",
            role=Role.PROVIDER_MEMBER,
        )
        assert assignment.user == person and assignment.organisation == provider
        entry = AuditEntry.objects.filter(model="accounts.roleassignment").last()
        assert entry.actor_id == administrator.pk and entry.reason == "Added as provider member"

    def test_an_unknown_email_is_refused(self, provider, administrator):
        with pytest.raises(ValidationError) as error:
            services.organisation_member_add(
                organisation=provider,
                actor=administrator,
                email="nobody@example.org",
                role=Role.PROVIDER_MEMBER,
            )
        assert error.value.message_dict["email"] == [
            "There is no Commonweal account with that email address. Ask them to create one first."
        ]

    @pytest.mark.parametrize("role", [Role.COMMISSIONER, Role.RESIDENT, "chief_executive"])
    def test_a_role_this_organisation_cannot_give_is_refused(self, provider, administrator, role):
        UserFactory(email="jo@example.org")
        with pytest.raises(ValidationError) as error:
            services.organisation_member_add(
                organisation=provider, actor=administrator, email="jo@example.org", role=role
            )
        assert error.value.message_dict["role"] == [
            "Choose a role that Riverside Food Bank can give"
        ]

    def test_a_public_body_can_give_public_body_roles(self, administrator):
        council = PublicBodyFactory()
        UserFactory(email="jo@example.org")
        assignment = services.organisation_member_add(
            organisation=council,
            actor=administrator,
            email="jo@example.org",
            role=Role.COMMISSIONER,
        )
        assert assignment.role == Role.COMMISSIONER

    def test_a_role_already_held_is_refused(self, provider, administrator, member):
        with pytest.raises(ValidationError) as error:
            services.organisation_member_add(
                organisation=provider,
                actor=administrator,
                email=member.email,
                role=Role.PROVIDER_MEMBER,
            )
        assert error.value.message_dict["email"] == [
            "Mo Member is already provider member for Riverside Food Bank"
        ]

    def test_a_role_is_removed_and_the_removal_audited(self, provider, administrator, member):
        assignment = member.role_assignments.get()
        services.organisation_member_remove(
            actor=administrator, assignment=assignment, reason="Left the charity"
        )
        assert not member.role_assignments.exists()
        entry = AuditEntry.objects.filter(model="accounts.roleassignment", action="delete").last()
        assert entry.actor_id == administrator.pk and entry.reason == "Left the charity"

    def test_the_last_administrator_cannot_be_removed(self, provider, administrator):
        assignment = administrator.role_assignments.get()
        with pytest.raises(ValidationError, match="the only administrator of Riverside Food Bank"):
            services.organisation_member_remove(actor=administrator, assignment=assignment)
        assert administrator.role_assignments.filter(role=Role.ADMINISTRATOR).exists()

    def test_one_of_two_administrators_can_be_removed(self, provider, administrator):
        other = UserFactory()
        RoleFactory(user=other, organisation=provider, role=Role.ADMINISTRATOR)
        services.organisation_member_remove(
            actor=administrator, assignment=administrator.role_assignments.get()
        )
        assert list(provider.role_assignments.values_list("user", flat=True)) == [other.pk]


class TestDocuments:
    def test_a_checked_file_is_stored_with_its_real_type_and_a_safe_name(
        self, provider, administrator
    ):
        document = services.organisation_document_add(
            organisation=provider,
            actor=administrator,
            title="Annual accounts 2024",
            kind="accounts",
            file=samples.upload("../../Accounts 2024.PDF", samples.PDF_BYTES, "text/html"),
            is_public=True,
        )
        assert document.content_type == "application/pdf"
        assert document.size_bytes == len(samples.PDF_BYTES)
        assert document.uploaded_by == administrator
        assert document.file.name.startswith(f"organisations/{provider.pk}/")
        assert document.file.name.endswith("-accounts-2024.pdf") and ".." not in document.file.name
        with document.file.open("rb") as stored:
            assert stored.read() == samples.PDF_BYTES
        entry = AuditEntry.objects.get(model="organisations.organisationdocument", action="create")
        assert entry.actor_id == administrator.pk and entry.reason == "Added a document"

    def test_a_disguised_file_is_refused_on_the_file_field_and_nothing_is_stored(
        self, provider, administrator
    ):
        with pytest.raises(ValidationError) as error:
            services.organisation_document_add(
                organisation=provider,
                actor=administrator,
                title="Accounts",
                kind="accounts",
                file=samples.upload("accounts.pdf", samples.EXE_BYTES, "application/pdf"),
                is_public=True,
            )
        assert error.value.message_dict["file"] == [
            "The file must be a PDF, Word, Excel, OpenDocument, CSV, text, PNG or JPEG file"
        ]
        assert not OrganisationDocument.objects.exists()

    def test_removing_a_document_deletes_its_file_once_committed(
        self, provider, administrator, django_capture_on_commit_callbacks
    ):
        document = services.organisation_document_add(
            organisation=provider,
            actor=administrator,
            title="Policy",
            kind="policy",
            file=samples.upload("policy.txt", samples.TEXT_BYTES),
            is_public=False,
        )
        storage, name = document.file.storage, document.file.name
        with django_capture_on_commit_callbacks(execute=True):
            services.organisation_document_remove(
                document=document, actor=administrator, reason="Out of date"
            )
        assert not OrganisationDocument.objects.exists()
        assert not storage.exists(name)
        entry = AuditEntry.objects.get(model="organisations.organisationdocument", action="delete")
        assert entry.actor_id == administrator.pk and entry.reason == "Out of date"
