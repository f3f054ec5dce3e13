"""The summary's counts are kept in the pages cache (core/pagecache.py): each change that moves a
count or a name shows at once, nothing personal is kept, and languages never mix."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from commonweal.needs import services
from commonweal.needs.models import Need, Term
from commonweal.needs.tests.conftest import raise_need, term
from commonweal.testing.catalogues import use_catalogue

SUMMARY = reverse("needs:summary")


def counts(client, caption: str = "Needs by ward") -> dict[str, int]:
    """The rows of one of the summary's tables: label → number of needs."""
    content = client.get(SUMMARY).content.decode()
    table = content[content.index(f"{caption}</caption>") :]
    table = table[: table.index("</table>")]
    rows = re.findall(r'">([^<]+)</a></th>\s*<td[^>]*>(\d+)</td>', table)
    return {label: int(number) for label, number in rows}


@pytest.fixture
def two_needs(raiser, ward):
    return (
        raise_need(raiser, ward, title="First", themes=[term("outcome_area", "physical-health")]),
        raise_need(raiser, ward, title="Second", themes=[term("outcome_area", "physical-health")]),
    )


def test_a_second_view_does_not_count_again(client, two_needs):
    with CaptureQueriesContext(connection) as first:
        client.get(SUMMARY)
    with CaptureQueriesContext(connection) as second:
        assert counts(client) == {"Northbank": 2}
    assert any("needs_need" in query["sql"] for query in first.captured_queries)
    assert not any("needs_need" in query["sql"] for query in second.captured_queries)


def test_a_need_raised_is_counted_at_once(client, two_needs, raiser, ward):
    assert counts(client) == {"Northbank": 2}
    raise_need(raiser, ward, title="Third")
    assert counts(client) == {"Northbank": 3}


def test_a_merged_need_stops_counting_at_once(client, two_needs, place_staff):
    assert counts(client) == {"Northbank": 2}
    first, second = two_needs
    services.need_merge(source=first, target=second, actor=place_staff, reason="The same need")
    assert counts(client) == {"Northbank": 1}


def test_a_need_moved_to_another_place_is_counted_there_at_once(client, two_needs, raiser, borough):
    assert counts(client) == {"Northbank": 2}
    services.need_update(need=two_needs[0], actor=raiser, place=borough)
    assert counts(client) == {"Northbank": 1, "Riverside Borough (whole area)": 1}


def test_a_theme_changed_is_counted_at_once(client, two_needs, raiser):
    assert counts(client, "Needs by theme") == {"Physical health": 2}
    services.need_update(
        need=two_needs[0],
        actor=raiser,
        themes=[term("outcome_area", "mental-health-and-wellbeing")],
    )
    assert counts(client, "Needs by theme") == {
        "Physical health": 1,
        "Mental health and wellbeing": 1,
    }


def test_a_ward_or_theme_renamed_in_the_back_office_shows_at_once(client, two_needs, ward):
    assert counts(client) == {"Northbank": 2}
    ward.name = "North Bank"
    ward.save()
    assert counts(client) == {"North Bank": 2}
    theme = Term.objects.get(slug="physical-health")
    theme.name = "Health of the body"
    theme.save()
    assert counts(client, "Needs by theme") == {"Health of the body": 2}


def test_needs_imported_in_bulk_are_counted_at_once(client, two_needs, raiser, ward):
    assert counts(client) == {"Northbank": 2}
    services.needs_import(
        place=ward,
        needs=[
            services.NeedImport(
                place=ward,
                title="Imported",
                problem="A problem.",
                population="Some people",
                raised_by=raiser,
                raised_at=timezone.now(),
            )
        ],
        reason="An import",
    )
    assert counts(client) == {"Northbank": 3}


def test_supports_do_not_build_it_again(client, two_needs, resident):
    """Supports are not on the page: supporting a need leaves the kept counts as they are."""
    client.get(SUMMARY)
    services.need_support(need=two_needs[0], user=resident)
    with CaptureQueriesContext(connection) as again:
        client.get(SUMMARY)
    assert not any("needs_need" in query["sql"] for query in again.captured_queries)
    assert Need.objects.get(pk=two_needs[0].pk).supporter_count == 1


def test_nothing_personal_is_kept(sign_in, two_needs, resident):
    """The signed-in person's page (built first) has their sign-out form with its CSRF token; the
    visitor's, from the kept counts, has neither."""
    signed_in = sign_in(resident).get(SUMMARY).content.decode()
    assert "Sign out" in signed_in and "csrfmiddlewaretoken" in signed_in
    visitor = Client().get(SUMMARY).content.decode()
    assert counts(Client()) == {"Northbank": 2}
    assert "Sign out" not in visitor and "csrfmiddlewaretoken" not in visitor


def test_languages_do_not_mix(client, two_needs, settings, tmp_path):
    settings.LANGUAGES = [("en-gb", "English"), ("cy", "Cymraeg")]
    use_catalogue(settings, tmp_path, "cy", {"Needs by group of people": "Anghenion fesul grŵp"})
    english = client.get(SUMMARY).content.decode()
    welsh = client.get(SUMMARY, HTTP_ACCEPT_LANGUAGE="cy").content.decode()
    assert "Needs by group of people" in english and "Anghenion fesul grŵp" not in english
    assert "Anghenion fesul grŵp" in welsh
    assert client.get(SUMMARY, HTTP_ACCEPT_LANGUAGE="en-gb").content.decode() == english
