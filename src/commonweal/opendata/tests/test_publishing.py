"""Publishing a release: a valid one is stored as published and recorded in the audit trail; one
that breaks the schema, or reuses an id, is refused with each problem named and nothing stored."""

import datetime
import json
from decimal import Decimal

import pytest
from django.test import override_settings

from commonweal.core import audit
from commonweal.opendata import services
from commonweal.opendata.models import Release
from commonweal.opendata.services import ReleaseInvalid, SchemaUnavailable, release_publish
from commonweal.opendata.tests import samples
from commonweal.testing.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("ocds_schema")]


@pytest.fixture
def publisher_person():
    return UserFactory(full_name="Chris Commissioner")


def refused(data: dict, actor) -> list[str]:
    with pytest.raises(ReleaseInvalid) as refusal:
        release_publish(data=data, actor=actor)
    assert not Release.objects.exists()
    return [problem.path for problem in refusal.value.problems]


def test_a_valid_planning_release_is_stored_as_published(planning_release, publisher_person):
    release = release_publish(data=planning_release, actor=publisher_person)

    release.refresh_from_db()
    assert release.ocid == "ocds-commonweal-local-plan-7"
    assert release.release_id == "ocds-commonweal-local-plan-7-1"
    assert release.date == datetime.datetime(2027, 1, 31, 9, 30, tzinfo=datetime.UTC)
    assert release.tags == ["planning"]
    assert release.published_by == publisher_person
    assert release.data["tender"] == {
        "id": "plan-7-tender",
        "title": "Homelessness and substance misuse alliance",
        "status": "planning",
    }
    # The budget, given as a Decimal, is published as a JSON number of the same amount.
    amount = release.data["planning"]["budget"]["amount"]["amount"]
    assert Decimal(str(amount)) == Decimal("1250000.50")


def test_publishing_is_recorded_in_the_audit_trail(planning_release, publisher_person):
    release = release_publish(data=planning_release, actor=publisher_person)
    [entry] = audit.history_for(release)
    assert entry.action == "create"
    assert entry.actor == publisher_person
    assert entry.reason == "Published an OCDS release"


def test_a_release_without_an_ocid_is_refused_and_nothing_stored(
    planning_release, publisher_person
):
    del planning_release["ocid"]
    assert refused(planning_release, publisher_person) == ["ocid"]


def test_a_release_with_a_bad_date_is_refused(planning_release, publisher_person):
    planning_release["date"] = "31 January 2027"
    assert refused(planning_release, publisher_person) == ["date"]


def test_an_amount_given_as_text_is_refused(planning_release, publisher_person):
    planning_release["planning"]["budget"]["amount"]["amount"] = "1,250,000"
    assert refused(planning_release, publisher_person) == ["planning/budget/amount/amount"]


def test_an_unknown_tag_is_refused(planning_release, publisher_person):
    planning_release["tag"] = ["pipeline"]
    assert refused(planning_release, publisher_person) == ["tag/0"]


def test_a_tag_only_a_compiled_release_has_is_refused(planning_release, publisher_person):
    planning_release["tag"] = ["planning", "compiled"]
    assert refused(planning_release, publisher_person) == ["tag"]


def test_a_leap_second_the_schema_allows_but_no_clock_keeps_is_refused(
    planning_release, publisher_person
):
    planning_release["date"] = "2016-12-31T23:59:60Z"
    assert refused(planning_release, publisher_person) == ["date"]


def test_an_empty_ocid_is_refused(planning_release, publisher_person):
    planning_release["ocid"] = " "
    assert refused(planning_release, publisher_person) == ["ocid"]


def test_what_json_cannot_hold_is_refused_by_where_it_is(planning_release, publisher_person):
    planning_release["planning"]["budget"]["period"] = {"startDate": datetime.date(2027, 4, 1)}
    planning_release["planning"]["budget"]["amount"]["amount"] = Decimal("NaN")
    assert refused(planning_release, publisher_person) == [
        "planning/budget/amount/amount",
        "planning/budget/period/startDate",
    ]


def test_a_release_id_is_published_once(planning_release, publisher_person):
    release_publish(data=planning_release, actor=publisher_person)
    again = samples.release(1, date="2027-02-01T00:00:00Z")
    with pytest.raises(ReleaseInvalid) as refusal:
        release_publish(data=again, actor=publisher_person)
    [problem] = refusal.value.problems
    assert problem.path == "id"
    assert "already published" in problem.message
    assert Release.objects.count() == 1


def test_without_the_schema_nothing_is_published(tmp_path, planning_release, publisher_person):
    with override_settings(OCDS_SCHEMA_DIR=str(tmp_path)), pytest.raises(SchemaUnavailable):
        release_publish(data=planning_release, actor=publisher_person)
    assert not Release.objects.exists()


def test_a_real_contracts_finder_release_is_published(real_data, publisher_person):
    data = json.loads((real_data / "uk-cf_housing-advice-south-glos_release.json").read_text())
    release = release_publish(data=data, actor=publisher_person)
    assert release.ocid == "ocds-b5fd17-2c3de2dc-adc8-11e6-9901-0019b9f3037b"
    assert release.tags == ["tender"]


# --- the names the publishing apps give --------------------------------------------------------


@override_settings(OCDS_OCID_PREFIX="ocds-213czf")
def test_an_ocid_is_the_prefix_the_kind_and_the_number():
    assert services.ocid_for("plan", 12) == "ocds-213czf-plan-12"


def test_an_ocid_kind_must_be_a_plain_word():
    with pytest.raises(ValueError):
        services.ocid_for("Plan 1", 12)


def test_release_ids_count_a_process_s_releases_from_one(publisher_person):
    ocid = "ocds-commonweal-local-plan-7"
    assert services.release_id_for(ocid) == "ocds-commonweal-local-plan-7-1"
    release_publish(data=samples.release(1), actor=publisher_person)
    release_publish(data=samples.release(1, ocid="ocds-commonweal-local-plan-8"), actor=None)
    assert services.release_id_for(ocid) == "ocds-commonweal-local-plan-7-2"


def test_an_ocds_date_is_utc_to_the_second():
    moment = datetime.datetime(
        2027, 7, 1, 10, 30, 15, 999, tzinfo=datetime.timezone(datetime.timedelta(hours=1))
    )
    assert services.ocds_date(moment) == "2027-07-01T09:30:15Z"


@override_settings(OCDS_PUBLISHER_NAME="Riverside Council")
def test_the_publisher_is_named_by_the_setting():
    assert services.publisher() == {"name": "Riverside Council"}
