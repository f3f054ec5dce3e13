"""The register's search and filters, and the summary by ward and theme: open to everyone."""

import pytest
from django.urls import reverse

from commonweal.needs import services
from commonweal.needs.forms import RegisterFilterForm
from commonweal.needs.tests.conftest import raise_need, term

pytestmark = pytest.mark.django_db
LIST = reverse("needs:list")
SUMMARY = reverse("needs:summary")


@pytest.fixture
def needs(raiser, ward, borough, other_borough, place_staff):
    southbank = type(ward).objects.create(
        name="Southbank", slug="southbank", kind="ward", parent=borough
    )
    quay = type(ward).objects.create(
        name="The Quay", slug="the-quay", kind="neighbourhood", parent=ward
    )
    made = {
        "lonely": raise_need(
            raiser,
            ward,
            title="Lonely older people",
            themes=[
                term("outcome_area", "mental-health-and-wellbeing"),
                term("beneficiary_group", "older-people"),
            ],
        ),
        "rough": raise_need(
            raiser,
            quay,
            title="Rough sleeping by the quay",
            themes=[
                term("outcome_area", "housing-and-local-facilities"),
                term("beneficiary_group", "people-who-are-homeless"),
            ],
        ),
        "drugs": raise_need(
            raiser,
            southbank,
            title="Drug litter in the park",
            themes=[
                term("outcome_area", "physical-health"),
                term("beneficiary_group", "people-who-misuse-substances"),
            ],
        ),
        "hillside": raise_need(
            raiser,
            other_borough,
            title="Hillside bus cut",
            themes=[term("outcome_area", "citizenship-and-community")],
        ),
    }
    services.need_status_set(
        need=made["drugs"], status="under_review", reason="Looking at it", actor=place_staff
    )
    return made


@pytest.mark.parametrize("who", ["anonymous", "stranger"])
def test_everyone_can_read_the_register_and_the_summary(client, sign_in, request, needs, who):
    viewer = client if who == "anonymous" else sign_in(request.getfixturevalue(who))
    assert "Lonely older people" in viewer.get(LIST).content.decode()
    assert viewer.get(SUMMARY).status_code == 200


def titles(client, **params):
    content = client.get(LIST, params).content.decode()
    return {
        title
        for title in (
            "Lonely older people",
            "Rough sleeping by the quay",
            "Drug litter in the park",
            "Hillside bus cut",
        )
        if title in content
    }


def test_search_looks_in_the_title_and_problem(client, needs):
    assert titles(client, q="quay") == {"Rough sleeping by the quay"}
    assert titles(client, q="a problem") == {
        "Lonely older people",
        "Rough sleeping by the quay",
        "Drug litter in the park",
        "Hillside bus cut",
    }


def test_filter_by_theme_and_group(client, needs):
    assert titles(client, theme="housing-and-local-facilities") == {"Rough sleeping by the quay"}
    assert titles(client, group="older-people") == {"Lonely older people"}


def test_filter_by_place_includes_the_places_inside_it(client, needs):
    assert titles(client, place="northbank") == {
        "Lonely older people",
        "Rough sleeping by the quay",
    }
    assert titles(client, place="riverside-borough") == {
        "Lonely older people",
        "Rough sleeping by the quay",
        "Drug litter in the park",
    }


def test_filter_by_status(client, needs):
    assert titles(client, status="under_review") == {"Drug litter in the park"}


def test_merged_needs_are_left_out_unless_asked_for(client, needs, place_staff):
    services.need_merge(
        source=needs["hillside"], target=needs["lonely"], actor=place_staff, reason="Duplicate"
    )
    assert "Hillside bus cut" not in titles(client)
    assert titles(client, status="merged") == {"Hillside bus cut"}


def test_a_bad_filter_is_explained_and_ignored(client, needs):
    response = client.get(LIST, {"theme": "no-such-theme"})
    content = response.content.decode()
    assert response.status_code == 200 and "Choose theme from the list" in content
    assert "Hillside bus cut" in content


def test_the_filters_chosen_are_found_once_among_the_choices(needs, django_assert_num_queries):
    """The page asks what to search for three times (the list, "Clear filters", the count's
    words): worked out once, from the choices the form has already read."""
    form = RegisterFilterForm(
        {"theme": "housing-and-local-facilities", "group": "older-people", "place": "northbank"}
    )
    with django_assert_num_queries(0):
        found = form.search_arguments()
        assert form.is_filtered and form.search_arguments() is found
    assert (found["theme"].slug, found["group"].slug) == (
        "housing-and-local-facilities",
        "older-people",
    )
    assert found["place"].name == "Northbank"
    unfiltered = RegisterFilterForm({"theme": "no-such-theme"}).search_arguments()
    assert unfiltered["theme"] is None and unfiltered["place"] is None


def test_the_register_is_paginated(client, raiser, ward):
    for number in range(25):
        raise_need(raiser, ward, title=f"Need number {number:02d}")
    first = client.get(LIST).content.decode()
    assert "25 needs" in first and "Need number 24" in first and "Need number 00" not in first
    second = client.get(LIST, {"page": 2}).content.decode()
    assert "Need number 00" in second


def test_the_summary_counts_needs_by_ward_with_neighbourhoods_in_their_ward(client, needs):
    content = client.get(SUMMARY).content.decode()
    assert 'aria-hidden="true"' in content and "<svg" in content
    assert "<caption" in content
    table = content[content.index("Needs by ward</caption>") :]
    table = table[: table.index("</table>")]
    assert (
        'Northbank</a></th>\n          <td class="govuk-table__cell govuk-table__cell--numeric">2</td>'
        in table
    )
    assert (
        'Southbank</a></th>\n          <td class="govuk-table__cell govuk-table__cell--numeric">1</td>'
        in table
    )
    assert "Hillside Borough (whole area)" in table


def test_the_summary_counts_needs_by_theme(client, needs):
    from commonweal.needs import selectors

    by_theme = {row.label: row.count for row in selectors.needs_by_theme()}
    assert by_theme == {
        "Mental health and wellbeing": 1,
        "Housing and local facilities": 1,
        "Physical health": 1,
        "Citizenship and community": 1,
    }
    content = client.get(SUMMARY).content.decode()
    assert "Needs by theme</caption>" in content and "?theme=physical-health" in content


def test_the_summary_with_no_needs_says_so(client, db):
    assert "No needs have been raised yet." in client.get(SUMMARY).content.decode()


def test_the_count_of_needs_found_agrees_with_its_verb(client, needs):
    one = client.get(LIST, {"q": "quay"}).content.decode()
    assert '1 need <span class="govuk-body">matches your search and filters</span>' in one
    several = client.get(LIST, {"q": "a problem"}).content.decode()
    assert '4 needs <span class="govuk-body">match your search and filters</span>' in several
