"""Evidence: figures, stories with consent, documents; who may add, who sees what."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from commonweal.needs import services
from commonweal.needs.models import Evidence

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def add_url(need, kind):
    return reverse("needs:evidence-add", kwargs={"pk": need.pk, "kind": kind})


FIGURE = {
    "title": "Care leavers sofa surfing",
    "value": "42",
    "unit": "people",
    "source": "Riverside leaving care team",
    "as_of": "2026-03-31",
}


def story(need, actor, *, publication, consent=True, storyteller="Jordan Example"):
    return services.evidence_add(
        need=need,
        actor=actor,
        kind="story",
        title="Jordan's story",
        story="I slept on a bus for a week.",
        storyteller=storyteller,
        consent_given=consent,
        publication=publication,
    )


class TestWhoMayAdd:
    def test_anonymous_people_are_asked_to_sign_in(self, client, need):
        assert client.get(add_url(need, "figure")).status_code == 302
        assert client.post(add_url(need, "figure"), FIGURE).status_code == 302
        assert not Evidence.objects.exists()

    @pytest.mark.parametrize("who", ["stranger", "other_staff"])
    def test_others_may_not(self, sign_in, request, need, who):
        client = sign_in(request.getfixturevalue(who))
        assert client.get(add_url(need, "figure")).status_code == 403
        assert client.post(add_url(need, "figure"), FIGURE).status_code == 403
        assert not Evidence.objects.exists()

    @pytest.mark.parametrize("who", ["raiser", "place_staff", "back_office"])
    def test_the_raiser_and_place_staff_add_a_figure(self, sign_in, request, need, who):
        client = sign_in(request.getfixturevalue(who))
        response = client.post(add_url(need, "figure"), FIGURE)
        assert response.status_code == 302
        figure = Evidence.objects.get()
        assert (figure.kind, str(figure.value), figure.unit, figure.source, str(figure.as_of)) == (
            "figure",
            "42.0000",
            "people",
            "Riverside leaving care team",
            "2026-03-31",
        )
        content = client.get(need.get_absolute_url()).content.decode()
        assert "Care leavers sofa surfing" in content and "42 people" in content

    def test_an_unknown_kind_of_evidence_is_not_found(self, sign_in, raiser, need):
        assert sign_in(raiser).get(add_url(need, "rumour")).status_code == 404


@pytest.mark.parametrize("missing", ["value", "unit", "source", "as_of"])
def test_a_figure_needs_its_value_unit_source_and_date(sign_in, raiser, need, missing):
    response = sign_in(raiser).post(add_url(need, "figure"), {**FIGURE, missing: ""})
    assert response.status_code == 200 and "There is a problem" in response.content.decode()
    assert "Riverside leaving care team" in response.content.decode() or missing == "source"
    assert not Evidence.objects.exists()


def test_a_figure_that_is_not_a_number_is_explained(sign_in, raiser, need):
    response = sign_in(raiser).post(add_url(need, "figure"), {**FIGURE, "value": "lots"})
    assert "Enter the figure as a number, like 240" in response.content.decode()


class TestFiguresThatCannotBeTrue:
    @pytest.mark.parametrize(
        ("sent", "field", "message"),
        [
            (
                {"value": "-5", "unit": "children"},
                "value",
                "Figure must be 0 or more, as it counts children",
            ),
            (
                {"as_of-day": "14", "as_of-month": "10", "as_of-year": "1066"},
                "as_of",
                "Date of the figure must be 1900 or later",
            ),
            (
                {"as_of-day": "1", "as_of-month": "1", "as_of-year": "2099"},
                "as_of",
                "Date of the figure must be today or in the past",
            ),
        ],
    )
    def test_the_form_refuses_them_saying_why_and_keeps_what_was_typed(
        self, sign_in, raiser, need, sent, field, message
    ):
        figure = {
            key: value for key, value in FIGURE.items() if not (field == "as_of" and key == "as_of")
        }
        response = sign_in(raiser).post(add_url(need, "figure"), {**figure, **sent})
        page = response.content.decode()
        assert response.status_code == 200 and "There is a problem" in page
        assert f'href="#id_{field}' in page and message in page
        assert "Riverside leaving care team" in page
        assert not Evidence.objects.exists()

    @pytest.mark.parametrize(
        ("value", "unit"),
        [
            ("-3.5", "%"),
            ("-12", "percentage points"),
            ("-1200", "£"),
            ("-40", "change in households"),
        ],
    )
    def test_a_fall_in_a_percentage_or_money_below_0_is_accepted(
        self, sign_in, raiser, need, value, unit
    ):
        response = sign_in(raiser).post(
            add_url(need, "figure"), {**FIGURE, "value": value, "unit": unit}
        )
        assert response.status_code == 302
        assert Evidence.objects.get().unit == unit

    @pytest.mark.parametrize(
        ("changes", "errors"),
        [
            (
                {"value": Decimal("-5"), "unit": "children"},
                {"value": ["Figure must be 0 or more, as it counts children"]},
            ),
            (
                {"as_of": date(1066, 10, 14)},
                {"as_of": ["Date of the figure must be 1900 or later"]},
            ),
            (
                {"as_of": date(2099, 1, 1)},
                {"as_of": ["Date of the figure must be today or in the past"]},
            ),
        ],
    )
    def test_the_service_refuses_them_too(self, raiser, need, changes, errors):
        figure = {
            "title": "Children waiting",
            "value": Decimal("5"),
            "unit": "children",
            "source": "Council",
            "as_of": date(2026, 1, 1),
            **changes,
        }
        with pytest.raises(ValidationError) as refused:
            services.evidence_add(need=need, actor=raiser, kind="figure", **figure)
        assert refused.value.message_dict == errors
        assert not Evidence.objects.exists()

    def test_an_import_refuses_them(self, raiser, need):
        spec = services.NeedImport(
            place=need.place,
            title="Children waiting for a school place",
            problem="They wait months.",
            population="Children",
            raised_by=raiser,
            raised_at=timezone.now(),
            evidence=[
                Evidence(
                    kind=Evidence.Kind.FIGURE,
                    title="Children waiting",
                    value=Decimal("-5"),
                    unit="children",
                    source="Council",
                    as_of=date(2026, 1, 1),
                    added_at=timezone.now(),
                )
            ],
        )
        with pytest.raises(ValidationError) as refused:
            services.needs_import(place=need.place, needs=[spec], reason="Imported")
        assert refused.value.message_dict == {
            "value": ["Figure must be 0 or more, as it counts children"]
        }
        assert not Evidence.objects.exists()


class TestConsent:
    @pytest.mark.parametrize("publication", ["named", "anonymised"])
    def test_the_form_refuses_to_publish_a_story_without_consent(
        self, sign_in, raiser, need, publication
    ):
        response = sign_in(raiser).post(
            add_url(need, "story"),
            {
                "title": "Jordan's story",
                "story": "I slept on a bus.",
                "storyteller": "Jordan",
                "publication": publication,
            },
        )
        assert (
            "You can only publish a story if the storyteller has given consent"
            in response.content.decode()
        )
        assert not Evidence.objects.exists()

    @pytest.mark.parametrize("publication", ["named", "anonymised"])
    def test_the_service_refuses_it_too(self, raiser, need, publication):
        with pytest.raises(ValidationError) as error:
            story(need, raiser, publication=publication, consent=False)
        assert "You can only publish a story if the storyteller has given consent" in str(
            error.value
        )
        assert not Evidence.objects.exists()

    def test_a_story_without_consent_may_be_kept_unpublished(self, raiser, need):
        kept = story(need, raiser, publication="private", consent=False)
        assert kept.consent_recorded_by is None and kept.consent_recorded_at is None

    def test_who_recorded_consent_and_when_is_kept(self, sign_in, place_staff, need):
        sign_in(place_staff).post(
            add_url(need, "story"),
            {
                "title": "Jordan's story",
                "story": "I slept on a bus.",
                "storyteller": "Jordan",
                "consent_given": "on",
                "publication": "named",
            },
        )
        told = Evidence.objects.get()
        assert (
            told.consent_given
            and told.consent_recorded_by == place_staff
            and told.consent_recorded_at is not None
        )


INSIDERS = ["raiser", "place_staff", "back_office"]
OUTSIDERS = ["anonymous", "stranger", "other_staff"]


def page(who, client, sign_in, request, need):
    viewer = client if who == "anonymous" else sign_in(request.getfixturevalue(who))
    return viewer.get(need.get_absolute_url()).content.decode()


class TestWhoSeesStories:
    @pytest.mark.parametrize("who", INSIDERS + OUTSIDERS)
    def test_a_named_story_shows_the_name_to_everyone(
        self, client, sign_in, request, raiser, need, who
    ):
        story(need, raiser, publication="named")
        content = page(who, client, sign_in, request, need)
        assert "I slept on a bus for a week." in content and "Jordan Example" in content

    @pytest.mark.parametrize("who", OUTSIDERS)
    def test_an_anonymised_story_hides_the_name_from_others(
        self, client, sign_in, request, raiser, need, who
    ):
        story(need, raiser, publication="anonymised")
        content = page(who, client, sign_in, request, need)
        assert "I slept on a bus for a week." in content and "Name withheld" in content
        assert "Jordan Example" not in content

    @pytest.mark.parametrize("who", INSIDERS)
    def test_the_raiser_and_place_staff_see_the_name(
        self, client, sign_in, request, raiser, need, who
    ):
        story(need, raiser, publication="anonymised")
        assert "Jordan Example" in page(who, client, sign_in, request, need)

    @pytest.mark.parametrize("who", OUTSIDERS)
    def test_a_story_not_to_publish_is_not_shown_to_others(
        self, client, sign_in, request, raiser, need, who
    ):
        story(need, raiser, publication="private")
        content = page(who, client, sign_in, request, need)
        assert (
            "I slept on a bus for a week." not in content and "Jordan&#x27;s story" not in content
        )

    @pytest.mark.parametrize("who", INSIDERS)
    def test_a_story_not_to_publish_is_shown_to_the_raiser_and_place_staff(
        self, client, sign_in, request, raiser, need, who
    ):
        story(need, raiser, publication="private")
        assert "I slept on a bus for a week." in page(who, client, sign_in, request, need)


class TestDocuments:
    def add(self, need, actor, name="count.pdf", content=PDF):
        return services.evidence_add(
            need=need,
            actor=actor,
            kind="document",
            title="Rough sleeping count",
            file=SimpleUploadedFile(name, content),
        )

    def test_the_raiser_uploads_a_document_and_anyone_downloads_it(
        self, sign_in, client, raiser, need
    ):
        response = sign_in(raiser).post(
            add_url(need, "document"),
            {
                "title": "Rough sleeping count",
                "file": SimpleUploadedFile("count.pdf", PDF),
            },
        )
        assert response.status_code == 302
        document = Evidence.objects.get()
        client.logout()
        download = client.get(
            reverse("needs:evidence-download", kwargs={"pk": need.pk, "evidence_id": document.pk})
        )
        assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
        assert b"".join(download.streaming_content) == PDF

    def test_a_file_that_is_not_what_it_says_is_refused(self, sign_in, raiser, need):
        response = sign_in(raiser).post(
            add_url(need, "document"),
            {
                "title": "Rough sleeping count",
                "file": SimpleUploadedFile("count.pdf", b"MZ\x90\x00" + bytes(range(256))),
            },
        )
        assert "The file must be a PDF" in response.content.decode()
        assert not Evidence.objects.exists()

    def test_a_download_of_evidence_from_another_need_is_not_found(
        self, client, raiser, need, ward
    ):
        from commonweal.needs.tests.conftest import raise_need

        document = self.add(need, raiser)
        other = raise_need(raiser, ward)
        url = reverse(
            "needs:evidence-download", kwargs={"pk": other.pk, "evidence_id": document.pk}
        )
        assert client.get(url).status_code == 404

    def test_a_figure_has_nothing_to_download(self, client, raiser, need):
        figure = services.evidence_add(
            need=need,
            actor=raiser,
            kind="figure",
            title="A count",
            value=3,
            unit="people",
            source="A survey",
            as_of="2026-01-01",
        )
        url = reverse("needs:evidence-download", kwargs={"pk": need.pk, "evidence_id": figure.pk})
        assert client.get(url).status_code == 404


class TestRemove:
    def url(self, need, evidence):
        return reverse("needs:evidence-remove", kwargs={"pk": need.pk, "evidence_id": evidence.pk})

    @pytest.mark.parametrize("who", ["stranger", "other_staff"])
    def test_others_may_not_remove(self, sign_in, request, raiser, need, who):
        evidence = story(need, raiser, publication="named")
        client = sign_in(request.getfixturevalue(who))
        assert client.get(self.url(need, evidence)).status_code == 403
        assert client.post(self.url(need, evidence)).status_code == 403
        assert Evidence.objects.exists()

    def test_anonymous_people_are_asked_to_sign_in(self, client, raiser, need):
        evidence = story(need, raiser, publication="named")
        assert client.post(self.url(need, evidence)).status_code == 302
        assert Evidence.objects.exists()

    @pytest.mark.parametrize("who", ["raiser", "place_staff"])
    def test_the_raiser_and_place_staff_remove(self, sign_in, request, raiser, need, who):
        evidence = story(need, raiser, publication="named")
        client = sign_in(request.getfixturevalue(who))
        assert client.get(self.url(need, evidence)).status_code == 200
        assert client.post(self.url(need, evidence)).status_code == 302
        assert not Evidence.objects.exists()
