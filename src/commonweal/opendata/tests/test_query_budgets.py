"""The open data endpoints ask the database as often for 30 releases as for 3: the list of releases,
one release, and a process's record (however many releases it has), for each kind of caller."""

import pytest
from django.urls import reverse

from commonweal.opendata.models import Release
from commonweal.opendata.services import release_publish
from commonweal.opendata.tests import samples
from commonweal.testing.factories import UserFactory
from commonweal.testing.queries import no_growth, queries_for

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("ocds_schema")]

CEILING = 6
OCID = "ocds-commonweal-local-plan-7"


def build(size: int) -> None:
    """``size`` more releases of plan 7 (one a day, or minute), and one each of ``size`` other plans."""
    start = 1 + Release.objects.filter(ocid=OCID).count()
    for number in range(start, start + size):
        date = f"2027-03-{1 + number % 28:02d}T09:{number % 60:02d}:00Z"
        release_publish(data=samples.release(number, date=date), actor=None)
        other = f"ocds-commonweal-local-plan-{1000 + number}"
        release_publish(data=samples.release(1, ocid=other), actor=None)


@pytest.fixture(params=["anonymous", "token"])
def caller(request, client, token_for):
    if request.param == "token":
        client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {token_for(UserFactory())}"
    return client


@pytest.mark.parametrize(
    "name, kwargs, params",
    [
        ("api:ocds-release-list", {}, None),
        ("api:ocds-release-list", {}, {"ocid": OCID}),
        ("api:ocds-release-detail", {"release_id": f"{OCID}-1"}, None),
        ("api:ocds-record-detail", {"ocid": OCID}, None),
    ],
)
def test_an_endpoint_asks_as_often_for_30_as_for_3(caller, name, kwargs, params):
    url = reverse(name, kwargs=kwargs)
    build(3)
    few, _answer = queries_for(caller, url, params)
    build(30)
    many, answer = queries_for(caller, url, params)
    if name == "api:ocds-record-detail":
        assert len(answer.json()["records"][0]["releases"]) == 33  # the record really grew
    no_growth(few, many, ceiling=CEILING, what=name)
