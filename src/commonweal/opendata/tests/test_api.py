"""The open data API: releases as published, newest first, by process; one release; a process's
record package. Anyone may read them, signed in or not; an unknown id is the API's JSON 404."""

import pytest
from django.urls import reverse

from commonweal.opendata.schema import validate_record_package
from commonweal.opendata.services import release_publish
from commonweal.opendata.tests import samples
from commonweal.testing.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("ocds_schema")]

PLAN_7 = "ocds-commonweal-local-plan-7"
PLAN_8 = "ocds-commonweal-local-plan-8"


@pytest.fixture
def published():
    release_publish(data=samples.release(1), actor=None)
    release_publish(data=samples.release(1, ocid=PLAN_8, date="2027-01-15T12:00:00Z"), actor=None)
    later = samples.release(2, date="2027-02-07T09:30:00Z", tag=["planningUpdate"])
    later["tender"] = {"id": "plan-7-tender", "title": "Riverside recovery alliance"}
    release_publish(data=later, actor=None)


@pytest.fixture(params=["anonymous", "token"])
def token(request, token_for):
    return token_for(UserFactory()) if request.param == "token" else None


def test_the_releases_newest_first_as_published(api, token, published):
    response = api.get(reverse("api:ocds-release-list"), token=token)
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 3
    assert [release["id"] for release in body["results"]] == [
        f"{PLAN_7}-2",
        f"{PLAN_7}-1",
        f"{PLAN_8}-1",
    ]
    first = body["results"][1]
    assert first["tender"]["title"] == "Homelessness and substance misuse alliance"
    assert first["planning"]["budget"]["amount"] == {"amount": 1250000.5, "currency": "GBP"}


def test_the_releases_of_one_process(api, published):
    response = api.get(reverse("api:ocds-release-list"), {"ocid": PLAN_8})
    assert [release["id"] for release in response.json()["results"]] == [f"{PLAN_8}-1"]


def test_the_list_with_no_release_published_is_empty(api):
    response = api.get(reverse("api:ocds-release-list"))
    assert response.status_code == 200
    assert response.json()["results"] == []


def test_an_ocid_filter_too_long_is_a_400_naming_it(api):
    response = api.get(reverse("api:ocds-release-list"), {"ocid": "x" * 201})
    assert response.status_code == 400
    assert "ocid" in response.json()


def test_one_release(api, token, published):
    url = reverse("api:ocds-release-detail", kwargs={"release_id": f"{PLAN_7}-1"})
    response = api.get(url, token=token)
    assert response.status_code == 200
    assert response.json()["id"] == f"{PLAN_7}-1"
    assert response.json()["tag"] == ["planning"]


def test_an_unknown_release_is_a_json_404(api, published):
    url = reverse("api:ocds-release-detail", kwargs={"release_id": f"{PLAN_7}-9"})
    response = api.get(url)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": f"No release with the id “{PLAN_7}-9” is published."}


def test_a_process_s_record_package(api, token, published):
    response = api.get(reverse("api:ocds-record-detail", kwargs={"ocid": PLAN_7}), token=token)
    assert response.status_code == 200
    package = response.json()
    assert validate_record_package(package) == []
    assert package["uri"] == f"http://testserver/api/ocds/records/{PLAN_7}/"
    [record] = package["records"]
    assert record["ocid"] == PLAN_7
    assert [release["id"] for release in record["releases"]] == [f"{PLAN_7}-1", f"{PLAN_7}-2"]
    assert record["compiledRelease"]["tender"] == {
        "id": "plan-7-tender",
        "title": "Riverside recovery alliance",
        "status": "planning",
    }


def test_an_unknown_process_is_a_json_404(api, published):
    response = api.get(reverse("api:ocds-record-detail", kwargs={"ocid": "ocds-nobody-plan-1"}))
    assert response.status_code == 404
    assert response.json()["detail"].startswith("No release is published for a process")


def test_reading_open_data_needs_no_sign_in_but_a_bad_token_is_refused(api, published):
    response = api.get(reverse("api:ocds-release-list"), token="cw_not-a-real-token")
    assert response.status_code == 401
