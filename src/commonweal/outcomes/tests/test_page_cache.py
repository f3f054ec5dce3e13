"""A framework's public content and exports are kept in the pages cache (core/pagecache.py): every
change shows at once, nobody sees another person's tools, and languages never mix."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from commonweal.needs import services as needs_services
from commonweal.needs.models import Need
from commonweal.outcomes import services
from commonweal.testing.catalogues import use_catalogue

pytestmark = pytest.mark.django_db


def export_url(version, file_format: str) -> str:
    return reverse(
        f"outcomes:export-{file_format}",
        kwargs={"slug": version.framework.slug, "number": version.number},
    )


def page(client, framework) -> str:
    response = client.get(framework.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_a_second_view_does_not_read_the_content_again(client, framework):
    with CaptureQueriesContext(connection) as first:
        page(client, framework)
    with CaptureQueriesContext(connection) as second:
        again = page(client, framework)
    assert "People keep their home" in again and "Nowhere safe to sleep" in again
    read_indicators = [q for q in first.captured_queries if "outcomes_indicator" in q["sql"]]
    assert read_indicators
    assert not [q for q in second.captured_queries if "outcomes_indicator" in q["sql"]]


def _link_another_need(framework, manager, place):
    other = Need.objects.create(
        title="No hot meals at weekends", problem="-", population="-", place=place
    )
    outcome = framework.versions.get(number=1).outcomes.get(code="O1")
    services.outcome_needs_set(outcome=outcome, actor=manager, needs=[*outcome.needs.all(), other])
    return "No hot meals at weekends"


def _retitle_the_need(framework, manager, place):
    need = Need.objects.get(title="Nowhere safe to sleep")
    needs_services.need_update(need=need, actor=manager, title="Nowhere dry to sleep")
    return "Nowhere dry to sleep"


def _back_office_retitles_the_need(framework, manager, place):
    need = Need.objects.get(title="Nowhere safe to sleep")
    need.title = "Nowhere warm to sleep"  # as the back office's form saves it
    need.save()
    return "Nowhere warm to sleep"


def _publish_a_new_version(framework, manager, place):
    draft = services.framework_version_create(
        framework=framework, actor=manager, change_note="Second version"
    )
    services.outcome_area_save(version=draft, actor=manager, code="A3", name="Getting to work")
    services.framework_version_publish(version=draft, actor=manager, change_note="Work added")
    return "Getting to work"


def _import_needs_in_bulk(framework, manager, place):
    """A bulk import sends no signals: the service bumps the stamp itself."""
    outcome = framework.versions.get(number=1).outcomes.get(code="O1")
    needs_services.needs_import(
        place=place,
        needs=[
            needs_services.NeedImport(
                place=place,
                title="Imported: no bus after nine",
                problem="-",
                population="-",
                raised_by=manager,
                raised_at=timezone.now(),
                outcomes=[outcome.pk],
            )
        ],
        reason="An import",
    )
    return "Imported: no bus after nine"


@pytest.mark.parametrize(
    "change",
    [
        _link_another_need,
        _retitle_the_need,
        _back_office_retitles_the_need,
        _publish_a_new_version,
        _import_needs_in_bulk,
    ],
)
def test_a_change_shows_at_once(client, framework, manager, place, change):
    before = page(client, framework)
    shown = change(framework, manager, place)
    assert shown not in before
    assert shown in page(client, framework)


def test_visitors_never_see_the_managers_tools_whichever_view_comes_first(
    client, sign_in, framework, draft, manager
):
    from django.test import Client

    visitor = Client()
    managers_page = page(sign_in(manager), framework)
    assert "Manage this framework" in managers_page
    assert "Manage this framework" not in page(visitor, framework)
    # The other way round: a fresh cache, the visitor first.
    from django.core.cache import caches

    caches["pages"].clear()
    assert "Manage this framework" not in page(visitor, framework)
    managers_page = page(client, framework)
    assert "Carry on editing the draft (version 2)" in managers_page
    assert "People keep their home" in managers_page


def test_languages_do_not_mix(client, framework, settings, tmp_path):
    settings.LANGUAGES = [("en-gb", "English"), ("cy", "Cymraeg")]
    use_catalogue(
        settings, tmp_path, "cy", {"Needs it addresses:": "Anghenion y mae’n eu diwallu:"}
    )
    english = page(client, framework)
    welsh = client.get(framework.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="cy").content.decode()
    with translation.override("en-gb"):
        english_again = page(client, framework)
    assert "Needs it addresses:" in english and "Anghenion" not in english
    assert "Anghenion y mae’n eu diwallu:" in welsh and "Needs it addresses:" not in welsh
    assert english_again == english


class TestExports:
    def test_the_json_file_names_the_framework_and_its_owner_as_they_are_now(
        self, client, framework, published, council
    ):
        first = json.loads(client.get(export_url(published, "json")).content)
        assert first["framework"]["looked_after_by"] == "Riverside Council"
        council.name = "Riverside Borough Council"
        council.save()
        framework.name = "Riverside common outcomes"
        framework.save()
        document = json.loads(client.get(export_url(published, "json")).content)
        assert document["framework"]["looked_after_by"] == "Riverside Borough Council"
        assert document["framework"]["name"] == "Riverside common outcomes"

    def test_a_place_renamed_shows_in_the_json_file(self, client, framework, published, place):
        client.get(export_url(published, "json"))
        place.name = "Riverside and Wharf"
        place.save()
        document = json.loads(client.get(export_url(published, "json")).content)
        assert document["framework"]["place"] == "Riverside and Wharf"

    def test_a_draft_file_always_shows_the_draft_as_it_is(self, sign_in, draft, manager):
        client = sign_in(manager)
        assert "Homes" not in client.get(export_url(draft, "csv")).content.decode()
        area = draft.areas.get(code="A1")
        services.outcome_area_save(version=draft, actor=manager, area=area, code="A1", name="Homes")
        assert "Homes" in client.get(export_url(draft, "csv")).content.decode()

    def test_a_draft_file_is_never_served_to_others_from_the_cache(
        self, sign_in, client, draft, manager
    ):
        sign_in(manager).get(export_url(draft, "csv"))
        from django.test import Client

        assert Client().get(export_url(draft, "csv")).status_code == 403


def test_the_version_page_keeps_the_managers_links_to_them_and_shows_changes_at_once(
    sign_in, framework, published, manager, place
):
    from django.test import Client

    url = reverse("outcomes:version", kwargs={"slug": framework.slug, "number": 1})
    visitor = Client()
    managers_page = sign_in(manager).get(url).content.decode()
    assert "Change needs" in managers_page  # the latest version: they may link needs
    visitors_page = visitor.get(url).content.decode()
    assert "Change needs" not in visitors_page and "Nowhere safe to sleep" in visitors_page
    assert "This is the first version." in visitors_page
    shown = _link_another_need(framework, manager, place)
    assert shown in visitor.get(url).content.decode()
    assert "Change needs" not in visitor.get(url).content.decode()
    assert "Change needs" in sign_in(manager).get(url).content.decode()


class TestApi:
    """The API's framework is the same for everyone: kept, and built again on any change to it."""

    def framework(self, client, framework) -> dict:
        url = reverse("api:framework-detail", kwargs={"slug": framework.slug})
        response = client.get(url)
        assert response.status_code == 200
        return response.json()

    def test_an_endorsement_and_a_withdrawal_show_at_once(
        self, client, framework, published, charity, vcse_member
    ):
        assert self.framework(client, framework)["version"]["endorsements"] == []
        endorsement = services.endorsement_add(
            version=published, organisation=charity, actor=vcse_member, comment="Yes"
        )
        endorsements = self.framework(client, framework)["version"]["endorsements"]
        assert [e["organisation_name"] for e in endorsements] == ["Riverside Food Bank"]
        services.endorsement_withdraw(endorsement=endorsement, actor=vcse_member)
        assert self.framework(client, framework)["version"]["endorsements"] == []

    def test_a_need_linked_and_an_organisation_renamed_show_at_once(
        self, client, framework, published, manager, place, charity, vcse_member
    ):
        services.endorsement_add(version=published, organisation=charity, actor=vcse_member)
        before = self.framework(client, framework)
        assert before["version"]["endorsements"][0]["organisation_name"] == "Riverside Food Bank"
        _link_another_need(framework, manager, place)
        charity.name = "Riverside Community Food Bank"
        charity.save()
        after = self.framework(client, framework)
        other = Need.objects.get(title="No hot meals at weekends")
        assert other.pk in after["version"]["areas"][0]["outcomes"][0]["needs"]
        assert other.pk not in before["version"]["areas"][0]["outcomes"][0]["needs"]
        endorsement = after["version"]["endorsements"][0]
        assert endorsement["organisation_name"] == "Riverside Community Food Bank"

    def test_a_second_call_does_not_read_the_content_again(self, client, framework):
        self.framework(client, framework)
        with CaptureQueriesContext(connection) as again:
            self.framework(client, framework)
        assert not [q for q in again.captured_queries if "outcomes_indicator" in q["sql"]]
