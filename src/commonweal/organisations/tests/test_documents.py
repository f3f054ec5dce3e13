"""Documents: administrators upload and remove them; downloads go through a permission check."""

import pytest
from django.urls import reverse

from commonweal.organisations import services
from commonweal.organisations.models import OrganisationDocument
from commonweal.organisations.tests import samples
from commonweal.testing.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def add_url(provider):
    return reverse("organisations:document-add", kwargs={"slug": provider.slug})


def make_document(
    organisation, actor, *, public: bool, name="accounts.pdf", content=samples.PDF_BYTES
):
    return services.organisation_document_add(
        organisation=organisation,
        actor=actor,
        title="Annual accounts 2024",
        kind="accounts",
        file=samples.upload(name, content),
        is_public=public,
    )


def download_url(document) -> str:
    return reverse(
        "organisations:document-download",
        kwargs={"slug": document.organisation.slug, "document_id": document.pk},
    )


def remove_url(document) -> str:
    return reverse(
        "organisations:document-remove",
        kwargs={"slug": document.organisation.slug, "document_id": document.pk},
    )


def form(name="Accounts 2024.pdf", content=samples.PDF_BYTES, **overrides) -> dict:
    return {
        "title": "Annual accounts 2024",
        "kind": "accounts",
        "is_public": "public",
        "file": samples.upload(name, content),
        **overrides,
    }


class TestUpload:
    def test_anonymous_people_are_asked_to_sign_in(self, client, add_url):
        assert client.get(add_url).status_code == 302
        assert client.post(add_url, form()).status_code == 302
        assert not OrganisationDocument.objects.exists()

    @pytest.mark.parametrize("who", ["stranger", "member", "commissioner"])
    def test_only_administrators_may_upload(self, sign_in, add_url, request, who):
        client = sign_in(request.getfixturevalue(who))
        assert client.get(add_url).status_code == 403
        assert client.post(add_url, form()).status_code == 403
        assert not OrganisationDocument.objects.exists()

    @pytest.mark.parametrize("who", ["administrator", "back_office"])
    def test_administrators_and_the_back_office_upload(
        self, sign_in, provider, add_url, request, who
    ):
        client = sign_in(request.getfixturevalue(who))
        assert "Upload a file" in client.get(add_url).content.decode()
        response = client.post(add_url, form())
        assert (
            response.status_code == 302
            and response.url == provider.get_absolute_url() + "#documents"
        )
        document = OrganisationDocument.objects.get()
        assert document.is_public and document.content_type == "application/pdf"
        assert (
            "Annual accounts 2024 has been added"
            in client.get(provider.get_absolute_url()).content.decode()
        )

    @pytest.mark.parametrize(
        ("overrides", "message"),
        [
            (
                {"file": samples.upload("accounts.pdf", samples.EXE_BYTES)},
                "The file must be a PDF, Word, Excel, OpenDocument, CSV, text, PNG or JPEG file",
            ),
            ({"file": samples.upload("accounts.pdf", b"")}, "The selected file is empty"),
            ({"file": ""}, "Select a file"),
            ({"title": ""}, "Enter a title for the document"),
            ({"kind": ""}, "Select what kind of document it is"),
            ({"is_public": ""}, "Select who can see the document"),
        ],
    )
    def test_problems_are_explained_and_nothing_is_stored(
        self, sign_in, administrator, add_url, overrides, message
    ):
        response = sign_in(administrator).post(add_url, form(**overrides))
        content = response.content.decode()
        assert (
            response.status_code == 200 and "There is a problem" in content and message in content
        )
        assert not OrganisationDocument.objects.exists()

    def test_a_file_over_the_limit_is_refused(self, sign_in, administrator, add_url, settings):
        settings.UPLOAD_MAX_BYTES = 1024 * 1024
        too_big = samples.PDF_BYTES + b"0" * (1024 * 1024)
        content = sign_in(administrator).post(add_url, form(content=too_big)).content.decode()
        assert "The file must be smaller than 1 MB" in content
        assert not OrganisationDocument.objects.exists()


