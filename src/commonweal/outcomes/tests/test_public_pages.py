"""The public pages: anyone reads published versions; drafts only those who look after the framework."""

import csv
import io
import json

import pytest
from django.urls import reverse

from commonweal.outcomes.models import Framework
from commonweal.testing.factories import LocalAuthorityFactory

pytestmark = pytest.mark.django_db


def version_url(version) -> str:
    return reverse(
        "outcomes:version", kwargs={"slug": version.framework.slug, "number": version.number}
    )


def export_url(version, file_format: str) -> str:
    return reverse(
        f"outcomes:export-{file_format}",
        kwargs={"slug": version.framework.slug, "number": version.number},
    )


class TestList:
    def test_frameworks_are_listed_by_place_for_anyone(self, client, framework):
        page = client.get(reverse("outcomes:list")).content.decode()
        assert (
            "Riverside outcomes framework" in page
            and '<h2 class="govuk-heading-m">Riverside</h2>' in page
        )

    def test_frameworks_come_25_a_page_by_place_each_page_heading_its_places(
        self, client, place, council
    ):
        elsewhere = LocalAuthorityFactory(name="Zedborough")
        for number in range(20):
            Framework.objects.create(
                place=place, name=f"Riverside {number:02}", slug=f"r-{number}", owner=council
            )
        for number in range(10):
            Framework.objects.create(
                place=elsewhere, name=f"Zed {number:02}", slug=f"z-{number}", owner=council
            )
        first = client.get(reverse("outcomes:list")).content.decode()
        second = client.get(reverse("outcomes:list"), {"page": 2}).content.decode()
        assert "30 outcomes frameworks, by place." in first
        assert "Riverside 19" in first and "Zed 04" in first and "Zed 05" not in first
        assert first.index(">Riverside</h2>") < first.index(">Zedborough</h2>")
        assert "Zed 05" in second and "Zed 09" in second and "Riverside" not in second
        assert ">Zedborough</h2>" in second  # the place is named again on the page it goes on
        assert 'class="govuk-pagination"' in first and 'href="?page=2"' in first


class TestFrameworkPage:
    def test_anyone_reads_the_latest_published_version_with_every_field(
        self, client, framework, need
    ):
        response = client.get(framework.get_absolute_url())
        page = response.content.decode()
        assert response.status_code == 200
        for text in (
            "Housing",
            "People keep their home",
            "People sleeping rough on a single night",
            "The autumn count.",
            "Lower is better",
            "42 people",
            "1 November 2025",
            "10 people",
            "31 March 2028",
            "Council street count",
            "Yearly",
            "Checked by outreach teams",
            "Age, Ward",
            "Nowhere safe to sleep",
            "Evictions prevented",
            "Not broken down",
        ):
            assert text in page, text

    def test_a_draft_is_not_shown_to_the_public(self, client, framework, draft, manager):
        from commonweal.outcomes import services

        area = draft.areas.get(code="A1")
        services.outcome_area_save(
            version=draft, actor=manager, area=area, code="A1", name="Secret new name"
        )
        page = client.get(framework.get_absolute_url()).content.decode()
        assert "Secret new name" not in page and "Version 2" not in page

    def test_managers_see_their_draft_and_the_tools(self, sign_in, framework, draft, manager):
        page = sign_in(manager).get(framework.get_absolute_url()).content.decode()
        assert "Carry on editing the draft (version 2)" in page

    def test_an_unknown_framework_is_not_found(self, client, db):
        assert client.get(reverse("outcomes:framework", kwargs={"slug": "nope"})).status_code == 404


class TestVersionPage:
    def test_anyone_reads_a_published_version(self, client, published):
        assert client.get(version_url(published)).status_code == 200

    def test_an_unknown_version_is_not_found(self, client, framework):
        assert (
            client.get(
                reverse("outcomes:version", kwargs={"slug": framework.slug, "number": 9})
            ).status_code
            == 404
        )

    @pytest.mark.parametrize("who", ["stranger", "vcse_member", "other_commissioner"])
    def test_a_draft_is_refused_to_people_who_do_not_manage_it(self, sign_in, draft, request, who):
        client = sign_in(request.getfixturevalue(who))
        for url in (version_url(draft), export_url(draft, "csv"), export_url(draft, "json")):
            response = client.get(url)
            assert response.status_code == 403
            assert b"Housing" not in response.content

    def test_anonymous_people_cannot_see_a_draft(self, client, draft):
        assert client.get(version_url(draft)).status_code == 403

    @pytest.mark.parametrize("who", ["manager", "back_office"])
    def test_managers_and_the_back_office_see_a_draft_with_its_difference(
        self, sign_in, draft, manager, request, who
    ):
        from commonweal.outcomes import services

        area = draft.areas.get(code="A1")
        services.outcome_area_save(version=draft, actor=manager, area=area, code="A1", name="Homes")
        page = sign_in(request.getfixturevalue(who)).get(version_url(draft)).content.decode()
        assert "What changed since version 1" in page
        assert "Name</td>" in page and "Housing" in page and "Homes" in page


class TestExport:
    def test_csv_has_a_row_per_indicator_and_rows_for_areas_without_indicators(
        self, client, published
    ):
        response = client.get(export_url(published, "csv"))
        assert response["Content-Type"].startswith("text/csv")
        rows = list(csv.DictReader(io.StringIO(response.content.decode())))
        assert [(row["area_code"], row["outcome_code"], row["indicator_code"]) for row in rows] == [
            ("A1", "O1", "I1"),
            ("A1", "O1", "I2"),
            ("A2", "", ""),
        ]
        assert rows[0]["target_date"] == "2028-03-31" and rows[0]["breakdowns"] == "age;ward"

    def test_json_is_nested(self, client, published):
        document = json.loads(client.get(export_url(published, "json")).content)
        assert (
            document["framework"]["slug"] == "riverside-outcomes"
            and document["version"]["number"] == 1
        )
        indicator = document["areas"][0]["outcomes"][0]["indicators"][0]
        assert indicator["code"] == "I1" and indicator["baseline_value"] == "42"
        assert document["areas"][1] == {
            "code": "A2",
            "name": "Mental health and wellbeing",
            "outcomes": [],
        }
