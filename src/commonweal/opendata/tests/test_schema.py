"""Checking data against the OCDS 1.1.5 schema, read from disk: each problem named by its path, in
words; formats really checked; the package schemas' reference to the release schema resolved
without a network; and a clear word when the schema is not installed."""

import pytest
from django.test import override_settings

from commonweal.opendata import schema
from commonweal.opendata.schema import Problem, validate_release, validate_release_package

pytestmark = pytest.mark.usefixtures("ocds_schema")


def paths(problems: list[Problem]) -> list[str]:
    return [problem.path for problem in problems]


def test_a_hand_written_planning_release_is_valid(planning_release):
    assert validate_release(planning_release) == []


def test_a_missing_ocid_is_named(planning_release):
    del planning_release["ocid"]
    assert validate_release(planning_release) == [
        Problem("ocid", "This is required, and it is missing.")
    ]


@pytest.mark.parametrize("date", ["31/01/2027", "2027-01-31", "2027-01-31T09:30:00", "soon"])
def test_a_date_that_is_not_an_rfc_3339_date_and_time_is_refused(planning_release, date):
    planning_release["date"] = date
    [problem] = validate_release(planning_release)
    assert problem.path == "date"
    assert "is not a date and time with its time zone" in problem.message


def test_an_amount_given_as_text_is_refused(planning_release):
    planning_release["planning"]["budget"]["amount"]["amount"] = "1250000.50"
    assert validate_release(planning_release) == [
        Problem("planning/budget/amount/amount", '"1250000.50" is not a number or null.')
    ]


def test_a_tag_the_standard_does_not_have_is_refused(planning_release):
    planning_release["tag"] = ["planning", "pipeline"]
    [problem] = validate_release(planning_release)
    assert problem.path == "tag/1"
    assert problem.message.startswith('"pipeline" is not one of the values allowed: planning,')


def test_an_address_that_is_not_a_uri_is_refused(planning_release):
    planning_release["parties"][0]["identifier"]["uri"] = "riverside council website"
    [problem] = validate_release(planning_release)
    assert problem.path == "parties/0/identifier/uri"
    assert "is not a full web address" in problem.message


def test_every_problem_is_listed_in_the_order_of_its_path(planning_release):
    del planning_release["initiationType"]
    planning_release["date"] = "tomorrow"
    planning_release["planning"]["budget"]["amount"]["currency"] = "pounds"
    assert paths(validate_release(planning_release)) == [
        "date",
        "initiationType",
        "planning/budget/amount/currency",
    ]


def test_a_release_package_reads_the_release_schema_from_disk(planning_release):
    """The package schema names the release schema by its web address: the registry finds it in
    the folder (with no network, a release inside is still checked)."""
    del planning_release["ocid"]
    package = {
        "uri": "https://riverside.example/ocds/releases.json",
        "publishedDate": "2027-02-01T00:00:00Z",
        "publisher": {"name": "Riverside Council"},
        "version": "1.1",
        "releases": [planning_release],
    }
    assert paths(validate_release_package(package)) == ["releases/0/ocid"]


def test_without_the_schema_nothing_is_checked_and_the_message_says_how_to_install_it(
    tmp_path, planning_release
):
    with (
        override_settings(OCDS_SCHEMA_DIR=str(tmp_path)),
        pytest.raises(schema.SchemaUnavailable) as refused,
    ):
        validate_release(planning_release)
    assert "release-schema.json is not in" in str(refused.value)
    assert "make ocds-schema" in str(refused.value)
    assert "OCDS_SCHEMA_DIR" in str(refused.value)


def test_with_no_folder_set_the_message_says_how_to_install_it(planning_release):
    with (
        override_settings(OCDS_SCHEMA_DIR=None),
        pytest.raises(schema.SchemaUnavailable, match="make ocds-schema"),
    ):
        validate_release(planning_release)
