"""The back office for organisations: searchable, filterable, derived facts read-only, uploads checked."""

import pytest
from django.urls import reverse

from commonweal.organisations.models import Organisation, OrganisationDocument
from commonweal.organisations.tests import samples
from commonweal.testing.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(sign_in):
    return sign_in(UserFactory(is_staff=True, is_superuser=True))


def test_the_list_searches_and_filters(admin_client):
    OrganisationFactory(name="Riverside Food Bank")
    OrganisationFactory(
        name="CareCo",
        legal_form=Organisation.LegalForm.PLC,
        headcount=900,
        annual_turnover=90_000_000,
    )
    url = reverse("admin:organisations_organisation_changelist")
    assert "Riverside Food Bank" in admin_client.get(url, {"q": "food"}).content.decode()
    filtered = admin_client.get(
        url, {"size_band__exact": "large", "is_vcse__exact": "0"}
    ).content.decode()
    assert "CareCo" in filtered and "Riverside Food Bank" not in filtered


def test_derived_facts_cannot_be_typed_in(admin_client):
    organisation = OrganisationFactory(
        legal_form=Organisation.LegalForm.PLC, headcount=900, annual_turnover=90_000_000
    )
    url = reverse("admin:organisations_organisation_change", args=[organisation.pk])
    content = admin_client.get(url).content.decode()
    assert 'name="is_vcse"' not in content and 'name="size_band"' not in content
    data = {
        "name": organisation.name,
        "slug": organisation.slug,
        "org_id": organisation.org_id,
        "legal_form": "plc",
        "headcount": "900",
        "annual_turnover": "90000000",
        "is_vcse": "on",
        "size_band": "micro",
    }
    assert admin_client.post(url, data).status_code == 302
    organisation.refresh_from_db()
    assert organisation.is_vcse is False and organisation.size_band == "large"


def test_document_uploads_in_the_back_office_are_checked(admin_client):
    organisation = OrganisationFactory()
    url = reverse("admin:organisations_organisationdocument_add")
    data = {
        "organisation": organisation.pk,
        "title": "Accounts",
        "kind": "accounts",
        "is_public": "on",
    }
    refused = admin_client.post(
        url, {**data, "file": samples.upload("accounts.pdf", samples.EXE_BYTES)}
    )
    assert refused.status_code == 200
    assert (
        "The file must be a PDF, Word, Excel, OpenDocument, CSV, text, PNG or JPEG file"
        in refused.content.decode()
    )
    assert not OrganisationDocument.objects.exists()
    accepted = admin_client.post(
        url, {**data, "file": samples.upload("../Accounts.pdf", samples.PDF_BYTES)}
    )
    assert accepted.status_code == 302
    document = OrganisationDocument.objects.get()
    assert document.content_type == "application/pdf" and document.size_bytes == len(
        samples.PDF_BYTES
    )
    assert (
        document.file.name.startswith(f"organisations/{organisation.pk}/")
        and ".." not in document.file.name
    )


def test_verifying_a_public_body_in_the_back_office_checks_and_records_it(admin_client):
    from commonweal.core.models import AuditEntry
    from commonweal.organisations.models import PublicBodyVerification
    from commonweal.testing.factories import LocalAuthorityFactory, UnverifiedPublicBodyFactory

    riverside, elsewhere = (
        LocalAuthorityFactory(name="Riverside"),
        LocalAuthorityFactory(name="Elsewhere"),
    )
    body = UnverifiedPublicBodyFactory(name="Riverside Council", places_served=[riverside])
    url = reverse("admin:organisations_publicbodyverification_add")
    data = {
        "organisation": body.pk,
        "place": riverside.pk,
        "evidence_kind": "gss_code",
        "evidence": "E0900",
    }
    refused = admin_client.post(url, data).content.decode()
    assert "Enter a GSS code as a letter" in refused
    refused = admin_client.post(
        url, {**data, "place": elsewhere.pk, "evidence": "E09000022"}
    ).content.decode()
    assert "Riverside Council does not say it serves Elsewhere" in refused
    assert not PublicBodyVerification.objects.exists()
    assert admin_client.post(url, {**data, "evidence": "e09000022"}).status_code == 302
    verification = PublicBodyVerification.objects.get()
    assert verification.evidence == "E09000022" and verification.verified_by.is_superuser
    assert (
        AuditEntry.objects.get(model="organisations.publicbodyverification").reason
        == "Verified in the back office"
    )
    # Revoking: a reason revokes it; it cannot be deleted.
    change = reverse("admin:organisations_publicbodyverification_change", args=[verification.pk])
    assert admin_client.post(change, {"revoked_reason": "Abolished in 2026"}).status_code == 302
    verification.refresh_from_db()
    assert (
        verification.revoked_at is not None and verification.revoked_reason == "Abolished in 2026"
    )
    delete = reverse("admin:organisations_publicbodyverification_delete", args=[verification.pk])
    assert admin_client.get(delete).status_code == 403