class TestDownload:
    def test_anyone_can_download_a_public_document_as_an_attachment(
        self, client, provider, administrator
    ):
        document = make_document(provider, administrator, public=True)
        response = client.get(download_url(document))
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"] == 'attachment; filename="annual-accounts-2024.pdf"'
        assert b"".join(response.streaming_content) == samples.PDF_BYTES

    def test_the_stored_type_is_sent_whatever_the_browser_claimed(
        self, client, provider, administrator
    ):
        document = make_document(
            provider, administrator, public=True, name="figures.csv", content=samples.CSV_BYTES
        )
        response = client.get(download_url(document))
        assert response["Content-Type"] == "text/csv"
        assert response["X-Content-Type-Options"] == "nosniff"

    def test_anonymous_people_are_asked_to_sign_in_for_a_private_document(
        self, client, provider, administrator
    ):
        document = make_document(provider, administrator, public=False)
        response = client.get(download_url(document))
        assert response.status_code == 302 and response.url.startswith(reverse("accounts:sign-in"))

    def test_a_stranger_cannot_download_a_private_document(
        self, sign_in, provider, administrator, stranger
    ):
        document = make_document(provider, administrator, public=False)
        response = sign_in(stranger).get(download_url(document))
        assert response.status_code == 403
        assert "Annual accounts" not in response.content.decode()

    @pytest.mark.parametrize("who", ["member", "commissioner", "back_office", "administrator"])
    def test_those_who_may_see_private_details_can_download_it(
        self, sign_in, provider, administrator, request, who
    ):
        document = make_document(provider, administrator, public=False)
        response = sign_in(request.getfixturevalue(who)).get(download_url(document))
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == samples.PDF_BYTES
        assert "no-store" in response["Cache-Control"]

    def test_a_document_is_only_found_under_its_own_organisation(
        self, client, provider, administrator
    ):
        document = make_document(provider, administrator, public=True)
        other = OrganisationFactory()
        url = reverse(
            "organisations:document-download",
            kwargs={"slug": other.slug, "document_id": document.pk},
        )
        assert client.get(url).status_code == 404
        assert (
            client.get(
                reverse(
                    "organisations:document-download",
                    kwargs={"slug": provider.slug, "document_id": 999999},
                )
            ).status_code
            == 404
        )

    def test_a_private_document_is_not_listed_for_strangers(self, client, provider, administrator):
        make_document(provider, administrator, public=False)
        assert (
            "Annual accounts 2024" not in client.get(provider.get_absolute_url()).content.decode()
        )


class TestRemove:
    @pytest.mark.parametrize("who", ["stranger", "member", "commissioner"])
    def test_only_administrators_may_remove(self, sign_in, provider, administrator, request, who):
        document = make_document(provider, administrator, public=True)
        client = sign_in(request.getfixturevalue(who))
        assert client.get(remove_url(document)).status_code == 403
        assert client.post(remove_url(document)).status_code == 403
        assert OrganisationDocument.objects.filter(pk=document.pk).exists()

    def test_anonymous_people_cannot_remove(self, client, provider, administrator):
        document = make_document(provider, administrator, public=True)
        assert client.post(remove_url(document)).status_code == 302
        assert OrganisationDocument.objects.filter(pk=document.pk).exists()

    def test_an_administrator_confirms_then_removes(
        self, sign_in, provider, administrator, django_capture_on_commit_callbacks
    ):
        document = make_document(provider, administrator, public=True)
        storage, name = document.file.storage, document.file.name
        client = sign_in(administrator)
        assert "Remove Annual accounts 2024?" in client.get(remove_url(document)).content.decode()
        assert OrganisationDocument.objects.filter(pk=document.pk).exists()
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(remove_url(document))
        assert response.status_code == 302
        assert not OrganisationDocument.objects.exists()
        assert not storage.exists(name)
        assert client.get(download_url(document)).status_code == 404
